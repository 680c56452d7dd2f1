#!/usr/bin/env python3
"""Write the deterministic cohort of the cross-validated lasso benchmark.

Usage: python3 lasso_make_data.py OUTPUT.csv [--rows 100000] [--factors 30] [--folds 10]
       [--seed 20261121]

Columns: y (0/1, the observed outcome), fold (1..K, the cross-validation fold every tool uses)
and f1..fP, the risk factors: mostly binary pathway factors (0/1, prevalence 5% to 50%) with
every fifth a count of prior offences (0..10). The outcome follows a logistic model in which the
first third of the factors matter and the rest do not. The same arguments always write the
same bytes.
"""
import argparse

import numpy as np

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("output")
parser.add_argument("--rows", type=int, default=100_000)
parser.add_argument("--factors", type=int, default=30)
parser.add_argument("--folds", type=int, default=10)
parser.add_argument("--seed", type=int, default=20261121)
args = parser.parse_args()

rng = np.random.default_rng(args.seed)
n, p = args.rows, args.factors
columns = []
for j in range(p):
    if j % 5 == 4:
        columns.append(np.minimum(rng.poisson(1.0 + 0.2 * (j % 3), size=n), 10))
    else:
        columns.append((rng.random(n) < 0.05 + 0.45 * ((j * 7) % p) / p).astype(int))
x = np.column_stack(columns).astype(float)
beta = np.zeros(p)
active = max(1, p // 3)
beta[:active] = np.linspace(0.8, 0.1, active) * np.where(np.arange(active) % 2 == 0, 1.0, -1.0)
eta = -1.5 + (x - x.mean(axis=0)) @ beta
y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)
fold = rng.permutation(np.arange(n) % args.folds) + 1

with open(args.output, "w") as out:
    out.write(",".join(["y", "fold"] + [f"f{j + 1}" for j in range(p)]) + "\n")
    for i in range(n):
        out.write(f"{y[i]},{fold[i]}," + ",".join(str(int(v)) for v in x[i]) + "\n")
