"""Compare the `check TOOL b1 b2 b3 se1 se2 se3` lines of the analysis benchmarks.

    python3 analysis_check.py CHECKS_FILE [--tolerance 1e-8]

Exits 1 unless there are at least two tools and every tool's arm estimates and standard errors
agree with the first tool's to the relative tolerance, so a fast wrong answer cannot pass.
"""
import argparse
import sys

parser = argparse.ArgumentParser()
parser.add_argument("checks")
parser.add_argument("--tolerance", type=float, default=1e-8)
args = parser.parse_args()

rows = {}
with open(args.checks) as lines:
    for line in lines:
        if line.startswith("check "):
            _, tool, *values = line.split()
            rows[tool] = [float(v) for v in values]
if len(rows) < 2:
    sys.exit(f"analysis: only {len(rows)} tool(s) printed a check line")
(reference_tool, reference), *others = rows.items()
worst = 0.0
for tool, values in others:
    for a, b in zip(reference, values, strict=True):
        worst = max(worst, abs(a - b) / max(abs(a), abs(b)))
print(f"analysis check: {', '.join(rows)} agree on the arm estimates and standard errors to "
      f"{worst:.1e} relative (tolerance {args.tolerance:g})", file=sys.stderr)
if not worst <= args.tolerance:
    sys.exit("analysis: the tools disagree")
