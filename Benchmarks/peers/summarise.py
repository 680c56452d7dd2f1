"""Summarise `benchmark tool seconds` lines: median per tool and the ratio of each peer to PreventKit.

A ratio above 1 means the peer took longer than PreventKit (PreventKit is that many times faster).
"""
import argparse
import statistics
from collections import defaultdict

parser = argparse.ArgumentParser()
parser.add_argument("results")
parser.add_argument("--gemm-size", type=int, default=2000)
args = parser.parse_args()

times = defaultdict(lambda: defaultdict(list))
with open(args.results) as lines:
    for line in lines:
        benchmark, tool, seconds = line.split()
        times[benchmark][tool].append(float(seconds))

for benchmark, tools in times.items():
    ours = statistics.median(tools["preventkit"])
    print(f"{benchmark}:")
    for tool, samples in tools.items():
        median = statistics.median(samples)
        extra = ""
        if benchmark == "gemm":
            extra = f"  {2 * args.gemm_size ** 3 / median / 1e9:7.1f} GFLOP/s"
        ratio = "" if tool == "preventkit" else f"  peer/preventkit = {median / ours:5.2f}"
        print(f"  {tool:<14} median {median:8.4f} s over {len(samples)} runs{extra}{ratio}")
