// Official names of administrative units: what an import keeps of the name and kind a source
// gives, and the name every list, label and report shows when two units of one level share a
// name ("xã Mường Tè" / "thị trấn Mường Tè"). Standard library only.
#pragma once
#include <unordered_map>
#include <string>
#include <string_view>
#include <utility>

#include "core/model.h"
#include "core/text_fold.h"

namespace gapmap {

// A canonical kind (as canonicalKind gives it) that names a kind of administrative unit: xã,
// phường, thị trấn, thị xã, huyện, quận, thành phố, tỉnh, đặc khu. Settlement words (thôn, bản,
// khu, tổ dân phố, ấp, làng, xóm, buôn, plei, sóc …) are not: "Bản Bo" is a commune's name.
bool isAdministrativeKind(std::string_view kind);

// Splits a leading administrative kind written with its marks ("Xã Nậm Ban" -> "Xã" + "Nậm Ban");
// a name that begins with a settlement word, a plain-ASCII look-alike ("Xa Dung", a commune of
// Điện Biên) or nothing comes back whole in `rest`.
SplitName splitAdministrativeKind(std::string_view name);

// A kind as a source's own column writes it, canonical: "Xã" -> "xã", "Thị trấn" -> "thị trấn",
// "Đặc khu" -> "đặc khu", "TP." -> "thành phố"; anything else trimmed and ASCII-lower-cased.
std::string sourceKind(std::string_view text);

struct NameAndKind {
    std::string name;
    std::string kind;
};

// What an admin unit stores (NFC input assumed). The kind comes from the source's own kind column
// when it has one; else from a leading administrative-kind word. A leading word is moved out of
// the name only when it is an administrative kind equal to the unit's kind ("Xã Nậm Ban" ->
// "Nậm Ban", kind xã), since the kind is not part of the unit's proper name; everything else is
// kept as written ("Bản Bo" with type "Xã" stays "Bản Bo", kind xã), and so is a kind word
// followed by a number only ("Phường 9": its name is not "9").
NameAndKind adminNameAndKind(std::string_view sourceName, std::string_view sourceKindText);

// Names as lists, search hits, labels and reports show them: the bare name, unless another unit
// of the same level has the same folded name (foldVietnamese); then the kind comes first ("xã Mường Tè",
// "thị trấn Mường Tè"), and when the kind does not tell them apart either, the parent follows
// ("xã Tân Phong, huyện Tân Uyên"). PlaceIndex reads these forms back.
class DisplayNames {
public:
    // Keeps a reference to project.adminUnits: the project must outlive this and stay unchanged.
    explicit DisplayNames(const Project& project);
    std::string of(const AdminUnit& unit) const;

private:
    enum class Form : unsigned char { Bare, Kind, KindAndParent };
    const std::vector<AdminUnit>& units_;
    std::vector<Form> form_;                                   // per unit; empty when no name collides
    std::unordered_map<std::string, const AdminUnit*> byCode_;  // parents, when some need them
};

// One unit's display name; builds the collision sets each call, so prefer DisplayNames in loops.
std::string displayName(const Project& project, const AdminUnit& unit);

}  // namespace gapmap
