// `gapmap import PG:…` (io/pg_import.h). The steps, and why nothing is half applied or overwritten:
//   1. the row versions of every table the import may read (each project table the role reads —
//      admin units and villages for the joins, the imported tables — and table_loads, row_sources), by
//      gid — first, so that a change landing before the rows are read makes the import refused (safe),
//      never an older row taken for a newer version;
//   2. the project (io/pg_project.h readServerProject) and importInto (one table) or importReturnsInto
//      (whole workbooks), in memory, as for a file;
//   3. the result written to a temporary GeoPackage (writeProject: the columns exactly as publish
//      stored them), its imported and bookkeeping tables compared with the server's rows: rows equal on
//      both sides are left alone, a row whose key is on both sides once is updated, the rest removed or added;
//   4. one REPEATABLE READ transaction: the versions read again and compared with step 1 (any change:
//      refused, nothing applied), then batched DELETE / UPDATE … WHERE gid AND row_version / INSERT
//      from unnest() arrays; the server's triggers bump row_version and write change_log, so offline
//      copies pull the import at their next sync. Row-level security and privileges refuse as for edits.
#include "io/pg_import.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "core/i18n.h"
#include "core/parse.h"
#include "core/progress.h"
#include "io/pg_connection.h"
#include "io/pg_project.h"
#include "io/project_file.h"
#include "io/returns_import.h"
#include "io/sync_copy.h"

