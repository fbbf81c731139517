#include "io/returns_import.h"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/errors.h"
#include "core/i18n.h"
#include "core/progress.h"
#include "core/provenance.h"
#include "core/text_fold.h"
#include "core/village_marks.h"
#include "io/column_map.h"
#include "io/gdal_session.h"
#include "io/pending_file.h"
#include "io/pg_address.h"
#include "io/pg_import.h"
#include "io/project_file.h"

namespace gapmap {
namespace {

struct Sheet {
    std::string file, name, table;
    size_t fileIndex = 0;
};

std::string sheetKey(const std::string& name) {
    std::string s = name;
    for (char& c : s)
        if (c == '_') c = ' ';
    return foldVietnamese(s);
}

// The layers (sheets) of one file with their header fields and row counts, read with the first
// row as the header (the workbooks gapmap writes always have one).
struct LayerInfo {
    std::string name;
    std::vector<std::string> fields;
    long long rows = 0;
};

std::vector<LayerInfo> listLayers(const std::string& path) {
    GdalSession::ensure();
    if (!std::filesystem::exists(path)) throw InputError(tr("import.error.no_such_file", {path}));
    GdalErrorCapture capture;
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) throw InputError(tr("import.error.unknown_format", {path}));
    std::vector<LayerInfo> out;
    for (OGRLayer* layer : ds->GetLayers()) {
        LayerInfo info{layer->GetName(), {}, layer->GetFeatureCount(TRUE)};
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        for (int i = 0; i < defn->GetFieldCount(); ++i) info.fields.push_back(defn->GetFieldDefn(i)->GetNameRef());
        // GDAL never takes the only row of a sheet as its header (fields Field1, Field2 …): a sheet of
        // a header and no rows (a commune without clubs) is that header.
        bool generated = !info.fields.empty();
        for (size_t i = 0; i < info.fields.size(); ++i) generated = generated && info.fields[i] == "Field" + std::to_string(i + 1);
        if (generated && info.rows == 1) {
            layer->ResetReading();
            if (std::unique_ptr<OGRFeature> first{layer->GetNextFeature()}) {
                for (int i = 0; i < defn->GetFieldCount(); ++i) info.fields[i] = first->IsFieldSetAndNotNull(i) ? first->GetFieldAsString(i) : "";
                info.rows = 0;
            }
        }
        out.push_back(std::move(info));
    }
    return out;
}

bool isInstructionSheet(const std::string& name) {
    const std::string key = sheetKey(name);
    return key == sheetKey(tr(Lang::Vi, "flow.sheet.instructions")) || key == sheetKey(tr(Lang::En, "flow.sheet.instructions"));
}

}  // namespace

const std::vector<std::string>& workbookTables() {
    static const std::vector<std::string> tables = {kVillagesTable, kTeamsTable, kTrustedAddressesTable, kClubsTable,
                                                    kActivitiesTable, kOfficesTable, kOutcomesTable};
    return tables;
}

std::string workbookSheetName(const std::string& table) {
    const auto& t = workbookTables();
    return std::find(t.begin(), t.end(), table) == t.end() ? "" : tr("flow.sheet." + table);
}

std::string sheetTable(const std::string& sheetName, const std::vector<std::string>& fields) {
    const std::string key = sheetKey(sheetName);
    for (const std::string& t : workbookTables())
        if (key == sheetKey(t) || key == sheetKey(tr(Lang::Vi, "flow.sheet." + t)) || key == sheetKey(tr(Lang::En, "flow.sheet." + t))) return t;
    // By columns: the table whose required columns all map and which maps the most of them.
    std::string best;
    size_t bestCount = 1;  // one column alone ("Mã xã") says too little
    for (const std::string& t : workbookTables()) {
        ColumnMap map;
        try {
            map = mapColumns(*findTable(t), fields, {}, sheetName);
        } catch (const std::exception&) {
            continue;
        }
        const size_t mapped = static_cast<size_t>(std::count_if(map.fieldOf.begin(), map.fieldOf.end(), [](int f) { return f >= 0; }));
        if (mapped > bestCount) { best = t; bestCount = mapped; }
    }
    return best;
}

