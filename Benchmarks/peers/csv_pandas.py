#!/usr/bin/env python3
"""Time pandas.read_csv (default C engine) on the CSV read benchmark file.

Usage: python3 csv_pandas.py FILE.csv [REPETITIONS=5]
Prints one line per timed repetition, `pandas SECONDS`, after one untimed warm-up read, and
checks every result's shape against the first.
"""

import gc
import sys
import time

import pandas as pd


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    repetitions = int(sys.argv[2]) if len(sys.argv) > 2 else 5

    shape = pd.read_csv(path).shape
    gc.collect()
    for _ in range(repetitions):
        start = time.perf_counter()
        frame = pd.read_csv(path)
        seconds = time.perf_counter() - start
        assert frame.shape == shape, (frame.shape, shape)
        print(f"pandas {seconds:.6f}", flush=True)
        del frame
        gc.collect()


if __name__ == "__main__":
    main()
