// `gapmap publish`: a project put on a PostgreSQL/PostGIS server for a province team (issue #16,
// docs: "A province team on one server"). Creates the schema (the project's tables, PostGIS
// geometry in EPSG:4326 with GiST indexes, gid, row_version, change_log triggers, meta), the three
// group roles with their privileges and row-level security, and the per-commune count views.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/model.h"
#include "io/pg_address.h"

namespace gapmap {

// The group roles publish creates (NOLOGIN); users are made members with GRANT role TO user.
inline constexpr const char* kViewerRole = "gapmap_viewer";
inline constexpr const char* kEditorRole = "gapmap_editor";
inline constexpr const char* kProtectionRole = "gapmap_protection";
inline constexpr const char* kServerSchemaVersion = "1";

struct PublishResult {
    std::vector<std::pair<std::string, std::int64_t>> rows;  // table -> rows now on the server
};

// Publishes `project` (read from `sourceName`, recorded in meta.published_from) into to.schema.
// An existing schema holding a gapmap project is refused unless `force` (then it is replaced in the
// same transaction that makes the new one visible: readers see the old project or the new one).
// Throws InputError: cannot connect, schema exists, no PostGIS and no right to create it, refusal.
PublishResult publishProject(const Project& project, const std::string& sourceName, const ServerAddress& to, bool force);

// `gapmap db grant`: limits the editors of `role` (a login or group role in gapmap_editor) to
// the communes listed (GSO codes); an empty list lifts the limit. Row-level security on the
// programme and connectivity tables does the refusing. Throws InputError.
void grantCommunes(const ServerAddress& at, const std::string& role, const std::vector<std::string>& communes);

}  // namespace gapmap
