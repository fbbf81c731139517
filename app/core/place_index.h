// Finds a project's communes and villages by code, by name (folded: case, tone marks,
// đ, NFC/NFD and prefixes such as "Xã", "Thôn", "Bản" ignored) or by location.
// Village names are scoped by commune: two villages of one name in two communes stay apart.
// Homonym communes ("Thị trấn Mường Tè", "Xã Mường Tè") are told apart by the kind word a name is
// written with, then by a district ("Mường Tè, huyện Mường Tè", or a district column).
// Standard library only.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/geo.h"
#include "core/model.h"

namespace gapmap {

struct PlaceMatch {
    std::string code;     // empty when nothing matched
    std::string problem;  // why not, for the import report
    bool ok() const { return !code.empty(); }
};

class PlaceIndex {
public:
    explicit PlaceIndex(const Project& project);

    bool hasCommunes() const { return !communeCodes_.empty(); }
    bool hasVillages() const { return !villageCommune_.empty(); }

    // By code when given, else by name. An unknown name, or one still ambiguous after its kind word
    // and its district, is a problem (listing the candidates with kind and code), never a guess.
    PlaceMatch commune(const std::string& code, const std::string& name, const std::string& district = "") const;
    // communeCode narrows a name search to one commune; empty searches the whole project.
    PlaceMatch village(const std::string& code, const std::string& name, const std::string& communeCode) const;
    // The commune whose polygon contains the point (EPSG:4326).
    PlaceMatch communeAt(LonLat point) const;
    // Commune of a known village code ("" if unknown).
    std::string communeOfVillage(const std::string& villageCode) const;

private:
    struct CommuneArea { std::string code; BBox box; const MultiPolygon* area; };
    struct CommuneInfo { std::string name, kind, districtKey; };
    std::map<std::string, CommuneInfo> communeCodes_;              // code -> name, kind, parent's name key
    std::multimap<std::string, std::string> communeByName_;        // name key -> code
    std::map<std::string, std::string> villageCommune_;            // village code -> commune code
    std::multimap<std::string, std::string> villageByName_;        // name key -> village code
    std::vector<CommuneArea> areas_;
};

}  // namespace gapmap
