#include "core/data_dates.h"

#include "core/parse.h"

namespace gapmap {

std::optional<std::string> latestRecordDate(const Project& p) {
    std::optional<std::string> latest;
    auto consider = [&latest](const std::string& text) {
        if (text.empty()) return;
        const std::optional<std::string> iso = parseDate(text);  // ISO strings compare in date order
        if (iso && (!latest || *iso > *latest)) latest = iso;
    };
    for (const CommunicationTeam& t : p.teams) consider(t.established);
    for (const TrustedAddress& a : p.trustedAddresses) consider(a.established);
    for (const Club& c : p.clubs) consider(c.established);
    for (const Activity& a : p.activities) consider(a.date);
    return latest;
}

}  // namespace gapmap
