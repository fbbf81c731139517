// `gapmap report --priorities/--summary` on the demo: the CSV's columns and order, and the same rows
// in CSV, JSON, XLSX and GeoPackage.
#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <map>
#include <regex>
#include <set>

#include "support/test_support.h"

using namespace gapmap::test;

namespace {

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) out.push_back(text.substr(start, end - start));
    return out;
}

// Imports SETTINGS (CSV text "key,value\n…") into the project's settings table.
void importSettings(const TempDir& dir, const std::string& project, const std::string& settings) {
    writeFile(dir.file("settings.csv"), settings);
    REQUIRE(runGapmap("import " + quote(project) + " --as settings " + quote(dir.file("settings.csv"))).exitCode == 0);
}

struct Ranked { std::string code; double score; };

std::vector<Ranked> fromCsv(const std::string& csv) {
    std::vector<Ranked> out;
    const std::vector<std::string> all = lines(csv);
    for (size_t i = 1; i < all.size(); ++i) {
        const std::vector<std::string> f = csvFields(all[i]);
        out.push_back({f[1], std::stod(f[6])});
    }
    return out;
}

std::vector<Ranked> fromJson(const std::string& json) {
    std::vector<Ranked> out;
    const std::regex row("\"village_code\":\"([^\"]*)\"[^}]*\"score\":([0-9.e+-]+)");
    for (auto it = std::sregex_iterator(json.begin(), json.end(), row); it != std::sregex_iterator(); ++it)
        out.push_back({(*it)[1], std::stod((*it)[2])});
    return out;
}

std::vector<Ranked> fromGdal(const std::string& path) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    OGRLayer* layer = ds->GetLayerByName("priority_villages");
    REQUIRE(layer);
    std::vector<Ranked> out;
    for (auto& f : *layer) out.push_back({f->GetFieldAsString("village_code"), std::stod(f->GetFieldAsString("score"))});
    return out;
}

bool sameRanking(const std::vector<Ranked>& a, const std::vector<Ranked>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].code != b[i].code || a[i].score != b[i].score) return false;
    return true;
}

}  // namespace

TEST_CASE("priority CSV: columns, one row per village with a gap, by score then code", "[cli][priorities]") {
    const RunResult r = runGapmap("report --priorities --format csv --lang en");
    REQUIRE(r.exitCode == 0);
    const std::vector<std::string> all = lines(r.out);
    REQUIRE(all.size() > 100);
    CHECK(all[0] == "rank,village_code,village_name,commune_code,commune_name,population,score,gaps,reasons,nearest_ta_band_km,has_location,lon,lat,not_scored");
    const std::regex gapCodes("^(no_team|no_club|ta_out_of_reach|no_electricity|no_mobile|no_internet|especially_difficult|outcomes)"
                              "(;(no_team|no_club|ta_out_of_reach|no_electricity|no_mobile|no_internet|especially_difficult|outcomes))*$");
    std::vector<Ranked> ranked = fromCsv(r.out);
    size_t outOfOrder = 0, badGaps = 0, badRank = 0;
    for (size_t i = 1; i < all.size(); ++i) {
        const std::vector<std::string> f = csvFields(all[i]);
        REQUIRE(f.size() == 14);
        badRank += f[0] != std::to_string(i);
        badGaps += !std::regex_match(f[7], gapCodes) && f[10] != "0";
        if (i > 1) {
            const Ranked &a = ranked[i - 2], &b = ranked[i - 1];
            outOfOrder += a.score < b.score || (a.score == b.score && a.code >= b.code);
        }
    }
    CHECK(outOfOrder == 0);
    CHECK(badGaps == 0);
    CHECK(badRank == 0);
    CHECK_THAT(r.out, Catch::Contains("nearest Trusted Address "));
}

TEST_CASE("the same priority rows in CSV, JSON, XLSX and GeoPackage", "[cli][priorities][export]") {
    TempDir dir;
    const RunResult csv = runGapmap("report --priorities --format csv");
    const RunResult json = runGapmap("report --priorities --format json");
    const RunResult xlsx = runGapmap("report --priorities --format xlsx --lang en --out " + quote(dir.file("p.xlsx")));
    const RunResult gpkg = runGapmap("report --priorities --format gpkg --out " + quote(dir.file("p.gpkg")));
    REQUIRE(csv.exitCode == 0);
    REQUIRE(json.exitCode == 0);
    REQUIRE(xlsx.exitCode == 0);
    REQUIRE(gpkg.exitCode == 0);
    CHECK_THAT(xlsx.out, Catch::Contains("SYNTHETIC"));
    const std::vector<Ranked> fromText = fromCsv(csv.out);
    CHECK(sameRanking(fromText, fromJson(json.out)));
    CHECK(sameRanking(fromText, fromGdal(dir.file("p.xlsx"))));
    CHECK(sameRanking(fromText, fromGdal(dir.file("p.gpkg"))));
    CHECK_THAT(json.out, Catch::Contains("\"synthetic\":true"));
    // --top keeps the head of the same list; the text lists the same first village.
    const RunResult top = runGapmap("report --priorities --format csv --top 5");
    REQUIRE(top.exitCode == 0);
    const std::vector<Ranked> five = fromCsv(top.out);
    REQUIRE(five.size() == 5);
    CHECK(sameRanking(five, std::vector<Ranked>(fromText.begin(), fromText.begin() + 5)));
    const RunResult text = runGapmap("report --priorities --top 3 --lang en");
    REQUIRE(text.exitCode == 0);
    CHECK_THAT(text.out, Catch::Contains("SYNTHETIC"));
    CHECK_THAT(text.out, Catch::Contains(fromText[0].code));
}

