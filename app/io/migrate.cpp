#include "io/migrate.h"

#include <map>
#include <set>

#include "core/errors.h"
#include "core/geo.h"
#include "core/i18n.h"
#include "io/commune_crosswalk.h"

namespace gapmap {
namespace {

// The new communes with their boxes, for point lookups (EPSG:4326 degrees).
class NewCommunes {
public:
    explicit NewCommunes(const std::vector<AdminUnit>& units) {
        for (const AdminUnit& u : units)
            if (u.level == AdminLevel::Commune && !u.area.empty()) communes_.push_back({&u, bboxOf(u.area)});
    }
    bool empty() const { return communes_.empty(); }
    // The code of the commune whose area holds p; "" when none does.
    std::string containing(LonLat p) const {
        for (const auto& [unit, box] : communes_)
            if (box.contains(p) && contains(unit->area, p)) return unit->code;
        return {};
    }

private:
    std::vector<std::pair<const AdminUnit*, BBox>> communes_;
};

}  // namespace

MigrationResult migrateProject(const Project& old, const ImportRequest& newUnits, const std::string& oldPath) {
    MigrationResult result;
    Project units;
    result.units = importInto(units, newUnits);
    const NewCommunes communes(units.adminUnits);
    if (communes.empty()) throw InputError(tr("migrate.error.no_new_communes", {newUnits.file}));
    bool oldHasAreas = false;
    for (const AdminUnit& u : old.adminUnits) oldHasAreas |= u.level == AdminLevel::Commune && !u.area.empty();
    if (!oldHasAreas) throw InputError(tr("migrate.error.no_old_areas", {oldPath}));

    Project& p = result.project;
    p = old;
    p.adminUnits = std::move(units.adminUnits);
    p.crosswalk = computeCrosswalk(old.adminUnits, p.adminUnits);
    for (const TableLoad& load : units.loads)
        if (load.table == "admin_units") p.recordLoad(load.table, load.sourceFile, load.rows, load.loadedAt, load.missingColumns);

    // Each old commune's largest overlap (rows come largest first per old commune), and the splits.
    std::map<std::string, std::string> largest;
    std::map<std::string, MigrationResult::Split> splits;
    for (const CrosswalkRow& r : p.crosswalk) {
        largest.emplace(r.oldCode, r.newCode);
        if (r.shareOfOldArea >= kSplitShare) {
            MigrationResult::Split& s = splits[r.oldCode];
            s.oldCode = r.oldCode;
            s.oldName = r.oldName;
            s.shares.emplace_back(r.newCode, r.shareOfOldArea);
        }
    }
    for (auto& [code, split] : splits)
        if (split.shares.size() > 1) result.splits.push_back(std::move(split));

    std::set<std::string> oldCommuneCodes;
    for (const AdminUnit& u : old.adminUnits)
        if (u.level == AdminLevel::Commune) oldCommuneCodes.insert(u.code);
    // An old commune's new one by overlap; a code that is no old commune is kept as written and said.
    auto byOverlap = [&](const std::string& oldCode, const std::string& what) -> std::string {
        if (oldCode.empty()) return oldCode;  // province-wide records stay province-wide
        if (const auto it = largest.find(oldCode); it != largest.end()) return it->second;
        if (!oldCommuneCodes.count(oldCode)) {
            result.notes.push_back(tr("migrate.note.unknown_commune", {what, oldCode}));
            return oldCode;
        }
        throw InputError(tr("migrate.error.no_overlap", {oldCode, newUnits.file}));
    };

    std::map<std::string, std::string> villageCommune;  // village code -> new commune
    for (Village& v : p.villages) {
        std::string code = v.location ? communes.containing(*v.location) : std::string();
        if (!code.empty()) {
            ++result.villagesByPoint;
        } else {
            if (v.location) result.notes.push_back(tr("migrate.note.point_outside", {v.code, v.name}));
            code = byOverlap(v.communeCode, tr("migrate.what.village", {v.code}));
            ++result.villagesByOverlap;
        }
        v.communeCode = code;
        villageCommune[v.code] = code;
    }
    auto ofVillage = [&](const std::string& villageCode) {
        const auto it = villageCommune.find(villageCode);
        return it == villageCommune.end() ? std::string() : it->second;
    };
    for (TrustedAddress& a : p.trustedAddresses) {
        std::string code = a.location ? communes.containing(*a.location) : std::string();
        if (code.empty()) code = ofVillage(a.villageCode);
        if (code.empty()) code = byOverlap(a.communeCode, tr("migrate.what.trusted_address", {a.code}));
        a.communeCode = code;
    }
    for (Club& c : p.clubs) {
        const std::string viaVillage = ofVillage(c.villageCode);
        c.communeCode = !viaVillage.empty() ? viaVillage : byOverlap(c.communeCode, tr("migrate.what.club", {c.code}));
    }
    for (Activity& a : p.activities) a.communeCode = byOverlap(a.communeCode, tr("migrate.what.activity", {a.date, a.kind}));
    for (CommuneOffice& o : p.communeOffices) o.communeCode = byOverlap(o.communeCode, tr("migrate.what.office", {o.communeCode}));

    p.setSetting("migrated_from", oldPath);
    p.setSetting("reform_date", kReformDate);
    for (const char* table : {"admin_units", "villages", "communication_teams", "trusted_addresses", "clubs", "activities", "commune_offices", "outcomes", "targets"}) {
        const std::size_t before = old.rowCount(table), after = p.rowCount(table);
        if (before || after) result.counts.push_back({table, before, after});
    }
    return result;
}

}  // namespace gapmap
