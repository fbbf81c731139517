// Text, JSON and CSV renderings of a Report. The numbers come from core/report.cpp only.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/i18n.h"
#include "core/report.h"
#include "core/text_format.h"

namespace gapmap {
namespace {

const char* kAreaHeader = "level,code,name,parent_code,villages,especially_difficult,with_team,with_club,"
                          "with_trusted_address_within_radius,no_grid_electricity,no_mobile_signal,no_internet,population,"
                          "active_trusted_addresses";

std::string areaCsv(const AreaRow& a) {
    std::string out = a.level + "," + csvField(a.code) + "," + csvField(a.name) + "," + csvField(a.parentCode);
    for (long long n : {(long long)a.villages, (long long)a.especiallyDifficult, (long long)a.withTeam, (long long)a.withClub,
                        (long long)a.withTrustedAddress, (long long)a.noElectricity, (long long)a.noMobile,
                        (long long)a.noInternet, (long long)a.population, (long long)a.activeTrustedAddresses})
        out += "," + std::to_string(n);
    return out + "\n";
}

std::string areaJson(const AreaRow& a) {
    return "{\"level\":" + jsonString(a.level) + ",\"code\":" + jsonString(a.code) + ",\"name\":" + jsonString(a.name) +
           ",\"parent_code\":" + jsonString(a.parentCode) + ",\"villages\":" + std::to_string(a.villages) +
           ",\"especially_difficult\":" + std::to_string(a.especiallyDifficult) + ",\"with_team\":" + std::to_string(a.withTeam) +
           ",\"with_club\":" + std::to_string(a.withClub) + ",\"with_trusted_address_within_radius\":" + std::to_string(a.withTrustedAddress) +
           ",\"no_grid_electricity\":" + std::to_string(a.noElectricity) + ",\"no_mobile_signal\":" + std::to_string(a.noMobile) +
           ",\"no_internet\":" + std::to_string(a.noInternet) + ",\"population\":" + std::to_string(a.population) +
           ",\"active_trusted_addresses\":" + std::to_string(a.activeTrustedAddresses) + "}";
}

std::string areaLine(const AreaRow& a, size_t nameWidth) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%6d %6d %6d %6d %6d %6d %6d %6d %6lld", a.villages, a.especiallyDifficult, a.withTeam,
                  a.withClub, a.withTrustedAddress, a.noElectricity, a.noMobile, a.noInternet, (long long)a.activeTrustedAddresses);
    return pad(a.code, 9) + pad(a.name, nameWidth) + buf + "\n";
}

// A right-aligned column head over a "%6d " column.
std::string head6(const std::string& head) { return std::string(codePoints(head) < 6 ? 6 - codePoints(head) : 0, ' ') + head + " "; }

// Outcome cells are published only through the suppression rule: "12", "<5" or "x".
std::string outcomeJson(const OutcomeTable& t, const OutcomeCell& c) {
    return c.status == CellStatus::Shown ? std::to_string(c.value) : jsonString(shownCell(t, c));
}

std::string outcomesText(const Report& r, size_t nameWidth) {
    const OutcomeTable& t = r.outcomes;
    if (t.firstYear == 0) return "\n" + tr("protect.outcomes.none") + "\n";
    const std::string k = std::to_string(t.k);
    std::string out = "\n" + tr("protect.outcomes.heading", {std::to_string(t.firstYear), std::to_string(t.lastYear)}) + "\n" +
                      tr("protect.outcomes.legend", {k}) + "\n\n";
    const std::string child = tr("protect.outcomes.col.child"), cons = tr("protect.outcomes.col.consanguineous");
    const size_t w1 = std::max<size_t>(8, codePoints(child) + 2), w2 = std::max<size_t>(8, codePoints(cons) + 2);
    auto right = [](const std::string& text, size_t width) {
        return std::string(codePoints(text) < width ? width - codePoints(text) : 0, ' ') + text;
    };
    out += pad(tr("report.col.code"), 9) + pad(tr("report.col.name"), nameWidth) + right(child, w1) + right(cons, w2) + "\n";
    for (const OutcomeRow& row : t.rows)
        out += pad(row.code, 9) + pad(row.name, nameWidth) + right(shownCell(t, row.childMarriages), w1) +
               right(shownCell(t, row.consanguineousMarriages), w2) + "\n";
    return out;
}

}  // namespace

