"""Check that PreventKit and R coxph agree on the Cox model of the benchmark.

Usage: python3 cox_check.py CHECKS_FILE

CHECKS_FILE holds, for each tool, a line `coefficients TOOL b1 b2 ...` and a line
`errors TOOL se1 se2 ...`. Both follow coxph's Newton-Raphson iterations and convergence rule,
so they must agree to 1e-6 relative.
"""
import sys

values = {}
with open(sys.argv[1]) as lines:
    for line in lines:
        fields = line.split()
        if len(fields) > 2 and fields[0] in ("coefficients", "errors"):
            values[(fields[0], fields[1])] = [float(v) for v in fields[2:]]
worst = 0.0
for kind in ("coefficients", "errors"):
    ours, peer = values[(kind, "preventkit")], values[(kind, "coxph")]
    if len(ours) != len(peer):
        print(f"cox: {len(ours)} {kind} against coxph's {len(peer)}", file=sys.stderr)
        sys.exit(1)
    worst = max([worst] + [abs(a - b) / abs(b) for a, b in zip(ours, peer)])
print(f"cox: coefficients and standard errors agree with coxph within {worst:.1e} relative", file=sys.stderr)
if worst > 1e-6:
    print("cox: PreventKit and coxph disagree", file=sys.stderr)
    sys.exit(1)
