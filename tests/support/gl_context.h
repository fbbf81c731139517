// One OpenGL 3.3 context (EGL surfaceless: no display needed) for every render test of the test
// binary, made current on each call; created on first use, so tests without GL never start one.
#pragma once
#include "render/offscreen.h"

namespace gapmap::test {

inline render::OffscreenContext& sharedGl() {
    static render::OffscreenContext context;  // an inline function's static: one for the whole binary
    context.makeCurrent();
    return context;
}

}  // namespace gapmap::test
