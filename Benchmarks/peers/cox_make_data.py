"""Write a trial cohort for the Cox benchmark: time to first offence in whole days (many ties).

Usage: python3 cox_make_data.py OUT.csv --rows 100000 [--seed 1]

Columns: time (days, 1-730), event (1 = offence, 0 = censored at the end of follow-up or at
loss), arm (control, police, partner, social_media), risk (standard normal), age (13-24),
block (four strata).
"""
import argparse

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--rows", type=int, default=100_000)
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()

rng = np.random.default_rng(args.seed)
n = args.rows
arms = np.array(["control", "police", "partner", "social_media"])
arm = arms[rng.integers(0, 4, n)]
effect = np.select([arm == "police", arm == "partner", arm == "social_media"], [-0.35, -0.2, 0.05], 0.0)
risk = np.round(rng.normal(size=n), 3)
age = rng.integers(13, 25, n)
block = rng.integers(1, 5, n)
rate = np.exp(-6.2 + effect + 0.4 * risk + 0.03 * (age - 18) + 0.1 * block)
latent = np.ceil(rng.exponential(1 / rate))
loss = np.where(rng.random(n) < 0.15, np.ceil(rng.uniform(1, 730, n)), np.inf)
time = np.minimum(np.minimum(latent, loss), 730)
event = (latent <= np.minimum(loss, 730)).astype(int)
with open(args.out, "w") as out:
    out.write("time,event,arm,risk,age,block\n")
    for row in zip(time.astype(int), event, arm, risk, age, block):
        out.write("%d,%d,%s,%.3f,%d,%d\n" % row)
