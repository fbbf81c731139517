// The map camera: a Web Mercator (EPSG:3857) view of the world as a viewport of pixels.
// Screen pixels have their origin at the top-left corner, x to the right, y down.
// Mercator metres have y up. Lon/lat are EPSG:4326 degrees. Depends on core only.
#pragma once
#include <algorithm>
#include <limits>

#include "core/geo.h"
#include "core/mercator.h"

namespace gapmap::render {

struct ScreenXY {
    double xPx = 0;
    double yPx = 0;
};

// An axis-aligned box in Mercator metres.
struct MercatorBox {
    double minX = std::numeric_limits<double>::infinity(), minY = std::numeric_limits<double>::infinity();
    double maxX = -std::numeric_limits<double>::infinity(), maxY = -std::numeric_limits<double>::infinity();
    bool empty() const { return minX > maxX || minY > maxY; }
    void add(MercatorXY p) {
        minX = std::min(minX, p.xM); minY = std::min(minY, p.yM);
        maxX = std::max(maxX, p.xM); maxY = std::max(maxY, p.yM);
    }
    void add(const MercatorBox& b) {
        if (b.empty()) return;
        add(MercatorXY{b.minX, b.minY});
        add(MercatorXY{b.maxX, b.maxY});
    }
    bool intersects(const MercatorBox& b) const { return minX <= b.maxX && b.minX <= maxX && minY <= b.maxY && b.minY <= maxY; }
    bool contains(MercatorXY p) const { return p.xM >= minX && p.xM <= maxX && p.yM >= minY && p.yM <= maxY; }
    double width() const { return maxX - minX; }
    double height() const { return maxY - minY; }
    MercatorXY center() const { return {(minX + maxX) / 2, (minY + maxY) / 2}; }
    MercatorBox expanded(double m) const { return {minX - m, minY - m, maxX + m, maxY + m}; }
};
MercatorBox toMercator(const BBox& box);

// Pixels kept free on each side when fitting (e.g. for a title band or a legend panel).
struct Insets {
    double leftPx = 0, topPx = 0, rightPx = 0, bottomPx = 0;
};

class Camera {
public:
    static constexpr double kMinMetresPerPixel = 0.05;     // closer than any village map needs
    static constexpr double kMaxMetresPerPixel = 80000.0;  // the whole world in a few hundred pixels

    Camera() = default;
    Camera(MercatorXY center, double metresPerPixel, int widthPx, int heightPx);

    MercatorXY center() const { return center_; }
    double metresPerPixel() const { return metresPerPixel_; }  // Mercator metres per pixel
    int widthPx() const { return widthPx_; }
    int heightPx() const { return heightPx_; }

    void setCenter(MercatorXY center) { center_ = center; }
    void setMetresPerPixel(double mpp);  // clamped to [kMin, kMax]
    void setViewport(int widthPx, int heightPx);

    ScreenXY toScreen(MercatorXY p) const;
    MercatorXY toMercator(ScreenXY p) const;
    ScreenXY toScreen(LonLat p) const { return toScreen(gapmap::toMercator(p)); }
    LonLat toLonLat(ScreenXY p) const { return fromMercator(toMercator(p)); }

    // Drags the map: what was under pixel p is afterwards under p + (dx, dy).
    void panByPixels(double dxPx, double dyPx);
    // Zooms by `factor` (> 1 zooms in) keeping the point under `anchor` fixed on screen.
    void zoomAbout(ScreenXY anchor, double factor);
    // Centres `box` and picks the scale that shows all of it inside the viewport minus `insets`.
    void fitBox(const MercatorBox& box, const Insets& insets = {});
    void fitBBox(const BBox& box, const Insets& insets = {}) { fitBox(render::toMercator(box), insets); }

    // What the viewport shows, in Mercator metres.
    MercatorBox visibleBox() const;
    // True ground metres per pixel at the latitude of the viewport centre (for scale bars).
    double groundMetresPerPixel() const;

    bool operator==(const Camera& o) const {
        return center_.xM == o.center_.xM && center_.yM == o.center_.yM && metresPerPixel_ == o.metresPerPixel_ &&
               widthPx_ == o.widthPx_ && heightPx_ == o.heightPx_;
    }
    bool operator!=(const Camera& o) const { return !(*this == o); }

private:
    MercatorXY center_;
    double metresPerPixel_ = 1000;
    int widthPx_ = 1280, heightPx_ = 800;
};

}  // namespace gapmap::render
