#include "render/camera.h"

#include <cmath>

namespace gapmap::render {

MercatorBox toMercator(const BBox& box) {
    MercatorBox m;
    if (box.empty()) return m;
    m.add(gapmap::toMercator(LonLat{box.minLon, box.minLat}));
    m.add(gapmap::toMercator(LonLat{box.maxLon, box.maxLat}));
    return m;
}

Camera::Camera(MercatorXY center, double mpp, int w, int h) : center_(center) {
    setMetresPerPixel(mpp);
    setViewport(w, h);
}

void Camera::setMetresPerPixel(double mpp) {
    if (!(mpp > 0)) mpp = kMaxMetresPerPixel;
    metresPerPixel_ = std::clamp(mpp, kMinMetresPerPixel, kMaxMetresPerPixel);
}

void Camera::setViewport(int w, int h) {
    widthPx_ = std::max(1, w);
    heightPx_ = std::max(1, h);
}

ScreenXY Camera::toScreen(MercatorXY p) const {
    return {(p.xM - center_.xM) / metresPerPixel_ + widthPx_ / 2.0, (center_.yM - p.yM) / metresPerPixel_ + heightPx_ / 2.0};
}

MercatorXY Camera::toMercator(ScreenXY p) const {
    return {center_.xM + (p.xPx - widthPx_ / 2.0) * metresPerPixel_, center_.yM - (p.yPx - heightPx_ / 2.0) * metresPerPixel_};
}

void Camera::panByPixels(double dxPx, double dyPx) {
    center_.xM -= dxPx * metresPerPixel_;
    center_.yM += dyPx * metresPerPixel_;
}

void Camera::zoomAbout(ScreenXY anchor, double factor) {
    if (!(factor > 0)) return;
    const MercatorXY fixed = toMercator(anchor);
    setMetresPerPixel(metresPerPixel_ / factor);
    // Move the centre so that `fixed` is under `anchor` again.
    center_.xM = fixed.xM - (anchor.xPx - widthPx_ / 2.0) * metresPerPixel_;
    center_.yM = fixed.yM + (anchor.yPx - heightPx_ / 2.0) * metresPerPixel_;
}

void Camera::fitBox(const MercatorBox& box, const Insets& in) {
    if (box.empty()) return;
    const double w = std::max(1.0, widthPx_ - in.leftPx - in.rightPx);
    const double h = std::max(1.0, heightPx_ - in.topPx - in.bottomPx);
    setMetresPerPixel(std::max(box.width() / w, box.height() / h));
    if (box.width() == 0 && box.height() == 0) setMetresPerPixel(10);  // a single point: village scale
    // The box centre goes to the centre of the free area.
    const double freeCx = in.leftPx + w / 2, freeCy = in.topPx + h / 2;
    const MercatorXY c = box.center();
    center_.xM = c.xM - (freeCx - widthPx_ / 2.0) * metresPerPixel_;
    center_.yM = c.yM + (freeCy - heightPx_ / 2.0) * metresPerPixel_;
}

MercatorBox Camera::visibleBox() const {
    const double hw = widthPx_ / 2.0 * metresPerPixel_, hh = heightPx_ / 2.0 * metresPerPixel_;
    return {center_.xM - hw, center_.yM - hh, center_.xM + hw, center_.yM + hh};
}

double Camera::groundMetresPerPixel() const {
    return metresPerPixel_ * groundScaleAt(fromMercator(center_).latDeg);
}

}  // namespace gapmap::render
