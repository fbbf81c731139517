// The bad-input corpus (tests/io/bad_input/, listed in EXPECTED.tsv) through the real `gapmap import`:
// exit code, a message naming the file, row and column, repairs reported, stored values, and the
// project file byte-for-byte unchanged after every failure. Binary cases (shapefiles in legacy
// encodings or missing a part) are written here, with GDAL, before the run.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/legacy_encoding.h"
#include "io/project_file.h"
#include "support/fixtures.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;
namespace fs = std::filesystem;

namespace {

struct CorpusCase {
    std::string file, table, args;
    int exitCode = 0;
    std::vector<std::string> en, vi;  // fragments every message must hold; vi empty: English only
    std::string stored;               // "TABLE KEY FIELD=VALUE" checked after success, or ""
};

std::vector<std::string> splitOn(const std::string& text, const std::string& sep) {
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        const size_t at = text.find(sep, start);
        out.push_back(text.substr(start, at - start));
        if (at == std::string::npos) return out;
        start = at + sep.size();
    }
}

std::vector<CorpusCase> readManifest(const std::string& path) {
    std::vector<CorpusCase> cases;
    std::istringstream in(readFile(path));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const std::vector<std::string> f = splitOn(line, "\t");
        REQUIRE(f.size() == 7);
        auto list = [](const std::string& s) { return s == "-" ? std::vector<std::string>{} : splitOn(s, " | "); };
        cases.push_back({f[0], f[1], f[2] == "-" ? "" : f[2], std::stoi(f[3]), list(f[4]), list(f[5]), f[6] == "-" ? "" : f[6]});
    }
    return cases;
}

// Three villages whose names use every kind of mark the legacy encodings store differently.
const std::vector<std::string> kVillageNames = {"Bản Huổi Ho", "Mường Tè", "Nậm Nhùn"};

// A point shapefile (EPSG:4326, .prj written) whose .dbf holds the names as `encoding`'s bytes, no .cpg.
void writeLegacyVillages(const std::string& path, TextEncoding encoding) {
    std::vector<FixtureRow> rows;
    const char* codes[] = {"V1", "V2", "V3"};
    const char* lonLat[] = {"POINT (103.05 22.05)", "POINT (103.15 22.05)", "POINT (103.02 22.08)"};
    for (int i = 0; i < 3; ++i)
        rows.push_back({{codes[i], encodeText(kVillageNames[i], encoding), i == 1 ? "00102" : "00101"}, lonLat[i]});
    writeVectorFile(path, "ESRI Shapefile", 4326, "point", {"ma_thon", "ten_thon", "ma_xa"}, rows, {"ENCODING="});
}

void writeCommunesShapefile(const std::string& path, int epsg) {
    writeVectorFile(path, "ESRI Shapefile", epsg, "polygon", {"code", "name", "level", "parent"},
                    {{{"00101", "Nậm Ban", "commune", "001"}, "POLYGON ((103 22,103.1 22,103.1 22.1,103 22.1,103 22))"},
                     {{"00102", "Huổi Lèng", "commune", "001"}, "POLYGON ((103.1 22,103.2 22,103.2 22.1,103.1 22.1,103.1 22))"}},
                    {"ENCODING=UTF-8"});
}

void writeBinaryCases(const fs::path& dir) {
    writeLegacyVillages((dir / "villages_tcvn3.shp").string(), TextEncoding::Tcvn3);
    writeLegacyVillages((dir / "villages_vni.shp").string(), TextEncoding::Vni);
    writeLegacyVillages((dir / "villages_cp1258.shp").string(), TextEncoding::Cp1258);
    for (const char* part : {"shx", "dbf", "prj"}) {
        const fs::path sub = dir / (std::string("communes_no_") + part);
        fs::create_directories(sub);
        writeCommunesShapefile((sub / "communes.shp").string(), 4326);
        fs::remove(sub / (std::string("communes.") + part));
    }
}

// The value a "TABLE KEY FIELD=VALUE" check names, read back from the project file.
std::string storedValue(const Project& p, const std::string& table, const std::string& key, const std::string& field) {
    if (table == "villages")
        for (const Village& v : p.villages)
            if (v.code == key) return field == "name" ? v.name : field == "population" ? std::to_string(v.population.value_or(-1)) : "?";
    if (table == "admin_units")
        for (const AdminUnit& u : p.adminUnits)
            if (u.code == key) return u.name;
    if (table == "clubs")
        for (const Club& c : p.clubs)
            if (c.code == key) return c.established;
    if (table == "targets")
        for (const Target& t : p.targets)
            if (t.indicator == key) { std::ostringstream s; s << t.value; return s.str(); }
    return "(no " + table + " " + key + ")";
}

}  // namespace

TEST_CASE("bad input corpus: every file gives its expected message or repair through gapmap import", "[bad_input][cli]") {
    TempDir dir;
    const fs::path corpus = fs::path(GAPMAP_SOURCE_DIR) / "tests/io/bad_input";
    const fs::path files = dir.path() / "bad_input";
    fs::copy(corpus, files, fs::copy_options::recursive);
    writeBinaryCases(files);

    // The project every case is imported into: two communes and three villages.
    const std::string base = dir.file("base.gpkg");
    REQUIRE(runGapmap("import " + quote(base) + " --as admin_units " + quote(writeTestAdminUnits(dir.file("admin.geojson")))).exitCode == 0);
    REQUIRE(runGapmap("import " + quote(base) + " --as villages " + quote(writeTestVillagesCsv(dir.file("villages.csv")))).exitCode == 0);
    const std::string baseBytes = readFile(base);

    const std::vector<CorpusCase> cases = readManifest((corpus / "EXPECTED.tsv").string());
    CHECK(cases.size() >= 20);
    for (const CorpusCase& c : cases) {
        for (const std::string lang : {"en", "vi"}) {
            const std::vector<std::string>& fragments = lang == "en" ? c.en : c.vi;
            if (lang == "vi" && fragments.empty()) continue;
            DYNAMIC_SECTION(c.file << " --lang " << lang) {
                const std::string project = dir.file("case.gpkg");
                fs::copy_file(base, project, fs::copy_options::overwrite_existing);
                const std::string path = (files / c.file).string();
                const RunResult r = runGapmap("import " + quote(project) + " --as " + c.table + " " + quote(path) + " " +
                                              c.args + " --lang " + lang);
                const std::string message = r.out + r.err;
                INFO(message);
                CHECK(r.exitCode == c.exitCode);
                for (const std::string& f : fragments) CHECK(message.find(f) != std::string::npos);
                if (c.exitCode != 0) {
                    if (c.exitCode == 1) CHECK(message.find(fs::path(c.file).filename().string()) != std::string::npos);
                    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one line
                    CHECK(readFile(project) == baseBytes);
                } else if (!c.stored.empty()) {
                    const std::vector<std::string> parts = splitOn(c.stored, " ");
                    REQUIRE(parts.size() >= 3);
                    const size_t eq = c.stored.find('=');
                    const std::string field = parts[2].substr(0, parts[2].find('='));
                    CHECK(storedValue(readProject(project), parts[0], parts[1], field) == c.stored.substr(eq + 1));
                }
            }
        }
    }
}
