// `gapmap export-report` through the real binary: the demo by default, page counts with
// --per-district, English with --lang en, the priority villages in the order of
// `gapmap report --priorities --format csv`, and usage and input errors that leave no file behind.
#include <catch2/catch.hpp>

#include <filesystem>

#include "support/pdf_tools.h"
#include "support/test_support.h"

using namespace gapmap::test;

namespace {

// village_name and commune_name (columns 3 and 5) of the first `count` rows of the priority CSV.
std::vector<std::pair<std::string, std::string>> topPriorities(size_t count) {
    const RunResult r = runGapmap("report --priorities --format csv");
    REQUIRE(r.exitCode == 0);
    std::vector<std::pair<std::string, std::string>> out;
    size_t start = r.out.find('\n') + 1;
    while (out.size() < count && start < r.out.size()) {
        const size_t end = r.out.find('\n', start);
        std::vector<std::string> cells(1);
        bool quoted = false;
        for (char c : r.out.substr(start, end - start)) {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) cells.emplace_back();
            else cells.back() += c;
        }
        out.emplace_back(cells.at(2), cells.at(4));
        start = end + 1;
    }
    return out;
}

}  // namespace

TEST_CASE("export-report writes the demo's PDF, --per-district adds one page per district", "[cli][pdf]") {
    REQUIRE(havePoppler());
    TempDir dir;
    const std::string plain = dir.file("report.pdf"), full = dir.file("full.pdf");
    const RunResult a = runGapmap("export-report --out " + quote(plain));
    REQUIRE(a.exitCode == 0);
    CHECK_THAT(a.out, Catch::Contains("DỮ LIỆU MẪU TỔNG HỢP"));
    const int pages = pdfPageCount(plain);
    CHECK(pages >= 3);
    CHECK_THAT(a.out, Catch::Contains(std::to_string(pages) + " trang"));
    REQUIRE(runGapmap("export-report --per-district --out " + quote(full)).exitCode == 0);
    CHECK(pdfPageCount(full) == pages + 8);  // the demo has 8 districts
    // No temporary file is left beside the report.
    size_t files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
    CHECK(files == 2);
}

TEST_CASE("export-report lists the priority villages in the order of report --priorities", "[cli][pdf]") {
    REQUIRE(havePoppler());
    TempDir dir;
    const std::string path = dir.file("report.pdf");
    REQUIRE(runGapmap("export-report --top 12 --out " + quote(path)).exitCode == 0);
    const std::string text = pdfText(path);
    size_t at = text.find("Thôn bản cần ưu tiên");
    REQUIRE(at != std::string::npos);
    CHECK_THAT(text, Catch::Contains("12 thôn bản đầu tiên trong 1.000 thôn bản"));
    const auto csv = topPriorities(13);
    REQUIRE(csv.size() == 13);
    for (size_t k = 0; k < 12; ++k) {
        const std::string row = std::to_string(k + 1) + " " + csv[k].first + " " + csv[k].second + " ";
        INFO(row);
        const size_t found = text.find(row, at);
        REQUIRE(found != std::string::npos);  // present, and after the previous one
        at = found + row.size();
    }
    CHECK_THAT(text, !Catch::Contains("13 " + csv[12].first + " " + csv[12].second + " "));  // --top 12
}

TEST_CASE("export-report --lang en writes English labels", "[cli][pdf][i18n]") {
    REQUIRE(havePoppler());
    TempDir dir;
    const std::string path = dir.file("report-en.pdf");
    const RunResult r = runGapmap("export-report --lang en --out " + quote(path));
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("pages (SYNTHETIC demo data)"));
    const std::string text = pdfText(path);
    CHECK_THAT(text, Catch::Contains("Demo province – SYNTHETIC data, not real records"));
    CHECK_THAT(text, Catch::Contains("Indicators against targets"));
    CHECK_THAT(text, Catch::Contains("Community communication teams 540 540 (2025) 100.0%"));
    CHECK_THAT(text, Catch::Contains("Whole province 1,000 600 540"));
    CHECK_THAT(text, Catch::Contains("SYNTHETIC DEMO DATA – not real records"));
    CHECK_THAT(text, Catch::Contains("Top priority villages"));
    CHECK_THAT(text, Catch::Contains("Data as of 2025-12-31"));
    CHECK_THAT(text, !Catch::Contains("Chỉ tiêu so với kế hoạch"));
}

