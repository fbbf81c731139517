#version 330 core
// Antialiased symbol shapes from signed distances; the stroke lies outside the shape.
in vec4 vFill;
in float vRadius;
in float vSize;
uniform int uShape;          // 0 circle, 1 square, 2 diamond, 3 triangle
uniform vec4 uStroke;        // straight alpha
uniform float uStrokeWidth;  // pixels before the UI scale
uniform float uScale;
uniform float uOpacity;
uniform vec4 uHalo;          // a light ring outside the stroke (straight alpha), so a dark symbol stays
uniform float uHaloWidth;    // visible on a dark fill of the same hue; pixels before the UI scale, 0: none
out vec4 oColor;

void main() {
    vec2 p = (gl_PointCoord - 0.5) * vSize;   // pixels from the centre, y down
    float r = vRadius;
    float d;
    if (uShape == 1) {
        d = max(abs(p.x), abs(p.y)) - r * 0.88;
    } else if (uShape == 2) {
        d = (abs(p.x) + abs(p.y) - r * 1.25) * 0.7071;
    } else if (uShape == 3) {
        vec2 q = vec2(abs(p.x), 0.25 * r - p.y);          // y up, centred on the shape's middle
        d = max(q.x * 0.8660254 + q.y * 0.5, -q.y) - r * 0.6;
    } else {
        d = length(p) - r;
    }
    float sw = uStrokeWidth * uScale;
    float outer = clamp(0.5 - (d - sw), 0.0, 1.0);
    float inner = clamp(0.5 - d, 0.0, 1.0);
    vec4 fill = vec4(vFill.rgb * vFill.a, vFill.a);
    vec4 stroke = vec4(uStroke.rgb * uStroke.a, uStroke.a);
    vec4 c = sw > 0.0 ? mix(stroke, fill, inner) : fill;
    float shape = sw > 0.0 ? outer : inner;
    c *= shape;
    float hw = uHaloWidth * uScale;
    if (hw > 0.0) {
        float ring = clamp(0.5 - (d - sw - hw), 0.0, 1.0) - shape;
        c += vec4(uHalo.rgb * uHalo.a, uHalo.a) * max(ring, 0.0);
    }
    oColor = c * uOpacity;
}
