#version 330 core
// Point symbols (villages, teams, clubs; legend swatches and badges in screen space).
layout(location = 0) in vec2 aPos;
layout(location = 1) in float aRadius;   // pixels before the UI scale
layout(location = 2) in vec4 aColor;     // straight alpha
uniform vec4 uXform;
uniform vec2 uViewport;
uniform float uScale;                    // UI scale
uniform float uStrokeWidth;              // pixels before the UI scale
uniform vec2 uOffset;                    // pixels
uniform float uHaloWidth;                // pixels before the UI scale, outside the stroke
uniform float uExtent;                   // how far the shape reaches beyond its radius (diamond, triangle: 1.25)
out vec4 vFill;
out float vRadius;
out float vSize;

void main() {
    vec2 px = aPos * uXform.xy + uXform.zw + uOffset;
    gl_Position = vec4(px.x / uViewport.x * 2.0 - 1.0, 1.0 - px.y / uViewport.y * 2.0, 0.0, 1.0);
    float r = aRadius * uScale;
    float size = 2.0 * (r * uExtent + (uStrokeWidth + uHaloWidth) * uScale) + 2.0;
    gl_PointSize = size;
    vFill = aColor;
    vRadius = r;
    vSize = size;
}
