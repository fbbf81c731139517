// The OpenGL 3.3 core entry points, for app/render only (and the ui shell that hosts it).
// GLVND's libOpenGL exports every core function, so no loader is needed on Linux:
// the same symbols work in an EGL surfaceless context and in a GLFW/GLX window.
#pragma once
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/glcorearb.h>
