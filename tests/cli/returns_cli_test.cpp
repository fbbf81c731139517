// Issue 13 items 2–4 on the demo, through build/gapmap: returned workbooks imported in one transaction,
// --update merging by key, conflicts and bad cells refusing every file with the project untouched,
// and each imported row remembering its file, sheet and row.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "core/collection_tables.h"
#include "core/data_table.h"
#include "core/i18n.h"
#include "core/provenance.h"
#include "io/collection_workbook.h"
#include "io/project_file.h"
#include "io/table_export.h"
#include "support/pdf_tools.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

std::string report(const std::string& project) {
    const RunResult r = runGapmap("report " + quote(project) + " --format json");
    REQUIRE(r.exitCode == 0);
    return r.out;
}

// The district's communes' villages.
std::set<std::string> villagesOf(const Project& p, const std::string& district) {
    std::set<std::string> out;
    const std::vector<std::string> communes = scopeCommunes(p, {district, ""});
    for (const Village& v : p.villages)
        if (std::count(communes.begin(), communes.end(), v.communeCode)) out.insert(v.code);
    return out;
}

// A district's return as a commune sends it back: its workbook, written from the project with every
// village's internet set to `internet` (the same code path as `gapmap template`, then "filled in").
void writeFilledReturn(const Project& project, const std::string& district, bool internet, const std::string& path) {
    Project filled = project;
    const std::set<std::string> codes = villagesOf(filled, district);
    for (Village& v : filled.villages)
        if (codes.count(v.code)) v.internet = internet;
    writeCollectionWorkbook(filled, {district, ""}, {}, path);
}

// A district's villages sheet with one cell changed, written through GDAL's XLSX driver.
void writeReturnWithCell(const Project& project, const std::string& district, size_t row, const std::string& column,
                         const std::string& value, const std::string& path) {
    CollectionSheet sheet = collectionSheets(project, {district, ""}, {"villages"}).front();
    DataTable table{sheet.name, {}, {}};
    for (size_t c = 0; c < sheet.columns.size(); ++c) {
        const ColumnType type = sheet.columns[c].type;
        table.columns.push_back({sheet.columns[c].header, type == ColumnType::Integer || type == ColumnType::Real ? type : ColumnType::Text});
        if (sheet.columns[c].column == column) sheet.rows.at(row)[c] = Cell{value};
    }
    table.rows = sheet.rows;
    writeXlsx({table}, path);
}

}  // namespace

TEST_CASE("importing the unchanged province workbook with --update leaves the report identical and records where rows came from",
          "[flow][cli]") {
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    const std::string before = report(project);
    const std::string xlsx = dir.file("all.xlsx");
    REQUIRE(runGapmap("template " + quote(project) + " --out " + quote(xlsx)).exitCode == 0);
    const RunResult imported = runGapmap("import " + quote(project) + " " + quote(xlsx) + " --update");
    INFO(imported.out << imported.err);
    REQUIRE(imported.exitCode == 0);
    CHECK_THAT(imported.out, Catch::Contains("villages <- " + xlsx));
    CHECK(report(project) == before);

    const Project p = readProject(project);
    CHECK(p.villages.size() == 1000);
    const std::vector<ValueSource> sources = villageValueSources(p, "9910101");
    REQUIRE(sources.size() >= 1);
    CHECK(sources[0].sourceFile == xlsx);
    CHECK(sources[0].sheet == "Thôn bản");
    CHECK(sources[0].row == 2);  // the first row under the header
    CHECK_FALSE(sources[0].wholeTableLoad);
    const RunResult info = runGapmap("info " + quote(project) + " --lang en");
    CHECK_THAT(info.out, Catch::Contains("Imports (rows still from each):"));
    CHECK_THAT(info.out, Catch::Contains(xlsx + " › Thôn bản  villages  1,000 rows"));
    const RunResult json = runGapmap("info " + quote(project) + " --format json");
    CHECK_THAT(json.out, Catch::Contains("\"source_file\":\"" + xlsx + "\",\"sheet\":\"Thôn bản\",\"table\":\"villages\",\"rows\":1000}"));

    // without --update the sheets replace their tables: the same figures again
    REQUIRE(runGapmap("import " + quote(project) + " " + quote(xlsx)).exitCode == 0);
    CHECK(report(project) == before);
}

