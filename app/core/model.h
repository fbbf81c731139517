// The gapmap data model: plain structs for everything a project file holds.
// Coordinates are EPSG:4326 degrees (x = lon, y = lat). Standard library only:
// no GDAL, SQLite or GL type may appear here.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gapmap {

struct LonLat {
    double lonDeg = 0;
    double latDeg = 0;
};

using Ring = std::vector<LonLat>;          // closed: first == last
struct Polygon { std::vector<Ring> rings; }; // rings[0] outer, the rest holes
using MultiPolygon = std::vector<Polygon>;

enum class AdminLevel { Province, District, Commune };
const char* toString(AdminLevel level);
std::optional<AdminLevel> adminLevelFromString(const std::string& text);

struct AdminUnit {
    std::string code;           // GSO code as text: leading zeros kept
    // UTF-8 NFC, trimmed, as the source writes it ("Bản Bo" is a commune's name, not the settlement
    // word "Bản" and "Bo"). One exception: a leading administrative-kind word equal to `kind` is
    // held in `kind`, since the kind is not part of the proper name ("Xã Nậm Ban" -> "Nậm Ban", kind
    // xã), unless only a number follows ("Phường 9"). A source row without a name gets its code.
    // Matching (PlaceIndex, search) ignores kind and settlement words; display: DisplayNames.
    std::string name;
    AdminLevel level = AdminLevel::Commune;
    std::string parentCode;     // empty for a province
    std::string kind;           // lower case: xã, phường, thị trấn, đặc khu, huyện, thành phố, tỉnh … (adminNameAndKind)
    std::optional<int64_t> population;
    bool especiallyDifficult = false;
    MultiPolygon area;          // may be empty for a unit imported without geometry
};

enum class Electricity { Grid, Offgrid, None };
enum class Mobile { None, G2, G3, G4 };
const char* toString(Electricity e);
const char* toString(Mobile m);
std::optional<Electricity> electricityFromString(const std::string& text);
std::optional<Mobile> mobileFromString(const std::string& text);

struct Village {
    std::string code;
    std::string name;
    std::string communeCode;
    std::optional<LonLat> location;  // absent when the source gave none
    std::optional<int64_t> population;
    std::optional<int64_t> households;
    std::string ethnicGroup;
    bool especiallyDifficult = false;
    Electricity electricity = Electricity::Grid;
    Mobile mobile = Mobile::G4;
    bool internet = true;
};

struct CommunicationTeam {
    std::string villageCode;
    std::string established;   // ISO date yyyy-mm-dd, may be empty
    int members = 0;
    int womenMembers = 0;
    std::string channel;
};

// Sensitive: locations must never reach a shared output (see README, "Protection").
struct TrustedAddress {
    std::string code;
    std::string name;
    std::string communeCode;
    std::string villageCode;
    std::string established;
    std::string services;      // ';'-separated: shelter, psychological, legal, hotline
    bool active = true;
    std::optional<LonLat> location;
};

struct Club {
    std::string code;
    std::string name;
    std::string communeCode;
    std::string villageCode;   // empty: the club serves the whole commune
    std::string established;
    int members = 0;
};

struct Activity {
    std::string date;          // ISO date
    std::string communeCode;   // may be empty for province-level trainings
    std::string kind;          // training_commune, training_village, policy_dialogue, club_activity, digital_skills, communication
    int sessions = 0;
    int participants = 0;
    int womenParticipants = 0;
};

struct CommuneOffice {
    std::string communeCode;
    int computers = 0;
    bool internet = false;
};

// Sensitive: small counts identify families.
struct Outcome {
    std::string villageCode;
    int year = 0;
    int childMarriages = 0;
    int consanguineousMarriages = 0;
};

struct Target {
    std::string indicator;
    int year = 0;
    double value = 0;
};

struct Setting {
    std::string key;
    std::string value;
};

// One table's load record: the project file keeps, per table, whether it was ever loaded, from which
// file, when, and how many rows that load kept. A table never loaded is *no data*, not zero.
struct TableLoad {
    std::string table;        // a table of core/schema.h, e.g. "communication_teams"
    std::string sourceFile;   // as the user named it; "synthetic demo" for the demo; empty: unknown
    std::string loadedAt;     // ISO 8601 UTC, "2026-12-02T16:40:00Z"; empty: unknown
    std::int64_t rows = 0;    // rows that load kept
    // Columns of the table the loaded file did not have (villages: "electricity", "mobile", "internet",
    // "especially_difficult"): their values are defaults, not facts, so what rests on them is *no data*.
    // Empty: every column given (also every load recorded before this list existed).
    std::vector<std::string> missingColumns;
};

// One pair of the crosswalk `gapmap migrate` writes (io/commune_crosswalk.h): how much of an old
// (pre-reform) commune lies in a new one. Shares are of areas on an equal-area projection, 0..1.
struct CrosswalkRow {
    std::string oldCode, oldName;   // the old commune, as the old project named it
    std::string newCode;
    double shareOfOldArea = 0;      // intersection / old commune's area
    double shareOfNewArea = 0;      // intersection / new commune's area
};

