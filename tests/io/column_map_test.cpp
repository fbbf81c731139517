// The mapping-file format and --map options (app/io/column_map.h), as the fuzz target
// tests/fuzz/fuzz_mapping_file.cpp found them: a BOM from Windows Notepad, CRLF, '=' in a header.
#include <catch2/catch.hpp>

#include "core/errors.h"
#include "core/i18n.h"
#include "io/column_map.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

TEST_CASE("a mapping file saved with a BOM and CRLF line ends reads like a plain one", "[io][columns]") {
    TempDir dir;
    writeFile(dir.file("map.txt"), "\xEF\xBB\xBFvillage_code = Mã số thôn\r\n# comment\r\nmembers=Tổng số\r\n");
    const auto map = readMappingFile(dir.file("map.txt"));
    REQUIRE(map.size() == 2);
    CHECK(map.at("village_code") == "Mã số thôn");  // not "\xEF\xBB\xBFvillage_code"
    CHECK(map.at("members") == "Tổng số");
    CHECK(parseMappingText("name=Tên=thôn\n", "m.txt").at("name") == "Tên=thôn");  // split at the first '='
}

TEST_CASE("a mapping line without '=' names the file and the line", "[io][columns]") {
    const ScopedLanguage english(Lang::En);
    CHECK_THROWS_WITH(parseMappingText("# ok\ncode=Mã\nname Tên\n", "m.txt"), "m.txt: line 3: expected column=Source header");
}

TEST_CASE("a --map option splits at its first '=' and needs a column", "[io][columns]") {
    CHECK(parseMapOption("members=Số = người") == std::pair<std::string, std::string>{"members", "Số = người"});
    CHECK(parseMapOption("lon=") == std::pair<std::string, std::string>{"lon", ""});
    CHECK_THROWS_AS(parseMapOption("=Mã"), UsageError);
    CHECK_THROWS_AS(parseMapOption("members"), UsageError);
}
