// A project read from, and edited on, a PostgreSQL/PostGIS server (issue #16): the schema
// `gapmap publish` made (io/pg_publish.h), read with the same reader as a GeoPackage
// (io/project_dataset.h) through GDAL's PostgreSQL driver. What the server refuses the login role
// is not read: without gapmap_protection, Trusted Addresses come as per-commune counts
// (Project::trustedAddressCountsOnly) and outcomes are no data.
#pragma once
#include <string>
#include <vector>

#include "core/model.h"
#include "core/project_edit.h"
#include "io/pg_address.h"
#include "io/project_rows.h"  // addCountedTrustedAddresses

namespace gapmap {

// Throws InputError: cannot connect, no gapmap project in the schema.
Project readServerProject(const ServerAddress& address);

// Writes the edits in one transaction: each village row is updated only if its row_version is still
// the one expected, so an edit never silently overwrites someone else's: then nothing is written and
// the InputError says the village changed since it was read. Expected: `expectedVersions`' entry for
// the village; else the version this process last read with readServerProject (the desktop app's
// project, read when it opened); else the version at the start of this transaction (which still
// catches an edit committed while ours waited for the row). Settings keys are merged as in the file.
// Throws InputError: refused by the server (a role without the right, a commune not granted), no such
// village, changed by someone else.
struct ExpectedVersion {
    std::string villageCode;
    long long rowVersion = 0;
};
void commitServerEdits(const ServerAddress& address, const std::vector<FieldEdit>& edits,
                       const std::vector<ExpectedVersion>& expectedVersions = {});

// The row_version the server holds for a village now (0 when there is no such village).
long long villageRowVersion(const ServerAddress& address, const std::string& villageCode);

}  // namespace gapmap
