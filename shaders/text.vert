#version 330 core
// Glyph quads in screen pixels.
layout(location = 0) in vec2 aPos;
layout(location = 1) in vec2 aUV;
layout(location = 2) in vec4 aColor;    // straight alpha
layout(location = 3) in vec4 aHalo;     // straight alpha; a = 0: no halo
uniform vec2 uViewport;
out vec2 vUV;
out vec4 vColor;
out vec4 vHalo;

void main() {
    gl_Position = vec4(aPos.x / uViewport.x * 2.0 - 1.0, 1.0 - aPos.y / uViewport.y * 2.0, 0.0, 1.0);
    vUV = aUV;
    vColor = aColor;
    vHalo = aHalo;
}
