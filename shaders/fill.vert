#version 330 core
// Polygon fills: Mercator metres (relative to the geometry's origin) -> pixels -> clip space.
// The colour of each feature comes from a texture (choropleth changes never touch the geometry).
layout(location = 0) in vec2 aPos;
layout(location = 1) in uint aFeature;
layout(location = 2) in vec2 aOffset;   // outward miter at ring vertices (0 elsewhere)
uniform vec4 uXform;      // px = pos * xy + zw (pixels, y down)
uniform float uDilatePx;  // how far polygons are widened, pixels
uniform vec2 uViewport;   // pixels
uniform sampler2D uColors;
uniform float uOpacity;
flat out vec4 vColor;     // premultiplied

void main() {
    vec2 px = aPos * uXform.xy + uXform.zw + vec2(aOffset.x, -aOffset.y) * uDilatePx;
    gl_Position = vec4(px.x / uViewport.x * 2.0 - 1.0, 1.0 - px.y / uViewport.y * 2.0, 0.0, 1.0);
    int id = int(aFeature);
    vec4 c = texelFetch(uColors, ivec2(id & 1023, id >> 10), 0);
    float a = c.a * uOpacity;
    vColor = vec4(c.rgb * a, a);
}
