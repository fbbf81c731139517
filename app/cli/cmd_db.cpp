// gapmap db grant PG:… ROLE --communes CODE[,CODE…]: limits an editor role to its communes
// (row-level security on the server, io/pg_publish.h grantCommunes). --communes "" lifts the limit.
#include <cstdio>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "io/pg_address.h"
#include "io/pg_publish.h"

namespace gapmap::cli {
namespace {

std::vector<std::string> splitCodes(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const std::string& v : values)
        for (size_t start = 0; start <= v.size();) {
            const size_t comma = std::min(v.find(',', start), v.size());
            std::string code = v.substr(start, comma - start);
            code.erase(0, code.find_first_not_of(' '));
            code.erase(code.find_last_not_of(' ') + 1);
            if (!code.empty()) out.push_back(code);
            start = comma + 1;
        }
    return out;
}

}  // namespace

int runDb(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {"--communes"}, {});
    if (args.help || args.positional.empty()) { std::fputs(tr("db.help").c_str(), args.help ? stdout : stderr); return args.help ? kOk : kUsageError; }
    if (args.positional[0] != "grant") throw UsageError(tr("db.error.unknown", {args.positional[0]}));
    if (args.positional.size() != 3) throw UsageError(tr("db.error.grant_args"));
    if (args.values("--communes").empty()) throw UsageError(tr("db.error.needs_communes"));
    const ServerAddress at = parseServerAddress(args.positional[1]);
    const std::string role = args.positional[2];
    const std::vector<std::string> communes = splitCodes(args.values("--communes"));
    grantCommunes(at, role, communes);
    if (communes.empty()) std::printf("%s\n", tr("db.granted_all", {role, at.schema}).c_str());
    else std::printf("%s\n", tr("db.granted", {role, at.schema, formatLocaleNumber(double(communes.size()))}).c_str());
    return kOk;
}

}  // namespace gapmap::cli
