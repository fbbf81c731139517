#include "io/pdf_document.h"

#include <cairo-ft.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <mutex>

#include "core/errors.h"
#include "core/font_files.h"
#include "core/i18n.h"

namespace gapmap::pdf {
namespace {

// The two faces, loaded once per process and kept for its lifetime: cairo caches font faces
// beyond any one surface, so their FreeType faces must outlive every document.
struct Faces {
    cairo_font_face_t* regular = nullptr;
    cairo_font_face_t* bold = nullptr;
};

const Faces& faces() {
    static std::mutex mutex;
    static Faces loaded;
    std::lock_guard<std::mutex> lock(mutex);
    if (loaded.regular) return loaded;
    static FT_Library library = nullptr;
    if (!library && FT_Init_FreeType(&library) != 0) throw InputError(tr("pdf.error.no_font", {fontCandidates(false)[0]}));
    auto load = [](const std::string& path) -> cairo_font_face_t* {
        FT_Face face = nullptr;
        if (path.empty() || FT_New_Face(library, path.c_str(), 0, &face) != 0) return nullptr;
        return cairo_ft_font_face_create_for_ft_face(face, 0);
    };
    cairo_font_face_t* regular = load(findFontFile(false));
    if (!regular) throw InputError(tr("pdf.error.no_font", {fontCandidates(false)[0]}));
    cairo_font_face_t* bold = load(findFontFile(true));
    loaded = {regular, bold ? bold : cairo_font_face_reference(regular)};
    return loaded;
}

void setColor(cairo_t* cr, const Color& c) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a); }

// Byte length of the UTF-8 sequence starting with `lead`.
size_t utf8Length(unsigned char lead) { return lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : (lead >> 3) == 30 ? 4 : 1; }

}  // namespace

Document::Document(cairo_surface_t* surface, PageFrame frame, int totalPages)
    : frame_(std::move(frame)), totalPages_(totalPages) {
    faces();  // fails early, before any page, when no font is installed
    cr_ = cairo_create(surface);
    // Unhinted outlines and exact advances: the PDF is scaled by the viewer, not drawn on a pixel grid.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr_, options);
    cairo_font_options_destroy(options);
}

Document::~Document() { cairo_destroy(cr_); }

void Document::newPage() {
    if (open_) cairo_show_page(cr_);
    ++page_;
    open_ = true;
    y = top();
    drawFrame();
}

void Document::finish() {
    if (open_) cairo_show_page(cr_);
    open_ = false;
}

void Document::drawFrame() {
    const TextStyle small{7.5, Weight::Regular, Color::hex(0x555555)};
    const TextStyle mark{7.5, Weight::Bold, Color::hex(0xc0392b)};
    const double headerBaseline = kMarginPt + 4;
    double headerWidth = width();
    if (!frame_.mark.empty()) {
        text(left(), headerBaseline, frame_.mark, mark, Align::Right, width());
        headerWidth -= textWidth(frame_.mark, mark) + 12;
    }
    const std::vector<std::string> header = wrap(frame_.header, std::max(40.0, headerWidth), small);
    if (!header.empty()) text(left(), headerBaseline, header.front(), small);
    cairo_set_line_width(cr_, 0.5);
    setColor(cr_, Color::hex(0xb0b0b0));
    cairo_move_to(cr_, left(), headerBaseline + 5);
    cairo_line_to(cr_, right(), headerBaseline + 5);
    const double footerBaseline = kPageHeightPt - kMarginPt + 2;
    cairo_move_to(cr_, left(), footerBaseline - 10);
    cairo_line_to(cr_, right(), footerBaseline - 10);
    cairo_stroke(cr_);
    text(left(), footerBaseline, frame_.footerLeft, small);
    const std::string pages = totalPages_ > 0 ? std::to_string(totalPages_) : "?";
    std::string label = frame_.pageLabel;
    for (const auto& [key, value] : {std::pair<std::string, std::string>{"{0}", std::to_string(page_)}, {"{1}", pages}})
        if (const size_t at = label.find(key); at != std::string::npos) label.replace(at, key.size(), value);
    text(left(), footerBaseline, label, small, Align::Right, width());
    if (!frame_.mark.empty()) text(left(), footerBaseline, frame_.mark, mark, Align::Center, width());
}

void Document::setFont(const TextStyle& style) const {
    const Faces& f = faces();
    cairo_set_font_face(cr_, style.weight == Weight::Bold ? f.bold : f.regular);
    cairo_set_font_size(cr_, style.sizePt);
}

double Document::textWidth(std::string_view s, const TextStyle& style) const {
    setFont(style);
    const std::string copy(s);
    cairo_text_extents_t e;
    cairo_text_extents(cr_, copy.c_str(), &e);
    return e.x_advance;
}

void Document::text(double x, double baselineY, std::string_view s, const TextStyle& style, Align align, double boxWidth) const {
    if (s.empty()) return;
    const double w = align == Align::Left ? 0 : textWidth(s, style);
    if (align == Align::Right) x += boxWidth - w;
    if (align == Align::Center) x += (boxWidth - w) / 2;
    setFont(style);
    setColor(cr_, style.color);
    cairo_move_to(cr_, x, baselineY);
    const std::string copy(s);
    cairo_show_text(cr_, copy.c_str());  // the PDF surface keeps the UTF-8 text with the glyphs
}