// Provenance of one imported row: the file (and sheet, row) and time it came from. The row is named by
// its table's key (core/provenance.h rowKey: a village's code, a team's village, an activity's
// "date|commune|kind" …). A row the project holds without a record came with its table's load.
struct RowSource {
    std::string table;        // a table of core/schema.h
    std::string key;          // the row's key in that table
    std::string sourceFile;   // as the user named it
    std::string sheet;        // the workbook sheet; empty for a file of one layer
    int row = 0;              // the line or spreadsheet row the user sees (1 = header); 0: unknown
    std::string importedAt;   // ISO 8601 UTC
};

struct Project {
    std::vector<AdminUnit> adminUnits;
    std::vector<Village> villages;
    std::vector<CommunicationTeam> teams;
    std::vector<TrustedAddress> trustedAddresses;
    std::vector<Club> clubs;
    std::vector<Activity> activities;
    std::vector<CommuneOffice> communeOffices;
    std::vector<Outcome> outcomes;
    std::vector<Target> targets;
    std::vector<Setting> settings;     // "title", "synthetic" (1 for the demo), coverage rules …
    std::vector<TableLoad> loads;      // at most one per table (the latest load)
    std::vector<RowSource> rowSources; // at most one per (table, key): the import that last set the row
    // A migrated project (gapmap migrate): the old communes onto these units; empty otherwise.
    // Settings "migrated_from" (the old project) and "reform_date" (ISO date) go with it.
    std::vector<CrosswalkRow> crosswalk;
    // Read from a server by a role that may not read Trusted Address rows (io/pg_project.h): then
    // `trustedAddresses` holds one row per address the server counts, with its commune and active
    // flag only (no code, name or location), so counts are right and reach by distance is no data.
    bool trustedAddressCountsOnly = false;

    // Two-level projects (province → commune, Vietnam since July 2025) have no districts.
    bool hasDistricts() const;
    const AdminUnit* findUnit(const std::string& code) const;
    const Village* findVillage(const std::string& code) const;  // nullptr when absent
    Village* findVillage(const std::string& code);
    std::string settingOr(const std::string& key, const std::string& fallback) const;
    // The name reports, maps and exports carry: the "title" setting; else the first province unit,
    // as unitTitle gives it ("Tỉnh Lai Châu"); else `untitled`.
    std::string title(const std::string& untitled = "gapmap project") const;
    void setSetting(const std::string& key, const std::string& value);
    bool synthetic() const { return settingOr("synthetic", "0") == "1"; }

    // Rows the table holds now (0 for a name that is no table).
    std::size_t rowCount(const std::string& table) const;
    const TableLoad* loadOf(const std::string& table) const;  // nullptr: no record
    // Whether the table has data to count: a load record (an explicitly empty table is "loaded,
    // none"), or rows without a record (a project file older than the record: its rows were loaded,
    // from a file unknown). An empty table without a record was never loaded: *no data*.
    // `table` may also name one column, "villages.internet" (kVillageInternet …): it has data when its
    // table has and the table's last load did not leave the column out (TableLoad::missingColumns).
    bool hasData(const std::string& table) const;
    // Records a load; loadedAt empty: now (UTC). missingColumns: the file's columns left out.
    void recordLoad(const std::string& table, const std::string& sourceFile, std::int64_t rows, const std::string& loadedAt = "",
                    std::vector<std::string> missingColumns = {});
};

// Table names of the load record (as in core/schema.h).
inline constexpr const char* kTeamsTable = "communication_teams";
inline constexpr const char* kClubsTable = "clubs";
inline constexpr const char* kTrustedAddressesTable = "trusted_addresses";
inline constexpr const char* kActivitiesTable = "activities";
inline constexpr const char* kOfficesTable = "commune_offices";
// Village columns whose absence from the villages file makes their gaps and indicators no data
// (Project::hasData("villages.internet")). Population is not here: a village without a figure is
// already "unknown" (std::optional) and communes fall back on the census.
inline constexpr const char* kVillageElectricity = "villages.electricity";
inline constexpr const char* kVillageMobile = "villages.mobile";
inline constexpr const char* kVillageInternet = "villages.internet";
inline constexpr const char* kVillageEspeciallyDifficult = "villages.especially_difficult";
// The village columns above, without the "villages." prefix, in this order.
inline constexpr const char* kOptionalVillageColumns[] = {"electricity", "mobile", "internet", "especially_difficult"};
inline constexpr const char* kOutcomesTable = "outcomes";
inline constexpr const char* kVillagesTable = "villages";

// The current time as ISO 8601 UTC to the second ("2026-12-02T16:40:00Z").
std::string isoTimeNowUtc();

// "Huyện Mường Tè", "Tỉnh Lai Châu": the unit's kind, capitalised, and its name ("Phường 9", whose
// name holds its kind, as it is).
std::string unitTitle(const AdminUnit& unit);

}  // namespace gapmap
