// Where a project shared on a PostgreSQL/PostGIS server lives (issue #16): a connection in GDAL's
// form, `PG:host=/tmp/x dbname=d user=u [schemas=NAME]`, or a libpq URI,
// `postgresql://user@host/dbname[?schema=NAME]`. Parsed with libpq's own parser (PQconninfoParse),
// so every libpq keyword works; the project's schema (default "gapmap") is held apart, since libpq
// knows no such keyword. Nothing above io sees libpq.
#pragma once
#include <string>

namespace gapmap {

inline constexpr const char* kDefaultServerSchema = "gapmap";

struct ServerAddress {
    std::string conninfo;  // libpq keyword=value form, schema removed: "host='/tmp/x' dbname='d' user='u'"
    std::string schema = kDefaultServerSchema;  // a plain identifier: [a-z_][a-z0-9_]*
    std::string original;  // as the user wrote it (for messages; never holds a password: see display())

    // GDAL's PostgreSQL driver connection: "PG:<conninfo> schemas=<schema> active_schema=<schema>".
    std::string gdal() const;
    // The address as messages show it: the user's text with any password replaced by "***".
    std::string display() const;
    // The same server and database as another login role (tests, `db grant` checks).
    ServerAddress asUser(const std::string& user) const;
    // The same connection, another schema (`publish --schema`). Throws UsageError: no plain identifier.
    ServerAddress withSchema(const std::string& name) const;
};

// "PG:…", "postgresql://…" or "postgres://…" (case of the prefix ignored): a server project,
// not a file name.
bool isServerProject(const std::string& path);

// Throws UsageError (one line, translated) for a string libpq cannot parse or a schema that is no
// plain identifier.
ServerAddress parseServerAddress(const std::string& text);

}  // namespace gapmap
