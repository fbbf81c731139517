// gapmap-full: dispatches `gapmap [SUBCOMMAND] ...` and turns failures into exit codes. The program
// users start is the lean `gapmap` (app/main_lean.cpp), which renders project files itself and
// runs this one, with the same arguments, for everything else.
// No subcommand, `open FILE` or a project file's name (`gapmap lc.gpkg`) is the desktop app.
#include <cctype>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "io/demo_data.h"
#include "io/pg_address.h"
#include "io/project_file.h"
#include "ui/desktop.h"
#include "ui/file_chooser.h"

namespace {

// `gapmap` (the demo) or `gapmap open FILE.gpkg`: the desktop window.
int runApp(const std::vector<std::string>& args, bool open) {
    if (open && args.size() != 1) throw gapmap::UsageError(gapmap::tr("cli.error.open_needs_file"));
    if (!open && !args.empty()) throw gapmap::UsageError(gapmap::tr("cli.error.unknown_command", {args[0]}));
    if (open && std::filesystem::is_regular_file(args[0])) gapmap::ui::rememberRecentProject(args[0]);
    return gapmap::ui::runDesktop(open ? args[0] : std::string());
}

bool endsWithGpkg(std::string word) {
    for (char& c : word) c = char(std::tolower(static_cast<unsigned char>(c)));
    return word.size() > 5 && word.ends_with(".gpkg");
}

// A first word that is no command: a project to open when it names an existing file or ends in
// .gpkg (`gapmap lc.gpkg` as `gapmap open lc.gpkg`); else an unknown command, with a hint when
// it looks like a file name (a dot or a slash) that is not there.
int runFileOrUnknown(const std::string& word, std::vector<std::string> args) {
    std::error_code ec;
    // A project on a server (PG:"host=… dbname=…", postgresql://…; io/pg_address.h) opens like a file.
    if (std::filesystem::is_regular_file(word, ec) || endsWithGpkg(word) || gapmap::isServerProject(word)) {
        if (!args.empty()) throw gapmap::UsageError(gapmap::tr("cli.error.file_then_words", {word, args[0]}));
        return runApp({word}, true);
    }
    if (word.find_first_of("./") != std::string::npos && word[0] != '-')
        throw gapmap::UsageError(gapmap::tr("cli.error.unknown_command_file", {word}));
    throw gapmap::UsageError(gapmap::tr("cli.error.unknown_command", {word}));
}

int dispatch(std::vector<std::string>& args) {
    using namespace gapmap;
    cli::selectLanguage(args);  // --lang anywhere, else GAPMAP_LANG, else Vietnamese
    const std::string command = args.empty() ? "" : args.front();
    if (!args.empty()) args.erase(args.begin());
    if (command == "" || command == "open") return runApp(args, command == "open");
    if (command == "import") return cli::runImport(args);
    if (command == "report") return cli::runReport(args);
    if (command == "demo") return cli::runDemo(args);
    if (command == "render")
        return cli::runRender(args, [](const std::string& path) { return path.empty() ? buildDemoProject() : readProject(path); });
    if (command == "find") return cli::runFind(args);
    if (command == "set") return cli::runSet(args);
    if (command == "edit") return cli::runEdit(args);
    if (command == "export-report") return cli::runExportReport(args);
    if (command == "info") return cli::runInfo(args);
    if (command == "migrate") return cli::runMigrate(args);
    if (command == "publish") return cli::runPublish(args);
    if (command == "db") return cli::runDb(args);
    if (command == "checkout") return cli::runCheckout(args);
    if (command == "sync") return cli::runSync(args);
    if (command == "--version" || command == "-V") {
        std::printf("gapmap %s\n", GAPMAP_VERSION);  // CMakeLists.txt: the project's version
        return cli::kOk;
    }
    if (command == "template") return cli::runTemplate(args);
    if (command == "--help" || command == "-h" || command == "help") {
        std::fputs(tr("cli.usage").c_str(), stdout);
        return cli::kOk;
    }
    return runFileOrUnknown(command, args);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    return gapmap::cli::runReportingFailures(dispatch, args);
}
