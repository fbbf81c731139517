// Command-line plumbing shared by the subcommands: a small option parser and the
// exit-status contract (0 success, 1 user or input error, 2 usage error).
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gapmap {
struct Project;  // core/model.h
}

namespace gapmap::cli {

enum ExitCode { kOk = 0, kInputError = 1, kUsageError = 2 };

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::vector<std::string>> options;  // "--map" may repeat
    std::set<std::string> flags;
    bool help = false;

    bool has(const std::string& flag) const { return flags.count(flag) > 0; }
    std::string value(const std::string& option, const std::string& fallback = "") const;
    std::vector<std::string> values(const std::string& option) const;
};

// Throws UsageError for unknown options or a missing option value.
Args parseArgs(const std::vector<std::string>& argv, const std::set<std::string>& optionsWithValue,
               const std::set<std::string>& flags);

// The language of messages: removes `--lang vi|en` (or `--lang=en`) wherever it stands in argv,
// else takes GAPMAP_LANG ("vi", "en" or a locale name such as vi_VN.UTF-8), else Vietnamese.
// Throws UsageError for another language.
void selectLanguage(std::vector<std::string>& argv);

// Runs a command and turns its failures into one line on stderr and an exit code (ExitCode).
int runReportingFailures(int (*command)(std::vector<std::string>&), std::vector<std::string>& args);

// Writes text to --out FILE, or to stdout. Throws InputError if the file cannot be written.
void writeOutput(const std::string& text, const std::string& outPath);

int runImport(const std::vector<std::string>& args);
int runReport(const std::vector<std::string>& args);
// `report --priorities` / `report --summary` (cmd_priorities.cpp), once runReport has parsed the options.
int runCoverageReport(const Args& args);
// --radius-km R (km > 0), or nullopt when absent: the project's coverage.ta_radius_km applies.
std::optional<double> radiusOption(const Args& args);
int runDemo(const std::vector<std::string>& args);
// Headless map PNG (app/render). `read` gives the project: "" is the demo. The full program reads
// any project; the lean one (app/main_lean.cpp) project files alone, through io/gpkg_read.h.
using ProjectReader = Project (*)(const std::string& pathOrEmptyForDemo);
int runRender(const std::vector<std::string>& args, ProjectReader read);
// Whether the whole command line (language options included) is `render` of one existing project
// file: what the lean program draws itself; anything else (the demo, a server, --help, a usage
// error) goes to the full program, which says the same as it always did.
bool rendersProjectFile(std::vector<std::string> argv);
int runFind(const std::vector<std::string>& args);
// `set` and `edit` (cmd_edit.cpp): small edits committed in place, one transaction per command.
int runSet(const std::vector<std::string>& args);
int runEdit(const std::vector<std::string>& args);
int runExportReport(const std::vector<std::string>& args);
int runMigrate(const std::vector<std::string>& args);  // onto the units of the 2025 reform (cmd_migrate.cpp)
int runTemplate(const std::vector<std::string>& args);  // a collection workbook (cmd_template.cpp)
// A project on a PostgreSQL/PostGIS server (issue #16): publish it, limit editors to communes.
int runPublish(const std::vector<std::string>& args);  // cmd_publish.cpp
int runDb(const std::vector<std::string>& args);       // cmd_db.cpp: `db grant`
// Offline copies of a server project (cmd_sync.cpp, io/pg_sync.h).
int runCheckout(const std::vector<std::string>& args);
int runSync(const std::vector<std::string>& args);
int runInfo(const std::vector<std::string>& args);  // the project's tables, loaded or not (cmd_info.cpp)  // the PDF report (io/pdf_report.h)

}  // namespace gapmap::cli
