// Text, JSON and CSV renderings of a Report. The numbers come from core/report.cpp only.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/coverage.h"
#include "core/i18n.h"
#include "core/report.h"
#include "core/text_format.h"

namespace gapmap {
namespace {

const char* kAreaHeader = "level,code,name,parent_code,villages,especially_difficult,with_team,with_club,"
                          "with_trusted_address_within_radius,no_grid_electricity,no_mobile_signal,no_internet,population,"
                          "active_trusted_addresses,population_source";

// A count that may be no data: empty in CSV, null in JSON, "–" in text (its table was never loaded).
template <typename N>
std::string csvCount(const std::optional<N>& n) { return n ? std::to_string(*n) : ""; }
template <typename N>
std::string jsonCount(const std::optional<N>& n) { return n ? std::to_string(*n) : "null"; }

std::string areaCsv(const AreaRow& a) {
    std::string out = a.level + "," + csvField(a.code) + "," + csvField(a.name) + "," + csvField(a.parentCode);
    for (const std::string& n : {std::to_string(a.villages), csvCount(a.especiallyDifficult), csvCount(a.withTeam), csvCount(a.withClub),
                                 csvCount(a.withTrustedAddress), csvCount(a.noElectricity), csvCount(a.noMobile),
                                 csvCount(a.noInternet), std::to_string(a.population), csvCount(a.activeTrustedAddresses)})
        out += "," + n;
    return out + "," + a.populationSource + "\n";
}

std::string areaJson(const AreaRow& a) {
    return "{\"level\":" + jsonString(a.level) + ",\"code\":" + jsonString(a.code) + ",\"name\":" + jsonString(a.name) +
           ",\"parent_code\":" + jsonString(a.parentCode) + ",\"villages\":" + std::to_string(a.villages) +
           ",\"especially_difficult\":" + jsonCount(a.especiallyDifficult) + ",\"with_team\":" + jsonCount(a.withTeam) +
           ",\"with_club\":" + jsonCount(a.withClub) + ",\"with_trusted_address_within_radius\":" + jsonCount(a.withTrustedAddress) +
           ",\"no_grid_electricity\":" + jsonCount(a.noElectricity) + ",\"no_mobile_signal\":" + jsonCount(a.noMobile) +
           ",\"no_internet\":" + jsonCount(a.noInternet) + ",\"population\":" + std::to_string(a.population) +
           ",\"population_source\":" + jsonString(a.populationSource) +
           ",\"active_trusted_addresses\":" + jsonCount(a.activeTrustedAddresses) + "}";
}

std::string areaLine(const AreaRow& a, size_t nameWidth) {
    auto cell = [](const auto& n) {
        char buf[32];
        if (n) std::snprintf(buf, sizeof buf, "%6lld ", static_cast<long long>(*n));
        else std::snprintf(buf, sizeof buf, "     – ");
        return std::string(buf);
    };
    auto count = [&](long long n) { return cell(std::optional<long long>(n)); };
    std::string out = pad(a.code, 9) + pad(a.name, nameWidth) + count(a.villages) + cell(a.especiallyDifficult) + cell(a.withTeam) +
                      cell(a.withClub) + cell(a.withTrustedAddress) + cell(a.noElectricity) + cell(a.noMobile) + cell(a.noInternet) +
                      cell(a.activeTrustedAddresses);
    char population[32];
    std::snprintf(population, sizeof population, "%10s", a.populationSource == "none" ? "" : formatLocaleNumber(double(a.population)).c_str());
    return out + (a.populationSource == "none" ? std::string("         –") : std::string(population)) + "\n";  // no figure at all: –
}

// An indicator's value as text: the number, or "no data".
std::string valueText(const IndicatorRow& i) {
    if (!i.value) return tr("nodata.value");
    return formatLocaleNumber(*i.value, *i.value == std::round(*i.value) ? 0 : 1);
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
    if (!r.crosswalkReformDate.empty())
        out += tr("migrate.report.through_crosswalk", {formatLocaleDate(r.crosswalkReformDate), r.migratedFrom}) + "\n";
    out += "\n" + tr("report.totals") + "\n";
    size_t labelWidth = 12;
    for (const IndicatorRow& i : r.indicators) labelWidth = std::max(labelWidth, codePoints(i.label) + 2);
    const size_t valueWidth = std::max<size_t>(10, codePoints(tr("nodata.value")) + 2);
    out += pad(tr("report.col.indicator"), labelWidth) + pad(tr("report.col.value"), valueWidth) + pad(tr("report.col.target"), 10) +
           tr("report.col.percent") + "\n";
    for (const IndicatorRow& i : r.indicators) {
        out += pad(i.label, labelWidth) + pad(valueText(i), valueWidth) + pad(i.target ? formatLocaleNumber(*i.target) : "–", 10) +
               (i.target && i.value ? formatLocalePercent(*i.value, *i.target) : "–") + "\n";
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
    header += head6(tr("protect.col.ta_count"));
    const std::string populationHead = tr("nodata.col.population");
    header += std::string(codePoints(populationHead) < 10 ? 10 - codePoints(populationHead) : 0, ' ') + populationHead + "\n";
    out += "\n" + tr("report.counts_legend", {radius}) + "\n" + tr("protect.counts_legend.ta_count") + "\n";
    if (!r.notScored.empty()) {  // "–" in the table: a table never loaded
        std::string tables;
        for (const std::string& t : r.notScored) tables += (tables.empty() ? "" : ", ") + tr("nodata.table." + t);
        out += tr("nodata.unscored", {tables}) + " (–)\n";
    }
    const PopulationSource source = populationSourceFromString(r.province.populationSource);
    if (source != PopulationSource::None)
        out += tr("population.line", {formatLocaleNumber(double(r.province.population)), populationSourceText(source, false)}) + "\n";
    out += "\n" + header + areaLine(r.province, nameWidth);
    if (!r.districts.empty()) {
        out += "\n" + tr("report.districts") + "\n" + header;
        for (const AreaRow& d : r.districts) out += areaLine(d, nameWidth);
    }
    out += "\n" + tr("report.communes") + "\n" + header;
    for (const AreaRow& c : r.communes) out += areaLine(c, nameWidth);
    out += "\n" + tr("report.uncovered", {r.teamsKnown && r.difficultKnown ? formatLocaleNumber(double(r.difficultWithoutTeam.size())) : tr("nodata.value")}) + "\n";
    for (const VillageRow& v : r.difficultWithoutTeam)
        out += "  " + pad(v.code, 10) + pad(v.name, 22) + v.communeName + (v.districtName.empty() ? "" : ", " + v.districtName) +
               " (" + tr("report.population", {formatLocaleNumber(double(v.population))}) + ")\n";
    return out + outcomesText(r, nameWidth);
}

std::string formatReportJson(const Report& r) {
    std::string out = "{\"title\":" + jsonString(r.title) + ",\"synthetic\":" + (r.synthetic ? "true" : "false") +
                      (r.asOfYear ? ",\"as_of\":\"" + std::to_string(*r.asOfYear) + "-12-31\"" : std::string()) +
                      (r.crosswalkReformDate.empty() ? std::string()
                                                     : ",\"through_crosswalk\":{\"reform_date\":" + jsonString(r.crosswalkReformDate) +
                                                           ",\"migrated_from\":" + jsonString(r.migratedFrom) + "}") +
                      ",\"trusted_address_radius_km\":" + formatNumber(r.trustedAddressRadiusKm) + ",\"indicators\":[";
    for (size_t k = 0; k < r.indicators.size(); ++k) {
        const IndicatorRow& i = r.indicators[k];
        out += std::string(k ? "," : "") + "{\"key\":" + jsonString(i.key) + ",\"label\":" + jsonString(i.label) +
 ",\"value\":" + (i.value ? formatNumber(*i.value) : "null") + ",\"target\":" + (i.target ? formatNumber(*i.target) : "null") +
               ",\"target_year\":" + (i.target ? std::to_string(i.targetYear) : "null") + "}";
    }
    out += "],\"not_scored\":[";
    for (size_t k = 0; k < r.notScored.size(); ++k) out += (k ? "," : "") + jsonString(r.notScored[k]);
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
            out += i.key + "," + csvField(i.label) + "," + (i.value ? formatNumber(*i.value) : "") + "," + (i.target ? formatNumber(*i.target) : "") + "," +
                   (i.target ? std::to_string(i.targetYear) : "") + "," + (i.target && i.value ? percentOf(*i.value, *i.target) : "") + "\n";
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
