#!/usr/bin/env python3
"""Write the deterministic numeric CSV used by the CSV read benchmark.

Usage: python3 csv_make_data.py OUTPUT.csv [--rows 1000000] [--seed 20240611]

The file has 22 numeric columns and, with the default 1,000,000 rows, is about
200 MB. The columns mix what real exported case data holds: integer identifiers
and counts, measurements with 2 to 6 decimals, and full-precision doubles with
15 to 17 significant digits (some in exponent form), so that a reader is timed on
both its fast and its slow number paths. The same seed always writes the same bytes.
"""

import argparse

import numpy as np
import pandas as pd


def decimals(rng, rows, places, high, low=0):
    """Values in [low, high) with at most `places` decimals: an integer divided by
    10**places, which is correctly rounded, so each prints in its short form."""
    return rng.integers(low * 10**places, high * 10**places, size=rows) / 10**places


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", help="path of the CSV file to write")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20240611)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    n = args.rows
    columns = {
        # Integers: identifiers, ages, counts, years, codes, flags.
        "person_id": np.arange(1, n + 1, dtype=np.int64),
        "age": rng.integers(10, 80, size=n),
        "offences": rng.poisson(1.3, size=n),
        "arrests": rng.poisson(0.6, size=n),
        "year": rng.integers(2015, 2025, size=n),
        "area_code": rng.integers(0, 10_000, size=n),
        "flagged": rng.integers(0, 2, size=n),
        # Measurements with 2 to 6 decimals.
        "risk_score": decimals(rng, n, 2, 100),
        "harm_days": decimals(rng, n, 2, 5_000),
        "distance_km": decimals(rng, n, 3, 50),
        "change": decimals(rng, n, 4, 10, low=-10),
        "dose": decimals(rng, n, 5, 2),
        "easting": decimals(rng, n, 2, 700_000),
        "northing": decimals(rng, n, 2, 1_200_000),
        "latitude": decimals(rng, n, 6, 58, low=49),
        "longitude": decimals(rng, n, 6, 2, low=-6),
        # Full-precision doubles, as statistical software exports them.
        "propensity": rng.random(size=n),
        "residual": rng.normal(size=n),
        "weight": rng.lognormal(mean=3.0, sigma=1.0, size=n),
        "exposure": rng.gamma(2.0, 500.0, size=n),
        "rate": rng.random(size=n) * 1e-5,
        "log_odds": rng.normal(scale=3.0, size=n),
    }
    frame = pd.DataFrame(columns)
    # Each double is written in its shortest round-trip form (Python's repr).
    frame.to_csv(args.output, index=False, lineterminator="\n")


if __name__ == "__main__":
    main()