// The text report is for people: every word comes from the catalogue (report.*, indicator.*),
// numbers and percentages are written the language's way. JSON and CSV stay machine-readable.
std::string formatReportText(const Report& r) {
    std::string out = r.title + "\n";
    if (r.synthetic) out += tr("report.synthetic") + "\n";
    if (r.asOfYear) out += tr("kpi.report.as_of", {formatLocaleDate(std::to_string(*r.asOfYear) + "-12-31")}) + "\n";
    out += "\n" + tr("report.totals") + "\n";
    size_t labelWidth = 12;
    for (const IndicatorRow& i : r.indicators) labelWidth = std::max(labelWidth, codePoints(i.label) + 2);
    out += pad(tr("report.col.indicator"), labelWidth) + pad(tr("report.col.value"), 10) + pad(tr("report.col.target"), 10) +
           tr("report.col.percent") + "\n";
    for (const IndicatorRow& i : r.indicators) {
        const int decimals = i.value == std::round(i.value) ? 0 : 1;
        out += pad(i.label, labelWidth) + pad(formatLocaleNumber(i.value, decimals), 10) +
               pad(i.target ? formatLocaleNumber(*i.target) : "–", 10) + (i.target ? formatLocalePercent(i.value, *i.target) : "–") + "\n";
    }
    const std::string radius = formatLocaleNumber(r.trustedAddressRadiusKm, r.trustedAddressRadiusKm == std::round(r.trustedAddressRadiusKm) ? 0 : 1);
    size_t nameWidth = 12;
    for (const std::vector<AreaRow>* rows : {&r.districts, &r.communes})
        for (const AreaRow& a : *rows) nameWidth = std::max(nameWidth, codePoints(a.name) + 1);
    nameWidth = std::max(nameWidth, codePoints(r.province.name) + 1);
    // Short column heads, ';'-separated in the catalogue, right-aligned over the "%6d " columns.
    std::string header = pad(tr("report.col.code"), 9) + pad(tr("report.col.name"), nameWidth);
    const std::string heads = tr("report.col.counts", {radius});
    for (size_t from = 0; from <= heads.size();) {
        const size_t to = std::min(heads.find(';', from), heads.size());
        const std::string head = heads.substr(from, to - from);
        header += head6(head);
        from = to + 1;
    }
    header += head6(tr("protect.col.ta_count")) + "\n";
    out += "\n" + tr("report.counts_legend", {radius}) + "\n" + tr("protect.counts_legend.ta_count") + "\n";
    out += "\n" + header + areaLine(r.province, nameWidth);
    if (!r.districts.empty()) {
        out += "\n" + tr("report.districts") + "\n" + header;
        for (const AreaRow& d : r.districts) out += areaLine(d, nameWidth);
    }
    out += "\n" + tr("report.communes") + "\n" + header;
    for (const AreaRow& c : r.communes) out += areaLine(c, nameWidth);
    out += "\n" + tr("report.uncovered", {formatLocaleNumber(double(r.difficultWithoutTeam.size()))}) + "\n";
    for (const VillageRow& v : r.difficultWithoutTeam)
        out += "  " + pad(v.code, 10) + pad(v.name, 22) + v.communeName + (v.districtName.empty() ? "" : ", " + v.districtName) +
               " (" + tr("report.population", {formatLocaleNumber(double(v.population))}) + ")\n";
    return out + outcomesText(r, nameWidth);
}

