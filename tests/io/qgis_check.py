# Opens a gapmap GeoPackage in QGIS (headless) as a user would, so that QGIS loads each layer's default
# style from layer_styles, and reports what QGIS made of it; used by tests/io/qgis_styles_test.cpp.
# usage: python3 qgis_check.py FILE.gpkg COMMUNE_CODE [PNG]
#   prints one line per layer: "<layer> renderer=<type> labels=<0|1> font=<family>"
#   then "pixel=r,g,b" of commune_summary drawn alone at a point inside COMMUNE_CODE,
#   and, with PNG, writes the whole file drawn by QGIS (all styled layers) for a person to look at.
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsFeatureRequest, QgsExpression, QgsMapRendererSequentialJob, QgsMapSettings,
                       QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

path, code = sys.argv[1], sys.argv[2]
png = sys.argv[3] if len(sys.argv) > 3 else None
app = QgsApplication([], False)
app.initQgis()


def render(layers, extent, size):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(layers[0].crs())
    settings.setExtent(extent)
    settings.setOutputSize(QSize(*size))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return settings, job.renderedImage()


layers = {}
for name in ["commune_summary", "admin_units", "villages", "trusted_addresses", "district_summary", "priority_villages"]:
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    if not layer.isValid():
        continue
    layers[name] = layer
    font = layer.labeling().settings().format().font().family() if layer.labelsEnabled() and layer.labeling() else ""
    print(f"{name} renderer={layer.renderer().type()} labels={int(layer.labelsEnabled())} font={font}")

summary = layers["commune_summary"]
feature = next(summary.getFeatures(QgsFeatureRequest(QgsExpression(f"\"code\" = '{code}'"))))
inside = feature.geometry().pointOnSurface().asPoint()
settings, image = render([summary], feature.geometry().boundingBox().buffered(0.002), (400, 400))
px = settings.mapToPixel().transform(inside)
colour = QColor(image.pixel(int(px.x()), int(px.y())))
print(f"pixel={colour.red()},{colour.green()},{colour.blue()}")

if png:
    order = [layers[n] for n in ["trusted_addresses", "villages", "priority_villages", "admin_units", "commune_summary", "district_summary"]
             if n in layers]
    _, picture = render(order, summary.extent().buffered(0.01), (1200, 900))
    picture.save(png)
# QGIS 3.22 crashes in exitQgis() while layers are still referenced from Python: leave without it.
sys.stdout.flush()
os._exit(0)
