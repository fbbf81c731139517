// gapmap db grant PG:… ROLE --communes CODE[,CODE…]: limits an editor role to its communes
// (row-level security on the server, io/pg_publish.h grantCommunes). --communes "" lifts the limit.
#include <cstdio>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/parse.h"
#include "io/pg_address.h"
#include "io/pg_publish.h"

namespace gapmap::cli {
namespace {

std::vector<std::string> splitCodes(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const std::string& v : values)
        for (std::string& code : splitList(v)) out.push_back(std::move(code));
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
