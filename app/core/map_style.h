// The map's symbology as plain values: the palette, line widths and symbol sizes that the GL map
// (app/render/project_scene.cpp) draws with and the QGIS styles (app/io/qgis_styles.cpp) write, so
// that a project opened in QGIS looks like gapmap's map. Sizes in pixels at UI scale 1.
// Standard library and core only.
#pragma once
#include <cstdint>

#include "core/color_ramp.h"
#include "core/model.h"

namespace gapmap::map_style {

// Muted land, grey boundaries darkening with rank, Dark2/PiYG accents for programme symbols.
inline const Color kLand = Color::hex(0xf4f1ea);
inline const Color kNoData = Color::hex(0xd4d4d4);
inline const Color kCommuneLine = Color::hex(0x8c8c8c);
inline const Color kDistrictLine = Color::hex(0x4a4a4a);
inline const Color kProvinceLine = Color::hex(0x1f1f1f);
inline const Color kVillageFill = Color::hex(0xffffff);
inline const Color kVillageStroke = Color::hex(0x4d4d4d);
inline const Color kTeam = Color::hex(0xd95f02);
inline const Color kClub = Color::hex(0x7570b3);
inline const Color kTrustedAddress = Color::hex(0xc51b7d);
inline const Color kCommuneLabel = Color::hex(0x1e1e1e);
inline const Color kVillageLabel = Color::hex(0x3a3a3a);
inline const Color kLabelHalo = Color::hex(0xffffff, 0.9f);

inline constexpr float kCommuneLineWidthPx = 0.9f;
inline constexpr float kDistrictLineWidthPx = 1.7f;
inline constexpr float kProvinceLineWidthPx = 2.6f;
inline constexpr float kVillageStrokeWidthPx = 1.0f;
inline constexpr float kVillageHaloPx = 1.0f;       // a light ring outside the stroke
inline constexpr float kCommuneLabelSizePx = 13.0f;  // Noto Sans, as render/font_atlas.cpp's Label style
inline constexpr float kVillageLabelSizePx = 11.5f;  // its Small style

// Villages are circles whose area is proportional to population: radius kVillageMinRadiusPx ..
// kVillageMaxRadiusPx, the top size shared by the largest 1% (villageSizePopulation()).
inline constexpr float kVillageMinRadiusPx = 2.0f;
inline constexpr float kVillageMaxRadiusPx = 8.0f;
// The population drawn at the largest radius: the 99th percentile of the located villages'
// populations; 0 when none has a population (every village then gets the smallest radius).
int64_t villageSizePopulation(const Project& project);

}  // namespace gapmap::map_style
