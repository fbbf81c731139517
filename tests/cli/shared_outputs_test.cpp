// Every output of the real gapmap binary that is meant to be shared, made from the demo, searched for
// what must never leave the working view (README "Confidentiality"): a Trusted Address position finer
// than its commune, a Trusted Address name or code, and an outcome count from 1 to k−1.
// To cover a new command, add one line to kSharedOutputs.
#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <sstream>

#include "support/test_support.h"

using namespace gapmap::test;

namespace {

enum class Reader {
    Text,  // the output is text (CSV, JSON, plain)
    Gdal,  // a vector file (XLSX, GeoPackage): every layer's fields and geometry as WKT, through GDAL
    Raw,   // a binary file searched as bytes (PNG: its text chunks)
    Pdf,   // a PDF, through pdftotext
};

struct SharedOutput {
    const char* args;  // gapmap arguments; {out} is the output file
    const char* file;  // the output file's name, or "" for standard output
    Reader reader;
};

// One line per shared output. k is the demo's (default 5).
const SharedOutput kSharedOutputs[] = {
    {"report", "", Reader::Text},
    {"report --lang en", "", Reader::Text},
    {"report --format json", "", Reader::Text},
    {"report --format csv --table areas", "", Reader::Text},
    {"report --format csv --table indicators", "", Reader::Text},
    {"report --format csv --table uncovered", "", Reader::Text},
    {"report --format csv --table outcomes", "", Reader::Text},
    {"report --priorities", "", Reader::Text},
    {"report --priorities --lang en", "", Reader::Text},
    {"report --priorities --format csv", "", Reader::Text},
    {"report --priorities --format json", "", Reader::Text},
    {"report --priorities --format xlsx --out {out}", "priorities.xlsx", Reader::Gdal},
    {"report --priorities --format gpkg --out {out}", "priorities.gpkg", Reader::Gdal},
    {"report --summary --format csv", "", Reader::Text},
    {"report --summary --format json", "", Reader::Text},
    {"report --summary --format xlsx --out {out}", "summary.xlsx", Reader::Gdal},
    {"report --summary --format gpkg --out {out}", "summary.gpkg", Reader::Gdal},
    {"find \"Bó Cang\" --format json", "", Reader::Text},
    {"export-report --per-district --out {out}", "report.pdf", Reader::Pdf},
    {"export-report --per-district --lang en --out {out}", "report-en.pdf", Reader::Pdf},
    {"render --out {out} --size 800x600 --layers communes,districts,province,villages,connectivity,teams,clubs,trusted_addresses,labels",
     "map.png", Reader::Raw},
};

constexpr long long kK = 5;

std::string gdalDump(const std::string& path) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    std::string out;
    for (OGRLayer* layer : ds->GetLayers()) {
        // No output is projected (VN-2000 metres would need a search of their own): every layer with
        // geometry is EPSG:4326.
        if (const OGRSpatialReference* srs = layer->GetSpatialRef()) {
            const char* code = srs->GetAuthorityCode(nullptr);
            INFO(path << " layer " << layer->GetName());
            CHECK(std::string(code ? code : "") == "4326");
        }
        out += std::string("layer ") + layer->GetName() + "\n";
        const OGRFeatureDefn* defn = layer->GetLayerDefn();
        std::string header;
        for (int i = 0; i < defn->GetFieldCount(); ++i) header += std::string(i ? "," : "") + defn->GetFieldDefn(i)->GetNameRef();
        out += header + "\n";
        for (auto& f : *layer) {
            std::string line;
            for (int i = 0; i < defn->GetFieldCount(); ++i) line += std::string(i ? "," : "") + f->GetFieldAsString(i);
            if (const OGRGeometry* g = f->GetGeometryRef()) {
                char* wkt = nullptr;
                g->exportToWkt(&wkt);
                line += std::string(",") + wkt;
                CPLFree(wkt);
            }
            out += line + "\n";
        }
    }
    return out;
}

std::string pdfText(const std::string& path) {
    const std::string txt = path + ".txt";
    REQUIRE(std::system(("pdftotext -layout " + quote(path) + " " + quote(txt)).c_str()) == 0);
    return readFile(txt);
}

struct TrustedAddress {
    std::string code, name, lon, lat;  // lon/lat as written in the CSV, EPSG:4326 degrees, 6 decimals
};

std::vector<TrustedAddress> demoTrustedAddresses() {
    std::istringstream in(readFile(std::string(GAPMAP_SOURCE_DIR) + "/geodata/demo_trusted_addresses.csv"));
    std::string line;
    std::getline(in, line);
    REQUIRE(line == "code,name,commune_code,village_code,established,services,active,lon,lat");
    std::vector<TrustedAddress> out;
    while (std::getline(in, line)) {
        const std::vector<std::string> f = csvFields(line);
        out.push_back({f[0], f[1], f[7], f[8]});
    }
    return out;
}

