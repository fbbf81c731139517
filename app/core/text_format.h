// Small text helpers shared by every output format: CSV fields, JSON strings, numbers.
// Standard library only.
#pragma once
#include <string>
#include <string_view>

namespace gapmap {

std::string csvField(std::string_view text);    // quoted when it holds , " or a line break
// The same appended to `out`, without a temporary: a long CSV is made of a million cells.
void appendCsvField(std::string& out, std::string_view text);
std::string jsonString(std::string_view text);  // with quotes, escaped, UTF-8 kept as is
std::string formatNumber(double value);         // "540", "12.5" (at most 1 decimal)
std::string percentOf(double value, double total);
// The local wall-clock time now, written with a strftime format: "%Y-%m-%d" (a report's date made),
// "%H:%M:%S" (the app's "saved at").
std::string formatLocalNow(const char* strftimeFormat);  // "100%", "87.5%", "–" when total is 0
// The shortest text that reads back as the same double: "10", "2.5", "0.25" (no rounding).
std::string formatShortest(double value);
void appendShortest(std::string& out, double value);  // formatShortest appended to `out`
// UTF-8 code points, so Vietnamese names line up in a terminal.
size_t codePoints(std::string_view text);
// text followed by spaces up to `width` code points (at least one space).
std::string pad(const std::string& text, size_t width);

}  // namespace gapmap
