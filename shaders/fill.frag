#version 330 core
// Flat colour (fills, and the dots that stand in for areas too small to draw).
flat in vec4 vColor;
out vec4 oColor;

void main() {
    oColor = vColor;
}
