#!/usr/bin/env bash
# Release-mode benchmarks of PreventKit against the named peer of each, in one run on one machine.
#
#   Benchmarks/run-peers.sh            # everything
#   Benchmarks/run-peers.sh gemm       # dgemm against numpy
#   Benchmarks/run-peers.sh csv        # CSV read against data.table::fread (2 threads) and pandas
#
# Environment: THREADS (default 2), GEMM_SIZE (2000), REPETITIONS (5), CSV_ROWS (1000000).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

threads="${THREADS:-2}"
gemm_size="${GEMM_SIZE:-2000}"
repetitions="${REPETITIONS:-5}"
csv_rows="${CSV_ROWS:-1000000}"
which="${1:-all}"

need_peers() {
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    if ! Rscript -e 'library(data.table)' >/dev/null 2>&1; then
        $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq r-base-core r-cran-data.table
    fi
    python3 -c 'import numpy, pandas' 2>/dev/null || python3 -m pip install -q numpy pandas
}

need_peers
swift build -c release --package-path "$here" >&2
bench="$(swift build -c release --package-path "$here" --show-bin-path)/preventkit-bench"
results="$(mktemp)"
trap 'rm -f "$results"' EXIT

if [ "$which" = all ] || [ "$which" = gemm ]; then
    echo "== dgemm, ${gemm_size} x ${gemm_size}, ${threads} threads, ${repetitions} repetitions" >&2
    "$bench" gemm --size "$gemm_size" --repetitions "$repetitions" --threads "$threads" | sed 's/^/gemm /' >>"$results"
    OPENBLAS_NUM_THREADS="$threads" python3 peers/gemm_numpy.py "$gemm_size" "$repetitions" | sed 's/^/gemm /' >>"$results"
fi

if [ "$which" = all ] || [ "$which" = csv ]; then
    mkdir -p data
    data="data/numeric-${csv_rows}x22.csv"
    [ -f "$data" ] || python3 peers/csv_make_data.py "$data" --rows "$csv_rows" >&2
    echo "== CSV read, $(du -h "$data" | cut -f1) ($data), ${repetitions} repetitions" >&2
    # Warm the page cache once so that every reader sees the same, cached file.
    cat "$data" >/dev/null
    "$bench" csv --path "$data" --repetitions "$repetitions" | sed 's/^/csv /' >>"$results"
    Rscript peers/csv_fread.R "$data" "$repetitions" 2 | sed 's/^/csv /' >>"$results"
    python3 peers/csv_pandas.py "$data" "$repetitions" | sed 's/^/csv /' >>"$results"
fi

python3 peers/summarise.py "$results" --gemm-size "$gemm_size"
