// Collection workbooks (issue 13 item 1): headers gapmap import recognises in both languages, codes
// as text, read back through GDAL's XLSX driver with their headers; no Trusted Address location.
#include <catch2/catch.hpp>

#include "core/collection_tables.h"
#include "core/i18n.h"
#include "core/schema.h"
#include "io/collection_workbook.h"
#include "io/column_map.h"
#include "io/demo_data.h"
#include "io/ogr_reader.h"
#include "io/returns_import.h"
#include "support/pdf_tools.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

const std::vector<std::string> kAllSheets = {"villages", "communication_teams", "trusted_addresses", "clubs",
                                             "activities", "commune_offices", "outcomes"};

}  // namespace

TEST_CASE("every workbook header maps back to its own column, in Vietnamese and in English", "[flow][workbook]") {
    const Project demo = buildDemoProject();
    for (Lang lang : {Lang::Vi, Lang::En}) {
        ScopedLanguage scoped(lang);
        for (const CollectionSheet& sheet : collectionSheets(demo, {}, kAllSheets)) {
            std::vector<std::string> headers;
            for (const CollectionColumn& c : sheet.columns) headers.push_back(c.header);
            const TableSpec& spec = *findTable(sheet.table);
            const ColumnMap map = mapColumns(spec, headers, {}, "x.xlsx");
            for (size_t i = 0; i < sheet.columns.size(); ++i) {
                INFO(langCode(lang) << " " << sheet.table << " " << sheet.columns[i].header);
                const std::string& column = sheet.columns[i].column;
                const int field = column == "lon" ? map.lonField : column == "lat" ? map.latField : map.field(spec, column);
                CHECK(field == static_cast<int>(i));
            }
            CHECK(sheetTable(sheet.name, headers) == sheet.table);          // by its name
            CHECK(sheetTable("Sheet" + sheet.table.substr(0, 3), headers) == sheet.table);  // by its columns
        }
    }
}

TEST_CASE("a province workbook of the demo reads back through GDAL's XLSX driver with its headers", "[flow][workbook]") {
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    const std::string xlsx = dir.file("all.xlsx");
    const RunResult made = runGapmap("template " + quote(project) + " --out " + quote(xlsx));
    REQUIRE(made.exitCode == 0);
    CHECK_THAT(made.out, Catch::Contains("Thôn bản: 1.000 dòng đã điền sẵn"));
    CHECK(made.err.empty());  // not sensitive: no warning

    const std::string layers = commandOutput("ogrinfo -ro -q " + quote(xlsx));
    CHECK_THAT(layers, Catch::Contains("1: Hướng dẫn"));
    CHECK_THAT(layers, Catch::Contains("2: Thôn bản"));
    CHECK_THAT(layers, Catch::Contains("Tổ truyền thông"));
    CHECK_THAT(layers, !Catch::Contains("Địa chỉ tin cậy"));
    const std::string villages = commandOutput("ogrinfo -ro -so " + quote(xlsx) + " 'Thôn bản'");
    CHECK_THAT(villages, Catch::Contains("Feature Count: 1000"));
    for (const char* header : {"Mã thôn: String", "Tên thôn: String", "Mã xã: String", "Dân số: Integer", "Điện: String", "Mạng internet: String",
                               "Kinh độ: Real"})
        CHECK_THAT(villages, Catch::Contains(header));
    // the codes are text: GDAL reads the first village's code as written
    const std::string first = commandOutput("ogrinfo -ro -q -where \"\\\"Mã thôn\\\" = '9910101'\" " + quote(xlsx) + " 'Thôn bản'");
    CHECK_THAT(first, Catch::Contains("Mã thôn (String) = 9910101"));
    CHECK_THAT(first, Catch::Contains("Tên thôn (String) = Ma Chải"));
    CHECK_THAT(first, Catch::Contains("Điện (String) = ngoài lưới"));
}

TEST_CASE("a district workbook in English holds that district only, Trusted Addresses only when named, without locations", "[flow][workbook]") {
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    const std::string xlsx = dir.file("d991.xlsx");
    const RunResult made = runGapmap("template " + quote(project) + " --out " + quote(xlsx) +
                                     " --district 991 --tables villages,trusted_addresses --lang en");
    REQUIRE(made.exitCode == 0);
    CHECK_THAT(made.err, Catch::Contains("WARNING: this file holds sensitive data"));
    const std::string guide = commandOutput("ogrinfo -ro -q " + quote(xlsx) + " Instructions");
    CHECK_THAT(guide, Catch::Contains("WARNING: this file holds sensitive data"));
    const std::string villages = commandOutput("ogrinfo -ro -q " + quote(xlsx) + " Villages");
    CHECK_THAT(villages, Catch::Contains("Commune code (String) = 991"));
    CHECK_THAT(villages, !Catch::Contains("Commune code (String) = 992"));
    const std::string ta = commandOutput("ogrinfo -ro -so " + quote(xlsx) + " 'Trusted Addresses'");
    CHECK_THAT(ta, !Catch::Contains("Longitude"));
    CHECK_THAT(ta, !Catch::Contains("lon"));
    CHECK(runGapmap("template " + quote(project) + " --out " + quote(dir.file("x.xlsx")) + " --district 999").exitCode == 1);
    CHECK(runGapmap("template " + quote(project) + " --out " + quote(dir.file("x.xlsx")) + " --tables settings").exitCode == 2);
}
