// A4 pages drawn with cairo for the PDF report: Noto Sans (DejaVu Sans fallback) through cairo's
// FreeType font face, so Vietnamese text is embedded with its Unicode and stays extractable; text
// that wraps; a header (title, synthetic-data mark) and footer (date, page X of Y) on every page;
// tables that continue on the next page with their header repeated. Units: PDF points (1/72 inch),
// x right and y down from the page's top-left corner. cairo appears only under app/io.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/color_ramp.h"

typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;

namespace gapmap::pdf {

constexpr double kPageWidthPt = 595.276;   // A4, 210 mm
constexpr double kPageHeightPt = 841.890;  // A4, 297 mm
constexpr double kMarginPt = 42;           // ≈ 15 mm on every side

enum class Weight { Regular, Bold };
enum class Align { Left, Right, Center };

struct TextStyle {
    double sizePt = 9;
    Weight weight = Weight::Regular;
    Color color = Color::hex(0x1a1a1a);
};

// What every page carries besides its content.
struct PageFrame {
    std::string header;          // the project's title, top left
    std::string mark;            // "SYNTHETIC DEMO DATA …" in red, top right; empty for real data
    std::string footerLeft;      // "gapmap · made 29/11/2026"
    std::string pageLabel;       // catalogue text with {0} = page, {1} = pages, e.g. "page {0} of {1}"
};

class Document {
public:
    // Draws into `surface` (a cairo PDF surface, owned by the caller). totalPages: for the footer
    // (0 = unknown, as on the counting pass). Throws InputError when no font is installed.
    Document(cairo_surface_t* surface, PageFrame frame, int totalPages);
    ~Document();
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;

    cairo_t* cr() const { return cr_; }
    int page() const { return page_; }           // 1-based; 0 before the first page
    void newPage();                              // ends the current page (if any) and starts one
    void finish();                               // ends the last page

    // The content area and the cursor (top of the next block), in points.
    double left() const { return kMarginPt; }
    double right() const { return kPageWidthPt - kMarginPt; }
    double width() const { return right() - left(); }
    double top() const { return kMarginPt + 22; }
    double bottom() const { return kPageHeightPt - kMarginPt - 16; }
    double y = 0;
    bool fits(double heightPt) const { return y + heightPt <= bottom(); }
    void ensure(double heightPt) { if (!fits(heightPt)) newPage(); }

    void setFont(const TextStyle& style) const;
    double textWidth(std::string_view text, const TextStyle& style) const;
    // One line at baseline (x, baselineY); Right/Center align within [x, x + boxWidth].
    void text(double x, double baselineY, std::string_view text, const TextStyle& style, Align align = Align::Left,
              double boxWidth = 0) const;
    // Lines no wider than widthPt (words kept whole unless one alone is too wide); '\n' breaks.
    std::vector<std::string> wrap(std::string_view text, double widthPt, const TextStyle& style) const;
    double lineHeight(const TextStyle& style) const { return style.sizePt * 1.3; }
    // Wrapped text at the cursor over the content width; moves the cursor below it.
    void paragraph(std::string_view text, const TextStyle& style, double spaceAfterPt = 4);
    // A heading kept with at least keepWithPt of what follows (a new page otherwise).
    void heading(std::string_view text, double sizePt, double keepWithPt = 60);

private:
    void drawFrame();
    cairo_t* cr_ = nullptr;
    PageFrame frame_;
    int totalPages_ = 0;
    int page_ = 0;
    bool open_ = false;
};

struct Column {
    std::string header;
    double widthPt = 50;
    Align align = Align::Left;
};
struct TableRow {
    std::vector<std::string> cells;   // one per column
    bool bold = false;                // totals
};

// Draws the table at the cursor, moving to a new page (and repeating the header) whenever the next
// row would not fit. Cells wrap within their column.
void drawTable(Document& doc, const std::vector<Column>& columns, const std::vector<TableRow>& rows, double fontPt = 8);
// The height drawTable gives one row (header rows included, bold when `header`).
double tableRowHeight(const Document& doc, const std::vector<Column>& columns, const std::vector<std::string>& cells,
                      double fontPt, bool bold);

}  // namespace gapmap::pdf
