#!/usr/bin/env python3
"""Write the deterministic points and polygons of the point-in-polygon overlay benchmark.

Usage: python3 overlay_make_data.py DIRECTORY [--points 100000] [--polygons 2000] [--seed 20240611]

Writes DIRECTORY/overlay-polygons.wkt (one POLYGON per line, British National Grid metres) and
DIRECTORY/overlay-points.csv (header x,y). The polygons are star-shaped hotspot-like outlines,
8 to 40 vertices, 100 to 600 m across, scattered over a 20 km x 20 km square of the grid so that
they overlap as hotspot polygons of several crime types do; the points are uniform over the
square, with one in 50 placed exactly on a polygon vertex (a boundary case). Coordinates have
at most 3 decimals (millimetres), so both readers parse the same doubles.
"""
import argparse
import math
from pathlib import Path

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--polygons", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20240611)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    out = Path(args.directory)
    out.mkdir(parents=True, exist_ok=True)

    x0, y0, side = 430_000.0, 280_000.0, 20_000.0
    vertices = []
    with open(out / "overlay-polygons.wkt", "w") as f:
        for _ in range(args.polygons):
            cx, cy = x0 + rng.uniform(0, side), y0 + rng.uniform(0, side)
            radius = rng.uniform(100, 600)
            n = int(rng.integers(8, 41))
            # One vertex per equal sector, jittered by up to half a sector: a simple star polygon.
            angles = 2 * math.pi * (np.arange(n) + rng.uniform(0, 0.5, n)) / n
            radii = radius * rng.uniform(0.4, 1.0, n)
            xs = np.round(cx + radii * np.cos(angles), 3)
            ys = np.round(cy + radii * np.sin(angles), 3)
            ring = [f"{x:.3f} {y:.3f}" for x, y in zip(xs, ys)]
            ring.append(ring[0])
            f.write("POLYGON ((" + ", ".join(ring) + "))\n")
            vertices.append((xs[0], ys[0]))

    px = np.round(x0 + rng.uniform(0, side, args.points), 3)
    py = np.round(y0 + rng.uniform(0, side, args.points), 3)
    for i in range(0, args.points, 50):
        px[i], py[i] = vertices[(i // 50) % len(vertices)]
    with open(out / "overlay-points.csv", "w") as f:
        f.write("x,y\n")
        for x, y in zip(px, py):
            f.write(f"{x:.3f},{y:.3f}\n")


if __name__ == "__main__":
    main()
