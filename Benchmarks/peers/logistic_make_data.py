#!/usr/bin/env python3
"""Write the deterministic data of the logistic-regression benchmark.

Usage: python3 logistic_make_data.py OUTPUT.csv [--rows 1000000] [--covariates 30] [--seed 20261121]

Columns: y (0/1) and x1..xK, standard normal covariates printed with 6 decimals so that every
tool parses exactly the same doubles. y is drawn from a logistic model with coefficients spread
between 0.4 and -0.4 and intercept -0.5. The same arguments always write the same bytes.
"""
import argparse

import numpy as np

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("output")
parser.add_argument("--rows", type=int, default=1_000_000)
parser.add_argument("--covariates", type=int, default=30)
parser.add_argument("--seed", type=int, default=20261121)
args = parser.parse_args()

rng = np.random.default_rng(args.seed)
n, k = args.rows, args.covariates
x = np.round(rng.standard_normal((n, k)), 6)
beta = np.linspace(0.4, -0.4, k)
eta = -0.5 + x @ beta
y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)

with open(args.output, "w") as out:
    out.write(",".join(["y"] + [f"x{j + 1}" for j in range(k)]) + "\n")
    block = 100_000
    for start in range(0, n, block):
        rows = np.column_stack([y[start:start + block], x[start:start + block]])
        lines = [str(int(r[0])) + "," + ",".join(f"{v:.6f}" for v in r[1:]) for r in rows]
        out.write("\n".join(lines) + "\n")
