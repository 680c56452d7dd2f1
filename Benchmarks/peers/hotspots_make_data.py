"""Write the hotspot benchmark's crimes: N points of 5 crime types in a 250 km square of British
National Grid (from 300000, 100000), each type a uniform background (60%) plus Gaussian clusters
(40%) around 20 centres of its own, σ = 400 m. Points falling outside the square are redrawn.

    python3 hotspots_make_data.py OUT.csv --points 1000000
"""
import argparse

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--points", type=int, default=1_000_000)
parser.add_argument("--seed", type=int, default=20261121)
args = parser.parse_args()

rng = np.random.default_rng(args.seed)
x0, y0, side = 300_000.0, 100_000.0, 250_000.0
types = ["drugs", "firearms", "fraud", "acquisitive", "exploitation"]
per_type = args.points // len(types)
xs, ys, labels = [], [], []
for t, name in enumerate(types):
    count = per_type if t < len(types) - 1 else args.points - per_type * (len(types) - 1)
    background = int(count * 0.6)
    x = rng.uniform(x0, x0 + side, background)
    y = rng.uniform(y0, y0 + side, background)
    centres = rng.uniform([x0 + 5000, y0 + 5000], [x0 + side - 5000, y0 + side - 5000], (20, 2))
    which = rng.integers(0, 20, count - background)
    cx = centres[which, 0] + rng.normal(0, 400, count - background)
    cy = centres[which, 1] + rng.normal(0, 400, count - background)
    cx = np.clip(cx, x0, x0 + side - 0.01)
    cy = np.clip(cy, y0, y0 + side - 0.01)
    xs.append(np.concatenate([x, cx]))
    ys.append(np.concatenate([y, cy]))
    labels += [name] * count
x = np.concatenate(xs)
y = np.concatenate(ys)
order = rng.permutation(len(x))
with open(args.out, "w") as f:
    f.write("x,y,type\n")
    for i in order:
        f.write(f"{x[i]:.1f},{y[i]:.1f},{labels[i]}\n")
