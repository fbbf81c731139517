// gapmap find [PROJECT.gpkg] QUERY [--format text|json] [--limit N]
#include <cstdio>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "core/parse.h"
#include "core/search.h"
#include "core/text_format.h"
#include "io/demo_data.h"
#include "io/project_file.h"
#include "io/unicode.h"

namespace gapmap::cli {
namespace {

const char* kHelp =
    "usage: gapmap find [PROJECT.gpkg] QUERY [--format text|json] [--limit N]\n"
    "\n"
    "Finds villages, communes and districts by name, typed with or without tone marks (\"huoi ho\"\n"
    "finds \"Huổi Ho\"); prefixes such as \"xã\", \"thôn\", \"bản\" are ignored. Exact marks rank before\n"
    "partial and folded ones, whole names before whole words before prefixes. Each hit shows its commune\n"
    "and district, so that villages of one name are told apart. Without PROJECT.gpkg: the demo.\n";

const char* const kMarkNames[] = {"exact", "partial", "folded"};
const char* const kPositionNames[] = {"name", "words", "prefix"};

std::string where(const SearchEntry& e) {
    std::string out;
    if (e.level == "village" && !e.communeName.empty()) out += e.communeName;
    if (e.level != "district" && !e.districtName.empty()) out += (out.empty() ? "" : ", ") + e.districtName;
    return out;
}

}  // namespace

int runFind(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {"--format", "--limit"}, {});
    if (args.help) { std::fputs(kHelp, stdout); return kOk; }
    if (args.positional.empty() || args.positional.size() > 2) throw UsageError("find needs QUERY (and optionally PROJECT.gpkg before it)");
    const std::string format = args.value("--format", "text");
    if (format != "text" && format != "json") throw UsageError("--format " + format + ": use text or json");
    const auto limit = parseInteger(args.value("--limit", "20"));
    if (!limit || *limit <= 0) throw UsageError("--limit needs a positive whole number");
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
            // The kind (xã, thị trấn …) tells apart homonyms such as the two Mường Tè of one district.
            out += e.name + "\t" + (e.kind.empty() ? e.level : e.kind) + " " + e.code + (place.empty() ? "" : "\t" + place) + "\n";
        }
        if (hits.empty()) out = "no place matches \"" + query + "\"\n";
    }
    std::fputs(out.c_str(), stdout);
    return hits.empty() ? kInputError : kOk;
}

}  // namespace gapmap::cli
