// Draws gapmap's icon with cairo, at build time: an SVG (hicolor/scalable) and PNGs of the usual
// hicolor sizes. The picture: a province outline on a teal tile, villages as dots, one village
// without support marked by an open orange ring — what the map shows, in one glance.
//   gapmap_make_icon OUT_DIR   writes OUT_DIR/gapmap.svg and OUT_DIR/gapmap-SIZE.png
#include <cairo-svg.h>
#include <cairo.h>

#include <cmath>
#include <cstdio>
#include <string>

namespace {

// Drawn on a 256 x 256 canvas; other sizes scale it (user space units = px at 256).
void draw(cairo_t* cr) {
    const double r = 44, s = 256, pi = 3.14159265358979;
    // Tile: rounded square, teal.
    cairo_new_path(cr);
    cairo_arc(cr, s - r - 8, r + 8, r, -pi / 2, 0);
    cairo_arc(cr, s - r - 8, s - r - 8, r, 0, pi / 2);
    cairo_arc(cr, r + 8, s - r - 8, r, pi / 2, pi);
    cairo_arc(cr, r + 8, r + 8, r, pi, 3 * pi / 2);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 0.11, 0.42, 0.45);
    cairo_fill(cr);
    // Province: an irregular outline, light fill, white edge.
    const double outline[][2] = {{52, 92}, {96, 50}, {150, 62}, {204, 48}, {214, 110}, {190, 160},
                                 {206, 208}, {140, 214}, {96, 190}, {48, 200}, {62, 142}};
    cairo_move_to(cr, outline[0][0], outline[0][1]);
    for (const auto& p : outline) cairo_line_to(cr, p[0], p[1]);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 0.86, 0.94, 0.90);
    cairo_fill_preserve(cr);
    cairo_set_line_width(cr, 7);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_stroke(cr);
    // Villages with support: filled dark teal dots.
    const double villages[][2] = {{100, 100}, {150, 120}, {104, 156}, {168, 178}};
    for (const auto& v : villages) {
        cairo_arc(cr, v[0], v[1], 14, 0, 2 * pi);
        cairo_set_source_rgb(cr, 0.05, 0.30, 0.33);
        cairo_fill(cr);
    }
    // The gap: a village not reached yet, an open orange ring.
    cairo_arc(cr, 176, 88, 20, 0, 2 * pi);
    cairo_set_line_width(cr, 11);
    cairo_set_source_rgb(cr, 0.93, 0.45, 0.08);
    cairo_stroke(cr);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: gapmap_make_icon OUT_DIR\n");
        return 2;
    }
    const std::string dir = argv[1];
    cairo_surface_t* svg = cairo_svg_surface_create((dir + "/gapmap.svg").c_str(), 256, 256);
    cairo_t* cr = cairo_create(svg);
    draw(cr);
    cairo_destroy(cr);
    cairo_surface_finish(svg);
    const bool svgOk = cairo_surface_status(svg) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(svg);
    if (!svgOk) {
        std::fprintf(stderr, "gapmap_make_icon: cannot write %s/gapmap.svg\n", dir.c_str());
        return 1;
    }
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
        cairo_surface_t* png = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
        cr = cairo_create(png);
        cairo_scale(cr, size / 256.0, size / 256.0);
        draw(cr);
        cairo_destroy(cr);
        const std::string path = dir + "/gapmap-" + std::to_string(size) + ".png";
        const cairo_status_t status = cairo_surface_write_to_png(png, path.c_str());
        cairo_surface_destroy(png);
        if (status != CAIRO_STATUS_SUCCESS) {
            std::fprintf(stderr, "gapmap_make_icon: cannot write %s\n", path.c_str());
            return 1;
        }
    }
    return 0;
}
