#version 330 core
// Coverage (r) and halo (g: the coverage dilated by a few pixels, computed once on the CPU) from
// the glyph atlas: one fetch per fragment, so labels stay readable on any fill and cheap on llvmpipe.
in vec2 vUV;
in vec4 vColor;
in vec4 vHalo;
uniform sampler2D uAtlas;
out vec4 oColor;

void main() {
    vec2 t = texture(uAtlas, vUV).rg;
    float ta = t.r * vColor.a;
    float ha = t.g * vHalo.a;
    oColor = vec4(vColor.rgb * ta + vHalo.rgb * ha * (1.0 - ta), ta + ha * (1.0 - ta));
}
