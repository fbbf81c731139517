// PNG files written by render::writePng (libpng, app/render/offscreen.cpp) read back with the same
// pixels, alpha included, through an independent decoder (stb_image in readPng).
#include <catch2/catch.hpp>

#include <cstdint>

#include "render/offscreen.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::render;

TEST_CASE("writePng keeps every pixel, alpha included", "[render][png]") {
    test::TempDir dir;
    // Flat areas (what maps are), a gradient, noise and transparent pixels; odd sizes.
    Image image;
    image.width = 317;
    image.height = 203;
    image.rgba.resize(size_t(image.width) * image.height * 4);
    uint32_t seed = 12345;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            uint8_t* p = &image.rgba[(size_t(y) * image.width + x) * 4];
            seed = seed * 1664525u + 1013904223u;
            if (x < 100) { p[0] = 0xd9; p[1] = 0xf0; p[2] = 0xa3; p[3] = 255; }
            else if (x < 200) { p[0] = uint8_t(x); p[1] = uint8_t(y); p[2] = uint8_t(x + y); p[3] = uint8_t(y); }
            else { p[0] = uint8_t(seed >> 24); p[1] = uint8_t(seed >> 16); p[2] = uint8_t(seed >> 8); p[3] = uint8_t(seed); }
        }
    const std::string path = dir.file("x.png");
    writePng(image, path);
    const Image back = readPng(path);
    REQUIRE(back.width == image.width);
    REQUIRE(back.height == image.height);
    CHECK(back.rgba == image.rgba);
    // The file starts with the PNG signature.
    CHECK(test::readFile(path).substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST_CASE("writePng names the path it cannot write", "[render][png]") {
    Image image;
    image.width = image.height = 2;
    image.rgba.assign(16, 255);
    const std::string path = "/nonexistent-dir-gapmap/x.png";
    try {
        writePng(image, path);
        FAIL("no error");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()).find(path) != std::string::npos);
    }
}