std::string formatReportJson(const Report& r) {
    std::string out = "{\"title\":" + jsonString(r.title) + ",\"synthetic\":" + (r.synthetic ? "true" : "false") +
                      (r.asOfYear ? ",\"as_of\":\"" + std::to_string(*r.asOfYear) + "-12-31\"" : std::string()) +
                      ",\"trusted_address_radius_km\":" + formatNumber(r.trustedAddressRadiusKm) + ",\"indicators\":[";
    for (size_t k = 0; k < r.indicators.size(); ++k) {
        const IndicatorRow& i = r.indicators[k];
        out += std::string(k ? "," : "") + "{\"key\":" + jsonString(i.key) + ",\"label\":" + jsonString(i.label) +
               ",\"value\":" + formatNumber(i.value) + ",\"target\":" + (i.target ? formatNumber(*i.target) : "null") +
               ",\"target_year\":" + (i.target ? std::to_string(i.targetYear) : "null") + "}";
    }
    out += "],\"province\":" + areaJson(r.province) + ",\"districts\":[";
    for (size_t k = 0; k < r.districts.size(); ++k) out += std::string(k ? "," : "") + areaJson(r.districts[k]);
    out += "],\"communes\":[";
    for (size_t k = 0; k < r.communes.size(); ++k) out += std::string(k ? "," : "") + areaJson(r.communes[k]);
    out += "],\"difficult_villages_without_team\":[";
    for (size_t k = 0; k < r.difficultWithoutTeam.size(); ++k) {
        const VillageRow& v = r.difficultWithoutTeam[k];
        out += std::string(k ? "," : "") + "{\"code\":" + jsonString(v.code) + ",\"name\":" + jsonString(v.name) +
               ",\"commune_code\":" + jsonString(v.communeCode) + ",\"commune\":" + jsonString(v.communeName) +
               ",\"district\":" + jsonString(v.districtName) + ",\"population\":" + std::to_string(v.population) + "}";
    }
    const OutcomeTable& t = r.outcomes;
    out += "],\"outcomes\":{\"confidentiality_k\":" + std::to_string(t.k) + ",\"first_year\":" + std::to_string(t.firstYear) +
           ",\"last_year\":" + std::to_string(t.lastYear) + ",\"areas\":[";
    for (size_t k = 0; k < t.rows.size(); ++k) {
        const OutcomeRow& row = t.rows[k];
        out += std::string(k ? "," : "") + "{\"level\":" + jsonString(row.level) + ",\"code\":" + jsonString(row.code) +
               ",\"name\":" + jsonString(row.name) + ",\"parent_code\":" + jsonString(row.parentCode) +
               ",\"child_marriages\":" + outcomeJson(t, row.childMarriages) +
               ",\"consanguineous_marriages\":" + outcomeJson(t, row.consanguineousMarriages) + "}";
    }
    return out + "]}}\n";
}

std::string formatReportCsv(const Report& r, const std::string& table) {
    std::string out;
    if (table == "indicators") {
        out = "indicator,label,value,target,target_year,percent_of_target\n";
        for (const IndicatorRow& i : r.indicators)
            out += i.key + "," + csvField(i.label) + "," + formatNumber(i.value) + "," + (i.target ? formatNumber(*i.target) : "") + "," +
                   (i.target ? std::to_string(i.targetYear) : "") + "," + (i.target ? percentOf(i.value, *i.target) : "") + "\n";
    } else if (table == "uncovered") {
        out = "village_code,village_name,commune_code,commune_name,district_name,population\n";
        for (const VillageRow& v : r.difficultWithoutTeam)
            out += csvField(v.code) + "," + csvField(v.name) + "," + csvField(v.communeCode) + "," + csvField(v.communeName) + "," +
                   csvField(v.districtName) + "," + std::to_string(v.population) + "\n";
    } else if (table == "outcomes") {
        const OutcomeTable& t = r.outcomes;
        const std::string years = t.rows.empty() || t.firstYear == 0 ? "" : std::to_string(t.firstYear) + "-" + std::to_string(t.lastYear);
        out = "level,code,name,parent_code,years,child_marriages,consanguineous_marriages\n";
        for (const OutcomeRow& row : t.rows)
            out += row.level + "," + csvField(row.code) + "," + csvField(row.name) + "," + csvField(row.parentCode) + "," + years + "," +
                   shownCell(t, row.childMarriages) + "," + shownCell(t, row.consanguineousMarriages) + "\n";
    } else {
        out = std::string(kAreaHeader) + "\n" + areaCsv(r.province);
        for (const AreaRow& d : r.districts) out += areaCsv(d);
        for (const AreaRow& c : r.communes) out += areaCsv(c);
    }
    return out;
}

}  // namespace gapmap
