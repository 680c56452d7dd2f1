"""Compare the `check TOOL b1 b2 b3 se1 se2 se3` lines of the logistic-regression benchmark.

    python3 logistic_check.py CHECKS_FILE [--tolerance 1e-6] [--statsmodels-se-tolerance 1e-4]

Exits 1 unless there are at least two tools and every tool's slopes and standard errors agree
with the first tool's (PreventKit's) to the relative tolerance, so a fast wrong answer cannot
pass. The slopes are compared at --tolerance for every tool: the tools stop their iterations by
different rules. Standard errors are compared at --tolerance too, except statsmodels': R's glm
(and PreventKit, which follows it) evaluates the information matrix at the working weights of
the last iteration, statsmodels at the final estimates, which differ by about 1e-5 relative.
"""
import argparse
import sys

parser = argparse.ArgumentParser()
parser.add_argument("checks")
parser.add_argument("--tolerance", type=float, default=1e-6)
parser.add_argument("--statsmodels-se-tolerance", type=float, default=1e-4)
args = parser.parse_args()

rows = {}
with open(args.checks) as lines:
    for line in lines:
        if line.startswith("check "):
            _, tool, *values = line.split()
            rows[tool] = [float(v) for v in values]
if len(rows) < 2:
    sys.exit(f"logistic: only {len(rows)} tool(s) printed a check line")
(reference_tool, reference), *others = rows.items()
failed = False
for tool, values in others:
    if len(values) != len(reference):
        sys.exit(f"logistic: {tool} printed {len(values)} values, {reference_tool} {len(reference)}")
    half = len(values) // 2
    errors = [abs(a - b) / max(abs(a), abs(b)) for a, b in zip(reference, values)]
    slopes, ses = max(errors[:half]), max(errors[half:])
    se_tolerance = args.statsmodels_se_tolerance if tool == "statsmodels" else args.tolerance
    print(f"logistic check: {tool} against {reference_tool}: slopes {slopes:.1e}, standard errors {ses:.1e} "
          f"relative (tolerances {args.tolerance:g}, {se_tolerance:g})", file=sys.stderr)
    failed |= not (slopes <= args.tolerance and ses <= se_tolerance)
if failed:
    sys.exit("logistic: the tools disagree")
