#version 330 core
in float vDist;
uniform vec4 uColor;      // straight alpha
uniform float uHalfWidth;
uniform float uOpacity;
out vec4 oColor;

void main() {
    float coverage = clamp(uHalfWidth + 0.5 - abs(vDist), 0.0, 1.0);
    float a = uColor.a * uOpacity * coverage * min(1.0, uHalfWidth * 2.0);
    oColor = vec4(uColor.rgb * a, a);
}
