// gapmap migrate OLD.gpkg --units NEW_UNITS_FILE --out NEW.gpkg [--crosswalk-csv FILE] [--force]
//                [import options for the units file]
// The old project is only read; the new one is written whole (temporary file + rename).
#include <cstdio>
#include <optional>
#include <filesystem>
#include <map>

#include "cli/cli_common.h"
#include "cli/progress_bar.h"
#include "cli/import_options.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/text_format.h"
#include "io/migrate.h"
#include "io/project_file.h"

namespace gapmap::cli {
namespace {

std::string percent(double share) { return formatLocaleNumber(share * 100, 1) + " %"; }

// old_code,old_name,new_code,new_name,share_of_old_area,share_of_new_area (shares 0..1, 4 decimals).
std::string crosswalkCsv(const Project& p) {
    std::map<std::string, std::string> names;
    for (const AdminUnit& u : p.adminUnits) names[u.code] = u.name;
    std::string out = "old_code,old_name,new_code,new_name,share_of_old_area,share_of_new_area\n";
    char shares[64];
    for (const CrosswalkRow& r : p.crosswalk) {
        std::snprintf(shares, sizeof shares, "%.4f,%.4f", r.shareOfOldArea, r.shareOfNewArea);
        out += csvField(r.oldCode) + "," + csvField(r.oldName) + "," + csvField(r.newCode) + "," + csvField(names[r.newCode]) + "," + shares + "\n";
    }
    return out;
}

}  // namespace

int runMigrate(const std::vector<std::string>& argv) {
    std::set<std::string> options = kImportOptionsWithValue;
    options.insert({"--units", "--out", "--crosswalk-csv"});
    std::set<std::string> flags = kImportFlags;
    flags.insert("--force");
    const Args args = parseArgs(argv, options, flags);
    if (args.help) { std::fputs(tr("migrate.help").c_str(), stdout); return kOk; }
    if (args.positional.size() != 1) throw UsageError(tr("migrate.error.needs_old"));
    const std::string oldPath = args.positional[0], unitsFile = args.value("--units"), outPath = args.value("--out");
    if (unitsFile.empty()) throw UsageError(tr("migrate.error.needs_units"));
    if (outPath.empty()) throw UsageError(tr("migrate.error.needs_out"));
    namespace fs = std::filesystem;
    std::error_code ec;
    // Never over the old project, never over another file unless asked.
    if (fs::exists(outPath) && fs::equivalent(oldPath, outPath, ec)) throw UsageError(tr("migrate.error.same_file", {outPath}));
    if (fs::exists(outPath) && !args.has("--force")) throw InputError(tr("migrate.error.out_exists", {outPath}));

    std::optional<TerminalProgress> progress(std::in_place);  // terminals only
    progressSteps(3);
    progressStep(tr("progress.read_project"));
    const Project old = readProject(oldPath);
    progressStep(tr("progress.migrate"));
    const MigrationResult m = migrateProject(old, importRequestFrom(args, "admin_units", unitsFile), oldPath);
    progressStep(tr("progress.write_project"));
    writeProject(m.project, outPath);
    if (!args.value("--crosswalk-csv").empty()) writeOutput(crosswalkCsv(m.project), args.value("--crosswalk-csv"));
    progress.reset();

    std::string out = tr("migrate.summary.title", {oldPath, outPath}) + "\n";
    out += "  " + formatImportResult(m.units);
    for (const MigrationResult::Count& c : m.counts)
        out += "  " + tr("migrate.summary.count", {c.table, formatLocaleNumber(double(c.before)), formatLocaleNumber(double(c.after))}) + "\n";
    out += "  " + tr("migrate.summary.villages", {formatLocaleNumber(double(m.villagesByPoint)), formatLocaleNumber(double(m.villagesByOverlap))}) + "\n";
    out += "  " + tr("migrate.summary.crosswalk", {formatLocaleNumber(double(m.project.crosswalk.size())), formatLocaleNumber(double(m.splits.size()))}) + "\n";
    std::map<std::string, std::string> newNames;
    for (const AdminUnit& u : m.project.adminUnits) newNames[u.code] = u.name;
    for (const MigrationResult::Split& s : m.splits) {
        std::string shares;
        for (const auto& [code, share] : s.shares) shares += (shares.empty() ? "" : ", ") + percent(share) + " → " + newNames[code] + " (" + code + ")";
        out += "    " + tr("migrate.summary.split", {s.oldName, s.oldCode, shares}) + "\n";
    }
    for (const std::string& note : m.notes) out += "  " + tr("import.summary.line.note", {note}) + "\n";
    if (!args.value("--crosswalk-csv").empty()) out += "  " + tr("migrate.summary.csv", {args.value("--crosswalk-csv")}) + "\n";
    std::fputs(out.c_str(), stdout);
    return kOk;
}

}  // namespace gapmap::cli
