#!/usr/bin/env python3
"""Writes the risk-scoring benchmark's inputs into DIRECTORY: study.yaml (20 factors: 14 yes/no
columns, 2 thresholds and 4 hotspot rules), cohort.csv (PEOPLE people with home locations, 2% of
them without one) and crimes.csv (3 crime types clustered in a 20 km square of British National
Grid).

Usage: python3 score_make_data.py DIRECTORY [--people 1000000]
"""
import argparse
from pathlib import Path

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("directory")
parser.add_argument("--people", type=int, default=1_000_000)
args = parser.parse_args()
out = Path(args.directory)
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(20240607)

X0, Y0, SIDE = 400_000.0, 280_000.0, 20_000.0
centres = {"drug_supply": [(6000, 9000), (14000, 5000)], "firearms": [(6600, 9400), (15000, 15000)],
           "acquisitive": [(10000, 12000), (3000, 3000)]}
rows = []
for crime_type, spots in centres.items():
    for cx, cy in spots:
        n = 3000
        rows.append((X0 + cx + 500 * rng.standard_normal(n), Y0 + cy + 500 * rng.standard_normal(n), crime_type, n))
    n = 6000
    rows.append((X0 + SIDE * rng.random(n), Y0 + SIDE * rng.random(n), crime_type, n))
with open(out / "crimes.csv", "w") as f:
    f.write("easting,northing,crime_type\n")
    for x, y, crime_type, n in rows:
        for a, b in zip(x, y):
            f.write(f"{a:.1f},{b:.1f},{crime_type}\n")

n = args.people
near = rng.random(n) < 0.3
east = np.where(near, X0 + 6000 + 1500 * rng.standard_normal(n), X0 + SIDE * rng.random(n))
north = np.where(near, Y0 + 9000 + 1500 * rng.standard_normal(n), Y0 + SIDE * rng.random(n))
missing = rng.random(n) < 0.02
flags = {f"flag_{k:02d}": rng.random(n) < 0.05 + 0.02 * k for k in range(1, 15)}
flag_missing = rng.random(n) < 0.01
age = rng.integers(10, 26, n)
attainment = np.round(100 * rng.random(n), 1)

columns = {"id": np.char.add("P", np.char.zfill(np.arange(n).astype(str), 7)),
           "home_easting": np.where(missing, "", np.char.mod("%.1f", east)),
           "home_northing": np.where(missing, "", np.char.mod("%.1f", north))}
for k, (name, values) in enumerate(flags.items()):
    text = np.where(values, "yes", "no")
    if k == 0:
        text = np.where(flag_missing, "", text)
    columns[name] = text
columns["age"] = age.astype(str)
columns["attainment"] = np.char.mod("%.1f", attainment)
with open(out / "cohort.csv", "w") as f:
    f.write(",".join(columns) + "\n")
    block = 100_000
    for start in range(0, n, block):
        parts = [c[start:start + block] for c in columns.values()]
        f.write("\n".join(",".join(row) for row in zip(*parts)) + "\n")

factors = [f"    - {{id: {name}, domain: {['identity', 'networks', 'criminality', 'ability'][k % 4]}, column: {name}, weight: {1 + k % 3}}}"
           for k, name in enumerate(flags)]
factors += [
    "    - {id: older, domain: criminality, column: age, at_least: 18, weight: 1}",
    "    - {id: low_attainment, domain: identity, column: attainment, below: 25, weight: 2}",
    "    - {id: in_hotspot, domain: identity, spatial: {inside: hotspot}, weight: 2}",
    "    - {id: drugs_and_firearms, domain: identity, spatial: {inside: intersection, types: [drug_supply, firearms]}, weight: 2}",
    "    - {id: drug_hot_cell, domain: identity, spatial: {gi_z_above: 1.96, type: drug_supply}, weight: 1}",
    "    - {id: firearms_density, domain: identity, spatial: {density_percentile_above: 90, type: firearms}, weight: 1}",
]
(out / "study.yaml").write_text(f"""study: score-benchmark
arms: [{{name: control}}, {{name: police}}]
randomisation: {{scheme: simple}}
risk_factors:
  hotspots: {{crimes: crimes.csv, x: easting, y: northing, type: crime_type, cell: 250}}
  factors:
{chr(10).join(factors)}
  bands: [{{name: low, from: 0}}, {{name: medium, from: 6}}, {{name: high, from: 12}}]
""")
