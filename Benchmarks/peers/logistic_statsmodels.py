"""statsmodels Logit on the data of logistic_make_data.py, data already in memory.

    python3 logistic_statsmodels.py DATA.csv REPETITIONS

Reads the file untimed with pandas and builds the design (an intercept and the covariates)
untimed, then prints `statsmodels SECONDS` per timed Logit(y, X).fit() with its standard errors
after one warm-up, and on standard error the first three slopes and their standard errors, which
run-peers.sh compares with the other tools.
"""
import sys
import time

import numpy as np
import pandas as pd
import statsmodels.api as sm

path, repetitions = sys.argv[1], int(sys.argv[2])
data = pd.read_csv(path)
covariates = [c for c in data.columns if c.startswith("x")]
X = np.column_stack([np.ones(len(data))] + [data[c].to_numpy() for c in covariates])
y = data["y"].to_numpy(dtype=float)


def fit():
    result = sm.Logit(y, X).fit(disp=0)
    result.bse  # the covariance is computed lazily; force it inside the timing
    return result


result = fit()  # warm-up
for _ in range(repetitions):
    start = time.perf_counter()
    result = fit()
    print(f"statsmodels {time.perf_counter() - start:.6f}", flush=True)
values = list(result.params[1:4]) + list(result.bse[1:4])
print("check statsmodels " + " ".join(f"{v:.15e}" for v in values), file=sys.stderr)
