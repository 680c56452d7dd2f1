"""esda's Getis-Ord Gi* on the hotspot benchmark's crimes binned to a CELLS x CELLS grid.

    python3 hotspots_esda.py DATA.csv CELLS REPETITIONS

Prints `esda SECONDS` per timed G_Local(y, w, transform='B', star=True, permutations=0) call
over all five crime types (the weights, libpysal's DistanceBand at 1.5 cell sizes between cell
centres, are built once beforehand and not timed), and on standard error a checksum of the
z-scores that preventkit-bench's `hotspots-gi` prints for the same grid.
"""
import sys
import time
import warnings

import numpy as np
import esda
from libpysal.weights import DistanceBand

warnings.filterwarnings("ignore")
path, cells, repetitions = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
x0, y0, side = 300_000.0, 100_000.0, 250_000.0
cell = side / cells

data = np.genfromtxt(path, delimiter=",", skip_header=1, dtype=None, encoding="utf-8", names=["x", "y", "type"])
types = sorted(set(data["type"]), key=list(dict.fromkeys(data["type"])).index)
column = np.minimum(((data["x"] - x0) / cell).astype(int), cells - 1)
row = np.minimum(((data["y"] - y0) / cell).astype(int), cells - 1)
layers = []
for name in types:
    mask = data["type"] == name
    layers.append(np.bincount(row[mask] * cells + column[mask], minlength=cells * cells).astype(float))

r, c = np.divmod(np.arange(cells * cells), cells)
centres = np.column_stack([x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell])
w = DistanceBand(centres, threshold=1.5 * cell, binary=True, silence_warnings=True)

def run():
    return [esda.G_Local(y, w, transform="B", star=True, permutations=0).Zs for y in layers]

run()  # warm-up
for _ in range(repetitions):
    start = time.perf_counter()
    z = run()
    print(f"esda {time.perf_counter() - start:.6f}", flush=True)
total = sum(float(np.nansum(zs)) for zs in z)
top = max(float(np.nanmax(zs)) for zs in z)
print(f"checksum {total:.6f} {top:.9f}", file=sys.stderr)