TEST_CASE("export-report: usage errors exit 2, a bad project exits 1, and no file is written", "[cli][pdf]") {
    TempDir dir;
    const std::string out = dir.file("report.pdf");
    const std::vector<std::string> usageErrors = {"export-report", "export-report --out -", "export-report --out " + quote(out) + " --top 0",
                                   "export-report --out " + quote(out) + " --radius-km -3", "export-report --out " + quote(out) + " --frobnicate",
                                   "export-report a.gpkg b.gpkg --out " + quote(out)};
    for (const std::string& args : usageErrors) {
        INFO(args);
        const RunResult r = runGapmap(args);
        CHECK(r.exitCode == 2);
        CHECK_FALSE(r.err.empty());
    }
    CHECK_FALSE(std::filesystem::exists(out));

    const std::string bad = dir.file("broken.gpkg");
    writeFile(bad, "this is not a GeoPackage\n");
    writeFile(out, "an earlier report");
    const RunResult r = runGapmap("export-report " + quote(bad) + " --out " + quote(out));
    CHECK(r.exitCode == 1);
    CHECK_THAT(r.err, Catch::Contains("broken.gpkg"));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(readFile(out) == "an earlier report");  // untouched

    const RunResult missingDir = runGapmap("export-report --out " + quote(dir.file("no/such/dir/report.pdf")));
    CHECK(missingDir.exitCode == 1);
    CHECK_THAT(missingDir.err, Catch::Contains("report.pdf"));
    CHECK_FALSE(std::filesystem::exists(dir.file("no")));
}

TEST_CASE("export-report --help explains the command", "[cli][pdf]") {
    const RunResult r = runGapmap("export-report --help");
    CHECK(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("--per-district"));
    CHECK_THAT(runGapmap("--help").out, Catch::Contains("gapmap export-report"));
}

TEST_CASE("export-report on real boundaries: Lai Châu 2009, three levels, one page per district", "[cli][pdf][geodata]") {
    const std::string dir2009 = sharedGeodata("censusVN2009");
    if (dir2009.empty()) return;
    REQUIRE(havePoppler());
    TempDir dir;
    const std::string project = quote(dir.file("lc.gpkg"));
    importLaiChau2009(project, dir2009);
    const std::string plain = dir.file("lc.pdf"), full = dir.file("lc-full.pdf");
    REQUIRE(runGapmap("export-report " + project + " --out " + quote(plain)).exitCode == 0);
    REQUIRE(runGapmap("export-report " + project + " --per-district --out " + quote(full)).exitCode == 0);
    const std::string text = pdfText(full);
    CHECK_THAT(text, Catch::Contains("Lai Châu"));            // titled by the province without a title setting
    CHECK_THAT(text, Catch::Contains("Mường Tè"));
    CHECK_THAT(text, !Catch::Contains("DỮ LIỆU MẪU"));          // real data carries no synthetic mark
    const std::string districts = commandOutput("ogrinfo -ro -q -sql \"SELECT COUNT(*) AS n FROM admin_units WHERE level = 'district'\" " +
                                                project + " | grep -o 'n (Integer) = [0-9]*'");
    REQUIRE(districts.find("= ") != std::string::npos);
    const int n = std::stoi(districts.substr(districts.find("= ") + 2));
    CHECK(n >= 5);
    CHECK(pdfPageCount(full) == pdfPageCount(plain) + n);
}

TEST_CASE("export-report: a long priority table continues on the next pages under its header", "[cli][pdf]") {
    REQUIRE(havePoppler());
    TempDir dir;
    const std::string path = dir.file("long.pdf");
    REQUIRE(runGapmap("export-report --top 80 --out " + quote(path)).exitCode == 0);
    const int pages = pdfPageCount(path);
    REQUIRE(pages >= 5);
    const std::string header = "Hạng Thôn bản Xã Huyện Điểm Lý do";
    int pagesWithTable = 0;
    for (int page = 2; page <= pages; ++page) pagesWithTable += pdfText(path, page, page).find(header) != std::string::npos;
    CHECK(pagesWithTable >= 3);  // every page the table runs over repeats its header
    const auto csv = topPriorities(80);
    const std::string text = pdfText(path);
    size_t at = text.find(header);
    for (size_t k = 0; k < csv.size(); ++k) {
        const std::string row = std::to_string(k + 1) + " " + csv[k].first + " " + csv[k].second + " ";
        INFO(row);
        const size_t found = text.find(row, at);
        REQUIRE(found != std::string::npos);  // no row lost or reordered at a page break
        at = found + row.size();
    }
}
