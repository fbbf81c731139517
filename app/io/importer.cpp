#include "io/importer.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/admin_names.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/progress.h"
#include "core/implied_units.h"
#include "core/parse.h"
#include "core/place_index.h"
#include "core/provenance.h"
#include "core/schema.h"
#include "core/text_fold.h"
#include "core/village_marks.h"
#include "io/column_map.h"
#include "io/pending_file.h"
#include "io/pg_address.h"
#include "io/pg_import.h"
#include "io/project_file.h"
#include "io/row_reader.h"

namespace gapmap {
namespace {

const std::set<std::string> kActivityKinds = {"training_commune", "training_village", "policy_dialogue",
                                              "club_activity", "digital_skills", "communication"};

// Levels typed in Vietnamese or English ("Xã", "huyện", "district").
std::optional<AdminLevel> parseLevel(const std::string& text) {
    const std::string key = foldVietnamese(text);
    if (auto l = adminLevelFromString(key)) return l;
    if (key == "tinh" || key == "thanh pho truc thuoc trung uong") return AdminLevel::Province;
    if (key == "huyen" || key == "quan" || key == "thi xa" || key == "thanh pho thuoc tinh") return AdminLevel::District;
    if (key == "xa" || key == "phuong" || key == "thi tran" || key == "dac khu" || key == "ward") return AdminLevel::Commune;
    return std::nullopt;
}

std::optional<Electricity> parseElectricity(const std::string& text) {
    const std::string key = foldVietnamese(text);
    if (auto e = electricityFromString(key)) return e;
    if (key == "luoi" || key == "dien luoi" || key == "co" || key == "1") return Electricity::Grid;
    if (key == "off grid" || key == "solar" || key == "mat troi" || key == "nang luong mat troi" ||
        key == "thuy dien nho" || key == "ngoai luoi")
        return Electricity::Offgrid;
    if (key == "khong" || key == "0" || key == "no") return Electricity::None;
    return std::nullopt;
}

std::optional<Mobile> parseMobile(const std::string& text) {
    const std::string key = foldVietnamese(text);
    if (auto m = mobileFromString(key)) return m;
    if (key == "khong" || key == "0" || key == "no" || key == "khong co song") return Mobile::None;
    if (key == "2" || key == "gsm") return Mobile::G2;
    if (key == "3") return Mobile::G3;
    if (key == "4" || key == "lte" || key == "5" || key == "co") return Mobile::G4;
    return std::nullopt;
}

// Resolves the commune a row refers to: code, then name (its kind word and a district column or
// ", huyện …" telling homonyms apart), then location.
PlaceMatch rowCommune(RowReader& r, const PlaceIndex& places, const std::optional<LonLat>& where) {
    const std::string code = r.text("commune_code");
    const std::string name = r.text("commune_name");
    if (code.empty() && name.empty() && where) return places.communeAt(*where);
    return places.commune(code, name, r.text("district_name"));
}

// "Tỉnh Lai Châu (12), Huyện Mường Tè (30105), …": the units an import made from the parents its rows name.
std::string listUnits(const std::vector<AdminUnit>& units) {
    constexpr size_t kListed = 10;
    std::string out;
    for (size_t i = 0; i < units.size() && i < kListed; ++i) out += (i ? ", " : "") + unitTitle(units[i]) + " (" + units[i].code + ")";
    if (units.size() > kListed) out += ", …";
    return out;
}

struct Converted {
    Project table;  // only the imported table is filled
    std::set<AdminLevel> levels;
    std::vector<RowOrigin> origins;  // one per row kept, in order
    size_t rows() const {
        const Project& t = table;
        return t.adminUnits.size() + t.villages.size() + t.teams.size() + t.trustedAddresses.size() + t.clubs.size() +
               t.activities.size() + t.communeOffices.size() + t.outcomes.size() + t.targets.size() + t.settings.size();
    }
};

enum class ShapeKind { Point, Area, Other };

// What a row's geometry is for a table: a point, an area (polygons; a collection with polygons) or
// something no table holds (lines, 3-D surfaces).
ShapeKind shapeKind(const SourceRow& row) {
    const std::string& t = row.geometryType;
    if (t.find("Point") != std::string::npos) return ShapeKind::Point;
    if (t.find("Polygon") != std::string::npos || (t == "Geometry Collection" && row.area)) return ShapeKind::Area;
    return ShapeKind::Other;
}

bool tableHolds(const TableSpec& spec, ShapeKind kind) {
    if (spec.geometry == GeometryKind::MultiPolygon) return kind == ShapeKind::Area;  // boundaries
    return kind != ShapeKind::Other;  // points; polygons give their point on surface; no-geometry tables ignore both
}

std::string shapeWord(const SourceRow& row) {
    switch (shapeKind(row)) {
        case ShapeKind::Point: return tr("import.shape.points", {row.geometryType});
        case ShapeKind::Area: return tr("import.shape.polygons", {row.geometryType});
        case ShapeKind::Other: break;
    }
    return row.geometryType.find("Line") != std::string::npos || row.geometryType.find("String") != std::string::npos
               ? tr("import.shape.lines", {row.geometryType})
               : tr("import.shape.other", {row.geometryType});
}

std::string expectedShapes(const TableSpec& spec) {
    return tr(spec.geometry == GeometryKind::MultiPolygon ? "import.expected.polygons"
              : spec.geometry == GeometryKind::Point      ? "import.expected.points"
                                                          : "import.expected.any");
}

// Refuses a file none of whose geometries the table can hold (points offered as admin_units, lines
// anywhere): a whole table would otherwise be replaced by rows without a usable shape.
void checkGeometryKinds(const TableSpec& spec, const SourceTable& src, const std::string& file) {
    std::set<std::string> found;
    bool anyHeld = false, anyGeometry = false;
    for (const SourceRow& row : src.rows) {
        if (row.geometryType.empty()) continue;
        anyGeometry = true;
        if (tableHolds(spec, shapeKind(row))) anyHeld = true;
        else found.insert(shapeWord(row));
    }
    if (!anyGeometry || anyHeld) return;
    std::string kinds;
    for (const std::string& k : found) kinds += (kinds.empty() ? "" : ", ") + k;
    throw InputError(tr("import.error.wrong_geometry", {file, kinds, spec.name, expectedShapes(spec)}));
}

}  // namespace

const TableSpec& importTable(const std::string& name) {
    if (const TableSpec* spec = findTable(name)) return *spec;
    std::string tables;
    for (const TableSpec& t : projectTables()) tables += (tables.empty() ? "" : ", ") + t.name;
    throw UsageError(tr("import.error.unknown_table", {name, tables}));
}

ImportResult importInto(Project& project, const ImportRequest& request) {
    const TableSpec* spec = &importTable(request.table);
    ReadOptions readOptions = request.read;
    readOptions.allowEmpty = readOptions.allowEmpty || request.allowEmpty;
    if (!request.sheet.empty()) readOptions.layer = request.sheet;
    SourceTable src = readSource(request.file, readOptions);
    src.sheet = request.sheet;
    // A workbook saved again by LibreOffice or Excel keeps the formatted spare rows under the data
    // (text format, drop-down lists) as rows without a value: they are no rows of the table.
    if (!request.sheet.empty())
        std::erase_if(src.rows, [](const SourceRow& row) {
            return std::all_of(row.values.begin(), row.values.end(), [](const auto& v) { return !v || trimSpaces(*v).empty(); });
        });
    if (!request.sheet.empty() && src.rows.empty()) {
        ImportResult none;
        none.table = spec->name;
        none.file = request.file;
        return none;
    }
    if (request.merge && spec->name == "admin_units") throw UsageError(tr("flow.error.update_admin_units"));
    checkGeometryKinds(*spec, src, src.path);
    std::string headerRow;
    const ColumnMap map = mapColumnsFindingHeader(*spec, src, request.columnMap, headerRow);
    src.decimalMarks = columnDecimalMarks(src);
    const PlaceIndex places(project);

    ImportResult result;
    result.table = spec->name;
    result.file = request.file;
    result.rowsRead = static_cast<int>(src.rows.size());
    if (src.swapLonLat && map.lonField >= 0 && map.latField >= 0)
        result.notes.push_back(tr("import.note.swapped_columns", {request.file, src.fields[map.lonField], src.fields[map.latField]}));
    if (!headerRow.empty()) result.notes.push_back(tr("import.note.header_row", {headerRow}));
    if (!src.codePageOverruled.empty())
        result.notes.push_back(tr("import.note.codepage_overruled", {request.file, src.codePageFile,
                                                                     src.convertedFrom.empty() ? "UTF-8" : src.convertedFrom}));
    if (!src.convertedFrom.empty())
        result.notes.push_back(tr(src.convertedThroughCp1252 ? "import.note.converted_cp1252" : "import.note.converted",
                                  {request.file, src.convertedFrom}));
    std::vector<std::string> rowErrors;
    std::set<std::string> seenCodes;
    Converted out;
    ImpliedUnits implied;
    const std::string& t = spec->name;
    // --province NAME: the province of a file that names none (a commune list of a two-level project).
    // It joins a province the project has by name; else one is made, coded after its name.
    std::string provinceCode = request.province.empty() ? "" : provinceCodeFromName(request.province);
    for (const AdminUnit& u : project.adminUnits)
        if (!request.province.empty() && u.level == AdminLevel::Province && nameKey(u.name) == nameKey(request.province)) provinceCode = u.code;
    result.joined = t != "targets" && t != "settings";
    if (result.joined && t != "admin_units" && !places.hasCommunes())
        throw InputError(tr("import.error.no_communes", {request.file}));
    if ((t == "communication_teams" || t == "outcomes") && !places.hasVillages())
        throw InputError(tr("import.error.no_villages", {request.file}));

    std::vector<std::string> unpopulated;  // admin units whose population reads 0 (no data)
    RowOrigin pending;  // the row being converted; kept once a row has been added for it
    auto keepOrigin = [&] { if (out.rows() > out.origins.size()) out.origins.push_back(std::move(pending)); };
    for (const SourceRow& row : src.rows) {
        keepOrigin();
        RowReader r(src, *spec, map, row);
        pending = {src.rowNumber(row.index), r.where(), {}};
        for (const ColumnSpec& column : spec->columns) pending.given.push_back(r.has(column.name));
        // A required column present in the file but empty in this row (a commune without a name).
        // An admin unit without a name is named by its code and listed in the summary (issue 12).
        for (const ColumnSpec& column : spec->columns)
            if (column.required && !r.has(column.name) && !(t == "admin_units" && column.name == "name"))
                r.fail(column.name, tr("import.row.required_empty", {column.name}));
        auto leaveOut = [&](const std::string& why) {
            if (request.strict) rowErrors.push_back(r.where() + ": " + why);  // a return names only places the project has
            else result.notImported.push_back(r.where() + ": " + why);
        };
        if (!row.geometryProblem.empty()) r.failGeometry(row.geometryProblem);
        if (row.ringsClosed) result.repaired.push_back(tr("import.row.ring_closed", {r.where()}));
        if (row.repaired) result.repaired.push_back(tr("import.row.polygon_repaired", {r.where()}));
        if (!row.geometryType.empty() && row.geometryProblem.empty() && !tableHolds(*spec, shapeKind(row)))
            r.failGeometry(tr("import.row.wrong_geometry", {shapeWord(row), spec->name, expectedShapes(*spec)}));
        if (t == "admin_units") {
            AdminUnit u;
            u.code = r.text("code");
            const std::string levelText = r.has("level") ? r.text("level") : request.level;
            // Names as the source writes them; the kind from the source's kind column (or a level
            // column holding kinds, "Cấp: Xã"), else from a leading administrative-kind word.
            std::string kindText = r.text("kind");
            if (kindText.empty() && isAdministrativeKind(canonicalKind(levelText))) kindText = levelText;
            const NameAndKind nk = adminNameAndKind(r.text("name"), kindText);
            u.name = nk.name;
            u.kind = nk.kind;
            if (u.name.empty() && !u.code.empty()) {
                u.name = u.code;
                result.notes.push_back(tr("import.row.named_by_code", {r.where(), u.code}));
            }
            if (auto l = parseLevel(levelText.empty() ? "commune" : levelText)) u.level = *l;
            else r.fail("level", tr("import.row.not_a_level", {levelText}));
            u.parentCode = r.text("parent_code");
            const NamedParents parents{r.text("district_code"), r.text("district_name"),
                                       r.has("province_code") ? r.text("province_code") : provinceCode,
                                       request.province.empty() ? r.text("province_name") : request.province};
            u.population = r.integer("population");
            // Nobody lives in no commune: a 0 is a unit the count did not cover (the 2009 census
            // holds 0 for Lai Châu's 8 communes created after it), so it is no data, never a figure.
            if (u.population && *u.population == 0) {
                u.population.reset();
                unpopulated.push_back(u.name.empty() ? u.code : u.name);
            }
            u.especiallyDifficult = r.flag("especially_difficult").value_or(false);
            if (row.area) u.area = *row.area;
            if (r.ok() && !seenCodes.insert(u.code).second) r.fail("code", tr("import.row.duplicate_code", {u.code}));
            if (!r.ok()) { rowErrors.push_back(r.error()); continue; }
            const std::string impliedParent = implied.add(u, parents);
            if (u.parentCode.empty()) u.parentCode = impliedParent;
            out.levels.insert(u.level);
            out.table.adminUnits.push_back(std::move(u));
        } else if (t == "villages") {
            Village v;
            v.code = r.text("code");
            v.name = r.text("name");  // whole, always: "Tổ dân phố 1" and "Khu 1" are two names
            v.location = r.location();
            v.population = r.integer("population");
            v.households = r.integer("households");
            v.ethnicGroup = r.text("ethnic_group");
            v.especiallyDifficult = r.flag("especially_difficult").value_or(false);
            if (r.has("electricity")) {
                if (auto e = parseElectricity(r.text("electricity"))) v.electricity = *e;
                else r.fail("electricity", tr("import.row.not_electricity", {r.text("electricity")}));
            }
            if (r.has("mobile")) {
                if (auto m = parseMobile(r.text("mobile"))) v.mobile = *m;
                else r.fail("mobile", tr("import.row.not_mobile", {r.text("mobile")}));
            }
            v.internet = r.flag("internet").value_or(false);
            if (r.ok() && !seenCodes.insert(v.code).second) r.fail("code", tr("import.row.duplicate_code", {v.code}));
            if (!r.ok()) { rowErrors.push_back(r.error()); continue; }
            const PlaceMatch commune = rowCommune(r, places, v.location);
            if (!commune.ok()) { leaveOut(commune.problem); continue; }
            v.communeCode = commune.code;
            const Village* held = request.merge ? project.findVillage(v.code) : nullptr;
            if (!v.location && !(held && held->location)) result.notes.push_back(tr("import.row.no_coordinates", {r.where(), v.code}));
            out.table.villages.push_back(std::move(v));
        } else if (t == "trusted_addresses" || t == "clubs" || t == "communication_teams" || t == "outcomes") {
            // Rows attached to a village (required for teams and outcomes, optional otherwise).
            std::string communeCode;
            const bool needsVillage = t == "communication_teams" || t == "outcomes";
            const std::optional<LonLat> where = t == "trusted_addresses" ? r.location() : std::nullopt;
            const std::string villageCodeIn = r.text("village_code"), villageName = r.text("village_name");
            const bool hasCommune = !r.text("commune_code").empty() || !r.text("commune_name").empty();
            if (!r.ok()) { rowErrors.push_back(r.error()); continue; }
            if (hasCommune || (where && villageCodeIn.empty() && villageName.empty())) {
                const PlaceMatch c = rowCommune(r, places, where);
                if (!c.ok()) { leaveOut(c.problem); continue; }
                communeCode = c.code;
            }
            std::string villageCode;
            if (!villageCodeIn.empty() || !villageName.empty()) {
                const PlaceMatch v = places.village(villageCodeIn, villageName, communeCode);
                if (!v.ok()) { leaveOut(v.problem); continue; }
                villageCode = v.code;
                communeCode = places.communeOfVillage(villageCode);
            } else if (needsVillage) {
                leaveOut(tr("import.row.no_village"));
                continue;
            }
            if (communeCode.empty()) { leaveOut(tr("import.row.no_commune_or_location")); continue; }
            if (t == "communication_teams") {
                CommunicationTeam team{villageCode, r.date("established"), static_cast<int>(r.integer("members").value_or(0)),
                                       static_cast<int>(r.integer("women_members").value_or(0)), r.text("channel")};
                if (team.womenMembers > team.members) r.fail("women_members", tr("import.row.more_than_members", {std::to_string(team.womenMembers)}));
                if (!r.ok()) { rowErrors.push_back(r.error()); continue; }
                out.table.teams.push_back(team);
            } else if (t == "outcomes") {
                Outcome o{villageCode, static_cast<int>(r.integer("year").value_or(0)),
                          static_cast<int>(r.integer("child_marriages").value_or(0)),
                          static_cast<int>(r.integer("consanguineous_marriages").value_or(0))};
                if (!r.ok()) { rowErrors.push_back(r.error()); continue; }
                out.table.outcomes.push_back(o);
            } else if (t == "clubs") {
                Club c{r.text("code"), r.text("name"), communeCode, villageCode, r.date("established"),
                       static_cast<int>(r.integer("members").value_or(0))};
                if (r.ok() && !seenCodes.insert(c.code).second) r.fail("code", tr("import.row.duplicate_code", {c.code}));
                if (!r.ok()) { rowErrors.push_back(r.error()); continue; }
                out.table.clubs.push_back(c);
            } else {
                TrustedAddress a{r.text("code"), r.text("name"), communeCode, villageCode, r.date("established"),
                                 r.text("services"), r.flag("active").value_or(true), where};
                if (r.ok() && !seenCodes.insert(a.code).second) r.fail("code", tr("import.row.duplicate_code", {a.code}));
                if (!r.ok()) { rowErrors.push_back(r.error()); continue; }
                out.table.trustedAddresses.push_back(a);
            }
        } else if (t == "activities" || t == "commune_offices") {
            const bool communeRequired = t == "commune_offices";
            std::string communeCode;
            const bool hasCommune = !r.text("commune_code").empty() || !r.text("commune_name").empty();
            if (hasCommune) {
                const PlaceMatch c = rowCommune(r, places, std::nullopt);
                if (!c.ok()) { if (r.ok()) leaveOut(c.problem); else rowErrors.push_back(r.error()); continue; }
                communeCode = c.code;
            } else if (communeRequired) {
                leaveOut(tr("import.row.no_commune"));
                continue;
            }
            if (t == "activities") {
                Activity a{r.date("date"), communeCode, r.text("kind"), static_cast<int>(r.integer("sessions").value_or(1)),
                           static_cast<int>(r.integer("participants").value_or(0)),
                           static_cast<int>(r.integer("women_participants").value_or(0))};
                if (r.ok() && !kActivityKinds.count(a.kind))
                    r.fail("kind", tr("import.row.not_activity_kind", {a.kind}));
                if (!r.ok()) { rowErrors.push_back(r.error()); continue; }
                out.table.activities.push_back(a);
            } else {
                CommuneOffice o{communeCode, static_cast<int>(r.integer("computers").value_or(0)), r.flag("internet").value_or(false)};
                if (r.ok() && !seenCodes.insert(o.communeCode).second) r.fail("commune_code", tr("import.row.second_row", {o.communeCode}));
                if (!r.ok()) { rowErrors.push_back(r.error()); continue; }
                out.table.communeOffices.push_back(o);
            }
        } else if (t == "targets") {
            Target target{r.text("indicator"), static_cast<int>(r.integer("year").value_or(0)), r.real("value").value_or(0)};
            if (!r.ok()) { rowErrors.push_back(r.error()); continue; }
            out.table.targets.push_back(target);
        } else {
            Setting s{r.text("key"), r.text("value")};
            if (!r.ok()) { rowErrors.push_back(r.error()); continue; }
            out.table.settings.push_back(s);
        }
    }
    keepOrigin();

    if (!rowErrors.empty()) {
        if (!request.skipInvalid) {
            if (rowErrors.size() == 1) throw InputError(rowErrors.front());
            throw InputError(tr("import.error.more_rows", {rowErrors.front(), formatLocaleNumber(double(rowErrors.size() - 1))}));
        }
        for (const std::string& e : rowErrors) result.notImported.push_back(tr("import.row.skipped", {e}));
    }

    // A table is replaced whole: refuse an import that would empty it or keep only a small part of
    // what the file holds (villages whose points lie in no commune, a wrong --where); the project
    // then keeps what it had. An empty file is taken only with --allow-empty ("loaded, none").
    const size_t kept = out.rows();
    const size_t read = src.rows.size();
    const std::string firstReason = result.notImported.empty() ? "" : result.notImported.front();
    if (read > 0 && kept == 0)
        throw InputError(tr("import.error.keeps_no_rows", {request.file, formatLocaleNumber(double(read)), t, firstReason}));
    if (read > 0 && 2 * (read - kept) > read) {
        const std::string keptText = formatLocaleNumber(double(kept)), readText = formatLocaleNumber(double(read)),
                          leftText = formatLocaleNumber(double(read - kept));
        if (!request.partial)
            throw InputError(tr("import.error.mostly_left_out", {request.file, keptText, readText, t, leftText, firstReason}));
        result.warning = tr("import.warning.partial", {request.file, keptText, readText, t, leftText});
    }
    if (read == 0) result.notes.push_back(tr("import.note.loaded_empty", {request.file, t}));
    if (!unpopulated.empty()) {
        std::string names;
        for (size_t i = 0; i < unpopulated.size() && i < 5; ++i) names += (i ? ", " : "") + unpopulated[i];
        if (unpopulated.size() > 5) names += ", …";
        result.notes.push_back(tr("import.note.population_zero", {request.file, formatLocaleNumber(double(unpopulated.size())), names}));
    }

    // Replace the table; admin_units only at the levels this file holds, so that a three-level
    // project can be built from one file per level.
    std::vector<std::string> keysGiven;  // rows of the file, by key (core/provenance.h)
    if (request.merge) {
        keysGiven = mergeByKey(project, out.table, *spec, out.origins, *request.merge);
        if (request.clearFirst) retainKeys(project, t, keysGiven);
        result.rowsImported = static_cast<int>(keysGiven.size());
        if (result.joined) result.rowsMatched = result.rowsImported;
    } else if (t == "admin_units") {
        std::erase_if(project.adminUnits, [&](const AdminUnit& u) { return out.levels.count(u.level) > 0; });
        // Parents the rows name that the project lacks (a two-level file's province): made, not warned about.
        const std::vector<AdminUnit> made = implied.missing(project, out.table.adminUnits);
        if (!made.empty()) result.notes.push_back(tr("import.note.implied_units", {formatLocaleNumber(double(made.size())), listUnits(made)}));
        project.adminUnits.insert(project.adminUnits.end(), made.begin(), made.end());
        std::set<std::string> codes;
        std::set<AdminLevel> levels;
        for (const std::vector<AdminUnit>* units : {&project.adminUnits, &out.table.adminUnits})
            for (const AdminUnit& u : *units) { codes.insert(u.code); levels.insert(u.level); }
        int unchecked = 0;
        for (AdminUnit& u : out.table.adminUnits) {
            // A commune's parent is a district, or the province in a two-level project.
            const bool parentLevelPresent = u.level == AdminLevel::District ? levels.count(AdminLevel::Province) > 0
                                          : levels.count(AdminLevel::District) || levels.count(AdminLevel::Province);
            if (u.level == AdminLevel::Province || codes.count(u.parentCode)) ++result.rowsMatched;
            else if (!parentLevelPresent) ++unchecked;
            else if (u.parentCode.empty()) result.unmatched.push_back(tr("import.unmatched.no_parent", {u.code, u.name}));
            else result.unmatched.push_back(tr("import.unmatched.parent", {u.code, u.name, u.parentCode}));
            keysGiven.push_back(rowKey(u));
            project.adminUnits.push_back(std::move(u));
        }
        if (unchecked)
            result.notes.push_back(tr("import.note.parent_level_missing", {formatLocaleNumber(unchecked)}));
        result.rowsImported = static_cast<int>(out.table.adminUnits.size());
    } else {
        auto swapIn = [&](auto& dst, auto& src) {
            dst = std::move(src);
            result.rowsImported = static_cast<int>(dst.size());
            for (const auto& row : dst) keysGiven.push_back(rowKey(row));
        };
        if (t == "villages") swapIn(project.villages, out.table.villages);
        else if (t == "communication_teams") swapIn(project.teams, out.table.teams);
        else if (t == "trusted_addresses") swapIn(project.trustedAddresses, out.table.trustedAddresses);
        else if (t == "clubs") swapIn(project.clubs, out.table.clubs);
        else if (t == "activities") swapIn(project.activities, out.table.activities);
        else if (t == "commune_offices") swapIn(project.communeOffices, out.table.communeOffices);
        else if (t == "outcomes") swapIn(project.outcomes, out.table.outcomes);
        else if (t == "targets") swapIn(project.targets, out.table.targets);
        else {
            // Settings merge: keys in the file are set, the others (title, synthetic, rules) stay.
            for (const Setting& s : out.table.settings) { project.setSetting(s.key, s.value); keysGiven.push_back(rowKey(s)); }
            result.rowsImported = static_cast<int>(out.table.settings.size());
        }
        if (result.joined) result.rowsMatched = result.rowsImported;
    }
    // Provenance: each row of the file remembers it; rows the table no longer holds are forgotten.
    const std::vector<std::string> keysHeld = tableKeys(project, t);
    pruneRowSources(project, t, keysHeld);
    if (request.merge) {
        // The rows this file leaves as they were came with the table's earlier load, whose record the
        // merge is about to replace: they remember it (row 0: the whole file).
        if (const TableLoad* before = project.loadOf(t)) {
            std::set<std::string> known;
            for (const RowSource& s : project.rowSources)
                if (s.table == t) known.insert(s.key);
            for (const std::string& key : keysHeld)
                if (known.insert(key).second) project.rowSources.push_back({t, key, before->sourceFile, "", 0, before->loadedAt});
        }
    }
    const std::string importedAt = request.importedAt.empty() ? isoTimeNowUtc() : request.importedAt;
    std::vector<RowSource> sources;
    for (size_t i = 0; i < keysGiven.size() && i < out.origins.size(); ++i)
        sources.push_back({t, keysGiven[i], request.file, request.sheet, out.origins[i].row, importedAt});
    recordRowSources(project, std::move(sources));
    // A villages file without an electricity, mobile, internet or especially_difficult column leaves
    // the villages' defaults standing: the load record says so, and the gaps and indicators resting
    // on that column are no data (Project::hasData("villages.internet")), never "0 with internet".
    std::vector<std::string> missingColumns;
    if (t == "villages") {
        // Merged by key, a village the file leaves keeps its values (an empty cell too): a column is
        // "no data" after the merge only if it was before and the file does not give it for every
        // village the table holds. A table without a load record but with other rows counts as given.
        const TableLoad* before = project.loadOf(t);
        const bool coversAll = keysGiven.size() >= project.villages.size();
        for (const char* column : kOptionalVillageColumns) {
            const bool inFile = map.field(*spec, column) >= 0;
            bool missing = !inFile;
            if (request.merge && before)
                missing = std::count(before->missingColumns.begin(), before->missingColumns.end(), column) > 0 && !(inFile && coversAll);
            else if (request.merge)
                missing = coversAll && !inFile;
            if (missing) missingColumns.push_back(column);
        }
    }
    std::string namesNotInFile;
    for (const std::string& c : missingColumns)
        if (map.field(*spec, c) < 0) namesNotInFile += (namesNotInFile.empty() ? "" : ", ") + c;
    if (!namesNotInFile.empty()) result.notes.push_back(tr("import.note.village_columns_missing", {request.file, namesNotInFile}));
    project.recordLoad(t, request.file, request.merge ? static_cast<std::int64_t>(project.rowCount(t)) : result.rowsImported,
                       request.importedAt, std::move(missingColumns));  // the table now has data: "loaded", even if empty
    return result;
}

std::string replaceProjectKeepingBackup(const Project& project, const std::string& projectPath) {
    std::string kept;
    // A server project keeps no .bak and is not rewritten whole: writeProject says so (io/pg_project.h).
    if (isServerProject(projectPath)) writeProject(project, projectPath);
    if (projectExists(projectPath)) {
        // One step back, made only once the import has succeeded: a refused import touches nothing.
        kept = projectPath + ".bak";
        PendingFile backup(kept);
        std::error_code ec;
        std::filesystem::copy_file(projectPath, backup.temp(), std::filesystem::copy_options::overwrite_existing, ec);
        if (ec) throw InputError(tr("import.error.backup", {kept, ec.message()}));
        backup.commit(kept);
    }
    writeProject(project, projectPath);
    return kept;
}

ImportResult importFile(const std::string& projectPath, const ImportRequest& request) {
    // Progress (core/progress.h); until the write begins nothing has changed, so it may stop there.
    // A server project: the difference applied in one transaction (io/pg_import.h), never rewritten whole.
    if (isServerProject(projectPath)) return importIntoServer(parseServerAddress(projectPath), request);
    progressSteps(3);
    progressStep(tr("progress.read_project"));
    Project project = projectExists(projectPath) ? readProject(projectPath) : Project{};
    progressCheckpoint();
    progressStep(tr("progress.import_file"));
    ImportResult result = importInto(project, request);
    // Written in code order, so that every later read finds them so (readProject sorts otherwise).
    sortVillagesByCode(project.villages);
    progressCheckpoint();
    progressStep(tr("progress.write_project"));
    result.backup = replaceProjectKeepingBackup(project, projectPath);
    return result;
}

std::string formatImportResult(const ImportResult& r) {
    // A tally of counts, each item a phrase of its own in both languages.
    std::vector<std::string> counts = {tr("import.summary.read", {formatLocaleNumber(r.rowsRead)}),
                                       tr("import.summary.imported", {formatLocaleNumber(r.rowsImported)})};
    if (r.joined) counts.push_back(tr("import.summary.matched", {formatLocaleNumber(r.rowsMatched)}));
    counts.push_back(tr("import.summary.not_imported", {formatLocaleNumber(double(r.notImported.size()))}));
    if (!r.repaired.empty()) counts.push_back(tr("import.summary.repaired", {formatLocaleNumber(double(r.repaired.size()))}));
    std::string out = r.table + " <- " + r.file + ": ";
    for (size_t i = 0; i < counts.size(); ++i) out += (i ? ", " : "") + counts[i];
    out += "\n";
    if (!r.warning.empty()) out += "  " + tr("import.summary.line.warning", {r.warning}) + "\n";
    for (const std::string& line : r.notImported) out += "  " + tr("import.summary.line.not_imported", {line}) + "\n";
    for (const std::string& line : r.unmatched) out += "  " + tr("import.summary.line.unmatched", {line}) + "\n";
    for (const std::string& line : r.repaired) out += "  " + tr("import.summary.line.repaired", {line}) + "\n";
    for (const std::string& line : r.notes) out += "  " + tr("import.summary.line.note", {line}) + "\n";
    if (!r.backup.empty()) out += "  " + tr("import.summary.line.backup", {r.backup}) + "\n";
    return out;
}

}  // namespace gapmap
