// The attribute table's rows, filters and sorting (app/core/attribute_table.cpp) on the demo, against
// figures read here independently from the demo's own files in geodata/ with OGR (not through
// gapmap's importer), and its CSV export parsed back.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "core/attribute_table.h"
#include "core/coverage_tables.h"
#include "core/i18n.h"
#include "io/demo_data.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

// The rows of an SQLite-dialect query on one geodata/ file, each field as text ("" for null).
std::vector<std::vector<std::string>> sqlRows(const std::string& file, const std::string& sql) {
    GDALAllRegister();
    const std::string path = std::string(GAPMAP_SOURCE_DIR) + "/geodata/" + file;
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    OGRLayer* result = ds->ExecuteSQL(sql.c_str(), nullptr, "SQLITE");
    REQUIRE(result);
    std::vector<std::vector<std::string>> rows;
    while (OGRFeature* f = result->GetNextFeature()) {
        std::vector<std::string> row;
        for (int i = 0; i < f->GetFieldCount(); ++i) row.push_back(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "");
        rows.push_back(row);
        OGRFeature::DestroyFeature(f);
    }
    ds->ReleaseResultSet(result);
    return rows;
}

// The demo villages as the files give them: code -> {commune, population, internet, mobile, electricity}.
struct DemoVillage { std::string commune; long long population; bool internet; std::string mobile, electricity; };
std::map<std::string, DemoVillage> demoVillages() {
    std::map<std::string, DemoVillage> out;
    for (const auto& r : sqlRows("demo_villages.geojson", "SELECT code, commune_code, population, internet, mobile, electricity FROM demo_villages"))
        out[r[0]] = {r[1], std::stoll(r[2]), r[3] == "1", r[4], r[5]};
    return out;
}
std::set<std::string> teamVillages() {
    std::set<std::string> out;
    for (const auto& r : sqlRows("demo_communication_teams.csv", "SELECT village_code FROM demo_communication_teams")) out.insert(r[0]);
    return out;
}

std::string text(const Cell& c) { return cellText(c); }

}  // namespace

TEST_CASE("attribute table: one row per demo village, gap filters agree with the demo files", "[core][table]") {
    ScopedLanguage vi(Lang::Vi);
    const Project p = buildDemoProject();
    const CoverageResult r = analyseCoverage(p);
    const AttributeTable t = villageAttributeTable(p, r);
    const auto villages = demoVillages();
    const auto teams = teamVillages();
    REQUIRE(t.data.rows.size() == villages.size());
    REQUIRE(villages.size() == 1000);

    // No team and no internet, combined: counted here from the files.
    size_t expected = 0;
    for (const auto& [code, v] : villages) expected += !teams.count(code) && !v.internet;
    TableQuery q;
    q.gaps = std::uint16_t(1u << int(Gap::NoTeam) | 1u << int(Gap::NoInternet));
    const std::vector<size_t> rows = queryRows(t, q);
    CHECK(rows.size() == expected);
    CHECK(expected > 0);
    const int team = t.column("team"), internet = t.column("internet"), code = t.column("village_code");
    for (size_t i : rows) {
        CHECK(text(t.data.rows[i][team]) == "0");
        CHECK(text(t.data.rows[i][internet]) == "0");
        CHECK_FALSE(teams.count(text(t.data.rows[i][code])));
    }
    // No mobile signal (none or 2G) alone.
    size_t noMobile = 0;
    for (const auto& [c, v] : villages) noMobile += v.mobile == "none" || v.mobile == "2g";
    CHECK(queryRows(t, TableQuery{std::uint16_t(1u << int(Gap::NoMobile))}).size() == noMobile);
    size_t noPower = 0;
    for (const auto& [c, v] : villages) noPower += v.electricity != "grid";
    CHECK(queryRows(t, TableQuery{std::uint16_t(1u << int(Gap::NoElectricity))}).size() == noPower);
}

TEST_CASE("attribute table: sorting by score puts rank 1 first, by population the largest, no data last", "[core][table]") {
    ScopedLanguage vi(Lang::Vi);
    Project p = buildDemoProject();
    const CoverageResult r = analyseCoverage(p);
    const AttributeTable t = villageAttributeTable(p, r);
    const int score = t.column("score"), code = t.column("village_code"), population = t.column("population");

    TableQuery q;
    q.sortColumn = score;
    q.descending = true;
    const std::vector<size_t> byScore = queryRows(t, q);
    // The same order as `gapmap report --priorities` for every listed village.
    const DataTable priorities = priorityTable(p, r);
    REQUIRE(priorities.rows.size() > 10);
    for (size_t k = 0; k < priorities.rows.size(); ++k) CHECK(text(t.data.rows[byScore[k]][code]) == text(priorities.rows[k][1]));
    CHECK(text(t.data.rows[byScore[0]][t.column("rank")]) == "1");

    q.sortColumn = population;
    const std::vector<size_t> byPopulation = queryRows(t, q);
    const auto villages = demoVillages();
    long long largest = 0;
    for (const auto& [c, v] : villages) largest = std::max(largest, v.population);
    CHECK(text(t.data.rows[byPopulation[0]][population]) == std::to_string(largest));
    for (size_t k = 1; k < byPopulation.size(); ++k)
        CHECK(std::get<std::int64_t>(t.data.rows[byPopulation[k - 1]][population]) >= std::get<std::int64_t>(t.data.rows[byPopulation[k]][population]));

    // A village without a population is no data: last, ascending and descending alike.
    p.villages[0].population.reset();
    const AttributeTable u = villageAttributeTable(p, analyseCoverage(p));
    for (bool descending : {false, true}) {
        const std::vector<size_t> rows = queryRows(u, TableQuery{0, "", population, descending});
        CHECK(text(u.data.rows[rows.back()][code]) == p.villages[0].code);
        CHECK(std::holds_alternative<std::monostate>(u.data.rows[rows.back()][population]));
    }
}