// The ways a coordinate of 6 decimals may be written at 3 to 6 decimals: truncated or rounded, with a
// decimal point or a decimal comma (Vietnamese texts).
std::vector<std::string> writings(const std::string& degrees) {
    std::vector<std::string> out;
    const double value = std::stod(degrees);
    const size_t dot = degrees.find('.');
    for (int decimals = 3; decimals <= 6; ++decimals) {
        char rounded[32];
        std::snprintf(rounded, sizeof rounded, "%.*f", decimals, value);
        for (std::string s : {degrees.substr(0, dot + 1 + decimals), std::string(rounded)}) {
            out.push_back(s);
            s[s.find('.')] = ',';
            out.push_back(s);
        }
    }
    return out;
}

// Positions in text where `what` starts, not preceded by a digit (so "3.148" does not match "103.148").
std::vector<size_t> occurrences(const std::string& text, const std::string& what) {
    std::vector<size_t> out;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        if (at == 0 || !std::isdigit(static_cast<unsigned char>(text[at - 1]))) out.push_back(at);
    return out;
}

// A Trusted Address's position: its longitude followed within 30 characters by its latitude, as every
// output writes a point (CSV "lon,lat", JSON "lon":…,"lat":…, WKT "lon lat"); wider windows pair the
// latitude of one village with the longitude of the next row.
bool holdsPosition(const std::string& text, const TrustedAddress& ta) {
    std::vector<size_t> lons, lats;
    for (const std::string& w : writings(ta.lon))
        for (size_t at : occurrences(text, w)) lons.push_back(at);
    for (const std::string& w : writings(ta.lat))
        for (size_t at : occurrences(text, w)) lats.push_back(at);
    for (size_t a : lons)
        for (size_t b : lats)
            if (b > a && b - a < 30) return true;
    return false;
}

// An outcome cell is published correctly when it is 0, k or more, "<k" or "x".
bool allowedOutcome(const std::string& cell) {
    if (cell == "<" + std::to_string(kK) || cell == "x") return true;
    if (cell.empty() || cell.find_first_not_of("0123456789") != std::string::npos) return false;
    const long long v = std::stoll(cell);
    return v == 0 || v >= kK;
}

// Every outcome cell of the output: CSV columns, JSON keys, and the text report's outcome table.
std::vector<std::string> outcomeCells(const std::string& text) {
    std::vector<std::string> cells;
    const std::regex json("\"(child|consanguineous)_marriages\":\\s*(\"[^\"]*\"|[^,}\\s]+)");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), json); it != std::sregex_iterator(); ++it) {
        std::string v = (*it)[2];
        if (v.front() == '"') v = v.substr(1, v.size() - 2);
        cells.push_back(v);
    }
    std::istringstream in(text);
    std::vector<int> columns;  // CSV: the outcome columns of the current header
    bool textTable = false;    // text report: inside the outcome table
    for (std::string line; std::getline(in, line);) {
        if (line.find("child_marriages") != std::string::npos && line.find('{') == std::string::npos) {
            columns.clear();
            const std::vector<std::string> f = csvFields(line);
            for (size_t i = 0; i < f.size(); ++i)
                if (f[i].find("marriages") != std::string::npos) columns.push_back(static_cast<int>(i));
            continue;
        }
        if (!columns.empty() && line.find(',') != std::string::npos) {
            const std::vector<std::string> f = csvFields(line);
            for (int c : columns)
                if (c < static_cast<int>(f.size())) cells.push_back(f[c]);
            continue;
        }
        // The text table follows the legend line that explains "<k"; its rows end in two cells.
        if (line.find("\"<" + std::to_string(kK) + "\"") != std::string::npos) { textTable = true; continue; }
        if (textTable && !line.empty()) {
            std::istringstream words(line);
            std::vector<std::string> w;
            for (std::string s; words >> s;) w.push_back(s);
            if (w.size() >= 3 && std::isdigit(static_cast<unsigned char>(w[0][0]))) {  // rows start with a code
                cells.push_back(w[w.size() - 2]);
                cells.push_back(w.back());
            }
        }
    }
    return cells;
}

std::string runOutput(const SharedOutput& o, const TempDir& dir) {
    std::string args = o.args;
    const std::string path = dir.file(*o.file ? o.file : "stdout");
    if (const size_t at = args.find("{out}"); at != std::string::npos) args.replace(at, 5, quote(path));
    const RunResult r = runGapmap(args);
    INFO("gapmap " << args << "\n" << r.err);
    REQUIRE(r.exitCode == 0);
    if (!*o.file) return r.out;
    switch (o.reader) {
        case Reader::Gdal: return gdalDump(path);
        case Reader::Pdf: return pdfText(path);
        case Reader::Text:
        case Reader::Raw: return readFile(path);
    }
    return "";
}

}  // namespace

