#include "support/pg_cluster.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <random>
#include <stdexcept>

namespace gapmap::test {
namespace {

const std::filesystem::path kBin = "/usr/lib/postgresql/15/bin";

int shell(const std::string& command) {
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

}  // namespace

std::string PgCluster::asServerUser(const std::string& command) const {
    // PostgreSQL will not run as root; `nobody` owns the data folder then.
    return ::geteuid() == 0 ? "runuser -u nobody -- " + command : command;
}

PgCluster::PgCluster() {
    for (const char* tool : {"initdb", "pg_ctl", "postgres"})
        if (!std::filesystem::exists(kBin / tool))
            throw std::runtime_error(std::string("PgCluster: ") + (kBin / tool).string() +
                                     " is missing: install postgresql-15-postgis-3 (bash setup.sh does)");
    if (!std::filesystem::exists("/usr/share/postgresql/15/extension/postgis.control"))
        throw std::runtime_error("PgCluster: PostGIS for PostgreSQL 15 is missing: install postgresql-15-postgis-3 (bash setup.sh does)");
    if (shell("command -v psql >/dev/null") != 0) throw std::runtime_error("PgCluster: psql is missing: install postgresql-client-15");
    std::random_device rd;
    root_ = std::filesystem::temp_directory_path() / ("gapmap-pg-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(root_ / "socket");
    std::filesystem::create_directories(root_ / "data");
    std::filesystem::permissions(root_, std::filesystem::perms::owner_all | std::filesystem::perms::group_exec | std::filesystem::perms::others_exec);
    if (::geteuid() == 0 && shell("chown nobody " + quote((root_ / "data").string()) + " " + quote(socketDir())) != 0)
        throw std::runtime_error("PgCluster: cannot give the data folder to user nobody");
    const std::string initdb = asServerUser(quote((kBin / "initdb").string()) + " -D " + quote((root_ / "data").string()) + " -U " + kAdmin +
                                            " --auth=trust -E UTF8 --locale=C.UTF-8 >" + quote((root_ / "initdb.log").string()) + " 2>&1");
    if (shell(initdb) != 0) throw std::runtime_error("PgCluster: initdb failed: " + readFile((root_ / "initdb.log").string()));
    start();
    sql(std::string("CREATE DATABASE ") + kDatabase);
    sql("CREATE EXTENSION postgis");
}

PgCluster::~PgCluster() {
    try {
        stop();
    } catch (...) {
    }
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
}

void PgCluster::start() {
    if (running_) return;
    const std::string data = (root_ / "data").string();
    // fsync off: a test server needs no durability against power loss (kill -9 of clients is still real).
    const std::string cmd = asServerUser(quote((kBin / "pg_ctl").string()) + " -D " + quote(data) + " -l " + quote(data + "/server.log") +
                                         " -w -t 60 -o " + quote("-k " + socketDir() + " -c listen_addresses='' -c fsync=off") +
                                         " start >/dev/null 2>&1");
    if (shell(cmd) != 0) throw std::runtime_error("PgCluster: the server did not start: " + readFile(data + "/server.log"));
    running_ = true;
}

void PgCluster::stop() {
    if (!running_) return;
    running_ = false;
    shell(asServerUser(quote((kBin / "pg_ctl").string()) + " -D " + quote((root_ / "data").string()) + " -m fast -w stop >/dev/null 2>&1"));
}

std::string PgCluster::address(const std::string& user, const std::string& schema) const {
    return "PG:host=" + socketDir() + " dbname=" + kDatabase + " user=" + user + (schema.empty() ? "" : " schemas=" + schema);
}

RunResult PgCluster::psql(const std::string& sqlText, const std::string& user) const {
    TempDir io;
    const std::string out = io.file("out"), err = io.file("err");
    const std::string db = user == kAdmin && sqlText.rfind("CREATE DATABASE", 0) == 0 ? "postgres" : kDatabase;
    const std::string cmd = "psql -X -A -t -q -v ON_ERROR_STOP=1 -h " + quote(socketDir()) + " -U " + quote(user) + " -d " + db +
                            " -c " + quote(sqlText) + " >" + quote(out) + " 2>" + quote(err) + " </dev/null";
    RunResult r;
    r.exitCode = shell(cmd);
    r.out = readFile(out);
    r.err = readFile(err);
    return r;
}

std::string PgCluster::sql(const std::string& sqlText, const std::string& user) const {
    const RunResult r = psql(sqlText, user);
    if (r.exitCode != 0) throw std::runtime_error("psql as " + user + ": " + sqlText + ": " + r.err);
    return trimmed(r.out);
}

void PgCluster::createLogin(const std::string& name, const std::string& group) const {
    sql("CREATE ROLE " + name + " LOGIN" + (group.empty() ? "" : " IN ROLE " + group));
}

}  // namespace gapmap::test