TEST_CASE("summary CSV agrees with the report's area counts", "[cli][priorities][summary]") {
    const RunResult summary = runGapmap("report --summary");
    const RunResult areas = runGapmap("report --format csv");
    REQUIRE(summary.exitCode == 0);
    REQUIRE(areas.exitCode == 0);
    const std::vector<std::string> s = lines(summary.out), a = lines(areas.out);
    const std::vector<std::string> header = csvFields(s[0]), province = csvFields(s[1]);
    auto column = [&](const std::string& name) {
        for (size_t i = 0; i < header.size(); ++i)
            if (header[i] == name) return province[i];
        return std::string("missing");
    };
    CHECK(province[0] == "province");
    const std::vector<std::string> reportProvince = csvFields(a[1]);  // villages, difficult, team, club, TA, …
    CHECK(column("villages") == reportProvince[4]);
    CHECK(column("with_team") == reportProvince[6]);
    CHECK(column("with_club") == reportProvince[7]);
    CHECK(column("ta_reached") == reportProvince[8]);
    CHECK(column("no_mobile") == reportProvince[10]);
    CHECK(column("population") == reportProvince[12]);
    CHECK(s.size() == a.size());  // one row per area in both
}

TEST_CASE("priorities: usage and input errors", "[cli][priorities][errors]") {
    CHECK(runGapmap("report --priorities --format xlsx").exitCode == 2);  // needs --out
    CHECK(runGapmap("report --priorities --top many").exitCode == 2);
    CHECK(runGapmap("report --priorities --format pdf").exitCode == 2);
    CHECK(runGapmap("report --summary --format text").exitCode == 2);
    CHECK(runGapmap("report --priorities --summary").exitCode == 2);
    CHECK(runGapmap("report --top 3").exitCode == 2);
    TempDir dir;
    const std::string project = dir.file("demo.gpkg");
    REQUIRE(runGapmap("demo " + quote(project)).exitCode == 0);
    importSettings(dir, project, "key,value\nweight.no_team,abc\n");
    const RunResult bad = runGapmap("report " + quote(project) + " --priorities");
    CHECK(bad.exitCode == 1);
    CHECK_THAT(bad.err, Catch::Contains("weight.no_team") && Catch::Contains("abc"));
    CHECK(lines(bad.err).size() == 1);
    importSettings(dir, project, "key,value\ncoverage.ta_radius_km,25\nweight.no_team,0\n");
    const RunResult good = runGapmap("report " + quote(project) + " --priorities --format json --top 1");
    REQUIRE(good.exitCode == 0);
    CHECK_THAT(good.out, Catch::Contains("\"coverage.ta_radius_km\":\"25\""));
    CHECK_THAT(good.out, !Catch::Contains("\"gaps\":\"no_team") && !Catch::Contains(";no_team") && !Catch::Contains("chưa có tổ truyền thông +"));
}

TEST_CASE("demo: the outcomes gap marks exactly the villages with k or more reported cases", "[cli][priorities][confidentiality]") {
    // Cases per village over all years, from geodata/demo_outcomes.csv itself.
    std::map<std::string, long long> cases;
    const std::vector<std::string> rows = lines(readFile(std::string(GAPMAP_SOURCE_DIR) + "/geodata/demo_outcomes.csv"));
    for (size_t i = 1; i < rows.size(); ++i) {
        const std::vector<std::string> f = csvFields(rows[i]);
        cases[f[0]] += std::stoll(f[2]) + std::stoll(f[3]);
    }
    std::set<std::string> expected;
    size_t belowK = 0;
    for (const auto& [village, n] : cases) {
        if (n >= 5) expected.insert(village);
        belowK += n >= 1 && n < 5;
    }
    CHECK(belowK > 100);  // villages a gap for any reported case would expose
    auto flagged = [](const std::string& csv) {
        std::set<std::string> out;
        const std::vector<std::string> all = lines(csv);
        for (size_t i = 1; i < all.size(); ++i) {
            const std::vector<std::string> f = csvFields(all[i]);
            if ((";" + f[7] + ";").find(";outcomes;") != std::string::npos) out.insert(f[1]);
        }
        return out;
    };
    const RunResult r = runGapmap("report --priorities --format csv --lang en");
    REQUIRE(r.exitCode == 0);
    CHECK(flagged(r.out) == expected);
    CHECK_THAT(r.out, Catch::Contains("5 or more child or consanguineous marriages reported (all years) +3"));
    // A project with confidentiality.k = 8 flags fewer; an invalid k stops with one line naming it.
    TempDir dir;
    const std::string project = dir.file("demo.gpkg");
    REQUIRE(runGapmap("demo " + quote(project)).exitCode == 0);
    importSettings(dir, project, "key,value\nconfidentiality.k,8\n");
    const RunResult k8 = runGapmap("report " + quote(project) + " --priorities --format csv");
    REQUIRE(k8.exitCode == 0);
    std::set<std::string> expected8;
    for (const auto& [village, n] : cases)
        if (n >= 8) expected8.insert(village);
    CHECK(flagged(k8.out) == expected8);
    CHECK(expected8.size() < expected.size());
    importSettings(dir, project, "key,value\nconfidentiality.k,1\n");
    for (const char* command : {"report", "report --format csv --table outcomes", "report --priorities", "report --summary"}) {
        const RunResult bad = runGapmap(std::string(command) + " --lang en " + quote(project));
        INFO(command);
        CHECK(bad.exitCode == 1);
        CHECK(bad.err == "gapmap: setting confidentiality.k = \"1\": expected a whole number of 2 or more (the smallest outcome count shown)\n");
    }
}
