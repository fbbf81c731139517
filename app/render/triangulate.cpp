#include "render/triangulate.h"

#include <GL/glu.h>

#include <array>
#include <cmath>
#include <deque>

namespace gapmap::render {

struct Tessellator::State {
    GLUtesselator* tess = nullptr;
    std::vector<MercatorXY>* vertices = nullptr;
    std::vector<uint32_t>* triangles = nullptr;
    std::vector<std::array<double, 3>> coords;   // input vertices, stable while tessellating
    std::deque<std::array<double, 3>> combined;  // vertices GLU creates where edges cross
    size_t firstVertex = 0;
    size_t firstTriangle = 0;
    bool error = false;
};

namespace {

using State = Tessellator::State;

// vertex_data carries the index (in the output vertex list) of each vertex.
void onBegin(GLenum, void*) {}
void onEdgeFlag(GLboolean, void*) {}  // registering it makes GLU emit plain GL_TRIANGLES
void onVertex(void* vertexData, void* polygonData) {
    auto* s = static_cast<State*>(polygonData);
    s->triangles->push_back(static_cast<uint32_t>(reinterpret_cast<uintptr_t>(vertexData)));
}
void onEnd(void*) {}
void onCombine(GLdouble coords[3], void*[4], GLfloat[4], void** out, void* polygonData) {
    auto* s = static_cast<State*>(polygonData);
    s->vertices->push_back({coords[0], coords[1]});
    *out = reinterpret_cast<void*>(static_cast<uintptr_t>(s->vertices->size() - 1));
}
void onError(GLenum, void* polygonData) { static_cast<State*>(polygonData)->error = true; }

}  // namespace

Tessellator::Tessellator() : state_(std::make_unique<State>()) {
    GLUtesselator* t = gluNewTess();
    state_->tess = t;
    gluTessCallback(t, GLU_TESS_BEGIN_DATA, reinterpret_cast<_GLUfuncptr>(&onBegin));
    gluTessCallback(t, GLU_TESS_EDGE_FLAG_DATA, reinterpret_cast<_GLUfuncptr>(&onEdgeFlag));
    gluTessCallback(t, GLU_TESS_VERTEX_DATA, reinterpret_cast<_GLUfuncptr>(&onVertex));
    gluTessCallback(t, GLU_TESS_END_DATA, reinterpret_cast<_GLUfuncptr>(&onEnd));
    gluTessCallback(t, GLU_TESS_COMBINE_DATA, reinterpret_cast<_GLUfuncptr>(&onCombine));
    gluTessCallback(t, GLU_TESS_ERROR_DATA, reinterpret_cast<_GLUfuncptr>(&onError));
    gluTessProperty(t, GLU_TESS_WINDING_RULE, GLU_TESS_WINDING_ODD);
    gluTessNormal(t, 0, 0, 1);
}

Tessellator::~Tessellator() {
    if (state_->tess) gluDeleteTess(state_->tess);
}

bool Tessellator::triangulate(const std::vector<const MercRing*>& rings, std::vector<MercatorXY>& vertices,
                              std::vector<uint32_t>& triangles) {
    State& s = *state_;
    s.vertices = &vertices;
    s.triangles = &triangles;
    s.firstVertex = vertices.size();
    s.firstTriangle = triangles.size();
    s.error = false;
    s.coords.clear();
    size_t total = 0;
    for (const MercRing* r : rings) total += r->size();
    s.coords.reserve(total);  // GLU keeps pointers to these until the polygon ends
    gluTessBeginPolygon(s.tess, &s);
    for (const MercRing* ring : rings) {
        size_t n = ring->size();
        if (n > 1 && ring->front().xM == ring->back().xM && ring->front().yM == ring->back().yM) --n;  // closing vertex
        if (n < 3) continue;
        gluTessBeginContour(s.tess);
        for (size_t i = 0; i < n; ++i) {
            const MercatorXY p = (*ring)[i];
            vertices.push_back(p);
            s.coords.push_back({p.xM, p.yM, 0});
            gluTessVertex(s.tess, s.coords.back().data(), reinterpret_cast<void*>(static_cast<uintptr_t>(vertices.size() - 1)));
        }
        gluTessEndContour(s.tess);
    }
    gluTessEndPolygon(s.tess);
    if (s.error || (triangles.size() - s.firstTriangle) % 3 != 0) {
        vertices.resize(s.firstVertex);
        triangles.resize(s.firstTriangle);
        return false;
    }
    return true;
}

std::vector<MercatorXY> triangulatePolygon(const std::vector<MercRing>& rings) {
    Tessellator tess;
    std::vector<const MercRing*> refs;
    for (const MercRing& r : rings) refs.push_back(&r);
    std::vector<MercatorXY> vertices, out;
    std::vector<uint32_t> triangles;
    tess.triangulate(refs, vertices, triangles);
    for (uint32_t i : triangles) out.push_back(vertices[i]);
    return out;
}

double ringArea(const MercRing& ring) {
    double a = 0;
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
        a += (ring[j].xM - ring[i].xM) * (ring[j].yM + ring[i].yM);
    return a / 2;
}

double trianglesArea(const std::vector<MercatorXY>& t) {
    double a = 0;
    for (size_t i = 0; i + 2 < t.size(); i += 3)
        a += std::fabs((t[i + 1].xM - t[i].xM) * (t[i + 2].yM - t[i].yM) - (t[i + 2].xM - t[i].xM) * (t[i + 1].yM - t[i].yM)) / 2;
    return a;
}

}  // namespace gapmap::render
