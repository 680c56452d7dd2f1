#!/usr/bin/env python3
"""Risk scoring with numpy and shapely on the files of score_make_data.py, the peer of
`preventkit-bench score`.

Usage: python3 score_numpy.py DIRECTORY REPETITIONS

The cohort (pandas, yes/no columns as categoricals) and the hotspot layers PreventKit built
(layers.json: polygons as WKT, cell values) are loaded untimed. Each timed repetition reads every
factor with vectorised numpy (a home inside a polygon by shapely's STRtree query), adds the
weighted score and finds the bands, and prints `numpy-shapely SECONDS`. A checksum in the format
of `preventkit-bench score` goes to standard error.
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
import yaml

directory, repetitions = Path(sys.argv[1]), int(sys.argv[2])
study = yaml.safe_load((directory / "study.yaml").read_text())["risk_factors"]
factors = study["factors"]
cut_offs = np.array([b["from"] for b in study["bands"]])
flag_columns = [f["column"] for f in factors if "column" in f and not any(k in f for k in ("at_least", "below"))]
cohort = pd.read_csv(directory / "cohort.csv", dtype={c: "category" for c in flag_columns + ["id"]})
layers = json.loads((directory / "layers.json").read_text())
grid = layers["grid"]
hotspots = shapely.from_wkt([h["wkt"] for h in layers["hotspots"]])
hotspot_types = [h["type"] for h in layers["hotspots"]]
intersections = shapely.from_wkt([i["wkt"] for i in layers["intersections"]])
intersection_types = [set(i["types"]) for i in layers["intersections"]]
gi = {k: np.array(v) for k, v in layers["gi_z"].items()}
percentile = {k: np.array(v) for k, v in layers["percentile"].items()}
east = cohort["home_easting"].to_numpy()
north = cohort["home_northing"].to_numpy()

ABSENT, PRESENT, NOT_ASSESSED = 0, 1, 2


def inside(polygons, located, points, n):
    reading = np.full(n, NOT_ASSESSED, dtype=np.uint8)
    reading[located] = ABSENT
    if len(polygons):
        tree = shapely.STRtree(polygons)
        hits = tree.query(points, predicate="intersects")[0]
        reading[located[np.unique(hits)]] = PRESENT
    return reading


def score():
    n = len(cohort)
    located = np.flatnonzero(~(np.isnan(east) | np.isnan(north)))
    points = shapely.points(east[located], north[located])
    col = np.floor((east[located] - grid["x0"]) / grid["cell"]).astype(np.int64)
    row = np.floor((north[located] - grid["y0"]) / grid["cell"]).astype(np.int64)
    in_grid = (col >= 0) & (col < grid["columns"]) & (row >= 0) & (row < grid["rows"])
    cell = np.where(in_grid, row * grid["columns"] + col, -1)
    readings = []
    for f in factors:
        if "spatial" in f:
            rule = f["spatial"]
            if rule.get("inside") == "hotspot":
                types = rule.get("types", [])
                chosen = [h for h, t in zip(hotspots, hotspot_types) if not types or t in types]
                readings.append(inside(chosen, located, points, n))
            elif rule.get("inside") == "intersection":
                types = set(rule.get("types", []))
                chosen = [g for g, t in zip(intersections, intersection_types) if types <= t]
                readings.append(inside(chosen, located, points, n))
            else:
                values, cut = (gi[rule["type"]], rule["gi_z_above"]) if "gi_z_above" in rule else \
                    (percentile[rule["type"]], rule["density_percentile_above"])
                reading = np.full(n, NOT_ASSESSED, dtype=np.uint8)
                ok = cell >= 0
                v = values[cell[ok]]
                known = v > -1e299
                r = np.where(v > cut, PRESENT, ABSENT).astype(np.uint8)
                target = located[ok]
                reading[target[known]] = r[known]
                readings.append(reading)
        elif "at_least" in f or "below" in f:
            x = cohort[f["column"]].to_numpy(dtype=float)
            hit = x >= f["at_least"] if "at_least" in f else x < f["below"]
            readings.append(np.where(np.isnan(x), NOT_ASSESSED, np.where(hit, PRESENT, ABSENT)).astype(np.uint8))
        else:
            column = cohort[f["column"]].cat
            level = np.array([{"yes": PRESENT, "no": ABSENT}[c] for c in column.categories], dtype=np.uint8)
            codes = column.codes.to_numpy()
            readings.append(np.where(codes < 0, NOT_ASSESSED, level[codes]).astype(np.uint8))
    weights = np.array([f.get("weight", 1.0) for f in factors], dtype=float)
    stacked = np.vstack(readings)
    scores = weights @ (stacked == PRESENT).astype(float)
    bands = np.searchsorted(cut_offs, scores, side="right") - 1
    return stacked, scores, bands


stacked, scores, bands = score()
present = [int(v) for v in (stacked == PRESENT).sum(axis=1)]
missing = [int(v) for v in (stacked == NOT_ASSESSED).sum(axis=1)]
counts = [int(v) for v in np.bincount(bands, minlength=len(cut_offs))]
print(f"numpy-shapely checksum {scores.sum():.1f} present {present} not-assessed {missing} bands {counts}", file=sys.stderr)
for _ in range(repetitions):
    start = time.perf_counter()
    score()
    print(f"numpy-shapely {time.perf_counter() - start:.6f}", flush=True)
