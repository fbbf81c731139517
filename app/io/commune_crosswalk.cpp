#include "io/commune_crosswalk.h"

#include <ogr_api.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <memory>

#include "core/errors.h"
#include "core/i18n.h"
#include "io/gdal_session.h"
#include "io/ogr_geometry.h"

namespace gapmap {
namespace {

// Albers equal-area conic with standard parallels across Vietnam (8.5°N–23.5°N): areas are exact
// up to the ellipsoid everywhere, shapes least distorted over the country. Metres.
constexpr const char* kEqualArea = "+proj=aea +lat_0=16 +lon_0=106 +lat_1=10 +lat_2=22 +datum=WGS84 +units=m +no_defs";

struct Projected {
    const AdminUnit* unit;
    std::unique_ptr<OGRGeometry> geometry;  // equal-area metres, made valid by GEOS
    OGREnvelope envelope;
    double areaM2 = 0;
};

class EqualArea {
public:
    EqualArea() {
        GdalSession::ensure();
        wgs84_.importFromEPSG(4326);
        wgs84_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);  // x = lon, as core holds points
        albers_.importFromProj4(kEqualArea);
        transform_.reset(OGRCreateCoordinateTransformation(&wgs84_, &albers_));
    }
    // nullptr when PROJ cannot project it (throws for a broken PROJ set-up instead of guessing).
    std::unique_ptr<OGRGeometry> project(const MultiPolygon& area) const {
        if (!transform_) throw InputError(tr("migrate.error.projection"));
        std::unique_ptr<OGRGeometry> g = toOgr(area);
        if (g->transform(transform_.get()) != OGRERR_NONE) return nullptr;
        // Communes drawn by hand often self-touch; GEOS refuses to intersect invalid polygons.
        if (!g->IsValid()) g.reset(g->MakeValid());
        return g;
    }

private:
    OGRSpatialReference wgs84_, albers_;
    std::unique_ptr<OGRCoordinateTransformation> transform_;
};

double areaOf(const OGRGeometry& g) { return OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(&g))); }

std::vector<Projected> communesOf(const std::vector<AdminUnit>& units, const EqualArea& projection) {
    std::vector<Projected> out;
    for (const AdminUnit& u : units) {
        if (u.level != AdminLevel::Commune || u.area.empty()) continue;
        Projected p{&u, projection.project(u.area), {}, 0};
        if (!p.geometry) throw InputError(tr("migrate.error.cannot_project", {u.code, u.name}));
        p.geometry->getEnvelope(&p.envelope);
        p.areaM2 = areaOf(*p.geometry);
        if (p.areaM2 > 0) out.push_back(std::move(p));
    }
    return out;
}

}  // namespace

std::vector<CrosswalkRow> computeCrosswalk(const std::vector<AdminUnit>& oldUnits, const std::vector<AdminUnit>& newUnits) {
    const EqualArea projection;
    const std::vector<Projected> olds = communesOf(oldUnits, projection);
    const std::vector<Projected> news = communesOf(newUnits, projection);
    std::vector<CrosswalkRow> rows;
    for (const Projected& o : olds) {
        const size_t first = rows.size();
        for (const Projected& n : news) {
            if (!o.envelope.Intersects(n.envelope)) continue;
            const std::unique_ptr<OGRGeometry> overlap(o.geometry->Intersection(n.geometry.get()));
            if (!overlap) continue;
            const double area = areaOf(*overlap);
            const double ofOld = area / o.areaM2, ofNew = area / n.areaM2;
            if (ofOld < kCrosswalkMinShare && ofNew < kCrosswalkMinShare) continue;
            rows.push_back({o.unit->code, o.unit->name, n.unit->code, ofOld, ofNew});
        }
        std::sort(rows.begin() + long(first), rows.end(), [](const CrosswalkRow& a, const CrosswalkRow& b) { return a.shareOfOldArea > b.shareOfOldArea; });
    }
    std::stable_sort(rows.begin(), rows.end(), [](const CrosswalkRow& a, const CrosswalkRow& b) { return a.oldCode < b.oldCode; });
    return rows;
}

double equalAreaKm2(const MultiPolygon& area) {
    if (area.empty()) return 0;
    const std::unique_ptr<OGRGeometry> g = EqualArea().project(area);
    return g ? areaOf(*g) / 1e6 : 0;
}

}  // namespace gapmap
