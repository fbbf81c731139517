#version 330 core
in vec2 vUV;
in vec4 vColor;
uniform sampler2D uImage;   // premultiplied
uniform int uUseImage;
out vec4 oColor;

void main() {
    if (uUseImage != 0) oColor = texture(uImage, vUV) * vColor.a;
    else oColor = vec4(vColor.rgb * vColor.a, vColor.a);
}