TEST_CASE("no shared output of the demo holds a Trusted Address position, name or code, or a small outcome count",
          "[cli][confidentiality][shared]") {
    const std::vector<TrustedAddress> tas = demoTrustedAddresses();
    REQUIRE(tas.size() == 50);
    TempDir dir;
    size_t outcomeCellsSeen = 0, smallHidden = 0;
    for (const SharedOutput& o : kSharedOutputs) {
        const std::string text = runOutput(o, dir);
        INFO("gapmap " << o.args);
        REQUIRE(text.size() > 100);
        for (const TrustedAddress& ta : tas) {
            INFO("Trusted Address " << ta.code << " at " << ta.lon << ", " << ta.lat);
            CHECK_FALSE(holdsPosition(text, ta));
            CHECK(text.find(ta.code) == std::string::npos);
            CHECK(text.find(ta.name) == std::string::npos);
        }
        for (const std::string& cell : outcomeCells(text)) {
            INFO("outcome cell \"" << cell << "\"");
            CHECK(allowedOutcome(cell));
            ++outcomeCellsSeen;
            smallHidden += cell == "<" + std::to_string(kK);
        }
    }
    // The outcome tables were found and read (text, JSON, CSV), and the demo has small counts to hide.
    CHECK(outcomeCellsSeen >= 3 * 2 * (1 + 8 + 105));
    CHECK(smallHidden >= 3 * 20);
}

TEST_CASE("the shared-output search finds what it looks for", "[cli][confidentiality][shared]") {
    // The searches of the test above, run on text that does hold what they look for, so that they can fail.
    const TrustedAddress ta{"DCTC01", "Địa chỉ tin cậy xã Bó Cang", "103.148678", "22.137772"};
    CHECK(holdsPosition("9910102,Bản Nà,103.148678,22.137772", ta));
    CHECK(holdsPosition("{\"lon\":103.149,\"lat\":22.138}", ta));        // rounded to 3 decimals
    CHECK(holdsPosition("kinh độ 103,1486 vĩ độ 22,1377", ta));           // truncated, decimal comma
    CHECK(holdsPosition("POINT (103.148678000000004 22.137772000000002)", ta));
    CHECK_FALSE(holdsPosition("103.14,22.13", ta));                        // 2 decimals: coarser than a commune
    CHECK_FALSE(holdsPosition("103.148678 and elsewhere 22.241234", ta));  // latitude of another place
    CHECK_FALSE(holdsPosition("…,22.137772\n694,9950910,Sìn Chang,99509,103.148678,21.5", ta));  // two rows
    CHECK(outcomeCells("level,code,child_marriages,consanguineous_marriages\ncommune,1,3,0\n") == std::vector<std::string>{"3", "0"});
    CHECK(outcomeCells("{\"child_marriages\":4,\"consanguineous_marriages\":\"<5\"}") == std::vector<std::string>{"4", "<5"});
    CHECK_FALSE(allowedOutcome("3"));
    CHECK(allowedOutcome("<5"));
    CHECK(allowedOutcome("x"));
    CHECK(allowedOutcome("0"));
    CHECK(allowedOutcome("12"));
}

TEST_CASE("demo outcome table: published counts are the true sums, hidden ones are the small ones", "[cli][confidentiality][outcomes]") {
    // True sums per commune from the demo's own files, read here with GDAL (not through gapmap).
    GDALAllRegister();
    const std::string geodata = std::string(GAPMAP_SOURCE_DIR) + "/geodata/";
    std::map<std::string, std::string> communeOf;
    {
        std::unique_ptr<GDALDataset> ds(GDALDataset::Open((geodata + "demo_villages.geojson").c_str(), GDAL_OF_VECTOR));
        REQUIRE(ds);
        for (auto& f : *ds->GetLayer(0)) communeOf[f->GetFieldAsString("code")] = f->GetFieldAsString("commune_code");
    }
    std::map<std::string, long long> child, cons;
    std::istringstream in(readFile(geodata + "demo_outcomes.csv"));
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        const std::vector<std::string> f = csvFields(line);
        child[communeOf.at(f[0])] += std::stoll(f[2]);
        cons[communeOf.at(f[0])] += std::stoll(f[3]);
    }
    int smallInData = 0;
    for (const auto& [code, n] : child) smallInData += n >= 1 && n < kK;
    CHECK(smallInData >= 10);  // the demo has small counts, so a leak would show

    const RunResult r = runGapmap("report --format csv --table outcomes");
    REQUIRE(r.exitCode == 0);
    std::istringstream rows(r.out);
    std::getline(rows, line);
    REQUIRE(line == "level,code,name,parent_code,years,child_marriages,consanguineous_marriages");
    int communes = 0, complementary = 0;
    while (std::getline(rows, line)) {
        const std::vector<std::string> f = csvFields(line);
        REQUIRE(f.size() == 7);
        CHECK(f[4] == "2023-2025");
        if (f[0] != "commune") continue;
        ++communes;
        for (const auto& [cell, truth] : {std::pair{f[5], child[f[1]]}, std::pair{f[6], cons[f[1]]}}) {
            INFO("commune " << f[1] << " published " << cell << ", true " << truth);
            if (cell == "<5") CHECK((truth >= 1 && truth < kK));
            else if (cell == "x") { CHECK(truth >= kK); ++complementary; }
            else CHECK(std::stoll(cell) == truth);
        }
    }
    CHECK(communes == 105);
    CHECK(complementary >= 1);
}
