#version 330 core
// The cached map image as a textured quad (only where a framebuffer blit is not allowed).
in vec2 vUV;
in vec4 vColor;
uniform sampler2D uImage;   // premultiplied
out vec4 oColor;

void main() {
    oColor = texture(uImage, vUV) * vColor.a;
}
