// gapmap find [PROJECT.gpkg] QUERY [--format text|json] [--limit N]
#include <cstdio>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/parse.h"
#include "core/search.h"
#include "core/text_format.h"
#include "io/demo_data.h"
#include "io/project_file.h"
#include "io/unicode.h"

namespace gapmap::cli {
namespace {

const char* const kMarkNames[] = {"exact", "partial", "folded"};
const char* const kPositionNames[] = {"name", "words", "prefix"};

std::string where(const SearchEntry& e) {
    std::string out;
    if (e.level == "village" && !e.communeName.empty()) out += e.communeName;
    if (e.level != "district" && !e.districtName.empty()) out += (out.empty() ? "" : ", ") + e.districtName;
    return out;
}

// The level of a place without a kind (villages), in the user's language; JSON keeps the identifier.
std::string levelName(const std::string& level) {
    if (level == "village") return tr("find.level.village");
    if (level == "commune") return tr("find.level.commune");
    if (level == "district") return tr("find.level.district");
    if (level == "province") return tr("find.level.province");
    return level;
}

}  // namespace

int runFind(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {"--format", "--limit"}, {});
    if (args.help) { std::fputs(tr("find.help").c_str(), stdout); return kOk; }
    if (args.positional.empty() || args.positional.size() > 2) throw UsageError(tr("find.error.needs_query"));
    const std::string format = args.value("--format", "text");
    if (format != "text" && format != "json") throw UsageError(tr("find.error.bad_format", {format}));
    const auto limit = parseInteger(args.value("--limit", "20"));
    if (!limit || *limit <= 0) throw UsageError(tr("find.error.bad_limit"));
    const std::string query = toNfc(args.positional.back());

    const Project project = args.positional.size() == 2 ? readProject(args.positional[0]) : buildDemoProject();
    const PlaceSearch search(project);
    const std::vector<SearchHit> hits = search.find(query, static_cast<size_t>(*limit));
    std::string out;
    if (format == "json") {
        out = "[";
        for (size_t i = 0; i < hits.size(); ++i) {
            const SearchEntry& e = *hits[i].entry;
            out += std::string(i ? "," : "") + "{\"code\":" + jsonString(e.code) + ",\"name\":" + jsonString(e.name) +
                   ",\"display\":" + jsonString(e.display) + ",\"kind\":" + jsonString(e.kind) +
                   ",\"level\":" + jsonString(e.level) + ",\"commune\":" + jsonString(e.communeName) +
                   ",\"district\":" + jsonString(e.districtName) + ",\"marks\":" + jsonString(kMarkNames[int(hits[i].marks)]) +
                   ",\"match\":" + jsonString(kPositionNames[int(hits[i].position)]);
            if (e.location) out += ",\"lon\":" + std::to_string(e.location->lonDeg) + ",\"lat\":" + std::to_string(e.location->latDeg);
            out += "}";
        }
        out += "]\n";
    } else {
        for (const SearchHit& h : hits) {
            const SearchEntry& e = *h.entry;
            const std::string place = where(e);
            // The display name carries the kind where names collide ("thị trấn Mường Tè"); the kind
            // column (xã, thị trấn …) is there for every unit.
            out += e.display + "\t" + (e.kind.empty() ? levelName(e.level) : e.kind) + " " + e.code + (place.empty() ? "" : "\t" + place) + "\n";
        }
        if (hits.empty()) out = tr("find.no_match", {query}) + "\n";
    }
    std::fputs(out.c_str(), stdout);
    return hits.empty() ? kInputError : kOk;
}

}  // namespace gapmap::cli
