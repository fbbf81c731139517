#version 330 core
// Outlines as ribbons of two triangles per segment, widened in pixels (miter joins, square caps).
layout(location = 0) in vec2 aPos;      // Mercator metres relative to the origin
layout(location = 1) in vec2 aOffset;   // miter (and cap) direction, in units of the half width
layout(location = 2) in float aSide;    // +1 / -1: which edge of the ribbon
uniform vec4 uXform;
uniform vec2 uViewport;
uniform float uHalfWidth;               // pixels
out float vDist;                        // signed distance from the centre line, pixels

void main() {
    float extent = uHalfWidth + 1.0;    // one more pixel for antialiasing
    vec2 px = aPos * uXform.xy + uXform.zw + vec2(aOffset.x, -aOffset.y) * extent;
    gl_Position = vec4(px.x / uViewport.x * 2.0 - 1.0, 1.0 - px.y / uViewport.y * 2.0, 0.0, 1.0);
    vDist = aSide * extent;
}
