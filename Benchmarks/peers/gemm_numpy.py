"""dgemm throughput of numpy on the same sizes as `preventkit-bench gemm`.

Usage: python3 gemm_numpy.py SIZE REPETITIONS
Prints one line per repetition: `numpy SECONDS`. Thread count comes from OPENBLAS_NUM_THREADS,
which run-peers.sh sets to the same value as the Swift run.
"""
import sys
import time

import numpy as np

size, repetitions = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.default_rng(20151203)
a = np.asfortranarray(rng.standard_normal((size, size)))
b = np.asfortranarray(rng.standard_normal((size, size)))
a @ b  # warm-up: threads started, pages touched
for _ in range(repetitions):
    start = time.perf_counter()
    c = a @ b
    print(f"numpy {time.perf_counter() - start:.6f}", flush=True)