std::vector<std::string> Document::wrap(std::string_view s, double widthPt, const TextStyle& style) const {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= s.size()) {
        const size_t end = std::min(s.find('\n', start), s.size());
        const std::string_view para = s.substr(start, end - start);
        std::string line;
        size_t i = 0;
        while (i < para.size()) {
            const size_t space = std::min(para.find(' ', i), para.size());
            std::string word(para.substr(i, space - i));
            i = space + 1;
            const std::string candidate = line.empty() ? word : line + " " + word;
            if (textWidth(candidate, style) <= widthPt) { line = candidate; continue; }
            if (!line.empty()) lines.push_back(line);
            line.clear();
            // A word wider than the column alone is cut between code points.
            while (textWidth(word, style) > widthPt && word.size() > 1) {
                size_t cut = 0;
                while (cut < word.size()) {
                    const size_t next = cut + utf8Length(static_cast<unsigned char>(word[cut]));
                    if (cut > 0 && textWidth(word.substr(0, next), style) > widthPt) break;
                    cut = next;
                }
                if (cut >= word.size()) break;
                lines.push_back(word.substr(0, cut));
                word = word.substr(cut);
            }
            line = word;
        }
        lines.push_back(line);
        if (end >= s.size()) break;
        start = end + 1;
    }
    return lines;
}

void Document::paragraph(std::string_view s, const TextStyle& style, double spaceAfterPt) {
    const double lh = lineHeight(style);
    for (const std::string& line : wrap(s, width(), style)) {
        ensure(lh);
        text(left(), y + style.sizePt, line, style);
        y += lh;
    }
    y += spaceAfterPt;
}

void Document::heading(std::string_view s, double sizePt, double keepWithPt) {
    const TextStyle style{sizePt, Weight::Bold, Color::hex(0x1f3a5f)};
    const double h = double(wrap(s, width(), style).size()) * lineHeight(style);
    if (!fits(h + keepWithPt)) newPage();
    paragraph(s, style, sizePt * 0.4);
}

namespace {

constexpr double kCellPadX = 3, kCellPadY = 2.5;

TextStyle cellStyle(double fontPt, bool bold) { return {fontPt, bold ? Weight::Bold : Weight::Regular, Color::hex(0x1a1a1a)}; }

void drawRow(Document& doc, const std::vector<Column>& columns, const std::vector<std::string>& cells, double fontPt, bool bold,
             const Color* background) {
    const double h = tableRowHeight(doc, columns, cells, fontPt, bold);
    cairo_t* cr = doc.cr();
    double total = 0;
    for (const Column& c : columns) total += c.widthPt;
    if (background) {
        setColor(cr, *background);
        cairo_rectangle(cr, doc.left(), doc.y, total, h);
        cairo_fill(cr);
    }
    const TextStyle style = cellStyle(fontPt, bold);
    double x = doc.left();
    for (size_t i = 0; i < columns.size(); ++i) {
        const Column& c = columns[i];
        const std::string& cell = i < cells.size() ? cells[i] : std::string();
        double baseline = doc.y + kCellPadY + fontPt;
        for (const std::string& line : doc.wrap(cell, c.widthPt - 2 * kCellPadX, style)) {
            doc.text(x + kCellPadX, baseline, line, style, c.align, c.widthPt - 2 * kCellPadX);
            baseline += doc.lineHeight(style);
        }
        x += c.widthPt;
    }
    setColor(cr, Color::hex(0xd0d4d8));
    cairo_set_line_width(cr, 0.4);
    cairo_move_to(cr, doc.left(), doc.y + h);
    cairo_line_to(cr, doc.left() + total, doc.y + h);
    cairo_stroke(cr);
    doc.y += h;
}

}  // namespace

double tableRowHeight(const Document& doc, const std::vector<Column>& columns, const std::vector<std::string>& cells,
                      double fontPt, bool bold) {
    const TextStyle style = cellStyle(fontPt, bold);
    size_t lines = 1;
    for (size_t i = 0; i < columns.size() && i < cells.size(); ++i)
        lines = std::max(lines, doc.wrap(cells[i], columns[i].widthPt - 2 * kCellPadX, style).size());
    return double(lines) * doc.lineHeight(style) + 2 * kCellPadY;
}

void drawTable(Document& doc, const std::vector<Column>& columns, const std::vector<TableRow>& rows, double fontPt) {
    std::vector<std::string> header;
    for (const Column& c : columns) header.push_back(c.header);
    const double headerHeight = tableRowHeight(doc, columns, header, fontPt, true);
    const Color headerFill = Color::hex(0xdfe6ee), zebra = Color::hex(0xf4f6f8);
    const double firstRow = rows.empty() ? 0 : tableRowHeight(doc, columns, rows.front().cells, fontPt, rows.front().bold);
    doc.ensure(headerHeight + firstRow);
    drawRow(doc, columns, header, fontPt, true, &headerFill);
    for (size_t r = 0; r < rows.size(); ++r) {
        const double h = tableRowHeight(doc, columns, rows[r].cells, fontPt, rows[r].bold);
        if (!doc.fits(h)) {  // continue on the next page under the same header
            doc.newPage();
            drawRow(doc, columns, header, fontPt, true, &headerFill);
        }
        drawRow(doc, columns, rows[r].cells, fontPt, rows[r].bold, r % 2 ? &zebra : nullptr);
    }
    doc.y += 6;
}

}  // namespace gapmap::pdf
