// gapmap set PROJECT.gpkg KEY=VALUE …                      settings, merged into the file
// gapmap edit PROJECT.gpkg --village CODE FIELD=VALUE …    one village's attributes
// Each command is one SQLite transaction (io/project_edits.h): exit 0 means every change is on disk;
// any error means none was made.
#include <algorithm>
#include <cstdio>
#include <iterator>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/parse.h"
#include "io/pg_address.h"
#include "io/pg_project.h"
#include "io/project_edits.h"
#include "io/project_file.h"

namespace gapmap::cli {
namespace {

// "KEY=VALUE" → (KEY, VALUE); the value may be empty or hold '='.
std::pair<std::string, std::string> splitPair(const std::string& pair) {
    const size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError(tr("edit.error.bad_pair", {pair}));
    return {pair.substr(0, eq), pair.substr(eq + 1)};
}

int commitAndReport(const std::string& path, const std::vector<FieldEdit>& edits) {
    commitEdits(path, edits);
    std::printf("%s\n", tr("edit.saved", {path, formatLocaleNumber(double(edits.size()))}).c_str());
    return kOk;
}

}  // namespace

int runSet(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {}, {});
    if (args.help) { std::fputs(tr("set.help").c_str(), stdout); return kOk; }
    if (args.positional.size() < 2) throw UsageError(tr("set.error.needs_pairs"));
    std::vector<FieldEdit> edits;
    for (size_t i = 1; i < args.positional.size(); ++i) {
        const auto [key, value] = splitPair(args.positional[i]);
        edits.push_back(settingEdit(key, value));
    }
    return commitAndReport(args.positional[0], edits);
}

int runEdit(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {"--village", "--if-version"}, {});
    if (args.help) { std::fputs(tr("edit.help").c_str(), stdout); return kOk; }
    if (args.values("--village").size() != 1) throw UsageError(tr("edit.error.needs_village"));
    if (args.positional.size() < 2) throw UsageError(tr("edit.error.needs_pairs"));
    const std::string code = args.value("--village");
    std::vector<FieldEdit> edits;
    for (size_t i = 1; i < args.positional.size(); ++i) {
        const auto [field, value] = splitPair(args.positional[i]);
        edits.push_back(villageEdit(code, field, value));
    }
    int rc = kOk;
    if (!args.value("--if-version").empty()) {
        // A server project: save only if the village is still at the row_version the caller read.
        if (!isServerProject(args.positional[0])) throw UsageError(tr("pg.error.if_version_file"));
        const std::optional<long long> version = parseInteger(args.value("--if-version"));
        if (!version || *version < 1) throw UsageError(tr("edit.error.bad_if_version", {args.value("--if-version")}));
        commitServerEdits(parseServerAddress(args.positional[0]), edits, {{code, *version}});
        std::printf("%s\n", tr("edit.saved", {args.positional[0], formatLocaleNumber(double(edits.size()))}).c_str());
    } else {
        rc = commitAndReport(args.positional[0], edits);
    }
    // One village's value does not make a column known for all: a column the villages file lacked
    // stays no data (core/model.h TableLoad::missingColumns) until a villages file with it is imported.
    const TableLoad* load = nullptr;
    Project project;
    for (const FieldEdit& e : edits) {
        if (std::find(std::begin(kOptionalVillageColumns), std::end(kOptionalVillageColumns), e.field) == std::end(kOptionalVillageColumns))
            continue;
        if (!load) {
            project = readProject(args.positional[0]);
            load = project.loadOf(kVillagesTable);
            if (!load) break;
        }
        if (!project.hasData(std::string(kVillagesTable) + "." + e.field))
            std::printf("%s\n", tr("edit.note.column_unknown", {args.positional[0], e.field}).c_str());
    }
    return rc;
}

}  // namespace gapmap::cli
