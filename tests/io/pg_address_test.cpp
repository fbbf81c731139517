// io/pg_address.h: GDAL-form and URI server addresses, the schema held apart, passwords never shown.
#include <catch2/catch.hpp>

#include "core/errors.h"
#include "io/pg_address.h"

using namespace gapmap;

TEST_CASE("Server addresses in GDAL's form and as URIs", "[pg_address]") {
    CHECK(isServerProject("PG:dbname=x"));
    CHECK(isServerProject("pg:dbname=x"));
    CHECK(isServerProject("postgresql://u@h/d"));
    CHECK(isServerProject("postgres://u@h/d"));
    CHECK_FALSE(isServerProject("lc.gpkg"));
    CHECK_FALSE(isServerProject("PGdata.gpkg"));

    const ServerAddress a = parseServerAddress("PG:host=/tmp/s dbname=province user=an schemas=laichau");
    CHECK(a.schema == "laichau");
    CHECK(a.conninfo.find("schemas") == std::string::npos);
    CHECK(a.conninfo.find("dbname='province'") != std::string::npos);
    CHECK(a.gdal().rfind("PG:", 0) == 0);
    CHECK(a.gdal().find("schemas=laichau") != std::string::npos);

    const ServerAddress d = parseServerAddress("PG:dbname='my db' user=an");
    CHECK(d.schema == "gapmap");
    CHECK(d.conninfo.find("dbname='my db'") != std::string::npos);

    const ServerAddress u = parseServerAddress("postgresql://an:secret@server.local:5433/province?schema=dienbien&sslmode=disable");
    CHECK(u.schema == "dienbien");
    CHECK(u.conninfo.find("port='5433'") != std::string::npos);
    CHECK(u.conninfo.find("sslmode='disable'") != std::string::npos);
    CHECK(u.display().find("secret") == std::string::npos);
    CHECK(parseServerAddress("PG:dbname=x password=hush").display().find("hush") == std::string::npos);

    CHECK(parseServerAddress("PG:dbname=x").withSchema("other").schema == "other");
    CHECK_THROWS_AS(parseServerAddress("PG:dbname=x schemas=Bad-Name"), UsageError);
    CHECK_THROWS_AS(parseServerAddress("PG:dbname=x").withSchema("x; drop"), UsageError);
    CHECK_THROWS_AS(parseServerAddress("PG:dbname='unterminated"), UsageError);
    CHECK_THROWS_AS(parseServerAddress("PG:nosuchkeyword=1"), UsageError);
}
