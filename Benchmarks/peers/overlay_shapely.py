#!/usr/bin/env python3
"""Point-in-polygon overlay with shapely's STRtree on the files from overlay_make_data.py.

Usage: python3 overlay_shapely.py DIRECTORY REPETITIONS

Times `STRtree(polygons).query(points, predicate="intersects")` (boundary points count, as
PolygonOverlay's `.included`): one untimed query first (shapely prepares the tree's polygons on
first use), then REPETITIONS timed queries, each printed as `shapely SECONDS`. The tree build is
timed too and printed as `shapely-build SECONDS` on standard error, with the number of
(point, polygon) pairs and a checksum that `preventkit-bench overlay` prints the same way.
"""
import sys
import time
from pathlib import Path

import numpy as np
import shapely
from shapely import STRtree

directory, repetitions = Path(sys.argv[1]), int(sys.argv[2])
polygons = shapely.from_wkt((directory / "overlay-polygons.wkt").read_text().splitlines())
xy = np.loadtxt(directory / "overlay-points.csv", delimiter=",", skiprows=1)
points = shapely.points(xy)

start = time.perf_counter()
tree = STRtree(polygons)
print(f"shapely-build {time.perf_counter() - start:.6f}", file=sys.stderr)

pairs = tree.query(points, predicate="intersects")
checksum = int(np.sum(pairs[0].astype(np.int64) * 7919 + pairs[1].astype(np.int64)))
print(f"shapely pairs {pairs.shape[1]} checksum {checksum}", file=sys.stderr)
for _ in range(repetitions):
    start = time.perf_counter()
    pairs = tree.query(points, predicate="intersects")
    print(f"shapely {time.perf_counter() - start:.6f}", flush=True)
