"""Check that PreventKit and R glmnet agree on the cross-validated lasso of the benchmark.

Usage: python3 lasso_check.py CHECKS_FILE

CHECKS_FILE holds, for each tool, a line `check TOOL lambdas N min L 1se L` and a line
`coefficients TOOL b0 b1 ...` (the coefficients at lambda.min). Both tools run glmnet's default
convergence threshold (1e-7), which bounds each coefficient's squared change per pass, weighted
by its curvature (about 0.16 here), by 1e-7 times the null deviance: each stops within a few
1e-4 of the exact solution (at thresh 1e-18 the two agree to 1e-7, see the RiskModels tests).
The check requires the same number of lambdas, lambda.min and lambda.1se equal to 1e-8 relative
(the same point of the same sequence), the same factors selected at lambda.min, and
coefficients within 2e-3 of each other (relative to the largest coefficient).
"""
import sys

checks, coefficients = {}, {}
with open(sys.argv[1]) as lines:
    for line in lines:
        fields = line.split()
        if not fields:
            continue
        if fields[0] == "check":
            checks[fields[1]] = (int(fields[3]), float(fields[5]), float(fields[7]))
        elif fields[0] == "coefficients":
            coefficients[fields[1]] = [float(v) for v in fields[2:]]
ours, peer = checks["preventkit"], checks["glmnet"]
ok = ours[0] == peer[0]
ok &= all(abs(a - b) <= 1e-8 * abs(b) for a, b in zip(ours[1:], peer[1:]))
scale = max(abs(v) for v in coefficients["glmnet"])
worst = max(abs(a - b) for a, b in zip(coefficients["preventkit"], coefficients["glmnet"])) / scale
ok &= worst < 2e-3
ok &= [v == 0 for v in coefficients["preventkit"]] == [v == 0 for v in coefficients["glmnet"]]
print(f"lasso: {ours[0]} and {peer[0]} lambdas; lambda.min {ours[1]:.6e} and {peer[1]:.6e}; "
      f"lambda.1se {ours[2]:.6e} and {peer[2]:.6e}; coefficients at lambda.min within {worst:.1e}", file=sys.stderr)
if not ok:
    print("lasso: PreventKit and glmnet disagree", file=sys.stderr)
    sys.exit(1)
