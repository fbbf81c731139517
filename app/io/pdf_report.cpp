#include "io/pdf_report.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>

#include "core/coverage.h"
#include "core/coverage_tables.h"
#include "core/data_dates.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/progress.h"
#include "core/text_format.h"
#include "core/report.h"
#include "io/pending_file.h"

namespace gapmap {
namespace {

using namespace pdf;

// Everything the pages show, computed once for both passes (counting pages, then drawing).
struct Content {
    const Project& project;
    Report report;                    // indicators and area counts, as `gapmap report`
    CoverageResult coverage;          // the same analysis as `gapmap report --priorities`
    DataTable priorities;             // every listed village, in rank order (core/coverage_tables.h)
    std::map<std::string, std::string> districtOfCommune, districtName;
    Choropleth choropleth;
    std::string madeOn;               // ISO date
};

std::string number(double v) { return formatLocaleNumber(v, v == std::round(v) ? 0 : 1); }

Choropleth makeChoropleth(const CoverageResult& coverage) {
    // Share of villages with a communication team, per commune: the programme's first reach.
    const AreaMeasure* measure = findAreaMeasure("pct_with_team");
    Choropleth c;
    c.title = measureLabel(*measure);
    std::vector<double> values;
    for (const AreaCoverage& a : coverage.communes) values.push_back(measure->value(a).value_or(std::nan("")));
    const Classes classes = classify(values, 5, ClassMethod::Quantile);
    const std::vector<Color> colors = rampColors(Ramp::YlGnBu, std::max<int>(2, int(classes.breaks.size())));
    std::vector<int> perClass(classes.breaks.size(), 0);
    bool noData = false;
    for (size_t i = 0; i < values.size(); ++i) {
        const int k = classes.classOf(values[i]);
        if (k < 0) { noData = true; continue; }
        c.fill[coverage.communes[i].code] = colors[size_t(k)];
        ++perClass[size_t(k)];
    }
    // The values each class holds, never overlapping: the same texts as the GL map's legend.
    const std::vector<std::string> ranges = classLabels(classes, values, 0, "%");
    for (size_t k = 0; k < classes.breaks.size(); ++k) c.legend.push_back({colors[k], tr("pdf.map.class", {ranges[k], formatLocaleNumber(perClass[k])})});
    if (noData) c.legend.push_back({kNoDataFill, tr("pdf.map.no_data")});
    return c;
}

std::string areaHeading(const Project& p, const std::string& code, const std::string& name) {
    const AdminUnit* u = p.findUnit(code);
    return u && !u->kind.empty() ? unitTitle(*u) : tr("pdf.district.heading", {name});
}

// --- tables -------------------------------------------------------------------------------------

void kpiTable(Document& doc, const Content& c) {
    const std::vector<Column> columns = {{tr("pdf.kpi.col.indicator"), 255},
                                         {tr("pdf.kpi.col.value"), 75, Align::Right},
                                         {tr("pdf.kpi.col.target"), 100, Align::Right},
                                         {tr("pdf.kpi.col.pct"), doc.width() - 430, Align::Right}};
    std::vector<TableRow> rows;
    for (const IndicatorRow& i : c.report.indicators) {
        const bool percent = i.key.ends_with("_pct");
        const std::string value = !i.value ? tr("nodata.value") : percent ? formatLocaleNumber(*i.value, 1) + "%" : number(*i.value);
        const std::string target = i.target ? tr("pdf.kpi.target", {number(*i.target), std::to_string(i.targetYear)}) : "–";
        rows.push_back({{i.label, value, target, i.target && i.value ? formatLocalePercent(*i.value, *i.target) : "–"}});
    }
    drawTable(doc, columns, rows);
}

std::vector<Column> areaColumns(const Document& doc, const std::string& firstHeader) {
    std::vector<Column> columns = {{firstHeader, 95}};
    const char* keys[] = {"villages", "especially_difficult", "with_team", "with_club", "ta_reached",
                          "no_electricity", "no_mobile", "no_internet", "population"};
    const double w = (doc.width() - 95) / 9;
    for (const char* key : keys) columns.push_back({tr(std::string("pdf.col.") + key), w, Align::Right});
    return columns;
}

TableRow areaTableRow(const AreaRow& a, const std::string& name, bool bold) {
    TableRow row{{name}, bold};
    // No data: "–", explained under the table (areaNotes); the words would not fit the narrow columns.
    auto cell = [](std::optional<double> n) { return n ? formatLocaleNumber(*n) : std::string("–"); };
    auto known = [](const std::optional<int>& n) { return n ? std::optional<double>(*n) : std::nullopt; };
    for (std::optional<double> n : {std::optional<double>(a.villages), known(a.especiallyDifficult), known(a.withTeam),
                                    known(a.withClub), known(a.withTrustedAddress), known(a.noElectricity),
                                    known(a.noMobile), known(a.noInternet),
                                    a.populationSource == "none" ? std::nullopt : std::optional<double>(double(a.population))})
        row.cells.push_back(cell(n));
    return row;
}

// "–: chưa có dữ liệu đội truyền thông, câu lạc bộ, Địa chỉ tin cậy"; empty when every table has data.
std::string dashNote(const CoverageResult& coverage) {
    std::string tables;
    for (const std::string& t : unscoredTables(coverage))
        if (t != kOutcomesTable) tables += (tables.empty() ? "" : ", ") + tr("nodata.table." + t);
    return tables.empty() ? "" : tr("nodata.dash_note", {tables});
}

// Under an area table: where the population comes from, and which tables have no data.
void areaNotes(Document& doc, const Content& c) {
    const TextStyle note{7.5, Weight::Regular, Color::hex(0x555555)};
    const AreaCoverage& province = c.coverage.province;
    if (const std::string source = populationSourceText(province.populationSource, false); !source.empty())
        doc.paragraph(tr("population.line", {formatLocaleNumber(double(province.population)), source}), note, 0);
    if (const std::string dash = dashNote(c.coverage); !dash.empty()) doc.paragraph(dash, note, 0);
}

std::vector<Column> priorityColumns(const Document& doc) {
    return {{tr("pdf.col.rank"), 30, Align::Right}, {tr("pdf.col.village"), 78}, {tr("pdf.col.commune"), 70},
            {tr("pdf.col.district"), 70},           {tr("pdf.col.score"), 34, Align::Right},
            {tr("pdf.col.reasons"), doc.width() - 282}};
}

// One row of the priority table as `gapmap report --priorities` built it (rank, village, commune,
// score, reasons), with the commune's district added.
TableRow priorityRow(const Content& c, const std::vector<Cell>& cells) {
    const std::string communeCode = cellText(cells[3]);
    const auto district = c.districtOfCommune.find(communeCode);
    const std::string districtName = district == c.districtOfCommune.end() ? "" : c.districtName.at(district->second);
    const double score = std::get<double>(cells[6]);
    return {{cellText(cells[0]), cellText(cells[2]), cellText(cells[4]), districtName,
             formatLocaleNumber(score, score == std::round(score) ? 0 : 2), cellText(cells[8])}};
}

// --- pages --------------------------------------------------------------------------------------

void overviewPage(Document& doc, const Content& c, PdfReportSummary& summary) {
    doc.newPage();
    const Project& p = c.project;
    doc.paragraph(c.report.title, {17, Weight::Bold, Color::hex(0x1f3a5f)}, 2);
    doc.paragraph(tr("pdf.report_name"), {11, Weight::Regular, Color::hex(0x333333)}, 6);
    if (c.report.synthetic) doc.paragraph(tr("report.synthetic"), {9, Weight::Bold, Color::hex(0xc0392b)}, 4);
    const TextStyle body{9};
    doc.paragraph(tr("pdf.made_on", {formatLocaleDate(c.madeOn)}), body, 0);
    const std::string declared = p.settingOr("data_as_of", "");
    const std::optional<std::string> latest = latestRecordDate(p);
    doc.paragraph(!declared.empty() && latest ? tr("pdf.data_as_of_latest", {formatLocaleDate(declared), formatLocaleDate(*latest)})
                  : !declared.empty()         ? tr("pdf.data_as_of", {formatLocaleDate(declared)})
                  : latest                    ? tr("pdf.data_as_of_record", {formatLocaleDate(*latest)})
                                              : tr("pdf.data_as_of_unknown"),
                  body, 0);
    doc.paragraph(tr("pdf.rules", {number(c.report.trustedAddressRadiusKm)}), body, 0);
    doc.paragraph(tr("pdf.protection"), {8, Weight::Regular, Color::hex(0x555555)}, 8);
    doc.heading(tr("pdf.map.title", {c.choropleth.title}), 11, 200);
    const double legendRoom = 52;
    const PageRect rect{doc.left(), doc.y, doc.width(), std::max(200.0, doc.bottom() - doc.y - legendRoom)};
    summary.overviewRect = rect;
    summary.overviewMap = drawMap(doc, p, c.choropleth, rect, "");
    doc.y += rect.h + 6;
    drawLegend(doc, c.choropleth, false);
}

void figuresPages(Document& doc, const Content& c) {
    doc.newPage();
    doc.heading(tr("pdf.kpi.title"), 13);
    kpiTable(doc, c);
    const bool districts = !c.report.districts.empty();
    doc.heading(tr(districts ? "pdf.districts.title" : "pdf.communes.title"), 13);
    std::vector<TableRow> rows;
    for (const AreaRow& a : districts ? c.report.districts : c.report.communes) rows.push_back(areaTableRow(a, a.name, false));
    rows.push_back(areaTableRow(c.report.province, tr("pdf.total"), true));
    drawTable(doc, areaColumns(doc, tr(districts ? "pdf.col.district" : "pdf.col.commune")), rows, 7.5);
    areaNotes(doc, c);
    doc.paragraph(tr("pdf.area_note", {number(c.report.trustedAddressRadiusKm)}), {7.5, Weight::Regular, Color::hex(0x555555)}, 8);
}

void prioritiesPages(Document& doc, const Content& c, std::size_t top) {
    doc.heading(tr("pdf.priorities.title"), 13, 120);
    const std::size_t listed = c.priorities.rows.size();
    if (const std::string unscored = unscoredText(c.coverage); !unscored.empty())
        doc.paragraph(unscored, {8, Weight::Bold, Color::hex(0x555555)}, 4);  // gaps not looked for: say so above the list
    if (listed == 0) { doc.paragraph(tr("pdf.priorities.none"), {9}); return; }
    const std::size_t shown = std::min(top, listed);
    doc.paragraph(tr("pdf.priorities.note", {formatLocaleNumber(double(shown)), formatLocaleNumber(double(listed))}),
                  {8, Weight::Regular, Color::hex(0x555555)}, 4);
    std::vector<TableRow> rows;
    for (std::size_t k = 0; k < shown; ++k) rows.push_back(priorityRow(c, c.priorities.rows[k]));
    drawTable(doc, priorityColumns(doc), rows, 7.5);
}

// One page: the district's map, its figures and communes, and as many of its priority villages
// (in the province's rank order) as fit.
void districtPage(Document& doc, const Content& c, const AreaRow& district) {
    doc.newPage();
    doc.heading(areaHeading(c.project, district.code, district.name), 15, 0);
    const double fontPt = 7.5, areaFontPt = 6.8;  // the commune table is the longest part of the page
    std::vector<TableRow> areaRows = {areaTableRow(district, district.name, true)};
    for (const AreaRow& commune : c.report.communes)
        if (commune.parentCode == district.code) areaRows.push_back(areaTableRow(commune, commune.name, false));
    const std::vector<Column> areaCols = areaColumns(doc, tr("pdf.col.commune"));
    std::vector<std::string> header;
    for (const Column& col : areaCols) header.push_back(col.header);
    double tableH = tableRowHeight(doc, areaCols, header, areaFontPt, true) + 6;
    for (const TableRow& r : areaRows) tableH += tableRowHeight(doc, areaCols, r.cells, areaFontPt, r.bold);
    std::vector<const std::vector<Cell>*> villages;
    for (const auto& cells : c.priorities.rows) {
        const auto d = c.districtOfCommune.find(cellText(cells[3]));
        if (d != c.districtOfCommune.end() && d->second == district.code) villages.push_back(&cells);
    }
    // Room kept below the map: legend, two headings, the area table and six priority rows.
    const std::string dash = dashNote(c.coverage);
    const double below = 50 + 2 * 22 + tableH + (villages.empty() ? 20 : 25 + 6 * 24) + (dash.empty() ? 0 : 12);
    const double mapH = std::clamp(doc.bottom() - doc.y - below, 230.0, 330.0);
    const PageRect rect{doc.left(), doc.y, doc.width(), mapH};
    drawMap(doc, c.project, c.choropleth, rect, district.code);
    doc.y += mapH + 6;
    drawLegend(doc, c.choropleth, true);
    doc.heading(tr("pdf.district.figures"), 10, 40);
    drawTable(doc, areaCols, areaRows, areaFontPt);
    if (!dash.empty()) doc.paragraph(dash, {6.8, Weight::Regular, Color::hex(0x555555)}, 0);
    doc.heading(tr("pdf.district.priorities"), 10, 30);
    if (villages.empty()) { doc.paragraph(tr("pdf.priorities.none"), {9}); return; }
    const std::vector<Column> cols = priorityColumns(doc);
    std::vector<std::string> prioHeader;
    for (const Column& col : cols) prioHeader.push_back(col.header);
    double room = doc.bottom() - doc.y - tableRowHeight(doc, cols, prioHeader, fontPt, true) - 20;  // 20: the "more" line
    std::vector<TableRow> rows;
    for (const auto* cells : villages) {
        TableRow row = priorityRow(c, *cells);
        const double h = tableRowHeight(doc, cols, row.cells, fontPt, false);
        if (rows.size() >= 10 || h > room) break;
        room -= h;
        rows.push_back(std::move(row));
    }
    if (!rows.empty()) drawTable(doc, cols, rows, fontPt);
    if (rows.size() < villages.size())
        doc.paragraph(tr("pdf.priorities.more", {formatLocaleNumber(double(villages.size() - rows.size()))}),
                      {8, Weight::Regular, Color::hex(0x555555)}, 0);
}

void drawReport(cairo_surface_t* surface, const Content& c, const PdfReportOptions& options, int totalPages,
                PdfReportSummary& summary) {
    PageFrame frame;
    frame.header = c.report.title;
    if (c.report.synthetic) frame.mark = tr("pdf.synthetic_mark");
    frame.footerLeft = tr("pdf.footer", {formatLocaleDate(c.madeOn)});
    frame.pageLabel = tr("pdf.page");
    Document doc(surface, frame, totalPages);
    // Progress (core/progress.h): the three province parts, then one per district page. Nothing is
    // committed before the whole file is written, so stopping between parts is safe.
    const std::size_t parts = 3 + (options.perDistrict ? c.report.districts.size() : 0);
    std::size_t done = 0;
    auto partDone = [&] { progressFraction(++done, parts); progressCheckpoint(); };
    overviewPage(doc, c, summary);
    partDone();
    figuresPages(doc, c);
    partDone();
    prioritiesPages(doc, c, options.topPriorities);
    partDone();
    summary.districtPages = 0;
    if (options.perDistrict)
        for (const AreaRow& d : c.report.districts) {
            districtPage(doc, c, d);
            ++summary.districtPages;
            partDone();
        }
    doc.finish();
    summary.pages = doc.page();
}

cairo_status_t discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

}  // namespace

PdfReportSummary writePdfReport(const Project& project, const std::string& path, const PdfReportOptions& options) {
    progressSteps(3);
    progressStep(tr("progress.analysis"));
    Content c{project, buildReport(project, options.radiusKm), {}, {}, {}, {}, {}, formatLocalNow("%Y-%m-%d")};
    CoverageRules rules = CoverageRules::fromProject(project);
    if (options.radiusKm) rules.taRadiusKm = *options.radiusKm;
    c.coverage = analyseCoverage(project, rules);
    c.priorities = priorityTable(project, c.coverage);
    for (const AreaCoverage& d : c.coverage.districts) c.districtName[d.code] = d.name;
    for (const AreaCoverage& commune : c.coverage.communes)
        if (c.districtName.count(commune.parentCode)) c.districtOfCommune[commune.code] = commune.parentCode;
    c.choropleth = makeChoropleth(c.coverage);

    // First pass: count the pages for the footer ("page 2 of 5"); nothing is written.
    PdfReportSummary summary;
    progressStep(tr("progress.pdf_layout"));
    {
        cairo_surface_t* counting = cairo_pdf_surface_create_for_stream(discard, nullptr, kPageWidthPt, kPageHeightPt);
        try {
            drawReport(counting, c, options, 0, summary);
        } catch (...) {  // cancelled (core/progress.h)
            cairo_surface_destroy(counting);
            throw;
        }
        cairo_surface_destroy(counting);
    }
    PendingFile pending(path);
    cairo_surface_t* surface = cairo_pdf_surface_create(pending.temp().c_str(), kPageWidthPt, kPageHeightPt);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, c.report.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, tr("pdf.report_name").c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "gapmap");
    const int pages = summary.pages;
    progressStep(tr("progress.pdf_pages"));
    try {
        drawReport(surface, c, options, pages, summary);
    } catch (...) {
        cairo_surface_destroy(surface);
        throw;
    }
    cairo_surface_finish(surface);
    const cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) throw InputError(tr("pdf.error.cannot_write", {path, cairo_status_to_string(status)}));
    pending.commit(path);
    return summary;
}

}  // namespace gapmap
