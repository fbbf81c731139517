#version 330 core
// An area too small for a polygon at this zoom: a dot of about its size, in its fill colour.
layout(location = 0) in vec2 aPos;
layout(location = 1) in float aSizeM;
layout(location = 2) in uint aFeature;
uniform vec4 uXform;
uniform vec2 uViewport;
uniform sampler2D uColors;
uniform float uOpacity;
flat out vec4 vColor;

void main() {
    vec2 px = aPos * uXform.xy + uXform.zw;
    gl_Position = vec4(px.x / uViewport.x * 2.0 - 1.0, 1.0 - px.y / uViewport.y * 2.0, 0.0, 1.0);
    gl_PointSize = clamp(aSizeM * uXform.x, 1.0, 3.0);
    int id = int(aFeature);
    vec4 c = texelFetch(uColors, ivec2(id & 1023, id >> 10), 0);
    float a = c.a * uOpacity;
    vColor = vec4(c.rgb * a, a);
}
