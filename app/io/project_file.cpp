#include "io/project_file.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>

#include "core/coverage.h"
#include "core/coverage_tables.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/parse.h"
#include "core/schema.h"
#include "core/village_marks.h"
#include "io/gdal_session.h"
#include "io/gpkg_read.h"
#include "io/ogr_geometry.h"
#include "io/pg_address.h"
#include "io/pg_project.h"
#include "io/pg_sync.h"
#include "io/project_dataset.h"
#include "io/scene_cache.h"
#include "io/project_edits.h"
#include "io/project_rows.h"
#include "io/qgis_styles.h"
#include "io/table_export.h"

namespace gapmap {
namespace {

using Feature = std::unique_ptr<OGRFeature, decltype(&OGRFeature::DestroyFeature)>;

OGRFieldType fieldType(ColumnType type) {
    switch (type) {
        case ColumnType::Integer: return OFTInteger64;
        case ColumnType::Real: return OFTReal;
        case ColumnType::Bool: return OFTInteger;
        case ColumnType::Text:
        case ColumnType::Date: return OFTString;  // ISO yyyy-mm-dd text: lossless, sorts, QGIS reads it
    }
    return OFTString;
}

// Writes one row of a table: values by column name.
class RowOut {
public:
    RowOut(OGRLayer* layer) : layer_(layer), f_(OGRFeature::CreateFeature(layer->GetLayerDefn()), &OGRFeature::DestroyFeature) {}
    RowOut& set(const char* column, const std::string& v) { if (!v.empty()) f_->SetField(column, v.c_str()); return *this; }
    RowOut& set(const char* column, std::optional<int64_t> v) { if (v) f_->SetField(column, static_cast<GIntBig>(*v)); return *this; }
    RowOut& set(const char* column, int v) { f_->SetField(column, v); return *this; }
    RowOut& set(const char* column, bool v) { f_->SetField(column, v ? 1 : 0); return *this; }
    RowOut& set(const char* column, double v) { f_->SetField(column, v); return *this; }
    RowOut& point(const std::optional<LonLat>& p) {
        if (p) f_->SetGeometry(std::make_unique<OGRPoint>(p->lonDeg, p->latDeg).get());
        return *this;
    }
    RowOut& area(const MultiPolygon& mp) {
        if (!mp.empty()) f_->SetGeometryDirectly(toOgr(mp).release());
        return *this;
    }
    void write() {
        if (layer_->CreateFeature(f_.get()) != OGRERR_NONE)
            throw InputError(tr("project.error.cannot_write_table", {layer_->GetName(), CPLGetLastErrorMsg()}));
    }
private:
    OGRLayer* layer_;
    Feature f_;
};

// An OGR polygon or multipolygon as core rings (lon/lat); anything else, or nothing, is empty.
MultiPolygon multiPolygonOf(const OGRGeometry* g) {
    MultiPolygon out;
    if (!g || g->IsEmpty()) return out;
    auto add = [&out](const OGRPolygon& poly) {
        Polygon p;
        for (const OGRLinearRing* ring : poly) {
            Ring r;
            r.reserve(size_t(ring->getNumPoints()));
            for (const OGRPoint& pt : *ring) r.push_back({pt.getX(), pt.getY()});
            p.rings.push_back(std::move(r));
        }
        out.push_back(std::move(p));
    };
    if (wkbFlatten(g->getGeometryType()) == wkbPolygon) add(*g->toPolygon());
    else if (wkbFlatten(g->getGeometryType()) == wkbMultiPolygon)
        for (const OGRPolygon* p : *g->toMultiPolygon()) add(*p);
    return out;
}

// Reads one row by column name; absent columns read as empty.
class RowIn {
public:
    explicit RowIn(OGRFeature& f) : f_(f) {}
    std::string text(const char* c) const {
        const int i = f_.GetFieldIndex(c);
        return i >= 0 && f_.IsFieldSetAndNotNull(i) ? f_.GetFieldAsString(i) : "";
    }
    std::optional<int64_t> integer(const char* c) const {
        const int i = f_.GetFieldIndex(c);
        if (i < 0 || !f_.IsFieldSetAndNotNull(i)) return std::nullopt;
        return f_.GetFieldAsInteger64(i);
    }
    int count(const char* c) const { return static_cast<int>(integer(c).value_or(0)); }
    bool flag(const char* c, bool fallback = false) const { return integer(c).value_or(fallback ? 1 : 0) != 0; }
    double real(const char* c) const {
        const int i = f_.GetFieldIndex(c);
        return i >= 0 && f_.IsFieldSetAndNotNull(i) ? f_.GetFieldAsDouble(i) : 0.0;
    }
    std::optional<LonLat> point() const {
        const OGRGeometry* g = f_.GetGeometryRef();
        if (!g || g->IsEmpty() || wkbFlatten(g->getGeometryType()) != wkbPoint) return std::nullopt;
        return LonLat{g->toPoint()->getX(), g->toPoint()->getY()};
    }
    MultiPolygon area() const { return multiPolygonOf(f_.GetGeometryRef()); }
private:
    OGRFeature& f_;
};

OGRLayer* createLayer(GDALDataset& ds, const TableSpec& spec, OGRSpatialReference& wgs84) {
    const OGRwkbGeometryType type = spec.geometry == GeometryKind::Point ? wkbPoint
                                  : spec.geometry == GeometryKind::MultiPolygon ? wkbMultiPolygon : wkbNone;
    const char* options[] = {"GEOMETRY_NAME=geom", "FID=fid", nullptr};
    OGRLayer* layer = ds.CreateLayer(spec.name.c_str(), type == wkbNone ? nullptr : &wgs84, type, const_cast<char**>(options));
    if (!layer) throw InputError(tr("project.error.cannot_create_table", {spec.name, CPLGetLastErrorMsg()}));
    for (const ColumnSpec& c : spec.columns) {
        if (isJoinOnlyColumn(spec, c)) continue;
        OGRFieldDefn field(c.name.c_str(), fieldType(c.type));
        if (c.type == ColumnType::Bool) field.SetSubType(OFSTBoolean);
        if (c.required) field.SetNullable(FALSE);
        layer->CreateField(&field);
    }
    return layer;
}

// `table_loads`: one row per table ever loaded (core/model.h TableLoad). A plain attribute table
// (no geometry) that QGIS and ogrinfo list like the others. Not a table of core/schema.h: nothing
// is imported into it.
OGRLayer* createLoadsLayer(GDALDataset& ds) {
    const char* options[] = {"FID=fid", nullptr};
    OGRLayer* layer = ds.CreateLayer("table_loads", nullptr, wkbNone, const_cast<char**>(options));
    if (!layer) throw InputError(tr("project.error.cannot_create_table", {"table_loads", CPLGetLastErrorMsg()}));
    for (const auto& [name, type] : {std::pair{"table_name", OFTString}, {"source_file", OFTString}, {"loaded_at", OFTString}, {"rows", OFTInteger64},
                                     {"missing_columns", OFTString}}) {
        OGRFieldDefn field(name, type);
        layer->CreateField(&field);
    }
    return layer;
}

// `commune_crosswalk` (core/model.h CrosswalkRow): written only into a migrated project, as a plain
// attribute table QGIS and `ogr2ogr -f CSV` read.
void writeCrosswalk(GDALDataset& ds, const std::vector<CrosswalkRow>& rows) {
    if (rows.empty()) return;
    const char* options[] = {"FID=fid", nullptr};
    OGRLayer* layer = ds.CreateLayer("commune_crosswalk", nullptr, wkbNone, const_cast<char**>(options));
    if (!layer) throw InputError(tr("project.error.cannot_create_table", {"commune_crosswalk", CPLGetLastErrorMsg()}));
    for (const auto& [name, type] : {std::pair{"old_code", OFTString}, {"old_name", OFTString}, {"new_code", OFTString},
                                     {"share_of_old_area", OFTReal}, {"share_of_new_area", OFTReal}}) {
        OGRFieldDefn field(name, type);
        layer->CreateField(&field);
    }
    for (const CrosswalkRow& r : rows)
        RowOut(layer).set("old_code", r.oldCode).set("old_name", r.oldName).set("new_code", r.newCode)
            .set("share_of_old_area", r.shareOfOldArea).set("share_of_new_area", r.shareOfNewArea).write();
}

// `row_sources`: where each imported row came from (core/model.h RowSource, core/provenance.h).
// A plain attribute table like table_loads; nothing is imported into it.
OGRLayer* createRowSourcesLayer(GDALDataset& ds) {
    const char* options[] = {"FID=fid", nullptr};
    OGRLayer* layer = ds.CreateLayer("row_sources", nullptr, wkbNone, const_cast<char**>(options));
    if (!layer) throw InputError(tr("project.error.cannot_create_table", {"row_sources", CPLGetLastErrorMsg()}));
    for (const auto& [name, type] : {std::pair{"table_name", OFTString}, {"row_key", OFTString}, {"source_file", OFTString},
                                     {"sheet", OFTString}, {"source_row", OFTInteger}, {"imported_at", OFTString}}) {
        OGRFieldDefn field(name, type);
        layer->CreateField(&field);
    }
    return layer;
}

// TableLoad::missingColumns as one readable text cell: "electricity,mobile,internet"; "" for none
// (a file written before the column reads as "every column given").
std::string joinColumns(const std::vector<std::string>& columns) {
    std::string out;
    for (const std::string& c : columns) out += (out.empty() ? "" : ",") + c;
    return out;
}


void writeTables(GDALDataset& ds, const Project& p) {
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    auto layer = [&](const char* name) { return createLayer(ds, *findTable(name), wgs84); };

    OGRLayer* l = layer("admin_units");
    for (const AdminUnit& u : p.adminUnits)
        RowOut(l).set("code", u.code).set("name", u.name).set("level", std::string(toString(u.level)))
            .set("parent_code", u.parentCode).set("kind", u.kind).set("population", u.population)
            .set("especially_difficult", u.especiallyDifficult).area(u.area).write();
    l = layer("villages");
    for (const Village& v : p.villages)
        RowOut(l).set("code", v.code).set("name", v.name).set("commune_code", v.communeCode)
            .set("population", v.population).set("households", v.households).set("ethnic_group", v.ethnicGroup)
            .set("especially_difficult", v.especiallyDifficult).set("electricity", std::string(toString(v.electricity)))
            .set("mobile", std::string(toString(v.mobile))).set("internet", v.internet).point(v.location).write();
    l = layer("communication_teams");
    for (const CommunicationTeam& t : p.teams)
        RowOut(l).set("village_code", t.villageCode).set("established", t.established).set("members", t.members)
            .set("women_members", t.womenMembers).set("channel", t.channel).write();
    l = layer("trusted_addresses");
    for (const TrustedAddress& a : p.trustedAddresses)
        RowOut(l).set("code", a.code).set("name", a.name).set("commune_code", a.communeCode).set("village_code", a.villageCode)
            .set("established", a.established).set("services", a.services).set("active", a.active).point(a.location).write();
    l = layer("clubs");
    for (const Club& c : p.clubs)
        RowOut(l).set("code", c.code).set("name", c.name).set("commune_code", c.communeCode).set("village_code", c.villageCode)
            .set("established", c.established).set("members", c.members).write();
    l = layer("activities");
    for (const Activity& a : p.activities)
        RowOut(l).set("date", a.date).set("commune_code", a.communeCode).set("kind", a.kind).set("sessions", a.sessions)
            .set("participants", a.participants).set("women_participants", a.womenParticipants).write();
    l = layer("commune_offices");
    for (const CommuneOffice& o : p.communeOffices)
        RowOut(l).set("commune_code", o.communeCode).set("computers", o.computers).set("internet", o.internet).write();
    l = layer("outcomes");
    for (const Outcome& o : p.outcomes)
        RowOut(l).set("village_code", o.villageCode).set("year", o.year).set("child_marriages", o.childMarriages)
            .set("consanguineous_marriages", o.consanguineousMarriages).write();
    l = layer("targets");
    for (const Target& t : p.targets) RowOut(l).set("indicator", t.indicator).set("year", t.year).set("value", t.value).write();
    l = layer("settings");
    for (const Setting& s : p.settings) RowOut(l).set("key", s.key).set("value", s.value).write();
    l = createLoadsLayer(ds);
    for (const TableLoad& t : p.loads)
        RowOut(l).set("table_name", t.table).set("source_file", t.sourceFile).set("loaded_at", t.loadedAt)
            .set("rows", std::optional<int64_t>(t.rows)).set("missing_columns", joinColumns(t.missingColumns)).write();
    l = createRowSourcesLayer(ds);
    for (const RowSource& r : p.rowSources)
        RowOut(l).set("table_name", r.table).set("row_key", r.key).set("source_file", r.sourceFile).set("sheet", r.sheet)
            .set("source_row", r.row).set("imported_at", r.importedAt).write();
    writeCrosswalk(ds, p.crosswalk);
}


// What QGIS needs to draw the project as gapmap's map: the commune summary (the per-commune
// measures of `gapmap report --summary`, the table the GeoPackage export holds), because the map's
// indicator is computed, not a column of admin_units; and a style per layer (io/qgis_styles.h).
// Made at this write and refreshed by every edit in place (io/project_edits.cpp); gapmap never
// reads it back (readProject ignores it).
void writeQgisLayers(GDALDataset& ds, const Project& p, const std::string& path) {
    std::vector<DataTable> summaries;
    if (std::any_of(p.adminUnits.begin(), p.adminUnits.end(), [](const AdminUnit& u) { return u.level == AdminLevel::Commune && !u.area.empty(); })) {
        CoverageRules rules;  // an invalid setting: the defaults, as the app's map does
        try { rules = CoverageRules::fromProject(p); } catch (const std::exception&) {}
        summaries.push_back(areaTable(p, analyseCoverage(p, rules), AdminLevel::Commune));
        writeTableLayer(ds, summaries.back(), true, path);
    }
    writeLayerStyles(ds, projectStyles(p, summaries));
}

template <typename Fn>
void forEachRow(GDALDataset& ds, const char* table, Fn fn) {
    OGRLayer* layer = ds.GetLayerByName(table);
    if (!layer) return;  // an older file without this table reads as empty
    if (EQUAL(ds.GetDriverName(), "PostgreSQL")) {
        // A server hands rows out in storage order, which every edit and import changes (an updated row
        // moves): read them by gid (the file's order at publish, then the order added), so that the map,
        // lists and reports come out the same whatever was edited. The name is a table of the project's.
        OGRLayer* sorted = ds.ExecuteSQL(("SELECT * FROM \"" + std::string(table) + "\" ORDER BY gid").c_str(), nullptr, nullptr);
        if (sorted) {
            for (auto& f : *sorted) fn(RowIn(*f));
            ds.ReleaseResultSet(sorted);
            return;
        }
    }
    for (auto& f : *layer) fn(RowIn(*f));
}

// A writer killed mid-write (kill -9, power cut) leaves its temporary file behind; the project
// itself is intact. Remove such leftovers whose process is gone.
void removeStaleTemporaries(const std::filesystem::path& folder, const std::string& prefix) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
        if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) std::filesystem::remove(entry.path(), ec);
    }
}

void syncFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd >= 0) { ::fsync(fd); ::close(fd); }
}

// The dataset's tables for readProjectRows (io/project_rows.h), feature by feature through OGR.
struct OgrTables {
    GDALDataset& ds;
    const std::set<std::string>& withheld;
    template <class Fn>
    void each(const char* table, Fn fn, bool = true) {
        if (!withheld.count(table)) forEachRow(ds, table, fn);
    }
    size_t count(const char*) const { return 0; }
};

}  // namespace

bool projectExists(const std::string& path) {
    if (isServerProject(path)) return true;  // on a server: whether the schema holds a project is found when it is read
    std::error_code ec;
    return std::filesystem::exists(path, ec);
}

Project readProject(const std::string& path, const ProjectReadOptions& options) {
    if (isServerProject(path)) return readServerProject(parseServerAddress(path));  // io/pg_project.h
    return readGeoPackageProject(path, options);  // SQLite alone (io/gpkg_read.h)
}

Project readProjectTables(GDALDataset& dataset, const std::set<std::string>& withheld) {
    OgrTables tables{dataset, withheld};
    Project p;
    readProjectRows(tables, p, true);
    return p;
}

void writeProject(const Project& project, const std::string& path) {
    // A server project is changed row by row (edits) or published whole (gapmap publish --force);
    // never written here, which would make a file named "PG:…".
    if (isServerProject(path)) throw InputError(tr("pg.error.write_whole", {parseServerAddress(path).display()}));
    GdalSession::ensure();
    namespace fs = std::filesystem;
    const fs::path target = fs::absolute(path);
    const std::string tempPrefix = "." + target.filename().string() + ".writing-";
    const fs::path temp = target.parent_path() / (tempPrefix + std::to_string(::getpid()));
    std::error_code ec;
    // A whole-file write would drop an offline copy's row identities and change log (io/pg_sync.h).
    if (fs::exists(target, ec) && isOfflineCopy(target.string())) throw InputError(tr("sync.error.is_copy", {path}));
    removeStaleTemporaries(target.parent_path(), tempPrefix);
    fs::remove(temp, ec);
    GdalErrorCapture capture;
    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    {
        std::unique_ptr<GDALDataset> ds(gpkg->Create(temp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds) throw InputError(tr("project.error.cannot_write_here", {path, capture.firstError()}));
        try {
            ds->StartTransaction();
            writeTables(*ds, project);
            writeQgisLayers(*ds, project, path);
            if (ds->CommitTransaction() != OGRERR_NONE) throw InputError(tr("project.error.cannot_write", {path, capture.firstError()}));
        } catch (...) {
            ds.reset();
            fs::remove(temp, ec);
            throw;
        }
    }
    if (fs::exists(target, ec)) carrySceneCache(target.string(), temp.string());  // io/scene_cache.h: no rebuild at the next open
    syncFile(temp.string());
    // SQLite applies a file named PATH-wal to whatever file is at PATH: the old project's WAL must be
    // folded into the old file and gone before the new file takes that name.
    try {
        if (fs::exists(target, ec)) retireWal(target.string());
    } catch (...) {
        fs::remove(temp, ec);
        throw;
    }
    fs::rename(temp, target, ec);  // atomic on POSIX: readers see the old or the new file, never half of one
    if (ec) {
        fs::remove(temp, ec);
        throw InputError(tr("project.error.cannot_replace", {path, ec.message()}));
    }
    syncFile(target.parent_path().string());  // the rename itself reaches the disk
}

}  // namespace gapmap