ReturnsResult importReturnsInto(Project& project, const std::vector<std::string>& files, bool update) {
    ReturnsResult result;
    // The workbooks gapmap writes have their header on the first row; GDAL would otherwise take a
    // sheet whose cells are all text (Trusted Addresses) as having no header.
    CPLConfigOptionSetter headers("OGR_XLSX_HEADERS", "FORCE", true);
    CPLConfigOptionSetter odsHeaders("OGR_ODS_HEADERS", "FORCE", true);
    std::vector<Sheet> sheets;
    for (size_t f = 0; f < files.size(); ++f) {
        for (const LayerInfo& layer : listLayers(files[f])) {
            const std::string where = tr("flow.where.sheet", {files[f], layer.name});
            if (isInstructionSheet(layer.name)) continue;
            const std::string table = sheetTable(layer.name, layer.fields);
            if (table.empty()) { result.skipped.push_back(tr("flow.skipped.not_a_table", {where})); continue; }
            if (layer.rows == 0) { result.skipped.push_back(tr("flow.skipped.no_rows", {where, table})); continue; }
            sheets.push_back({files[f], layer.name, table, f});
        }
    }
    auto nothing = [&] { return InputError(result.skipped.empty() ? tr("flow.error.no_tables") : tr("flow.error.nothing_imported", {result.skipped.front()})); };
    if (sheets.empty()) throw nothing();
    // Villages before the teams, clubs and outcomes that name them; files in the order given.
    auto order = [](const std::string& t) { const auto& w = workbookTables(); return std::find(w.begin(), w.end(), t) - w.begin(); };
    std::stable_sort(sheets.begin(), sheets.end(), [&](const Sheet& a, const Sheet& b) { return order(a.table) < order(b.table); });

    MergeLedger ledger;
    const std::string now = isoTimeNowUtc();
    std::set<std::string> replaced;
    std::map<std::string, std::vector<std::string>> filesOf;  // table -> files, for its load record
    for (size_t i = 0; i < sheets.size(); ++i) {
        const Sheet& s = sheets[i];
        progressFraction(i, sheets.size());  // a sheet at a time: a workbook's villages dominate
        // Without --update the sheets of one table together replace it: emptied once, then merged.
        ImportRequest request;
        request.table = s.table;
        request.file = s.file;
        request.sheet = s.name;
        request.merge = &ledger;
        request.clearFirst = !update && !replaced.count(s.table);
        request.strict = true;
        request.importedAt = now;
        ImportResult sheetResult = importInto(project, request);
        if (sheetResult.rowsRead == 0) {  // only blank rows
            result.skipped.push_back(tr("flow.skipped.no_rows", {tr("flow.where.sheet", {s.file, s.name}), s.table}));
            continue;
        }
        replaced.insert(s.table);
        result.sheets.push_back(std::move(sheetResult));
        auto& names = filesOf[s.table];
        if (std::find(names.begin(), names.end(), s.file) == names.end()) names.push_back(s.file);
    }
    if (result.sheets.empty()) throw nothing();
    // One load record per table: every file of this command that fed it.
    for (const auto& [table, names] : filesOf) {
        std::string joined;
        for (const std::string& n : names) joined += (joined.empty() ? "" : ", ") + n;
        const TableLoad* load = project.loadOf(table);
        project.recordLoad(table, joined, static_cast<std::int64_t>(project.rowCount(table)), now,
                           load ? load->missingColumns : std::vector<std::string>{});
    }
    return result;
}

ReturnsResult importReturns(const std::string& projectPath, const std::vector<std::string>& files, bool update) {
    // A server project: the difference applied in one server transaction (io/pg_import.h).
    if (isServerProject(projectPath)) return importReturnsIntoServer(parseServerAddress(projectPath), files, update);
    // Progress (core/progress.h) as importFile reports it; until the write begins nothing has
    // changed, so it may stop at the checkpoints.
    progressSteps(3);
    progressStep(tr("progress.read_project"));
    Project project = readProject(projectPath);  // returns go into a project that has its communes
    progressCheckpoint();
    progressStep(tr("progress.import_returns"));
    ReturnsResult result = importReturnsInto(project, files, update);
    sortVillagesByCode(project.villages);  // written in code order, as importFile writes them
    progressCheckpoint();
    progressStep(tr("progress.write_project"));
    // Written once every file has been read: a refused import touches nothing.
    result.backup = replaceProjectKeepingBackup(project, projectPath);
    return result;
}

std::string formatReturnsResult(const ReturnsResult& r) {
    std::string out;
    for (const ImportResult& sheet : r.sheets) {
        ImportResult shown = sheet;
        shown.backup.clear();
        out += formatImportResult(shown);
    }
    for (const std::string& line : r.skipped) out += tr("flow.summary.skipped", {line}) + "\n";
    if (!r.backup.empty()) out += tr("import.summary.line.backup", {r.backup}) + "\n";
    return out;
}

}  // namespace gapmap