namespace gapmap {
namespace {

using namespace sync;

constexpr std::size_t kBatchRows = 5000;  // rows per statement: arrays of a few MB at most

struct Column {
    std::string name, type;  // type as format_type gives it: "integer", "geometry(Point,4326)" …
    bool geometry() const { return type.rfind("geometry", 0) == 0; }
    bool numeric() const {
        return type == "integer" || type == "bigint" || type == "smallint" || type == "real" || type == "double precision" ||
               type.rfind("numeric", 0) == 0;
    }
};

struct Row {
    std::string gid, version, key, by;
    std::vector<Value> values;  // in the table's column order; geometry as NDR WKB hex, upper case
    std::string signature;      // the values normalised (numbers as numbers, booleans 0/1): equal rows, equal text
};

// What the import may have changed: the imported table and the import's bookkeeping.
struct Table {
    std::string name;
    std::vector<Column> columns;  // the server's, those the GeoPackage also has
    std::string filter = "true";  // rows of tables this role may not read are left out on both sides
};

std::string keyExpression(const std::string& table) {
    if (table == "table_loads") return "table_name";
    if (table == "row_sources") return "table_name || '|' || row_key";
    return rowKeyExpression(table);
}

// A PostgreSQL array literal of text cells, NULL for an empty cell: {"a",NULL,"b"}.
std::string arrayOf(const std::vector<Value>& cells) {
    std::string out = "{";
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out += ",";
        if (!cells[i]) { out += "NULL"; continue; }
        out += "\"";
        for (char c : *cells[i]) out += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
        out += "\"";
    }
    return out + "}";
}

std::string normalised(const Column& c, const Value& v) {
    if (!v) return "\x01";
    if (c.numeric() || c.type == "boolean") {
        const std::string& s = *v;
        double x = 0;
        if (s == "t" || s == "true") x = 1;
        else if (s != "f" && s != "false") {
            char* end = nullptr;
            x = std::strtod(s.c_str(), &end);
            if (s.empty() || !end || *end) return s;
        }
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", x);
        return buf;
    }
    return *v;
}

void sign(const Table& t, Row& r) {
    for (std::size_t i = 0; i < t.columns.size(); ++i) r.signature += normalised(t.columns[i], r.values[i]) + '\x1f';
}

std::vector<Column> serverColumns(PgConnection& pg, const std::string& table) {
    std::vector<Column> out;
    for (const PgRow& r : pg.query("SELECT attname::text, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = $1::regclass "
                                   "AND attnum > 0 AND NOT attisdropped AND attname NOT IN ('gid', 'row_version', 'updated_by', 'updated_at') "
                                   "ORDER BY attnum",
                                   {pg.table(table)}))
        out.push_back({*r[0], *r[1]});
    return out;
}

std::vector<Row> serverRows(PgConnection& pg, const Table& t) {
    std::string sql = "SELECT gid::text, row_version::text, (" + keyExpression(t.name) + ")::text, coalesce(updated_by, '')";
    for (const Column& c : t.columns)
        sql += c.geometry() ? ", upper(encode(ST_AsBinary(" + quoted(c.name) + ", 'NDR'), 'hex'))"
               : c.type == "boolean" ? ", (" + quoted(c.name) + ")::int::text"
                                     : ", (" + quoted(c.name) + ")::text";
    std::vector<Row> out;
    for (PgRow& r : pg.query(sql + " FROM " + pg.table(t.name) + " WHERE " + t.filter + " ORDER BY gid")) {
        Row row{*r[0], *r[1], r[2].value_or(""), *r[3], std::vector<Value>(r.begin() + 4, r.end()), ""};
        sign(t, row);
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<Row> fileRows(LocalDb& db, const Table& t) {
    std::string sql = "SELECT CAST((" + keyExpression(t.name) + ") AS TEXT)";
    for (const Column& c : t.columns) sql += c.geometry() ? ", hex(" + quoted(c.name) + ")" : ", CAST(" + quoted(c.name) + " AS TEXT)";
    std::vector<Row> out;
    db.each(sql + " FROM " + quoted(t.name) + " WHERE " + t.filter + " ORDER BY fid", {}, [&](const std::vector<Value>& r) {
        Row row{"", "", r[0].value_or(""), "", std::vector<Value>(r.begin() + 1, r.end()), ""};
        for (std::size_t i = 0; i < t.columns.size(); ++i)
            if (t.columns[i].geometry() && row.values[i]) row.values[i] = blobHexToWkbHex(*row.values[i]);
        sign(t, row);
        out.push_back(std::move(row));
    });
    return out;
}

// The GeoPackage's columns, to keep only the server's columns the file also has.
std::set<std::string> fileColumns(LocalDb& db, const std::string& table) {
    std::set<std::string> out;
    db.each("SELECT name FROM pragma_table_info(?1)", {table}, [&](const std::vector<Value>& r) { out.insert(r[0].value_or("")); });
    return out;
}

struct Diff {
    std::vector<const Row*> removed, added;
    std::vector<std::pair<const Row*, const Row*>> changed;  // server row, its new values
};

// Equal rows are left alone (matched as multisets: activities may repeat); of the others, a key held
// once on each side is an update, the rest are removed and added.
Diff compare(const std::vector<Row>& server, const std::vector<Row>& wanted) {
    std::unordered_map<std::string, std::vector<const Row*>> bySignature;
    for (const Row& r : server) bySignature[r.signature].push_back(&r);
    std::vector<const Row*> leftWanted;
    for (const Row& r : wanted) {
        auto it = bySignature.find(r.signature);
        if (it != bySignature.end() && !it->second.empty()) it->second.pop_back();
        else leftWanted.push_back(&r);
    }
    std::vector<const Row*> leftServer;
    for (const Row& r : server) {
        auto& same = bySignature[r.signature];
        if (std::find(same.begin(), same.end(), &r) != same.end()) leftServer.push_back(&r);
    }
    std::map<std::string, std::vector<const Row*>> serverByKey, wantedByKey;
    for (const Row* r : leftServer) serverByKey[r->key].push_back(r);
    for (const Row* r : leftWanted) wantedByKey[r->key].push_back(r);
    Diff d;
    for (const Row* r : leftServer) {
        const auto w = wantedByKey.find(r->key);
        if (!r->key.empty() && serverByKey[r->key].size() == 1 && w != wantedByKey.end() && w->second.size() == 1) d.changed.push_back({r, w->second[0]});
        else d.removed.push_back(r);
    }
    for (const Row* r : leftWanted) {
        const auto s = serverByKey.find(r->key);
        if (r->key.empty() || s == serverByKey.end() || s->second.size() != 1 || wantedByKey[r->key].size() != 1) d.added.push_back(r);
    }
    return d;
}

// The SQL of a value from the unnest() column `cell` (text) into the column's type.
std::string typed(const Column& c, const std::string& cell) {
    if (!c.geometry()) return cell + "::" + c.type;
    const std::string g = "ST_SetSRID(ST_GeomFromWKB(decode(" + cell + ", 'hex')), 4326)";
    return c.type.find("Multi") != std::string::npos ? "ST_Multi(" + g + ")" : g;
}

struct Versions {
    std::map<std::string, std::map<std::string, std::pair<std::string, std::string>>> byTable;  // table -> gid -> (version, key)
};

Versions readVersions(PgConnection& pg, const std::vector<Table>& tables) {
    Versions v;
    for (const Table& t : tables)
        for (const PgRow& r : pg.query("SELECT gid::text, row_version::text, (" + keyExpression(t.name) + ")::text FROM " + pg.table(t.name) +
                                       " WHERE " + t.filter))
            v.byTable[t.name][*r[0]] = {*r[1], r[2].value_or("")};
    return v;
}

class Apply {
public:
    Apply(PgConnection& pg, const ServerAddress& at) : pg_(pg), at_(at) {}

    // Rows the statement should have changed but did not: changed since (refused), or hidden from
    // this role by row-level security (refused: not permitted).
    void checkAll(const Table& t, const std::vector<const Row*>& rows, const std::vector<PgRow>& done) {
        if (done.size() == rows.size()) return;
        std::set<std::string> seen;
        for (const PgRow& r : done) seen.insert(*r[0]);
        for (const Row* r : rows) {
            if (seen.count(r->gid)) continue;
            const std::vector<PgRow> now =
                pg_.query("SELECT row_version::text, coalesce(updated_by, '') FROM " + pg_.table(t.name) + " WHERE gid = $1", {r->gid});
            if (!now.empty() && *now[0][0] == r->version)
                throw InputError(tr("pg.import.error.not_permitted", {at_.display(), t.name, r->key}));
            throw InputError(tr("pg.import.error.changed", {at_.display(), t.name, r->key, now.empty() ? "-" : *now[0][0],
                                                            now.empty() ? "?" : *now[0][1]}));
        }
    }

    void remove(const Table& t, const std::vector<const Row*>& rows) {
        for (std::size_t from = 0; from < rows.size(); from += kBatchRows) {
            const std::vector<const Row*> part(rows.begin() + long(from), rows.begin() + long(std::min(rows.size(), from + kBatchRows)));
            std::vector<Value> gids, versions;
            for (const Row* r : part) { gids.push_back(r->gid); versions.push_back(r->version); }
            checkAll(t, part, pg_.query("DELETE FROM " + pg_.table(t.name) + " t USING unnest($1::bigint[], $2::bigint[]) AS u(gid, v) "
                                        "WHERE t.gid = u.gid AND t.row_version = u.v RETURNING t.gid::text",
                                        {arrayOf(gids), arrayOf(versions)}));
        }
    }

    void update(const Table& t, const std::vector<std::pair<const Row*, const Row*>>& rows) {
        for (std::size_t from = 0; from < rows.size(); from += kBatchRows) {
            const std::size_t to = std::min(rows.size(), from + kBatchRows);
            std::vector<const Row*> part;
            std::vector<std::vector<Value>> cells(t.columns.size() + 2);
            for (std::size_t i = from; i < to; ++i) {
                part.push_back(rows[i].first);
                cells[0].push_back(rows[i].first->gid);
                cells[1].push_back(rows[i].first->version);
                for (std::size_t c = 0; c < t.columns.size(); ++c) cells[c + 2].push_back(rows[i].second->values[c]);
            }
            std::string sets, arrays = "$1::bigint[], $2::bigint[]", names = "gid, v";
            std::vector<PgValue> params{arrayOf(cells[0]), arrayOf(cells[1])};
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                params.push_back(arrayOf(cells[c + 2]));
                arrays += ", $" + std::to_string(params.size()) + "::text[]";
                names += ", c" + std::to_string(c);
                sets += (c ? ", " : "") + quoted(t.columns[c].name) + " = " + typed(t.columns[c], "u.c" + std::to_string(c));
            }
            checkAll(t, part, pg_.query("UPDATE " + pg_.table(t.name) + " t SET " + sets + " FROM unnest(" + arrays + ") AS u(" + names +
                                        ") WHERE t.gid = u.gid AND t.row_version = u.v RETURNING t.gid::text",
                                        params));
        }
    }

    void insert(const Table& t, const std::vector<const Row*>& rows) {
        for (std::size_t from = 0; from < rows.size(); from += kBatchRows) {
            const std::size_t to = std::min(rows.size(), from + kBatchRows);
            std::string columns, values, arrays, names;
            std::vector<PgValue> params;
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                std::vector<Value> cells;
                for (std::size_t i = from; i < to; ++i) cells.push_back(rows[i]->values[c]);
                params.push_back(arrayOf(cells));
                const std::string sep = c ? ", " : "";
                columns += sep + quoted(t.columns[c].name);
                values += sep + typed(t.columns[c], "u.c" + std::to_string(c));
                arrays += sep + "$" + std::to_string(params.size()) + "::text[]";
                names += sep + "c" + std::to_string(c);
            }
            pg_.command("INSERT INTO " + pg_.table(t.name) + " (" + columns + ") SELECT " + values + " FROM unnest(" + arrays + ") AS u(" + names + ")",
                        params);
        }
    }

private:
    PgConnection& pg_;
    const ServerAddress& at_;
};

std::function<void()>& afterReadHook() {
    static std::function<void()> hook;
    return hook;
}

// A temporary GeoPackage in a folder of its own that only this user may read (mkdtemp: 0700), both
// removed whatever happens.
struct TempProjectFile {
    std::string folder, path;
    TempProjectFile() {
        std::string pattern = (std::filesystem::temp_directory_path() / "gapmap-import-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw InputError(tr("pg.import.error.temp", {pattern, std::strerror(errno)}));
        folder = pattern;
        path = folder + "/project.gpkg";
    }
    ~TempProjectFile() {
        std::error_code ec;
        std::filesystem::remove_all(folder, ec);
    }
};

}  // namespace

namespace {

// The checks every server import makes of the login role: SELECT, INSERT, UPDATE and DELETE on the
// table and the import bookkeeping. UPDATE is granted on a table's own columns only (not gid,
// row_version …): any column's counts.
void requireWriteRights(PgConnection& pg, const std::string& table) {
    for (const std::string& t : {table, std::string("table_loads"), std::string("row_sources")})
        for (const char* right : {"SELECT", "INSERT", "UPDATE", "DELETE"})
            if (pg.value(std::string(right) == "UPDATE" ? "SELECT has_any_column_privilege($1, $2)" : "SELECT has_table_privilege($1, $2)",
                         {pg.table(t), right}) != "t")
                throw InputError(tr("pg.import.error.role", {pg.address().display(), pg.value("SELECT current_user::text"), table}));
}

// Steps 1 to 4 of the file's head comment: `change` imports into the project read from the server and
// returns the tables it imported into; their difference is applied. Returns the note of each table.
std::vector<std::string> applyToServer(const ServerAddress& at, const std::vector<std::string>& knownTables,
                                       const std::function<std::vector<std::string>(Project&)>& change) {
    PgConnection pg(at);
    if (pg.value("SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = 'meta'", {at.schema}) != "1")
        throw InputError(tr("pg.error.no_project", {at.schema, at.display()}));
    // A viewer, or Trusted Addresses without gapmap_protection, are refused before anything is read.
    for (const std::string& t : knownTables) requireWriteRights(pg, t);
    std::vector<std::string> hidden;  // tables whose rows this role may not read: their bookkeeping stays as it is
    for (const char* t : {kTrustedAddressesTable, kOutcomesTable})
        if (pg.value("SELECT has_table_privilege($1, 'SELECT')", {pg.table(t)}) != "t") hidden.push_back(t);
    std::string notHidden = "true";
    if (!hidden.empty()) {
        notHidden = "table_name NOT IN (";
        for (std::size_t i = 0; i < hidden.size(); ++i) notHidden += (i ? ", '" : "'") + hidden[i] + "'";
        notHidden += ")";
    }

    // 1. Versions of every table the import may read or change.
    std::vector<Table> read{{"table_loads", {}, notHidden}, {"row_sources", {}, notHidden}};
    for (const TableSpec& t : projectTables())
        if (std::find(hidden.begin(), hidden.end(), t.name) == hidden.end()) read.push_back({t.name, {}, "true"});
    const Versions before = readVersions(pg, read);

    // 2. The import, in memory, by the one import core. Progress as for a file (core/progress.h): until
    // the write begins nothing has changed, so it may stop there (the app's Cancel).
    progressSteps(3);
    progressStep(tr("progress.read_project"));
    Project project = readServerProject(at);
    progressCheckpoint();
    progressStep(tr("progress.import_file"));
    const std::vector<std::string> imported = change(project);
    progressCheckpoint();
    for (const std::string& t : imported) requireWriteRights(pg, t);
    std::vector<Table> written{{"table_loads", {}, notHidden}, {"row_sources", {}, notHidden}};
    for (const std::string& t : imported)
        if (std::none_of(written.begin(), written.end(), [&](const Table& w) { return w.name == t; })) written.push_back({t, {}, "true"});

    // 3. The new rows as a GeoPackage holds them, compared with the server's.
    TempProjectFile temp;
    // Only what is compared goes into the temporary file: Trusted Addresses (their locations) and outcomes
    // only when they are what is imported — and a role without gapmap_protection cannot import them
    // (its per-commune counts are no rows). The file sits in a folder only this user reads.
    auto importedInto = [&](const char* t) { return std::find(imported.begin(), imported.end(), t) != imported.end(); };
    if (!importedInto(kTrustedAddressesTable)) project.trustedAddresses.clear();
    if (!importedInto(kOutcomesTable)) project.outcomes.clear();
    writeProject(project, temp.path);
    LocalDb file(temp.path);
    for (Table& t : written) {
        const std::set<std::string> inFile = fileColumns(file, t.name);
        for (Column& c : serverColumns(pg, t.name))
            if (inFile.count(c.name)) t.columns.push_back(c);
    }
    if (afterReadHook()) afterReadHook()();
    progressCheckpoint();
    progressStep(tr("progress.write_project"));

    // 4. One transaction: nothing changed since step 1, then the difference.
    std::vector<std::string> notes;
    try {
        PgTransaction tx(pg, "BEGIN ISOLATION LEVEL REPEATABLE READ");
        const Versions now = readVersions(pg, read);
        for (const Table& t : read) {
            const auto& was = before.byTable.count(t.name) ? before.byTable.at(t.name) : decltype(before.byTable)::mapped_type{};
            const auto& is = now.byTable.count(t.name) ? now.byTable.at(t.name) : decltype(now.byTable)::mapped_type{};
            if (was == is) continue;
            for (const auto& [gid, v] : is) {
                const auto w = was.find(gid);
                if (w != was.end() && w->second.first == v.first) continue;
                const std::string by = pg.value("SELECT coalesce(updated_by, '') FROM " + pg.table(t.name) + " WHERE gid = $1", {gid});
                throw InputError(tr("pg.import.error.changed", {at.display(), t.name, v.second, v.first, by}));
            }
            for (const auto& [gid, v] : was)
                if (!is.count(gid)) throw InputError(tr("pg.import.error.changed", {at.display(), t.name, v.second, "-", "?"}));
        }
        Apply apply(pg, at);
        for (const Table& t : written) {
            const std::vector<Row> server = serverRows(pg, t), wanted = fileRows(file, t);
            const Diff d = compare(server, wanted);
            apply.remove(t, d.removed);
            apply.update(t, d.changed);
            apply.insert(t, d.added);
            if (std::find(imported.begin(), imported.end(), t.name) != imported.end())
                notes.push_back(tr("pg.import.note.applied", {at.display(), t.name, formatLocaleNumber(double(d.added.size())),
                                                              formatLocaleNumber(double(d.changed.size())), formatLocaleNumber(double(d.removed.size()))}));
        }
        tx.commit();
    } catch (const PgError& e) {
        // 40001: a row written by someone else after this transaction began; 42501: privileges or
        // row-level security (an editor's row in a commune not granted).
        if (e.sqlstate == "40001") throw InputError(tr("pg.import.error.concurrent", {at.display(), imported.empty() ? "" : imported.front()}));
        throw InputError(tr("pg.import.error.refused", {e.what()}));
    }
    return notes;
}

}  // namespace

ImportResult importIntoServer(const ServerAddress& at, const ImportRequest& request) {
    const std::string& name = importTable(request.table).name;
    ImportResult result;
    const std::vector<std::string> notes = applyToServer(at, {name}, [&](Project& project) {
        result = importInto(project, request);
        return std::vector<std::string>{name};
    });
    result.notes.insert(result.notes.end(), notes.begin(), notes.end());
    return result;
}

ReturnsResult importReturnsIntoServer(const ServerAddress& at, const std::vector<std::string>& files, bool update) {
    ReturnsResult result;
    const std::vector<std::string> notes = applyToServer(at, {}, [&](Project& project) {
        result = importReturnsInto(project, files, update);
        std::vector<std::string> tables;
        for (const ImportResult& sheet : result.sheets) tables.push_back(sheet.table);
        return tables;
    });
    if (!result.sheets.empty()) result.sheets.back().notes.insert(result.sheets.back().notes.end(), notes.begin(), notes.end());
    return result;
}

void setImportAfterReadHookForTests(std::function<void()> hook) { afterReadHook() = std::move(hook); }

}  // namespace gapmap
