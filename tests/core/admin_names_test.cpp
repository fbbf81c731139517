// Official names and kinds (issue 12): names stored as the source gives them, kinds from the
// source's column or a leading administrative word, and display names where names collide.
#include <catch2/catch.hpp>

#include "core/admin_names.h"
#include "core/implied_units.h"
#include "core/place_index.h"
#include "core/i18n.h"

using namespace gapmap;

namespace {

NameAndKind nk(std::string_view name, std::string_view kind = "") { return adminNameAndKind(name, kind); }

AdminUnit unit(std::string code, std::string name, AdminLevel level, std::string parent, std::string kind) {
    AdminUnit u;
    u.code = std::move(code);
    u.name = std::move(name);
    u.level = level;
    u.parentCode = std::move(parent);
    u.kind = std::move(kind);
    return u;
}

// Lai Châu 2009 in miniature: the two Mường Tè of huyện Mường Tè, and two xã Tân Phong.
Project laiChau() {
    Project p;
    p.adminUnits = {unit("301", "Lai Châu", AdminLevel::Province, "", "tỉnh"),
                    unit("30105", "Mường Tè", AdminLevel::District, "301", "huyện"),
                    unit("30107", "Phong Thổ", AdminLevel::District, "301", "huyện"),
                    unit("3010501", "Mường Tè", AdminLevel::Commune, "30105", "thị trấn"),
                    unit("3010511", "Mường Tè", AdminLevel::Commune, "30105", "xã"),
                    unit("3010513", "Bum Nưa", AdminLevel::Commune, "30105", "xã"),
                    unit("3010701", "Tân Phong", AdminLevel::Commune, "30105", "xã"),
                    unit("3010702", "Tân Phong", AdminLevel::Commune, "30107", "xã")};
    return p;
}

}  // namespace

TEST_CASE("admin names: the kind column gives the kind, the name stays as written", "[core][names]") {
    CHECK(nk("Bản Bo", "Xã").name == "Bản Bo");  // 2025 commune 03424 of Lai Châu
    CHECK(nk("Bản Bo", "Xã").kind == "xã");
    CHECK(nk("Đoàn Kết", "Phường").kind == "phường");
    CHECK(nk("Cô Tô", "Đặc khu").kind == "đặc khu");
    CHECK(nk("Mường Tè", "Thị trấn").kind == "thị trấn");
    CHECK(nk("Xã Nậm Ban", "Xã").name == "Nậm Ban");           // the kind word equal to the kind: moved
    CHECK(nk("Thị trấn Sìn Hồ", "Xã").name == "Thị trấn Sìn Hồ");  // a different kind: kept as written
    CHECK(nk("Thôn 3", "Xã").name == "Thôn 3");
    CHECK(nk("  Bản Bo ", "Xã").name == "Bản Bo");
}

TEST_CASE("admin names: without a kind column only an administrative word is a kind", "[core][names]") {
    CHECK(nk("Xã Nậm Ban").name == "Nậm Ban");
    CHECK(nk("Xã Nậm Ban").kind == "xã");
    CHECK(nk("Xã Bản Lang").name == "Bản Lang");
    CHECK(nk("Thị trấn Mường Tè").kind == "thị trấn");
    CHECK(nk("Thành phố Lai Châu").name == "Lai Châu");
    CHECK(nk("TP. Lai Châu").kind == "thành phố");
    CHECK(nk("Huyện Mường Tè").kind == "huyện");
    CHECK(nk("Bản Bo").name == "Bản Bo");  // a settlement word is never a commune's kind
    CHECK(nk("Bản Bo").kind.empty());
    CHECK(nk("Tổ dân phố 1").name == "Tổ dân phố 1");
    CHECK(nk("Khu 1").name == "Khu 1");
    CHECK(nk("Phường 9").name == "Phường 9");  // only a number follows: the name keeps its word
    CHECK(nk("Phường 9").kind == "phường");
    CHECK(nk("Sóc Trăng").name == "Sóc Trăng");
    CHECK(nk("Xa Dung", "Xã").name == "Xa Dung");  // Điện Biên 03208: a name, not "Xã" typed without marks
    CHECK(nk("XÃ NẬM BAN").name == "NẬM BAN");
    CHECK(unitTitle(unit("03208", "Xa Dung", AdminLevel::Commune, "", "xã")) == "Xã Xa Dung");
    CHECK(isAdministrativeKind("đặc khu"));
    CHECK_FALSE(isAdministrativeKind("bản"));
    CHECK(sourceKind("Thị Trấn") == "thị trấn");
    CHECK(sourceKind("Ward") == "ward");
}

