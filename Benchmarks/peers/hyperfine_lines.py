#!/usr/bin/env python3
"""Turn hyperfine's --export-json results into `BENCHMARK TOOL SECONDS` lines for summarise.py.

Usage: python3 hyperfine_lines.py RESULTS.json BENCHMARK TOOL [TOOL ...]
The tools name hyperfine's commands in the order they were given.
"""
import json
import sys

results, benchmark, *tools = sys.argv[1:]
with open(results) as handle:
    commands = json.load(handle)["results"]
if len(commands) != len(tools):
    sys.exit(f"hyperfine_lines: {len(commands)} commands but {len(tools)} tool names")
for tool, command in zip(tools, commands):
    for seconds in command["times"]:
        print(f"{benchmark} {tool} {seconds:.6f}")
