#version 330 core
// Solid rectangles (panels, swatches, scale bar). No texture: llvmpipe would pay for both branches.
in vec2 vUV;
in vec4 vColor;
out vec4 oColor;

void main() {
    oColor = vec4(vColor.rgb * vColor.a, vColor.a);
}
