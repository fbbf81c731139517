// Vietnamese search: marks optional or partial, exact before folded, whole words before
// prefixes, homonyms told apart; on hand-built names and on the real Lai Châu communes.
#include <catch2/catch.hpp>

#include "core/search.h"
#include "io/importer.h"
#include "support/test_support.h"

using namespace gapmap;

namespace {

Project places() {
    Project p;
    p.adminUnits = {{"1", "Tỉnh", AdminLevel::Province, "", "tỉnh", {}, false, {}},
                    {"11", "Phong Thổ", AdminLevel::District, "1", "huyện", {}, false, {}},
                    {"111", "Huổi Luông", AdminLevel::Commune, "11", "xã", {}, false, {}},
                    {"112", "Dào San", AdminLevel::Commune, "11", "xã", {}, false, {}}};
    auto village = [](std::string code, std::string name, std::string commune) {
        Village v;
        v.code = std::move(code);
        v.name = std::move(name);
        v.communeCode = std::move(commune);
        return v;
    };
    p.villages = {village("V1", "Huổi Ho", "111"), village("V2", "Huổi Ho", "112"), village("V3", "Huổi Hồ", "111"),
                  village("V4", "Huổi Hỏm", "112"), village("V5", "Đán Đanh", "112"), village("V6", "Ho Mít", "111")};
    return p;
}

std::vector<std::string> codes(const std::vector<SearchHit>& hits) {
    std::vector<std::string> out;
    for (const SearchHit& h : hits) out.push_back(h.entry->code);
    return out;
}

}  // namespace

TEST_CASE("search without tone marks finds the marked names, whole names first", "[core][search]") {
    const PlaceSearch s(places());
    const auto hits = s.find("huoi ho");
    CHECK(codes(hits) == std::vector<std::string>{"V1", "V2", "V3", "V4"});
    CHECK(hits[0].marks == MarkMatch::Partial);
    CHECK(hits[0].position == PositionMatch::WholeName);
    CHECK(hits[3].position == PositionMatch::Prefix);  // "ho" is a prefix of "Hỏm"
}

TEST_CASE("marks typed rank exact before partial before folded", "[core][search]") {
    const PlaceSearch s(places());
    const auto hits = s.find("Huổi Hồ");
    REQUIRE(hits.size() == 4);
    CHECK(hits[0].entry->code == "V3");
    CHECK(hits[0].marks == MarkMatch::Exact);
    CHECK(hits[1].marks == MarkMatch::Folded);  // "Huổi Ho": the user typed a mark it lacks
    const auto partial = s.find("huổi hô");       // some marks: circumflex without its tone
    REQUIRE_FALSE(partial.empty());
    CHECK(partial[0].entry->code == "V3");
    CHECK(partial[0].marks == MarkMatch::Partial);
}

TEST_CASE("whole words before prefixes, đ folds to d, prefixes ignored", "[core][search]") {
    const PlaceSearch s(places());
    CHECK(codes(s.find("ho")) == std::vector<std::string>{"V6", "V1", "V2", "V3", "V4"});
    CHECK(codes(s.find("dan danh")) == std::vector<std::string>{"V5"});
    CHECK(codes(s.find("ĐÁN")) == std::vector<std::string>{"V5"});
    CHECK(codes(s.find("xã huổi luông")) == std::vector<std::string>{"111"});
    CHECK(codes(s.find("bản huoi ho")).front() == "V1");
    CHECK(s.find("khong co").empty());
}

TEST_CASE("homonyms carry their commune and district", "[core][search]") {
    const PlaceSearch s(places());
    const auto hits = s.find("huoi ho");
    CHECK(hits[0].entry->communeName == "Huổi Luông");
    CHECK(hits[1].entry->communeName == "Dào San");
    CHECK(hits[1].entry->districtName == "Phong Thổ");
}

TEST_CASE("NFD queries find NFC names", "[core][search]") {
    const PlaceSearch s(places());
    // "Huổi Hồ" decomposed: o + U+0302 + U+0309, o + U+0302 + U+0300
    const auto hits = s.find("Huo\xcc\x82\xcc\x89i Ho\xcc\x82\xcc\x80");
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0].entry->code == "V3");
    CHECK(hits[0].marks == MarkMatch::Exact);
}

TEST_CASE("search on the real Lai Châu communes", "[core][search][geodata]") {
    const std::string file = test::sharedGeodata("censusVN2009/lai_chau_communes_2009_censusVN2009.geojson");
    if (file.empty()) return;
    Project p;
    importInto(p, {"admin_units", file});
    const PlaceSearch s(p);
    const auto tamDuong = s.find("tam duong");
    REQUIRE_FALSE(tamDuong.empty());
    CHECK(tamDuong[0].entry->name == "Tam Đường");
    const auto muongTe = s.find("muong te");
    REQUIRE(muongTe.size() >= 2);
    CHECK(muongTe[0].entry->name == "Mường Tè");
    CHECK(muongTe[1].entry->name == "Mường Tè");
    CHECK(muongTe[0].entry->kind != muongTe[1].entry->kind);  // thị trấn and xã: told apart
    const auto namBan = s.find("Xã Nậm Ban");
    REQUIRE_FALSE(namBan.empty());
    CHECK(namBan[0].entry->name == "Nậm Ban");
    CHECK(namBan[0].marks == MarkMatch::Exact);
    for (const SearchEntry& e : s.entries()) {
        const auto self = s.find(e.name, 200);  // every commune finds itself with its own spelling
        bool found = false;
        for (const SearchHit& h : self) found = found || (h.entry == &e && h.marks == MarkMatch::Exact);
        CHECK(found);
    }
}
