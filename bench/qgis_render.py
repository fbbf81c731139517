#!/usr/bin/python3
# The QGIS side of bench/side_by_side.sh: renders one layer of a GeoPackage to a PNG with QGIS's
# own map renderer (the engine of QGIS desktop and `qgis_process`), headless, in Web Mercator
# (EPSG:3857, as gapmap draws) at the layer's full extent. Exits 1 when the layer does not load or
# the image cannot be written.
#
# usage: qgis_render.py PROJECT.gpkg LAYER OUT.png WIDTH HEIGHT
# Run with QT_QPA_PLATFORM=offscreen (no display needed).
import os
import sys

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsMapRendererParallelJob,
                       QgsMapSettings, QgsProject, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor


def main(argv):
    if len(argv) != 6:
        print("usage: qgis_render.py PROJECT.gpkg LAYER OUT.png WIDTH HEIGHT", file=sys.stderr)
        return 2
    gpkg, layer_name, out, width, height = argv[1], argv[2], argv[3], int(argv[4]), int(argv[5])
    app = QgsApplication([], False)
    app.initQgis()
    layer = job = None
    try:
        layer = QgsVectorLayer(f"{gpkg}|layername={layer_name}", layer_name, "ogr")
        if not layer.isValid():
            print(f"qgis_render: cannot load layer {layer_name} of {gpkg}", file=sys.stderr)
            return 1
        mercator = QgsCoordinateReferenceSystem("EPSG:3857")
        to_mercator = QgsCoordinateTransform(layer.crs(), mercator, QgsProject.instance())
        settings = QgsMapSettings()
        settings.setLayers([layer])
        settings.setDestinationCrs(mercator)
        settings.setOutputSize(QSize(width, height))
        settings.setBackgroundColor(QColor(255, 255, 255))
        settings.setExtent(to_mercator.transformBoundingBox(layer.extent()))
        job = QgsMapRendererParallelJob(settings)
        job.start()
        job.waitForFinished()
        if job.errors():
            print(f"qgis_render: {len(job.errors())} rendering errors", file=sys.stderr)
            return 1
        if not job.renderedImage().save(out, "png"):
            print(f"qgis_render: cannot write {out}", file=sys.stderr)
            return 1
        return 0
    finally:
        # QGIS objects go before the application; then leave without Python's teardown, which
        # crashes PyQGIS 3.22 (a segmentation fault once the image is written).
        del job, layer
        app.exitQgis()


if __name__ == "__main__":
    code = main(sys.argv)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
