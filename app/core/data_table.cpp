#include "core/data_table.h"

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

void appendCsvRows(const DataTable& t, std::string& out) {
    for (const std::vector<Cell>& row : t.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c) out += ',';
            if (const auto* s = std::get_if<std::string>(&row[c])) out += csvField(*s);
            else out += cellText(row[c]);  // numbers and empty cells need no quoting
        }
        out += '\n';
    }
}

std::string formatCsv(const DataTable& t) {
    std::string out = formatCsvHeader(t);
    appendCsvRows(t, out);
    return out;
}

std::string formatJsonRows(const DataTable& t) {
    std::string out = "[";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        out += r ? ",\n{" : "\n{";
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const Cell& cell = t.rows[r][c];
            out += (c ? "," : "") + jsonString(t.columns[c].name) + ":";
            out += std::holds_alternative<std::monostate>(cell) ? "null"
                 : std::holds_alternative<std::string>(cell)    ? jsonString(std::get<std::string>(cell))
                                                                : cellText(cell);
        }
        out += "}";
    }
    return out + (t.rows.empty() ? "]" : "\n]");
}

}  // namespace gapmap
