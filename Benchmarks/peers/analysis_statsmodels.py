"""statsmodels OLS with HC2 on the trial of analysis_make_data.py, data already in memory.

    python3 analysis_statsmodels.py DATA.csv REPETITIONS

Reads the file untimed with pandas and builds the design (an intercept, arm indicators 1..3 and
the covariates, in the order of R's formula) untimed, then prints `statsmodels SECONDS` per timed
OLS(y, X).fit(cov_type="HC2") after one warm-up, and on standard error the arm estimates and
standard errors that run-peers.sh compares with the other tools.
"""
import sys
import time

import numpy as np
import pandas as pd
import statsmodels.api as sm

path, repetitions = sys.argv[1], int(sys.argv[2])
data = pd.read_csv(path)
covariates = [c for c in data.columns if c.startswith("x")]
arm = data["arm"].to_numpy()
X = np.column_stack([np.ones(len(data))] + [(arm == level).astype(float) for level in (1, 2, 3)]
                    + [data[c].to_numpy() for c in covariates])
y = data["y"].to_numpy()


def fit():
    result = sm.OLS(y, X).fit(cov_type="HC2")
    result.bse  # the covariance is computed lazily; force it inside the timing
    return result


result = fit()  # warm-up
for _ in range(repetitions):
    start = time.perf_counter()
    result = fit()
    print(f"statsmodels {time.perf_counter() - start:.6f}", flush=True)
values = list(result.params[1:4]) + list(result.bse[1:4])
print("check statsmodels " + " ".join(f"{v:.15e}" for v in values), file=sys.stderr)
