// The map's colours, ramps and classed breaks, as the renderer names them. The definitions live in
// core/color_ramp.h, shared with the PDF report (app/io), so that io never depends on render.
#pragma once
#include "core/color_ramp.h"

namespace gapmap::render {

using gapmap::Color;
using gapmap::Ramp;
using gapmap::rampFromString;
using gapmap::toString;
using gapmap::rampColors;
using gapmap::ClassMethod;
using gapmap::classMethodFromString;
using gapmap::Classes;
using gapmap::classify;

}  // namespace gapmap::render
