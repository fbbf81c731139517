#include "core/data_table.h"

#include <charconv>

#include "core/text_format.h"

namespace gapmap {

std::string cellText(const Cell& cell) {
    if (const auto* s = std::get_if<std::string>(&cell)) return *s;
    if (const auto* i = std::get_if<std::int64_t>(&cell)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&cell)) return formatShortest(*d);
    return "";
}

std::string formatCsvHeader(const DataTable& t) {
    std::string out;
    for (std::size_t c = 0; c < t.columns.size(); ++c) out += (c ? "," : "") + csvField(t.columns[c].name);
    return out + "\n";
}

void appendCsvCell(std::string& out, const Cell& cell) {
    // Numbers and empty cells need no quoting; nothing here makes a temporary string.
    if (const auto* s = std::get_if<std::string>(&cell)) {
        appendCsvField(out, *s);
    } else if (const auto* i = std::get_if<std::int64_t>(&cell)) {
        char buf[24];
        out.append(buf, std::to_chars(buf, buf + sizeof buf, *i).ptr);
    } else if (const auto* d = std::get_if<double>(&cell)) {
        appendShortest(out, *d);
    }
}

void appendCsvRows(const DataTable& t, std::string& out) {
    for (const std::vector<Cell>& row : t.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c) out += ',';
            appendCsvCell(out, row[c]);
        }
        out += '\n';
    }
}

std::string formatCsv(const DataTable& t) {
    std::string out = formatCsvHeader(t);
    appendCsvRows(t, out);
    return out;
}

void appendJsonRow(const DataTable& t, std::size_t r, std::string& out) {
    out += '{';
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        const Cell& cell = t.rows[r][c];
        if (c) out += ',';
        out += jsonString(t.columns[c].name);
        out += ':';
        if (std::holds_alternative<std::monostate>(cell)) out += "null";
        else if (const auto* s = std::get_if<std::string>(&cell)) out += jsonString(*s);
        else appendCsvCell(out, cell);  // a number: the same digits as cellText
    }
    out += '}';
}

std::string formatJsonRows(const DataTable& t) {
    std::string out = "[";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        out += r ? ",\n" : "\n";
        appendJsonRow(t, r, out);
    }
    return out + (t.rows.empty() ? "]" : "\n]");
}

}  // namespace gapmap
