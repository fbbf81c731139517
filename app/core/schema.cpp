// The tables of DESIGN.md section 3. Aliases are the headers that communes commonly type;
// they are compared after nameKey-style folding, so "Tên thôn", "ten thon" and "TEN_THON" match.
#include "core/schema.h"

namespace gapmap {
namespace {

using T = ColumnType;

std::vector<TableSpec> makeTables() {
    std::vector<TableSpec> tables;
    tables.push_back({"admin_units", GeometryKind::MultiPolygon, false, false, {
        {"code", T::Text, true, {"ma", "ma don vi", "ma dvhc", "ma xa", "ma huyen", "ma tinh", "ward_code", "commune_id", "gso_code"}},
        {"name", T::Text, true, {"ten", "ten don vi", "ten xa", "ten huyen", "ten tinh", "commune_vn", "ward_name"}},
        {"level", T::Text, false, {"cap", "cap hanh chinh"}},
        {"parent_code", T::Text, false, {"ma cap tren", "parent"}},
        // The source's own kind column ("Xã", "Phường", "Thị trấn", "Đặc khu"). "Cấp" maps to level
        // first; the importer reads a kind from it too when its values are kinds.
        {"kind", T::Text, false, {"loai", "type", "loai don vi", "loai hinh", "cap don vi"}},
        {"population", T::Integer, false, {"dan so", "so dan", "pop"}},
        {"especially_difficult", T::Bool, false, {"dac biet kho khan", "dbkk", "xa dbkk"}},
        // Join-only: the parents a row names. A commune's parent_code falls back to district_code,
        // then province_code; a parent the project lacks is made from the code and name (two-level
        // 2025 files carry province_code/province; the 2009 census files district_id/district_vn).
        // A shapefile's .dbf cuts field names to 10 characters: "district_i", "province_c" …
        {"district_code", T::Text, false, {"ma huyen", "district_id", "district_code", "district_i", "district_c"}},
        {"district_name", T::Text, false, {"district_vn", "district_v", "district_n", "ten huyen", "huyen", "quan huyen", "district"}},
        {"province_code", T::Text, false, {"ma tinh", "province_id", "ma tinh thanh", "province_i", "province_c"}},
        {"province_name", T::Text, false, {"province_vn", "province_v", "province_n", "ten tinh", "tinh", "tinh thanh", "province"}},
    }});
    tables.push_back({"villages", GeometryKind::Point, false, false, {
        {"code", T::Text, true, {"ma thon", "ma ban", "ma", "village_code"}},
        {"name", T::Text, true, {"ten thon", "ten ban", "thon ban", "ten", "village", "village_name"}},
        {"commune_code", T::Text, false, {"ma xa", "ma phuong"}},
        {"commune_name", T::Text, false, {"xa", "ten xa", "xa phuong", "commune"}},
        // Join-only: tells homonym communes apart ("Mường Tè" of huyện Mường Tè).
        {"district_name", T::Text, false, {"huyen", "ten huyen", "quan huyen", "district"}},
        {"population", T::Integer, false, {"dan so", "so dan", "so khau", "nhan khau"}},
        {"households", T::Integer, false, {"so ho", "ho"}},
        {"ethnic_group", T::Text, false, {"dan toc", "ethnicity"}},
        {"especially_difficult", T::Bool, false, {"dac biet kho khan", "dbkk", "thon dbkk"}},
        {"electricity", T::Text, false, {"dien", "dien luoi"}},
        {"mobile", T::Text, false, {"song di dong", "di dong", "song dien thoai"}},
        {"internet", T::Bool, false, {"mang internet"}},
    }});
    tables.push_back({"communication_teams", GeometryKind::None, false, false, {
        {"village_code", T::Text, false, {"ma thon", "ma ban"}},
        {"village_name", T::Text, false, {"thon", "ban", "ten thon", "thon ban"}},
        {"commune_code", T::Text, false, {"ma xa"}},
        {"commune_name", T::Text, false, {"xa", "ten xa"}},
        {"district_name", T::Text, false, {"huyen", "ten huyen"}},
        {"established", T::Date, false, {"ngay thanh lap", "thanh lap"}},
        {"members", T::Integer, false, {"so thanh vien", "thanh vien"}},
        {"women_members", T::Integer, false, {"thanh vien nu", "so nu", "nu"}},
        {"channel", T::Text, false, {"kenh", "hinh thuc"}},
    }});
    tables.push_back({"trusted_addresses", GeometryKind::Point, false, true, {
        {"code", T::Text, true, {"ma"}},
        {"name", T::Text, false, {"ten", "ten dia chi"}},
        {"commune_code", T::Text, false, {"ma xa"}},
        {"commune_name", T::Text, false, {"xa", "ten xa"}},
        {"district_name", T::Text, false, {"huyen", "ten huyen"}},
        {"village_code", T::Text, false, {"ma thon", "ma ban"}},
        {"village_name", T::Text, false, {"thon", "ban", "ten thon"}},
        {"established", T::Date, false, {"ngay thanh lap", "thanh lap"}},
        {"services", T::Text, false, {"dich vu"}},
        {"active", T::Bool, false, {"hoat dong", "con hoat dong"}},
    }});
    tables.push_back({"clubs", GeometryKind::None, false, false, {
        {"code", T::Text, true, {"ma", "ma clb"}},
        {"name", T::Text, false, {"ten", "ten clb", "ten cau lac bo"}},
        {"commune_code", T::Text, false, {"ma xa"}},
        {"commune_name", T::Text, false, {"xa", "ten xa"}},
        {"district_name", T::Text, false, {"huyen", "ten huyen"}},
        {"village_code", T::Text, false, {"ma thon", "ma ban"}},
        {"village_name", T::Text, false, {"thon", "ban", "ten thon"}},
        {"established", T::Date, false, {"ngay thanh lap", "thanh lap"}},
        {"members", T::Integer, false, {"so thanh vien", "thanh vien"}},
    }});
    tables.push_back({"activities", GeometryKind::None, false, false, {
        {"date", T::Date, true, {"ngay", "thoi gian"}},
        {"commune_code", T::Text, false, {"ma xa"}},
        {"commune_name", T::Text, false, {"xa", "ten xa"}},
        {"district_name", T::Text, false, {"huyen", "ten huyen"}},
        {"kind", T::Text, true, {"loai", "loai hoat dong", "hoat dong"}},
        {"sessions", T::Integer, false, {"so buoi", "so lop", "buoi"}},
        {"participants", T::Integer, false, {"so nguoi", "nguoi tham gia", "so nguoi tham gia"}},
        {"women_participants", T::Integer, false, {"nu tham gia", "so nu"}},
    }});
    tables.push_back({"commune_offices", GeometryKind::None, false, false, {
        {"commune_code", T::Text, false, {"ma xa"}},
        {"commune_name", T::Text, false, {"xa", "ten xa"}},
        {"district_name", T::Text, false, {"huyen", "ten huyen"}},
        {"computers", T::Integer, true, {"may tinh", "so may tinh"}},
        {"internet", T::Bool, true, {"mang internet"}},
    }});
    tables.push_back({"outcomes", GeometryKind::None, false, true, {
        {"village_code", T::Text, false, {"ma thon", "ma ban"}},
        {"village_name", T::Text, false, {"thon", "ban", "ten thon"}},
        {"commune_code", T::Text, false, {"ma xa"}},
        {"commune_name", T::Text, false, {"xa", "ten xa"}},
        {"district_name", T::Text, false, {"huyen", "ten huyen"}},
        {"year", T::Integer, true, {"nam"}},
        {"child_marriages", T::Integer, false, {"tao hon", "so vu tao hon"}},
        {"consanguineous_marriages", T::Integer, false, {"hon nhan can huyet", "can huyet thong"}},
    }});
    tables.push_back({"targets", GeometryKind::None, false, false, {
        {"indicator", T::Text, true, {"chi tieu", "chi so"}},
        {"year", T::Integer, true, {"nam"}},
        {"value", T::Real, true, {"gia tri", "muc tieu"}},
    }});
    tables.push_back({"settings", GeometryKind::None, false, false, {
        {"key", T::Text, true, {}},
        {"value", T::Text, true, {}},
    }});
    return tables;
}

}  // namespace

const std::vector<TableSpec>& projectTables() {
    static const std::vector<TableSpec> tables = makeTables();
    return tables;
}

const TableSpec* findTable(std::string_view name) {
    for (const TableSpec& t : projectTables())
        if (t.name == name) return &t;
    return nullptr;
}

const ColumnSpec* findColumn(const TableSpec& table, std::string_view column) {
    for (const ColumnSpec& c : table.columns)
        if (c.name == column) return &c;
    return nullptr;
}

}  // namespace gapmap