TEST_CASE("display names add the kind, then the district, only where names collide", "[core][names]") {
    const Project p = laiChau();
    const DisplayNames shown(p);
    CHECK(shown.of(*p.findUnit("3010501")) == "thị trấn Mường Tè");
    CHECK(shown.of(*p.findUnit("3010511")) == "xã Mường Tè");
    CHECK(shown.of(*p.findUnit("3010513")) == "Bum Nưa");
    CHECK(shown.of(*p.findUnit("30105")) == "Mường Tè");  // one district of that name: bare
    CHECK(shown.of(*p.findUnit("3010701")) == "xã Tân Phong, huyện Mường Tè");
    CHECK(shown.of(*p.findUnit("3010702")) == "xã Tân Phong, huyện Phong Thổ");
    CHECK(displayName(p, *p.findUnit("3010511")) == "xã Mường Tè");
    CHECK(unitTitle(*p.findUnit("3010511")) == "Xã Mường Tè");
    CHECK(unitTitle(unit("1", "Phường 9", AdminLevel::Commune, "", "phường")) == "Phường 9");
}

TEST_CASE("homonym communes join by the kind or the district the source writes", "[core][names][join]") {
    const ScopedLanguage english(Lang::En);
    const PlaceIndex places(laiChau());
    CHECK(places.commune("", "Xã Mường Tè").code == "3010511");
    CHECK(places.commune("", "Thị trấn Mường Tè").code == "3010501");
    CHECK(places.commune("", "thi tran muong te").code == "3010501");  // matching stays lenient
    CHECK(places.commune("", "XA MUONG TE").code == "3010511");
    CHECK(places.commune("", "Bum Nưa").code == "3010513");
    CHECK(places.commune("", "Tân Phong, huyện Phong Thổ").code == "3010702");
    CHECK(places.commune("", "Tân Phong", "Huyện Mường Tè").code == "3010701");
    CHECK(places.commune("", "Xã Tân Phong", "Phong Thổ").code == "3010702");
    const PlaceMatch still = places.commune("", "Mường Tè");
    CHECK_FALSE(still.ok());
    CHECK_THAT(still.problem, Catch::Contains("thị trấn Mường Tè 3010501") && Catch::Contains("xã Mường Tè 3010511"));
    CHECK_FALSE(places.commune("", "Mường Tè", "Mường Tè").ok());  // both are in that district
}

TEST_CASE("implied parents: a province from a column, districts from the 2009 columns", "[core][names]") {
    ImpliedUnits implied;
    AdminUnit commune = unit("03424", "Bản Bo", AdminLevel::Commune, "", "xã");
    CHECK(implied.add(commune, {"", "", "12", "Lai Châu"}) == "12");
    AdminUnit old = unit("3010511", "Mường Tè", AdminLevel::Commune, "", "xã");
    CHECK(implied.add(old, {"30105", "Huyện Mường Tè", "301", "Lai Châu"}) == "30105");
    Project p;
    p.adminUnits = {unit("301", "Lai Châu", AdminLevel::Province, "", "tỉnh")};
    const std::vector<AdminUnit> made = implied.missing(p, {commune, old});
    REQUIRE(made.size() == 2);
    CHECK(made[0].code == "12");
    CHECK(made[0].level == AdminLevel::Province);
    CHECK(made[0].kind == "tỉnh");
    CHECK(made[0].name == "Lai Châu");
    CHECK(made[1].code == "30105");
    CHECK(made[1].name == "Mường Tè");
    CHECK(made[1].kind == "huyện");
    CHECK(made[1].parentCode == "301");
    ImpliedUnits city;
    city.add(commune, {"", "", "79", "TP. Hồ Chí Minh"});
    CHECK(city.missing(Project{}, {})[0].kind == "thành phố");
    CHECK(provinceCodeFromName("Lai Châu") == "lai-chau");
}
