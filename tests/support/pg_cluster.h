// A throwaway PostgreSQL 15 + PostGIS 3 server for tests tagged [pg] (issue #16): initdb and pg_ctl
// from Debian's postgresql-15 (/usr/lib/postgresql/15/bin), data folder and Unix socket in a fresh
// temporary folder, no TCP, trust authentication on the socket (any role name logs in, so tests can
// act as each role with plain psql). PostgreSQL refuses to run as root: under root (CI) the server
// runs as `nobody`. Stopped and deleted with the object. No mocks: the real server.
#pragma once
#include <filesystem>
#include <string>

#include "support/test_support.h"

namespace gapmap::test {

class PgCluster {
public:
    // Throws std::runtime_error naming the missing package when the binaries or PostGIS are absent
    // (the test then fails; setup.sh installs postgresql-15-postgis-3), or with the server log's tail.
    PgCluster();
    ~PgCluster();
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    static constexpr const char* kAdmin = "gapmap_admin";  // the superuser initdb makes
    static constexpr const char* kDatabase = "province";   // PostGIS enabled

    std::string socketDir() const { return (root_ / "socket").string(); }
    // GDAL's form: "PG:host=SOCKET dbname=province user=USER" (+ " schemas=SCHEMA" when given).
    std::string address(const std::string& user = kAdmin, const std::string& schema = "") const;
    // `psql -X -A -t -q -v ON_ERROR_STOP=1 -c SQL` as USER: exit code, output rows ('|'-separated), errors.
    RunResult psql(const std::string& sql, const std::string& user = kAdmin) const;
    // psql, but throws std::runtime_error with psql's message when it fails; returns stdout trimmed.
    std::string sql(const std::string& sql, const std::string& user = kAdmin) const;
    // CREATE ROLE name LOGIN IN ROLE group (group may be empty).
    void createLogin(const std::string& name, const std::string& group = "") const;

    void stop();   // pg_ctl stop -m fast (no-op when stopped)
    void start();  // pg_ctl start -w

private:
    std::string asServerUser(const std::string& command) const;
    std::filesystem::path root_;
    bool running_ = false;
};

}  // namespace gapmap::test