TEST_CASE("attribute table: text search is folded, communes carry the Details figures", "[core][table]") {
    ScopedLanguage vi(Lang::Vi);
    const Project p = buildDemoProject();
    const CoverageResult r = analyseCoverage(p);
    const AttributeTable t = villageAttributeTable(p, r);
    // "pau pheo" typed without marks finds "Pậu Pheo" (its villages, and villages of a commune so named).
    const auto named = sqlRows("demo_villages.geojson", "SELECT code FROM demo_villages WHERE name = 'Pậu Pheo'");
    REQUIRE_FALSE(named.empty());
    const std::vector<size_t> hits = queryRows(t, TableQuery{0, "PAU PHEO"});
    std::set<std::string> found;
    for (size_t i : hits) found.insert(t.codes[i]);
    for (const auto& row : named) CHECK(found.count(row[0]));

    const AttributeTable c = communeAttributeTable(p, r);
    CHECK(c.data.rows.size() == r.communes.size());
    // Villages with a team per commune, from the files.
    const auto villages = demoVillages();
    const auto teams = teamVillages();
    std::map<std::string, long long> withTeam, total;
    for (const auto& [code, v] : villages) { total[v.commune]++; withTeam[v.commune] += teams.count(code) > 0; }
    const int colTeam = c.column("with_team"), colVillages = c.column("villages"), colCode = c.column("commune_code");
    for (const auto& row : c.data.rows) {
        CHECK(text(row[colTeam]) == std::to_string(withTeam[text(row[colCode])]));
        CHECK(text(row[colVillages]) == std::to_string(total[text(row[colCode])]));
    }
    // Communes with a village without a team: those where the files say fewer teams than villages.
    size_t gapCommunes = 0;
    for (const auto& [commune, n] : total) gapCommunes += withTeam[commune] < n;
    CHECK(queryRows(c, TableQuery{std::uint16_t(1u << int(Gap::NoTeam))}).size() == gapCommunes);
}

TEST_CASE("attribute table: a table never loaded is no data, its gap filter finds nothing", "[core][table][nodata]") {
    Project p = buildDemoProject();
    p.teams.clear();
    std::erase_if(p.loads, [](const TableLoad& l) { return l.table == kTeamsTable; });
    const CoverageResult r = analyseCoverage(p);
    const AttributeTable t = villageAttributeTable(p, r);
    const int team = t.column("team");
    CHECK(t.nullIsNoData[size_t(team)]);
    for (const auto& row : t.data.rows) CHECK(std::holds_alternative<std::monostate>(row[size_t(team)]));
    CHECK(queryRows(t, TableQuery{std::uint16_t(1u << int(Gap::NoTeam))}).empty());
    const AttributeTable c = communeAttributeTable(p, r);
    for (const auto& row : c.data.rows) CHECK(std::holds_alternative<std::monostate>(row[size_t(c.column("with_team"))]));
}

TEST_CASE("attribute table: the CSV of the filtered, sorted rows reads back the same, without Trusted Addresses", "[core][table][protection]") {
    ScopedLanguage en(Lang::En);
    const Project p = buildDemoProject();
    const AttributeTable t = villageAttributeTable(p, analyseCoverage(p));
    TableQuery q{std::uint16_t(1u << int(Gap::NoClub)), "", t.column("population"), true};
    const std::vector<size_t> rows = queryRows(t, q);
    const std::string csv = formatCsv(selectRows(t, rows));
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    const std::vector<std::string> header = csvFields(line);
    REQUIRE(header.size() == t.data.columns.size());
    CHECK(header[1] == "village_code");
    size_t n = 0;
    while (std::getline(in, line)) {
        REQUIRE(n < rows.size());
        const std::vector<std::string> fields = csvFields(line);
        REQUIRE(fields.size() == header.size());
        CHECK(fields[1] == t.codes[rows[n]]);
        CHECK(fields[size_t(t.column("population"))] == text(t.data.rows[rows[n]][size_t(t.column("population"))]));
        CHECK(fields[size_t(t.column("club"))] == "0");
        ++n;
    }
    CHECK(n == rows.size());
    // Trusted Addresses: no code, name or position of one (a shelter may share a longitude with its
    // village, whose own position is listed), only distance bands.
    for (const auto& ta : sqlRows("demo_trusted_addresses.csv", "SELECT code, name, lon || ',' || lat FROM demo_trusted_addresses"))
        for (const std::string& secret : ta) CHECK(csv.find(secret) == std::string::npos);
    CHECK(csv.find("nearest_ta_band_km") != std::string::npos);
}
