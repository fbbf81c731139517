#include "io/pg_connection.h"

#include <libpq-fe.h>

#include "core/i18n.h"

namespace gapmap {
namespace {

using Result = std::unique_ptr<PGresult, void (*)(PGresult*)>;

std::string firstLine(const char* text) {
    std::string s = text ? text : "";
    if (s.rfind("ERROR:  ", 0) == 0) s = s.substr(8);
    if (s.rfind("FATAL:  ", 0) == 0) s = s.substr(8);
    const size_t nl = s.find('\n');
    if (nl != std::string::npos) s = s.substr(0, nl);
    return s;
}

}  // namespace

std::string quoteIdentifier(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

PgConnection::PgConnection(const ServerAddress& address) : address_(address) {
    conn_ = PQconnectdb(address_.conninfo.c_str());
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
        const std::string why = firstLine(conn_ ? PQerrorMessage(conn_) : "out of memory");
        if (conn_) PQfinish(conn_);
        conn_ = nullptr;
        throw InputError(tr("pg.error.connect", {address_.display(), why}));
    }
    // Quiet NOTICEs (DROP … IF EXISTS) stay off the user's terminal.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    PQclear(PQexec(conn_, "SET client_encoding = 'UTF8'"));  // the result is owned by us: cleared, not leaked
}

PgConnection::~PgConnection() {
    if (conn_) PQfinish(conn_);
}

namespace {

Result run(pg_conn* conn, const ServerAddress& address, const std::string& sql, const std::vector<PgValue>& params) {
    std::vector<const char*> values;
    for (const PgValue& p : params) values.push_back(p ? p->c_str() : nullptr);
    Result r(PQexecParams(conn, sql.c_str(), int(values.size()), nullptr, values.data(), nullptr, nullptr, 0), PQclear);
    const ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
        throw PgError(tr("pg.error.server", {address.display(), firstLine(PQerrorMessage(conn))}), state ? state : "");
    }
    return r;
}

}  // namespace

std::vector<PgRow> PgConnection::query(const std::string& sql, const std::vector<PgValue>& params) {
    Result r = run(conn_, address_, sql, params);
    std::vector<PgRow> rows(size_t(PQntuples(r.get())));
    for (int i = 0; i < PQntuples(r.get()); ++i)
        for (int j = 0; j < PQnfields(r.get()); ++j)
            rows[size_t(i)].push_back(PQgetisnull(r.get(), i, j) ? PgValue() : PgValue(PQgetvalue(r.get(), i, j)));
    return rows;
}

long long PgConnection::command(const std::string& sql, const std::vector<PgValue>& params) {
    Result r = run(conn_, address_, sql, params);
    const char* n = PQcmdTuples(r.get());
    return n && *n ? std::stoll(n) : 0;
}

void PgConnection::script(const std::string& sql) {
    Result r(PQexec(conn_, sql.c_str()), PQclear);
    const ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
        throw PgError(tr("pg.error.server", {address_.display(), firstLine(PQerrorMessage(conn_))}), state ? state : "");
    }
}

std::string PgConnection::value(const std::string& sql, const std::vector<PgValue>& params) {
    const std::vector<PgRow> rows = query(sql, params);
    return rows.empty() || rows[0].empty() || !rows[0][0] ? "" : *rows[0][0];
}

}  // namespace gapmap
