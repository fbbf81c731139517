#version 330 core
// Coverage from the glyph atlas; the halo is the coverage dilated by uHaloPx (the atlas keeps
// empty space around every glyph for it), so labels stay readable on any fill.
in vec2 vUV;
in vec4 vColor;
in vec4 vHalo;
uniform sampler2D uAtlas;
uniform vec2 uTexel;      // 1 / atlas size
uniform float uHaloPx;
out vec4 oColor;

void main() {
    float cov = texture(uAtlas, vUV).r;
    float halo = 0.0;
    if (vHalo.a > 0.0) {
        for (int i = 0; i < 12; ++i) {
            float angle = float(i) * 0.5235988;
            vec2 dir = vec2(cos(angle), sin(angle));
            halo = max(halo, texture(uAtlas, vUV + dir * uHaloPx * uTexel).r);
            halo = max(halo, texture(uAtlas, vUV + dir * 0.5 * uHaloPx * uTexel).r);
        }
        halo = clamp(max(halo, cov) * 1.6, 0.0, 1.0);
    }
    float ta = cov * vColor.a;
    float ha = halo * vHalo.a;
    oColor = vec4(vColor.rgb * ta + vHalo.rgb * ha * (1.0 - ta), ta + ha * (1.0 - ta));
}