TEST_CASE("two filled district returns imported in one command change exactly those districts' villages", "[flow][cli]") {
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    const Project before = readProject(project);
    const std::set<std::string> d1 = villagesOf(before, "991"), d2 = villagesOf(before, "992");
    REQUIRE(!d1.empty());
    REQUIRE(!d2.empty());
    size_t without = 0;
    for (const Village& v : before.villages) without += (d1.count(v.code) || d2.count(v.code)) && !v.internet;
    REQUIRE(without > 0);  // the returns change something

    writeFilledReturn(before, "991", true, dir.file("d991.xlsx"));
    writeFilledReturn(before, "992", true, dir.file("d992.xlsx"));
    const RunResult r = runGapmap("import " + quote(project) + " " + quote(dir.file("d991.xlsx")) + " " + quote(dir.file("d992.xlsx")) + " --update");
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    const Project after = readProject(project);
    REQUIRE(after.villages.size() == before.villages.size());
    size_t changed = 0;
    for (size_t i = 0; i < after.villages.size(); ++i) {
        const Village &a = after.villages[i], &b = before.villages[i];
        REQUIRE(a.code == b.code);
        if (d1.count(a.code) || d2.count(a.code)) {
            CHECK(a.internet);
            changed += !b.internet;
        } else {
            CHECK(a.internet == b.internet);
        }
        CHECK(a.electricity == b.electricity);
        CHECK(a.population == b.population);
        CHECK(a.location.has_value() == b.location.has_value());
    }
    CHECK(changed == without);
    CHECK(villageValueSources(after, *d2.begin()).at(0).sourceFile == dir.file("d992.xlsx"));
    CHECK(villageValueSources(after, *d1.begin()).at(0).sheet == "Thôn bản");
    // a village of another district still says it came with the demo's load
    const Village& other = after.villages.back();
    REQUIRE(!d1.count(other.code));
    CHECK(villageValueSources(after, other.code).at(0).wholeTableLoad);
    CHECK(villageValueSources(after, other.code).at(0).sourceFile == "synthetic demo");
}

TEST_CASE("a bad cell in either return refuses both and leaves the project byte for byte as it was", "[flow][cli]") {
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    const Project p = readProject(project);
    const std::string bytes = readFile(project);
    writeFilledReturn(p, "991", true, dir.file("d991.xlsx"));
    writeReturnWithCell(p, "992", 4, "electricity", "gió", dir.file("d992.xlsx"));
    for (const std::string order : {"d991.xlsx d992.xlsx", "d992.xlsx d991.xlsx"}) {
        const std::string files = order.substr(0, 9) == "d991.xlsx" ? quote(dir.file("d991.xlsx")) + " " + quote(dir.file("d992.xlsx"))
                                                                    : quote(dir.file("d992.xlsx")) + " " + quote(dir.file("d991.xlsx"));
        const RunResult r = runGapmap("import " + quote(project) + " " + files + " --update");
        CHECK(r.exitCode == 1);
        // file, sheet, row (the 5th village under the header is row 6), column, what is wrong
        CHECK_THAT(r.err, Catch::Contains(dir.file("d992.xlsx") + ", trang Thôn bản: hàng 6, cột \"Điện\""));
        CHECK_THAT(r.err, Catch::Contains("gió"));
        CHECK(lineCount(r.err) == 1);
        CHECK(readFile(project) == bytes);
        CHECK_FALSE(std::filesystem::exists(project + ".bak"));
    }
}

TEST_CASE("two returns setting one village differently are a conflict naming both places", "[flow][cli]") {
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    const Project p = readProject(project);
    const std::string bytes = readFile(project);
    writeFilledReturn(p, "991", true, dir.file("a.xlsx"));
    writeFilledReturn(p, "991", false, dir.file("b.xlsx"));
    const RunResult r = runGapmap("import " + quote(project) + " " + quote(dir.file("a.xlsx")) + " " + quote(dir.file("b.xlsx")) + " --update --lang en");
    CHECK(r.exitCode == 1);
    CHECK_THAT(r.err, Catch::Contains("two returns set the same row of villages (key 9910101) differently: " + dir.file("a.xlsx") +
                                      ", sheet Thôn bản: row 2 and " + dir.file("b.xlsx") + ", sheet Thôn bản: row 2"));
    CHECK(readFile(project) == bytes);
    // the same return twice is no conflict
    CHECK(runGapmap("import " + quote(project) + " " + quote(dir.file("a.xlsx")) + " " + quote(dir.file("a.xlsx")) + " --update").exitCode == 0);
}

TEST_CASE("a return naming a village of a commune the project lacks is refused, not left out", "[flow][cli]") {
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    const Project p = readProject(project);
    const std::string bytes = readFile(project);
    writeReturnWithCell(p, "991", 0, "commune_code", "12345", dir.file("bad.xlsx"));
    const RunResult r = runGapmap("import " + quote(project) + " " + quote(dir.file("bad.xlsx")) + " --update --lang en");
    CHECK(r.exitCode == 1);
    CHECK_THAT(r.err, Catch::Contains(dir.file("bad.xlsx") + ", sheet Thôn bản: row 2"));
    CHECK_THAT(r.err, Catch::Contains("12345"));
    CHECK(readFile(project) == bytes);
}

