// Lenient parsing of cell values typed the Vietnamese way in commune spreadsheets: numbers with
// dot or comma separators, dd/mm/yyyy dates, có/không flags. Strict about anything ambiguous.
// Standard library only (no ICU, no GDAL) and locale-independent: the C locale is never consulted.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gapmap {

// Integers: "1234", "1.234", "1,234", "1 234" (thousands groups of exactly three digits, one kind
// of separator), "-5", "+5"; a zero fraction is allowed ("1.234,0", "5.0"). When a single dot or
// comma is followed by exactly three digits it is read as thousands: "1.000" is 1000.
// Rejects "12.5", "1.23", "1.2345", "1..2", "abc", "" and values outside long long.
std::optional<long long> parseInteger(std::string_view text);

// Reals: "12.5", "12,5" (decimal comma), "1.234,5" and "1,234.5" (when both appear the last one is
// the decimal separator), "1.234.567" (one separator repeated: thousands), "-0,5", "1e3".
// A single dot or comma is always decimal: "22.123" and "22,123" are both 22.123 (coordinates).
// Rejects "", "abc", "1,2,3.4.5", trailing text ("12 km"), NaN, infinities and overflow.
std::optional<double> parseReal(std::string_view text);

// How one column of a file writes decimals, judged value by value and combined over the column:
// a comma followed by other than three digits ("12,5", "1.234,5") is a decimal comma; a dot so
// followed ("12.5", "1,234.5") a decimal dot; "1.234" and "1,234" alone tell nothing.
enum class DecimalMark { Unknown, Comma, Dot, Both };
DecimalMark decimalMarkOf(std::string_view text);
DecimalMark combineMarks(DecimalMark a, DecimalMark b);

// A quantity (not a coordinate) in a column whose decimals are written with `column`. Vietnamese
// unless the column shows decimal dots: "1.234" = 1234, "1,5" = 1.5, "1.234,5" = 1234.5. In a Dot
// column (English): "1,234" = 1234, "1.234" = 1.234. In a Both column a value that reads both
// ways ("1.234", "1,234") is refused (nullopt) rather than guessed; the rest parse as parseReal.
std::optional<double> parseQuantity(std::string_view text, DecimalMark column);

// Dates to ISO "yyyy-mm-dd": "2024-03-05", "2024/03/05", "05/03/2024", "5/3/2024", "05-03-2024",
// "05.03.2024" (day first, the Vietnamese order, whenever the year comes last). A time after 'T' or
// a space ("2024-03-05T00:00:00") is dropped. The year must have four digits; day is checked
// against month and leap years. A bare year ("2024") is not a date.
std::optional<std::string> parseDate(std::string_view text);

// Flags: 1/0, true/false, yes/no, y/n, có/không, c/k in any case, with or without tone marks; an
// integer-valued spelling such as "1.0" counts as 1. Empty and anything else (including "x")
// give nullopt so the caller decides.
std::optional<bool> parseBool(std::string_view text);

// Trims ASCII whitespace and U+00A0 (no-break space, common in spreadsheet exports) from both ends.
std::string_view trimSpaces(std::string_view text);

// A comma-separated list typed on a command line or stored in one cell ("07102, 07105",
// "electricity,mobile"): items trimmed as trimSpaces does, empty items dropped.
std::vector<std::string> splitList(std::string_view text);

}  // namespace gapmap
