#!/usr/bin/env python3
"""Write the deterministic trial data of the outcome-analysis benchmarks.

Usage: python3 analysis_make_data.py OUTPUT.csv [--rows 1000000] [--covariates 20]
       [--clusters 0] [--seed 20261121]

Columns: y, arm (0 = control, 1..3), x1..xK and, with --clusters S > 0, g (the cluster, 0..S-1,
equal sizes in row order; arms are then assigned by cluster). Every value is printed with at
most 6 decimals, so each tool parses exactly the same doubles. The same arguments always write
the same bytes.
"""
import argparse

import numpy as np

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("output")
parser.add_argument("--rows", type=int, default=1_000_000)
parser.add_argument("--covariates", type=int, default=20)
parser.add_argument("--clusters", type=int, default=0)
parser.add_argument("--seed", type=int, default=20261121)
args = parser.parse_args()

rng = np.random.default_rng(args.seed)
n, k = args.rows, args.covariates
x = np.round(rng.standard_normal((n, k)), 6)
if args.clusters > 0:
    g = np.arange(n) * args.clusters // n
    arm = rng.integers(0, 4, size=args.clusters)[g]
    cluster_effect = rng.standard_normal(args.clusters)[g]
else:
    g = None
    arm = rng.integers(0, 4, size=n)
    cluster_effect = 0.0
beta = np.linspace(0.5, -0.5, k)
effects = np.array([0.0, 0.1, 0.2, 0.3])
noise = rng.standard_normal(n) * (1 + 0.5 * np.abs(x[:, 0]))  # heteroskedastic
y = np.round(1 + effects[arm] + x @ beta + cluster_effect + noise, 6)

columns = [y, arm] + [x[:, j] for j in range(k)] + ([g] if g is not None else [])
names = ["y", "arm"] + [f"x{j + 1}" for j in range(k)] + (["g"] if g is not None else [])
formats = ["%.6f", "%d"] + ["%.6f"] * k + (["%d"] if g is not None else [])
np.savetxt(args.output, np.column_stack(columns), delimiter=",", header=",".join(names),
           comments="", fmt=formats)
