// gapmap checkout PG:… --out copy.gpkg [--commune CODE | --district CODE] [--force]
// gapmap sync copy.gpkg [--resolve CODE mine|theirs] [--conflicts]
// Offline copies of a server project and their sync (io/pg_sync.h). Every other command works on the
// copy as on any project file; `sync` is the only one that talks to the server.
#include <cstdio>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "io/pg_sync.h"

namespace gapmap::cli {
namespace {

std::string shown(const std::optional<std::string>& v) { return v && !v->empty() ? *v : tr("sync.value_empty"); }

// One line per conflicting field: what the copy keeps, what the server keeps, who changed it there.
void printConflicts(const std::string& path, const std::vector<SyncConflict>& conflicts) {
    if (conflicts.empty()) return;
    std::printf("%s\n", tr("sync.conflicts_header", {formatLocaleNumber(double(conflicts.size())), path}).c_str());
    for (const SyncConflict& c : conflicts) {
        if (c.field.empty())
            std::printf("  %s\n", tr(c.theirs ? "sync.conflict_deleted_here" : "sync.conflict_deleted_there", {c.table, c.rowKey, c.changedBy}).c_str());
        else
            std::printf("  %s\n", tr("sync.conflict_line", {c.table, c.rowKey, c.field, shown(c.mine), shown(c.theirs), c.changedBy}).c_str());
    }
    std::printf("%s\n", tr("sync.conflicts_hint", {path}).c_str());
}

}  // namespace

int runCheckout(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {"--out", "--commune", "--district"}, {"--force"});
    if (args.help) { std::fputs(tr("checkout.help").c_str(), stdout); return kOk; }
    if (args.positional.size() != 1 || args.value("--out").empty()) throw UsageError(tr("checkout.error.usage"));
    const CheckoutSummary s = checkoutProject(args.positional[0], args.value("--out"), {args.value("--commune"), args.value("--district")}, args.has("--force"));
    std::printf("%s\n", tr("checkout.done", {args.value("--out"), formatLocaleNumber(double(s.rows)), s.role}).c_str());
    if (s.communes > 0) std::printf("%s\n", tr("checkout.scope", {formatLocaleNumber(double(s.communes))}).c_str());
    if (!s.trustedAddressRows) std::printf("%s\n", tr("checkout.counts_only").c_str());
    return kOk;
}

int runSync(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {"--resolve"}, {"--conflicts"});
    if (args.help) { std::fputs(tr("sync.help").c_str(), stdout); return kOk; }
    if (args.positional.empty()) throw UsageError(tr("sync.error.usage"));
    const std::string path = args.positional[0];
    if (args.has("--conflicts")) {
        const std::vector<SyncConflict> open = listConflicts(path);
        if (open.empty()) std::printf("%s\n", tr("sync.no_conflicts", {path}).c_str());
        printConflicts(path, open);
        return kOk;
    }
    if (!args.value("--resolve").empty()) {
        // --resolve CODE mine|theirs: the choice is the word after the code.
        if (args.positional.size() != 2 || (args.positional[1] != "mine" && args.positional[1] != "theirs"))
            throw UsageError(tr("sync.error.resolve_usage"));
        const int n = resolveConflict(path, args.value("--resolve"), args.positional[1] == "mine" ? Resolution::Mine : Resolution::Theirs);
        std::printf("%s\n", tr(args.positional[1] == "mine" ? "sync.resolved_mine" : "sync.resolved_theirs",
                               {args.value("--resolve"), formatLocaleNumber(double(n))}).c_str());
    } else if (args.positional.size() != 1) {
        throw UsageError(tr("sync.error.usage"));
    }
    const SyncSummary s = syncCopy(path);
    if (s.recovered) std::printf("%s\n", tr("sync.recovered", {path}).c_str());
    std::printf("%s\n", tr("sync.done", {path, s.server, formatLocaleNumber(double(s.pushed)), formatLocaleNumber(double(s.pulled))}).c_str());
    printConflicts(path, s.openConflicts);
    return kOk;
}

}  // namespace gapmap::cli
