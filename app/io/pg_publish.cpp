#include "io/pg_publish.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/i18n.h"
#include "core/schema.h"
#include "io/gdal_session.h"
#include "io/pg_connection.h"
#include "io/project_file.h"
#include "io/sync_copy.h"

namespace gapmap {
namespace {

// Tables only gapmap_protection reads or writes (core/schema.h TableSpec::sensitive).
bool sensitive(const std::string& table) {
    const TableSpec* spec = findTable(table);
    return spec && spec->sensitive;
}

// What an editor may change, and the SQL expression naming each row's commune (for `db grant`).
// Programme tables (teams, clubs, activities) and connectivity (villages' attributes, commune offices);
// the import bookkeeping follows an editor's imports. Admin units, settings and targets stay the
// publisher's (the planner's).
struct EditorTable {
    const char* name;
    const char* commune;  // SQL over the row's columns (%S%: the schema); nullptr: not limited by commune
};
const EditorTable kEditorTables[] = {
    {"villages", "commune_code"},
    {"communication_teams", "%S%.gapmap_village_commune(village_code)"},
    {"clubs", "coalesce(nullif(commune_code, ''), %S%.gapmap_village_commune(village_code))"},
    {"activities", "commune_code"},
    {"commune_offices", "commune_code"},
    {"table_loads", nullptr},
    {"row_sources", nullptr},
};

// The tables of a fresh GeoPackage written by writeProject: the project's tables and bookkeeping.
std::vector<std::string> layerNames(GDALDataset& ds) {
    std::vector<std::string> names;
    for (int i = 0; i < ds.GetLayerCount(); ++i) names.push_back(ds.GetLayer(i)->GetName());
    return names;
}

// Copies every table of the normalised GeoPackage into `staging` (committed: GDAL's connection is not
// ours). PostGIS geometry(Point|MultiPolygon, 4326), GiST index, gid bigserial primary key.
void loadTables(const std::string& gpkgPath, const ServerAddress& staging) {
    GdalErrorCapture capture;
    const char* gpkgDriver[] = {"GPKG", nullptr};
    std::unique_ptr<GDALDataset> src(GDALDataset::Open(gpkgPath.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, gpkgDriver, nullptr, nullptr));
    const char* pgDriver[] = {"PostgreSQL", nullptr};
    std::unique_ptr<GDALDataset> dst(GDALDataset::Open(staging.gdal().c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, pgDriver, nullptr, nullptr));
    if (!src || !dst) throw InputError(tr("pg.error.gdal", {staging.display(), capture.firstError()}));
    const std::string schemaOption = "SCHEMA=" + staging.schema;
    const char* options[] = {"GEOMETRY_NAME=geom", "FID=gid", "FID64=YES", "SPATIAL_INDEX=GIST", "LAUNDER=NO", "PRECISION=NO",
                             schemaOption.c_str(), nullptr};
    for (const std::string& name : layerNames(*src)) {
        OGRLayer* in = src->GetLayerByName(name.c_str());
        if (!dst->CopyLayer(in, name.c_str(), const_cast<char**>(options)) || !capture.firstError().empty())
            throw InputError(tr("pg.error.copy_table", {name, staging.display(), capture.firstError()}));
    }
}

std::string roleSql() {
    std::string sql = "DO $$ BEGIN\n";
    for (const char* role : {kViewerRole, kEditorRole, kProtectionRole})
        sql += std::string("IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '") + role + "') THEN CREATE ROLE " + role +
               " NOLOGIN; END IF;\n";
    return sql + "END $$;\n";
}

// The schema's bookkeeping, triggers, privileges, policies and views, run in the transaction that
// makes the schema visible under its name. S: the quoted schema.
std::string schemaSql(const std::string& S, const std::vector<std::string>& tables) {
    std::string sql;
    sql += "CREATE TABLE " + S + ".change_log (seq bigserial PRIMARY KEY, table_name text NOT NULL, gid bigint NOT NULL, "
           "op char(1) NOT NULL, row_version bigint, changed_by text, changed_at timestamptz NOT NULL DEFAULT now());\n";
    sql += "CREATE INDEX ON " + S + ".change_log (table_name, gid);\n";
    sql += "CREATE TABLE " + S + ".meta (key text PRIMARY KEY, value text);\n";
    // Communes a role may edit (gapmap db grant); a role with no row is not limited.
    sql += "CREATE TABLE " + S + ".editor_communes (role_name text NOT NULL, commune_code text NOT NULL, PRIMARY KEY (role_name, commune_code));\n";
    // row_version: bumped on every UPDATE; updated_by/at: who and when (the server's clock).
    sql += "CREATE FUNCTION " + S + ".gapmap_row_version() RETURNS trigger LANGUAGE plpgsql AS $$\n"
           "BEGIN NEW.row_version := OLD.row_version + 1; NEW.updated_by := current_user; NEW.updated_at := now(); RETURN NEW; END $$;\n";
    // change_log is written by the trigger as the schema's owner (SECURITY DEFINER): nobody else may write it.
    sql += "CREATE FUNCTION " + S + ".gapmap_log_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$\n"
           "DECLARE r record; BEGIN\n"
           "  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;\n"
           "  EXECUTE format('INSERT INTO %I.change_log (table_name, gid, op, row_version, changed_by) VALUES ($1, $2, $3, $4, $5)', TG_TABLE_SCHEMA)\n"
           "    USING TG_TABLE_NAME, r.gid, left(TG_OP, 1), r.row_version, CASE WHEN TG_OP = 'DELETE' THEN session_user::text ELSE r.updated_by END;\n"
           "  RETURN NULL; END $$;\n";
    for (const std::string& t : tables) {
        const std::string T = S + "." + quoteIdentifier(t);
        sql += "ALTER TABLE " + T + " ADD COLUMN row_version bigint NOT NULL DEFAULT 1, ADD COLUMN updated_by text DEFAULT current_user, "
               "ADD COLUMN updated_at timestamptz DEFAULT now();\n";
        // GDAL wrote gid values from the GeoPackage: the sequence continues after them.
        sql += "SELECT setval(pg_get_serial_sequence('" + T + "', 'gid'), coalesce((SELECT max(gid) FROM " + T + "), 0) + 1, false);\n";
        sql += "CREATE TRIGGER gapmap_row_version BEFORE UPDATE ON " + T + " FOR EACH ROW EXECUTE FUNCTION " + S + ".gapmap_row_version();\n";
        sql += "CREATE TRIGGER gapmap_log_change AFTER INSERT OR UPDATE OR DELETE ON " + T + " FOR EACH ROW EXECUTE FUNCTION " + S +
               ".gapmap_log_change();\n";
    }
    // Commune limits of `db grant`: u may edit commune c when none of u's roles is limited, or one lists c.
    sql += "CREATE FUNCTION " + S + ".gapmap_may_edit(u name, c text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$\n"
           "  SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM " + S + ".editor_communes e JOIN pg_roles r ON r.rolname = e.role_name WHERE pg_has_role(u, r.oid, 'MEMBER'))\n"
           "    THEN true ELSE EXISTS (SELECT 1 FROM " + S + ".editor_communes e JOIN pg_roles r ON r.rolname = e.role_name\n"
           "                           WHERE pg_has_role(u, r.oid, 'MEMBER') AND e.commune_code = c) END $$;\n";
    sql += "CREATE FUNCTION " + S + ".gapmap_village_commune(v text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$\n"
           "  SELECT commune_code::text FROM " + S + ".villages WHERE code = v $$;\n";

    // Privileges: nothing for PUBLIC; every group reads the non-sensitive tables; columns gid and the
    // bookkeeping columns are written by the triggers only.
    const std::string groups = std::string(kViewerRole) + ", " + kEditorRole + ", " + kProtectionRole;
    sql += "GRANT USAGE ON SCHEMA " + S + " TO " + groups + ";\n";
    for (const std::string& t : tables)
        if (!sensitive(t)) sql += "GRANT SELECT ON " + S + "." + quoteIdentifier(t) + " TO " + groups + ";\n";
    sql += "GRANT SELECT ON " + S + ".change_log, " + S + ".meta, " + S + ".editor_communes TO " + groups + ";\n";
    auto writable = [&](const std::string& t, const std::string& role) {
        // UPDATE on the table's own columns only (gid, row_version, updated_by, updated_at excluded).
        return "GRANT INSERT, DELETE ON " + S + "." + quoteIdentifier(t) + " TO " + role + ";\n" +
               "DO $$ DECLARE cols text; BEGIN SELECT string_agg(quote_ident(attname), ', ') INTO cols FROM pg_attribute "
               "WHERE attrelid = '" + S + "." + quoteIdentifier(t) + "'::regclass AND attnum > 0 AND NOT attisdropped "
               "AND attname NOT IN ('gid', 'row_version', 'updated_by', 'updated_at');\n"
               "EXECUTE format('GRANT UPDATE (%s) ON " + S + "." + quoteIdentifier(t) + " TO " + role + "', cols); END $$;\n";
    };
    for (const EditorTable& e : kEditorTables)
        if (std::find(tables.begin(), tables.end(), e.name) != tables.end()) sql += writable(e.name, kEditorRole);
    for (const std::string& t : tables)
        if (sensitive(t)) sql += "GRANT SELECT ON " + S + "." + quoteIdentifier(t) + " TO " + kProtectionRole + ";\n" + writable(t, kProtectionRole);
    sql += writable("table_loads", kProtectionRole) + writable("row_sources", kProtectionRole);
    sql += "GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + S + " TO " + kEditorRole + ", " + kProtectionRole + ";\n";

    // Row-level security. Sensitive tables: rows for gapmap_protection only, whatever else is granted.
    for (const std::string& t : tables) {
        const std::string T = S + "." + quoteIdentifier(t);
        if (sensitive(t)) {
            sql += "ALTER TABLE " + T + " ENABLE ROW LEVEL SECURITY;\n";
            sql += "CREATE POLICY protection_only ON " + T + " FOR ALL TO " + kProtectionRole + " USING (true) WITH CHECK (true);\n";
        }
    }
    // Editors limited to their communes (db grant); everyone with SELECT reads every row.
    for (const EditorTable& e : kEditorTables) {
        if (!e.commune || std::find(tables.begin(), tables.end(), e.name) == tables.end()) continue;
        const std::string T = S + "." + quoteIdentifier(e.name);
        std::string commune = e.commune;
        for (size_t at = commune.find("%S%"); at != std::string::npos; at = commune.find("%S%")) commune.replace(at, 3, S);
        sql += "ALTER TABLE " + T + " ENABLE ROW LEVEL SECURITY;\n";
        sql += "CREATE POLICY read_all ON " + T + " FOR SELECT USING (true);\n";
        sql += "CREATE POLICY editor_communes ON " + T + " FOR ALL TO " + kEditorRole + " USING (" + S + ".gapmap_may_edit(current_user, " + commune +
               ")) WITH CHECK (" + S + ".gapmap_may_edit(current_user, " + commune + "));\n";
    }
    // Provenance and the change log name rows by key and gid: those of sensitive tables (a Trusted
    // Address's code) are for gapmap_protection only.
    const std::string notSensitive = "(table_name NOT IN ('trusted_addresses', 'outcomes') OR pg_has_role(current_user, '" +
                                     std::string(kProtectionRole) + "', 'MEMBER'))";
    for (const char* t : {"row_sources", "change_log"}) {
        const std::string T = S + "." + t;
        sql += "ALTER TABLE " + T + " ENABLE ROW LEVEL SECURITY;\n";
        sql += "CREATE POLICY sensitive_rows ON " + T + " FOR ALL USING " + notSensitive + " WITH CHECK " + notSensitive + ";\n";
    }

    // Counts for every role: a Trusted Address counts in its commune, else its village's commune
    // (core/coverage.cpp does the same); active NULL reads as active, as the GeoPackage reader does.
    // gapmap's reports and maps publish these per-area counts; the rows stay with gapmap_protection.
    sql += "CREATE VIEW " + S + ".trusted_address_counts AS\n"
           "  SELECT coalesce(nullif(t.commune_code, ''), v.commune_code)::text AS commune_code, count(*) AS count,\n"
           "         count(*) FILTER (WHERE coalesce(t.active::int, 1) <> 0) AS active\n"
           "  FROM " + S + ".trusted_addresses t LEFT JOIN " + S + ".villages v ON v.code = t.village_code AND coalesce(t.commune_code, '') = ''\n"
           "  GROUP BY 1;\n";
    // Outcome cases per commune and year; 1 … k−1 shown as NULL (core/disclosure.h, k = the project's
    // confidentiality.k, default 5). No totals are published, so no hidden cell can be worked out.
    sql += "CREATE VIEW " + S + ".outcome_counts AS\n"
           "  WITH k AS (SELECT coalesce((SELECT value::bigint FROM " + S + ".settings WHERE key = 'confidentiality.k' AND value ~ '^ *[0-9]+ *$'), 5) AS k),\n"
           "  c AS (SELECT v.commune_code::text AS commune_code, o.year, sum(greatest(o.child_marriages, 0)) AS child,\n"
           "               sum(greatest(o.consanguineous_marriages, 0)) AS consanguineous\n"
           "        FROM " + S + ".outcomes o LEFT JOIN " + S + ".villages v ON v.code = o.village_code GROUP BY 1, 2)\n"
           "  SELECT commune_code, year, CASE WHEN child BETWEEN 1 AND k - 1 THEN NULL ELSE child END AS child_marriages,\n"
           "         CASE WHEN consanguineous BETWEEN 1 AND k - 1 THEN NULL ELSE consanguineous END AS consanguineous_marriages\n"
           "  FROM c, k;\n";
    sql += "GRANT SELECT ON " + S + ".trusted_address_counts, " + S + ".outcome_counts TO " + groups + ";\n";
    return sql;
}

constexpr const char* kStagingPrefix = "gapmap_publish_";

// Staging schemas of earlier publishes killed before their rename (their server process has ended).
// One this role may not drop (another publisher's) stays for its owner's next publish.
void dropStagingLeftovers(PgConnection& db) {
    for (const PgRow& r : db.query("SELECT nspname::text FROM pg_namespace WHERE nspname ~ ('^' || $1 || '[0-9]+$') "
                                   "AND substring(nspname FROM length($1) + 1)::int NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL)",
                                   {kStagingPrefix})) {
        try {
            db.script("DROP SCHEMA IF EXISTS " + quoteIdentifier(*r[0]) + " CASCADE");
        } catch (const PgError&) {
        }
    }
}

std::string tempGeoPackage() {
    return (std::filesystem::temp_directory_path() / ("gapmap-publish-" + std::to_string(::getpid()) + ".gpkg")).string();
}

}  // namespace

PublishResult publishProject(const Project& project, const std::string& sourceName, const ServerAddress& to, bool force) {
    GdalSession::ensure();
    PgConnection db(to);
    const std::string S = quoteIdentifier(to.schema);
    if (db.value("SELECT 1 FROM pg_namespace WHERE nspname = $1", {to.schema}) == "1") {
        const bool gapmap = db.value("SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = 'meta'", {to.schema}) == "1";
        if (!gapmap) throw InputError(tr("pg.error.schema_not_gapmap", {to.schema, to.display()}));
        if (!force) throw InputError(tr("pg.error.schema_exists", {to.schema, to.display()}));
    }
    if (db.value("SELECT 1 FROM pg_extension WHERE extname = 'postgis'") != "1") {
        try {
            db.script("CREATE EXTENSION postgis");
        } catch (const PgError& e) {
            throw InputError(tr("pg.error.no_postgis", {to.display(), e.what()}));
        }
    }
    db.script(roleSql());

    // Loaded into a staging schema first (GDAL commits on its own connection), then renamed in one
    // transaction with everything else: a failed or killed publish never shows a half project.
    // The staging schema is named after this connection's server process, "gapmap_publish_<pid>":
    // one left by a killed publish (its server process gone) is removed here, one of a publish still
    // running is not.
    dropStagingLeftovers(db);
    ServerAddress staging = to;
    staging.schema = std::string(kStagingPrefix) + db.value("SELECT pg_backend_pid()::text");
    const std::string stagingSql = quoteIdentifier(staging.schema);
    db.script("DROP SCHEMA IF EXISTS " + stagingSql + " CASCADE; CREATE SCHEMA " + stagingSql);
    const std::string gpkg = tempGeoPackage();
    std::error_code ec;
    try {
        writeProject(project, gpkg);  // the project's tables exactly as a current GeoPackage holds them
        loadTables(gpkg, staging);
        sync::killPointForTests("publish_loaded");  // tests: a publish killed with its staging schema loaded
        std::filesystem::remove(gpkg, ec);
        std::vector<std::string> tables;
        for (const PgRow& r : db.query("SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename", {staging.schema}))
            tables.push_back(*r[0]);
        PgTransaction tx(db);
        db.script("DROP SCHEMA IF EXISTS " + S + " CASCADE; ALTER SCHEMA " + stagingSql + " RENAME TO " + S);
        db.script(schemaSql(S, tables));
        for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
                 {"schema_version", kServerSchemaVersion}, {"published_from", sourceName}, {"published_at", isoTimeNowUtc()}})
            db.command("INSERT INTO " + S + ".meta (key, value) VALUES ($1, $2)", {key, value});
        db.command("INSERT INTO " + S + ".meta (key, value) VALUES ('published_by', current_user)");
        PublishResult result;
        for (const std::string& t : tables)
            result.rows.push_back({t, std::stoll(db.value("SELECT count(*) FROM " + S + "." + quoteIdentifier(t)))});
        tx.commit();
        return result;
    } catch (...) {
        std::filesystem::remove(gpkg, ec);
        try { db.script("DROP SCHEMA IF EXISTS " + stagingSql + " CASCADE"); } catch (...) {}
        throw;
    }
}

void grantCommunes(const ServerAddress& at, const std::string& role, const std::vector<std::string>& communes) {
    PgConnection db(at);
    const std::string S = quoteIdentifier(at.schema);
    if (db.value("SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = 'editor_communes'", {at.schema}) != "1")
        throw InputError(tr("pg.error.no_project", {at.schema, at.display()}));
    if (db.value("SELECT 1 FROM pg_roles WHERE rolname = $1", {role}) != "1") throw InputError(tr("pg.error.no_role", {role, at.display()}));
    for (const std::string& c : communes)
        if (db.value("SELECT 1 FROM " + S + ".admin_units WHERE code = $1 AND level = 'commune'", {c}) != "1")
            throw InputError(tr("pg.error.no_commune", {c, at.display()}));
    PgTransaction tx(db);
    db.command("DELETE FROM " + S + ".editor_communes WHERE role_name = $1", {role});
    for (const std::string& c : communes) db.command("INSERT INTO " + S + ".editor_communes (role_name, commune_code) VALUES ($1, $2)", {role, c});
    // The role edits through gapmap_editor's privileges; the list above limits where.
    db.script("GRANT " + std::string(kEditorRole) + " TO " + quoteIdentifier(role));
    tx.commit();
}

}  // namespace gapmap
