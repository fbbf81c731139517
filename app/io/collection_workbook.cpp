#include "io/collection_workbook.h"

#include <xlsxwriter.h>

#include <algorithm>

#include "core/errors.h"
#include "core/i18n.h"
#include "core/text_format.h"
#include "io/pending_file.h"

namespace gapmap {
namespace {

// Rows below the pre-filled ones that still carry the lists, for villages or clubs a commune adds.
constexpr int kSpareRows = 200;

void check(lxw_error e, const std::string& path) {
    if (e != LXW_NO_ERROR) throw InputError(tr("flow.error.cannot_write", {path, lxw_strerror(e)}));
}

void writeInstructions(lxw_workbook* wb, const Project& project, const CollectionScope& scope, const std::vector<CollectionSheet>& sheets,
                       bool sensitive, const std::string& path) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, tr("flow.sheet.instructions").c_str());
    if (!ws) throw InputError(tr("flow.error.cannot_write", {path, "sheet"}));
    // Long lines wrap inside the one wide column.
    lxw_format* plain = workbook_add_format(wb);
    format_set_text_wrap(plain);
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_text_wrap(bold);
    lxw_format* warning = workbook_add_format(wb);
    format_set_bold(warning);
    format_set_font_color(warning, LXW_COLOR_RED);
    format_set_text_wrap(warning);
    worksheet_set_column(ws, 0, 0, 80, plain);
    std::vector<std::pair<std::string, lxw_format*>> lines = {
        {tr("flow.guide.title", {scopeTitle(project, scope)}), bold},
        {tr("flow.guide.made", {formatLocaleDate(isoTimeNowUtc().substr(0, 10))}), nullptr},
    };
    if (sensitive) lines.push_back({tr("flow.guide.sensitive"), warning});
    lines.push_back({"", nullptr});
    lines.push_back({tr("flow.guide.sheets"), bold});
    for (const CollectionSheet& s : sheets)
        lines.push_back({"  " + tr("flow.guide.sheet_line", {s.name, formatLocaleNumber(double(s.rows.size()))}), nullptr});
    lines.push_back({"", nullptr});
    for (const char* key : {"flow.guide.correct", "flow.guide.add", "flow.guide.empty", "flow.guide.codes", "flow.guide.lists",
                            "flow.guide.dates", "flow.guide.send", "flow.guide.province"})
        lines.push_back({tr(key), nullptr});
    for (size_t i = 0; i < lines.size(); ++i) {
        // Row heights are not grown on opening: one 15 pt line per ~72 characters of the 80-wide column (an A4 page wide).
        const size_t textLines = std::max<size_t>(1, (codePoints(lines[i].first) + 71) / 72);
        if (textLines > 1) worksheet_set_row(ws, static_cast<lxw_row_t>(i), 15.0 * double(textLines), nullptr);
        if (!lines[i].first.empty())
            check(worksheet_write_string(ws, static_cast<lxw_row_t>(i), 0, lines[i].first.c_str(), lines[i].second ? lines[i].second : plain), path);
    }
}

void writeSheet(lxw_workbook* wb, const CollectionSheet& sheet, lxw_format* textCell, lxw_format* header, const std::string& path) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    if (!ws) throw InputError(tr("flow.error.cannot_write", {path, sheet.name}));
    const auto lastRow = static_cast<lxw_row_t>(sheet.rows.size() + kSpareRows);
    for (size_t c = 0; c < sheet.columns.size(); ++c) {
        const CollectionColumn& col = sheet.columns[c];
        const auto column = static_cast<lxw_col_t>(c);
        const bool asText = col.type == ColumnType::Text || col.type == ColumnType::Date || col.type == ColumnType::Bool;
        // Text columns are formatted as text ("@") so that a code typed later keeps its leading zeros.
        worksheet_set_column(ws, column, column, std::max<double>(12, codePoints(col.header) + 4), asText ? textCell : nullptr);
        check(worksheet_write_string(ws, 0, column, col.header.c_str(), header), path);
        if (!col.choices.empty()) {
            std::vector<char*> list;
            for (const std::string& v : col.choices) list.push_back(const_cast<char*>(v.c_str()));
            list.push_back(nullptr);
            lxw_data_validation validation{};
            validation.validate = LXW_VALIDATION_TYPE_LIST;
            validation.value_list = list.data();
            validation.ignore_blank = LXW_VALIDATION_ON;
            validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
            check(worksheet_data_validation_range(ws, 1, column, lastRow, column, &validation), path);
        }
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
        const auto row = static_cast<lxw_row_t>(r + 1);
        for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
            const Cell& cell = sheet.rows[r][c];
            const auto column = static_cast<lxw_col_t>(c);
            if (const auto* s = std::get_if<std::string>(&cell)) check(worksheet_write_string(ws, row, column, s->c_str(), textCell), path);
            else if (const auto* i = std::get_if<std::int64_t>(&cell)) check(worksheet_write_number(ws, row, column, double(*i), nullptr), path);
            else if (const auto* d = std::get_if<double>(&cell)) check(worksheet_write_number(ws, row, column, *d, nullptr), path);
        }
    }
}

}  // namespace

WorkbookSummary writeCollectionWorkbook(const Project& project, const CollectionScope& scope, const std::vector<std::string>& tablesGiven,
                                        const std::string& path) {
    const std::vector<std::string> tables = tablesGiven.empty() ? defaultCollectionTables() : tablesGiven;
    const std::vector<CollectionSheet> sheets = collectionSheets(project, scope, tables);
    WorkbookSummary summary{scopeTitle(project, scope), {}, collectionIsSensitive(tables)};
    PendingFile out(path);
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    lxw_workbook* wb = workbook_new_opt(out.temp().c_str(), &options);
    if (!wb) throw InputError(tr("flow.error.cannot_write", {path, "workbook_new"}));
    try {
        lxw_format* textCell = workbook_add_format(wb);
        format_set_num_format(textCell, "@");
        lxw_format* header = workbook_add_format(wb);
        format_set_bold(header);
        format_set_num_format(header, "@");
        writeInstructions(wb, project, scope, sheets, summary.sensitive, path);
        for (const CollectionSheet& s : sheets) {
            writeSheet(wb, s, textCell, header, path);
            summary.rows.push_back({s.name, s.rows.size()});
        }
    } catch (...) {
        workbook_close(wb);
        throw;
    }
    check(workbook_close(wb), path);
    out.commit(path);
    return summary;
}

}  // namespace gapmap
