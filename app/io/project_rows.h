// The project's tables as rows -> core's Project: one mapping for every store that holds a project,
// a GeoPackage read through SQLite (io/gpkg_read.cpp) and a server schema read through GDAL's
// PostgreSQL driver (io/project_file.cpp readProjectTables). Names no store's types: each store
// hands rows through its own row type.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/model.h"
#include "core/parse.h"
#include "core/village_marks.h"

namespace gapmap {

// One row per address counted in the commune, with its commune and active flag only (no code, name or
// location): kpi, coverage and the map count them like rows, and nothing locates them. Sets
// Project::trustedAddressCountsOnly. Used for a server role without gapmap_protection (io/pg_project.h)
// and for an offline copy made by one (table trusted_address_counts, io/pg_sync.h).
inline void addCountedTrustedAddresses(Project& p, const std::string& communeCode, long long count, long long active) {
    for (long long i = 0; i < count; ++i) {
        TrustedAddress a;
        a.communeCode = communeCode;
        a.active = i < active;
        p.trustedAddresses.push_back(std::move(a));
    }
    p.trustedAddressCountsOnly = true;
}

// Fills `p` from `tables`, which offers
//   template <class Fn> void each(const char* table, Fn fn, bool geometry = true): calls fn(row) for every
//     row in the file's order (a table the store lacks reads as empty; geometry false: its geometry is
//     not needed), a row offering text(col), integer(col), count(col), flag(col[, fallback]), real(col),
//     point(), area(); absent columns read as empty;
//   size_t count(const char* table): its rows, to reserve vectors with (0: unknown).
// `areas`: ProjectReadOptions::areas (io/project_file.h).
template <class Tables>
void readProjectRows(Tables& tables, Project& p, bool areas) {
    p.adminUnits.reserve(tables.count("admin_units"));
    tables.each("admin_units", [&](const auto& r) {
        AdminUnit u;
        u.code = r.text("code");
        u.name = r.text("name");
        u.level = adminLevelFromString(r.text("level")).value_or(AdminLevel::Commune);
        u.parentCode = r.text("parent_code");
        u.kind = r.text("kind");
        u.population = r.integer("population");
        u.especiallyDifficult = r.flag("especially_difficult");
        if (areas) u.area = r.area();
        p.adminUnits.push_back(std::move(u));
    }, areas);
    // Growing 100,000 villages by doubling held the old and the new copy at once: 26 MB of a
    // national render's peak heap. Hence the reserves.
    p.villages.reserve(tables.count("villages"));
    tables.each("villages", [&](const auto& r) {
        Village v;
        v.code = r.text("code");
        v.name = r.text("name");
        v.communeCode = r.text("commune_code");
        v.location = r.point();
        v.population = r.integer("population");
        v.households = r.integer("households");
        v.ethnicGroup = r.text("ethnic_group");
        v.especiallyDifficult = r.flag("especially_difficult");
        v.electricity = electricityFromString(r.text("electricity")).value_or(Electricity::Grid);
        v.mobile = mobileFromString(r.text("mobile")).value_or(Mobile::G4);
        v.internet = r.flag("internet");
        p.villages.push_back(std::move(v));
    });
    // In code order whatever order the file holds them in (files written before the importer sorted):
    // the analysis is fastest so (core/village_marks.h sortVillagesByCode); ~1 ms when already sorted.
    sortVillagesByCode(p.villages);
    p.teams.reserve(tables.count("communication_teams"));
    p.trustedAddresses.reserve(tables.count("trusted_addresses"));
    tables.each("communication_teams", [&](const auto& r) {
        p.teams.push_back({r.text("village_code"), r.text("established"), r.count("members"), r.count("women_members"), r.text("channel")});
    });
    tables.each("trusted_addresses", [&](const auto& r) {
        p.trustedAddresses.push_back({r.text("code"), r.text("name"), r.text("commune_code"), r.text("village_code"),
                                      r.text("established"), r.text("services"), r.flag("active", true), r.point()});
    });
    tables.each("clubs", [&](const auto& r) {
        p.clubs.push_back({r.text("code"), r.text("name"), r.text("commune_code"), r.text("village_code"), r.text("established"), r.count("members")});
    });
    tables.each("activities", [&](const auto& r) {
        p.activities.push_back({r.text("date"), r.text("commune_code"), r.text("kind"), r.count("sessions"), r.count("participants"), r.count("women_participants")});
    });
    tables.each("commune_offices", [&](const auto& r) {
        p.communeOffices.push_back({r.text("commune_code"), r.count("computers"), r.flag("internet")});
    });
    tables.each("outcomes", [&](const auto& r) {
        p.outcomes.push_back({r.text("village_code"), r.count("year"), r.count("child_marriages"), r.count("consanguineous_marriages")});
    });
    tables.each("targets", [&](const auto& r) { p.targets.push_back({r.text("indicator"), r.count("year"), r.real("value")}); });
    tables.each("settings", [&](const auto& r) { p.settings.push_back({r.text("key"), r.text("value")}); });
    // A file written before the load record has no table_loads: its tables with rows count as
    // loaded (source unknown), its empty tables as never loaded (Project::hasData).
    tables.each("commune_crosswalk", [&](const auto& r) {
        p.crosswalk.push_back({r.text("old_code"), r.text("old_name"), r.text("new_code"), r.real("share_of_old_area"), r.real("share_of_new_area")});
    });
    tables.each("table_loads", [&](const auto& r) {
        if (!r.text("table_name").empty() && !p.loadOf(r.text("table_name")))
            p.loads.push_back({r.text("table_name"), r.text("source_file"), r.text("loaded_at"), r.integer("rows").value_or(0),
                               splitList(r.text("missing_columns"))});
    });
    // A file written before provenance has no row_sources: its rows came with their tables' loads.
    tables.each("row_sources", [&](const auto& r) {
        p.rowSources.push_back({r.text("table_name"), r.text("row_key"), r.text("source_file"), r.text("sheet"), r.count("source_row"),
                                r.text("imported_at")});
    });
}

}  // namespace gapmap
