// One libpq connection to a gapmap server project (io/pg_address.h), for what GDAL's PostgreSQL
// driver does not do: DDL, roles, and transactions whose affected-row counts matter (row-version
// checks). Values travel as text parameters ($1, $2 …), never spliced into SQL. Only io includes this.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.h"
#include "io/pg_address.h"

struct pg_conn;

namespace gapmap {

// A server refusal: the one-line message (translated frame, server's own detail) and the SQLSTATE
// ("42501" insufficient privilege, "40001" serialization failure …).
struct PgError : InputError {
    PgError(const std::string& message, std::string state) : InputError(message), sqlstate(std::move(state)) {}
    std::string sqlstate;
};

using PgValue = std::optional<std::string>;  // nullopt: SQL NULL
using PgRow = std::vector<PgValue>;

class PgConnection {
public:
    // Throws InputError "cannot connect to <address>: <why>".
    explicit PgConnection(const ServerAddress& address);
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    // One statement with text parameters: its rows. Throws PgError.
    std::vector<PgRow> query(const std::string& sql, const std::vector<PgValue>& params = {});
    // One statement: the rows it changed (UPDATE/DELETE/INSERT). Throws PgError.
    long long command(const std::string& sql, const std::vector<PgValue>& params = {});
    // Several statements without parameters (DDL scripts). Throws PgError.
    void script(const std::string& sql);
    // The first column of the first row, or "" for none / NULL.
    std::string value(const std::string& sql, const std::vector<PgValue>& params = {});

    const ServerAddress& address() const { return address_; }
    // "schema"."name", for SQL built around the project's schema (a checked plain identifier).
    std::string table(const std::string& name) const { return "\"" + address_.schema + "\".\"" + name + "\""; }

private:
    ServerAddress address_;
    pg_conn* conn_ = nullptr;
};

// BEGIN on construction; ROLLBACK on destruction unless commit() was called (an exception or a
// killed process leaves the server as it was).
class PgTransaction {
public:
    explicit PgTransaction(PgConnection& c, const char* begin = "BEGIN") : c_(c) { c_.script(begin); }
    ~PgTransaction() {
        if (!done_) try { c_.script("ROLLBACK"); } catch (...) {}
    }
    void commit() { c_.script("COMMIT"); done_ = true; }
private:
    PgConnection& c_;
    bool done_ = false;
};

// A double-quoted SQL identifier ("trusted_addresses"); quotes inside doubled.
std::string quoteIdentifier(const std::string& name);

}  // namespace gapmap