TEST_CASE("a commune's return whose sheets hold only their header skips them and imports the rest", "[flow][cli]") {
    // Commune 99104 of the demo has no communication team: its sheet is the header alone, which GDAL
    // reads as a row of data (Field1, Field2 …) unless the import knows better.
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    const std::string before = report(project);
    const std::string xlsx = dir.file("x99104.xlsx");
    REQUIRE(runGapmap("template " + quote(project) + " --out " + quote(xlsx) + " --commune 99104 --lang en").exitCode == 0);
    const RunResult r = runGapmap("import " + quote(project) + " " + quote(xlsx) + " --update --lang en");
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("skipped: " + xlsx + ", sheet Communication teams: table communication_teams has no rows"));
    CHECK_THAT(r.out, Catch::Contains("villages <- " + xlsx));
    CHECK(report(project) == before);
}

TEST_CASE("a sensitive workbook never carries Trusted Address locations, and importing it back keeps them", "[flow][cli]") {
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    const Project before = readProject(project);
    const std::string reportBefore = report(project);
    const std::string xlsx = dir.file("ta.xlsx");
    const RunResult made = runGapmap("template " + quote(project) + " --out " + quote(xlsx) + " --tables trusted_addresses,outcomes");
    REQUIRE(made.exitCode == 0);
    CHECK_THAT(made.err, Catch::Contains("CẢNH BÁO: tệp này có dữ liệu nhạy cảm"));
    // no coordinate of any Trusted Address appears in the file's text
    const std::string text = commandOutput("ogrinfo -ro -al -q " + quote(xlsx));
    for (const TrustedAddress& a : before.trustedAddresses) {
        REQUIRE(a.location);
        CHECK_THAT(text, !Catch::Contains(std::to_string(a.location->lonDeg).substr(0, 7)));
    }
    for (const std::string update : {"", " --update"}) {
        const RunResult r = runGapmap("import " + quote(project) + " " + quote(xlsx) + update);
        INFO(r.out << r.err);
        REQUIRE(r.exitCode == 0);
        const Project after = readProject(project);
        REQUIRE(after.trustedAddresses.size() == before.trustedAddresses.size());
        for (size_t i = 0; i < after.trustedAddresses.size(); ++i) {
            REQUIRE(after.trustedAddresses[i].location);
            CHECK(after.trustedAddresses[i].location->lonDeg == before.trustedAddresses[i].location->lonDeg);
        }
        CHECK(report(project) == reportBefore);
    }
}

TEST_CASE("a workbook opened and saved again in LibreOffice imports unchanged", "[flow][cli][soffice]") {
    if (std::system("command -v soffice >/dev/null 2>&1") != 0) {
        WARN("soffice not installed: skipped");
        return;
    }
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    const std::string before = report(project);
    const std::string xlsx = dir.file("d991.xlsx");
    REQUIRE(runGapmap("template " + quote(project) + " --out " + quote(xlsx) + " --district 991").exitCode == 0);
    // LibreOffice writes the formatted spare rows under the data back as rows without values.
    const std::string saved = dir.file("saved");
    const std::string command = "soffice -env:UserInstallation=file://" + dir.file("lo-profile") + " --headless --convert-to xlsx --outdir " +
                                quote(saved) + " " + quote(xlsx) + " >/dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
    // and reads back through LibreOffice's own CSV export with the headers
    const std::string csv = commandOutput("soffice -env:UserInstallation=file://" + dir.file("lo-profile") +
                                          " --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2' --outdir " +
                                          quote(dir.file("csv")) + " " + quote(xlsx) + " >/dev/null 2>&1; cat " + quote(dir.file("csv")) + "/*.csv");
    CHECK_THAT(csv, Catch::Contains("Mã thôn,Tên thôn,Mã xã,Xã,Dân số"));
    const RunResult r = runGapmap("import " + quote(project) + " " + quote(saved + "/d991.xlsx") + " --update");
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("villages <- " + saved + "/d991.xlsx: đã đọc 151 dòng"));
    CHECK(report(project) == before);
}

TEST_CASE("import --as villages --update with one column changes that column of that village only, the others stay given", "[flow][cli]") {
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    const Project before = readProject(project);
    writeFile(dir.file("one.csv"), "code,name,Mã xã,internet\n9910101,Ma Chải,99101,0\n");
    const RunResult r = runGapmap("import " + quote(project) + " --as villages " + quote(dir.file("one.csv")) + " --update --lang en");
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(r.out, !Catch::Contains("no data"));
    const Project after = readProject(project);
    REQUIRE(after.villages.size() == before.villages.size());
    CHECK_FALSE(after.findVillage("9910101")->internet);
    CHECK(after.findVillage("9910101")->electricity == before.findVillage("9910101")->electricity);
    CHECK(after.findVillage("9910101")->location.has_value());
    CHECK(after.hasData(kVillageElectricity));
    CHECK(after.hasData(kVillageInternet));
    for (size_t i = 1; i < after.villages.size(); ++i) CHECK(after.villages[i].internet == before.villages[i].internet);
}
