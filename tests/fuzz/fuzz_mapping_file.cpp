// Fuzzes the project's own mapping-file format (app/io/column_map.h parseMappingText, what
// `gapmap import --mapping FILE` reads): "column=Source header" lines, '#' comments, CRLF, a BOM.
// Properties: a bad line is one InputError naming the file and a line that exists; otherwise keys and
// values are trimmed, keys hold no '=' and never start a comment, and writing the map back as
// "key=value" lines reads back to the same map, also with CRLF line ends and a BOM in front.
#include <map>
#include <string>

#include "core/errors.h"
#include "core/parse.h"
#include "fuzz_support.h"
#include "io/column_map.h"

using namespace gapmap;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::map<std::string, std::string> map;
    try {
        map = parseMappingText(text, "map.txt");
    } catch (const InputError& e) {
        const std::string_view message = e.what();
        FUZZ_CHECK(message.starts_with("map.txt: "), message);
        return 0;
    }
    std::string written, crlf = "\xEF\xBB\xBF";
    for (const auto& [column, source] : map) {
        FUZZ_CHECK(trimSpaces(column) == column && trimSpaces(source) == source, column, source);
        FUZZ_CHECK(column.find_first_of("=\n") == std::string::npos && !column.starts_with("#"), column);
        FUZZ_CHECK(source.find('\n') == std::string::npos, source);
        written += column + "=" + source + "\n";
        crlf += column + " = " + source + "\r\n";
    }
    // Without a BOM of its own, a first key that begins with U+FEFF would lose it: skipped then.
    if (map.empty() || !map.begin()->first.starts_with("\xEF\xBB\xBF"))
        FUZZ_CHECK(parseMappingText(written, "map.txt") == map, written);
    FUZZ_CHECK(parseMappingText(crlf, "map.txt") == map, crlf);
    return 0;
}
