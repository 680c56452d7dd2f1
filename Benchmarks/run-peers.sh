#!/usr/bin/env bash
# Release-mode benchmarks of PreventKit against the named peer of each, in one run on one machine.
#
#   Benchmarks/run-peers.sh            # everything
#   Benchmarks/run-peers.sh gemm       # dgemm against numpy
#   Benchmarks/run-peers.sh csv        # CSV read against data.table::fread (2 threads) and pandas
#   Benchmarks/run-peers.sh overlay    # points in polygons against shapely's STRtree query
#   Benchmarks/run-peers.sh hotspots   # hotspot statistics on 1000 x 1000 cells; Gi* against esda
#   Benchmarks/run-peers.sh enrol      # register enrolments, each durably committed, against a bare
#                                      # Python sqlite3 insert-and-commit with the same settings
#   Benchmarks/run-peers.sh register   # the service's register API on SQLite and PostgreSQL, each enrolment
#                                      # durably committed, against Python sqlite3 and pgbench (PREVENTKIT_POSTGRES_URL)
#   Benchmarks/run-peers.sh service    # `prevent serve`: 50 enrollers through the JSON API for 60 s, then again with a
#                                      # SIGKILL and restart, each enrolment durably committed, against Python sqlite3
#                                      # committing the same rows alone (SERVICE_CLIENTS, SERVICE_SECONDS, PREVENT)
#   Benchmarks/run-peers.sh allocate   # stratified block allocation and design replays (no peer installable)
#   Benchmarks/run-peers.sh analysis   # robust OLS fits (HC2, CR2) against estimatr::lm_robust and statsmodels
#   Benchmarks/run-peers.sh score      # risk scores on 20 factors with hotspot context against numpy + shapely
#   Benchmarks/run-peers.sh lasso      # ten-fold cross-validated lasso logistic path against R cv.glmnet
#                                      # (LASSO_ROWS, default 100000; LASSO_FACTORS, default 30)
#   Benchmarks/run-peers.sh cox        # Cox proportional hazards (Efron ties) against R survival::coxph
#                                      # (COX_ROWS, default 100000)
#   Benchmarks/run-peers.sh ri         # randomisation inference, 10,000 draws, against one estimatr lm_lin fit per draw
#   Benchmarks/run-peers.sh command    # the whole `prevent analyse` process on 1,000,000 rows against R fread + lm_robust
#   Benchmarks/run-peers.sh power      # power simulation, 1,000 replicate trials, Lin + HC2, against an R lm_lin loop
#                                      # (POWER_PEER_REPLICATES timed, default 50, scaled to 1,000)
#   Benchmarks/run-peers.sh logistic   # logistic regression, 1,000,000 rows x 30 covariates, against R glm and
#                                      # statsmodels Logit (LOGISTIC_ROWS, default 1000000)
#   Benchmarks/run-peers.sh simulate   # `prevent simulate`'s whole study folder, 4,000 people, cohort 800 (no peer)
#   Benchmarks/run-peers.sh report     # `prevent report`'s pipeline and rendering on Studies/jigsaw-trial, against R
#                                      # computing the same outcomes and outcome analyses (peers/report_r.R)
#
# Environment: THREADS (default 2), GEMM_SIZE (2000), REPETITIONS (5), CSV_ROWS (1000000),
# OVERLAY_POINTS (100000), OVERLAY_POLYGONS (2000), HOTSPOT_POINTS (1000000), HOTSPOT_CELLS (1000),
# ESDA_CELLS (200), SCRATCH_PATH, ANALYSIS_ROWS (1000000), CR2_ROWS (100000), CR2_CLUSTERS (1000),
# SCORE_PEOPLE (1000000).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

threads="${THREADS:-2}"
gemm_size="${GEMM_SIZE:-2000}"
repetitions="${REPETITIONS:-5}"
csv_rows="${CSV_ROWS:-1000000}"
overlay_points="${OVERLAY_POINTS:-100000}"
overlay_polygons="${OVERLAY_POLYGONS:-2000}"
hotspot_points="${HOTSPOT_POINTS:-1000000}"
hotspot_cells="${HOTSPOT_CELLS:-1000}"
esda_cells="${ESDA_CELLS:-200}"
which="${1:-all}"

need_peers() {
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    if ! Rscript -e 'library(data.table)' >/dev/null 2>&1; then
        $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq r-base-core r-cran-data.table
    fi
    python3 -c 'import numpy, pandas' 2>/dev/null || python3 -m pip install -q numpy pandas
    python3 -c 'import shapely' 2>/dev/null || python3 -m pip install -q 'shapely>=2'
}

need_peers
# SCRATCH_PATH builds in a scratch folder of one's own (default: Benchmarks/.build).
scratch=(); [ -z "${SCRATCH_PATH:-}" ] || scratch=(--scratch-path "$SCRATCH_PATH")
swift build -c release --package-path "$here" "${scratch[@]}" >&2
bench="$(swift build -c release --package-path "$here" "${scratch[@]}" --show-bin-path)/preventkit-bench"
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

if [ "$which" = all ] || [ "$which" = overlay ]; then
    overlay_data="data/overlay-${overlay_points}x${overlay_polygons}"
    [ -f "$overlay_data/overlay-points.csv" ] || python3 peers/overlay_make_data.py "$overlay_data" \
        --points "$overlay_points" --polygons "$overlay_polygons" >&2
    echo "== point-in-polygon overlay, ${overlay_points} points x ${overlay_polygons} polygons, ${repetitions} repetitions" >&2
    checks="$(mktemp)"
    "$bench" overlay --directory "$overlay_data" --repetitions "$repetitions" --threads "$threads" 2>>"$checks" | sed 's/^/overlay /' >>"$results"
    "$bench" overlay --directory "$overlay_data" --repetitions "$repetitions" --threads 1 2>/dev/null \
        | sed 's/^preventkit/overlay-1-thread preventkit/' >>"$results"
    # shapely's query runs on one thread: its times are the peer in both comparisons.
    shapely_times="$(python3 peers/overlay_shapely.py "$overlay_data" "$repetitions" 2>>"$checks")"
    sed 's/^/overlay /' <<<"$shapely_times" >>"$results"
    sed 's/^/overlay-1-thread /' <<<"$shapely_times" >>"$results"
    cat "$checks" >&2
    # Both must find the same (point, polygon) pairs.
    if [ "$(grep -c "pairs" "$checks")" -ne 2 ] || [ "$(grep "pairs" "$checks" | cut -d' ' -f2- | sort -u | wc -l)" -ne 1 ]; then
        echo "overlay: PreventKit and shapely disagree on the pairs" >&2
        exit 1
    fi
    rm -f "$checks"
fi

if [ "$which" = all ] || [ "$which" = enrol ]; then
    # Registers are written to data/ on the disk (not a memory file system), so every commit's
    # fsync costs what it costs. ENROL_COUNT people per repetition (default 10000).
    enrol_count="${ENROL_COUNT:-10000}"
    mkdir -p data
    echo "== enrolment register, ${enrol_count} people one at a time, each commit durable, 3 repetitions" >&2
    # The benchmark prints each repetition's rate (enrolments per second) on standard error.
    "$bench" enrol --count "$enrol_count" --repetitions 3 --folder data | sed 's/^/enrol /' >>"$results"
    python3 peers/register_sqlite.py data "$enrol_count" 3 | sed 's/^/enrol /' >>"$results"
    awk -v n="$enrol_count" '$1 == "enrol" { print "enrol:", $2, n / $3, "enrolments per second" }' "$results" >&2
fi

if [ "$which" = all ] || [ "$which" = register ]; then
    # The register behind the allocation service (the EnrolmentRegistry API) on SQLite and on
    # PostgreSQL, every enrolment durably committed (synchronous = FULL; synchronous_commit = on).
    # PostgreSQL needs PREVENTKIT_POSTGRES_URL, a database on a server where the user may create
    # databases (the server .ci/run starts will do); each repetition gets a new database. Peers:
    # Python sqlite3 inserting and committing the same rows (peers/register_sqlite.py), and
    # pgbench running the register's durable transaction in SQL alone (peers/register_postgresql.sql)
    # with as many clients as PreventKit has tasks. REGISTER_COUNT (2000), REGISTER_TASKS (8).
    register_count="${REGISTER_COUNT:-2000}"
    register_tasks="${REGISTER_TASKS:-8}"
    mkdir -p data
    echo "== register API, ${register_count} enrolments each durably committed, 3 repetitions: SQLite; PostgreSQL with 1 and ${register_tasks} tasks" >&2
    for _ in 1 2 3; do
        "$bench" register --db "data/register-bench-$RANDOM$RANDOM.sqlite" --count "$register_count" \
            | sed 's/^/register-sqlite /' >>"$results"
    done
    python3 peers/register_sqlite.py data "$register_count" 3 | sed 's/^/register-sqlite /' >>"$results"
    if [ -n "${PREVENTKIT_POSTGRES_URL:-}" ]; then
        pg_base="${PREVENTKIT_POSTGRES_URL%/*}"
        pgbench_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pgbench"
        for tasks in 1 "$register_tasks"; do
            for _ in 1 2 3; do
                name="register_bench_$RANDOM$RANDOM"
                psql "$PREVENTKIT_POSTGRES_URL" -X -q -c "CREATE DATABASE $name"
                "$bench" register --db "$pg_base/$name" --count "$register_count" --tasks "$tasks" \
                    | sed "s/^/register-postgresql-$tasks /" >>"$results"
                psql "$PREVENTKIT_POSTGRES_URL" -X -q -c "DROP DATABASE $name WITH (FORCE)"
                name="register_peer_$RANDOM$RANDOM"
                psql "$PREVENTKIT_POSTGRES_URL" -X -q -c "CREATE DATABASE $name"
                psql "$pg_base/$name" -X -q -f peers/register_postgresql_setup.sql
                tps="$("$pgbench_bin" -n -c "$tasks" -j "$(( tasks < threads ? tasks : threads ))" \
                    -t "$(( register_count / tasks ))" -f peers/register_postgresql.sql "$pg_base/$name" | awk '/^tps/ { print $3 }')"
                awk -v n="$(( register_count / tasks * tasks ))" -v tps="$tps" -v tasks="$tasks" \
                    'BEGIN { printf "register-postgresql-%s pgbench %.6f\n", tasks, n / tps }' >>"$results"
                psql "$PREVENTKIT_POSTGRES_URL" -X -q -c "DROP DATABASE $name WITH (FORCE)"
            done
        done
    else
        echo "register: PREVENTKIT_POSTGRES_URL is unset, so PostgreSQL is skipped (.ci/run shows how to start a server)" >&2
    fi
    awk -v n="$register_count" '$1 ~ /^register-/ { print $1 ":", $2, n / $3, "enrolments per second" }' "$results" >&2
fi

if [ "$which" = all ] || [ "$which" = service ]; then
    # The allocation service under load (Benchmarks/service/load_test.py): SERVICE_CLIENTS enrollers
    # (default 50), each with its own connection and session, enrol new people through the JSON
    # API for SERVICE_SECONDS (default 60) on loopback; then the same with the service killed and
    # restarted half-way. Each run checks that every request was answered, that the register holds
    # exactly the allocations the clients were told (none lost or duplicated) and that `prevent
    # audit verify` is clean. Reported: seconds per 1,000 enrolments, each durably committed, against
    # Python sqlite3 committing 1,000 bare rows with the same settings (the durability floor).
    # PREVENT is the release `prevent` (default ../.build/release/prevent, built if missing).
    prevent="${PREVENT:-$here/../.build/release/prevent}"
    [ -x "$prevent" ] || swift build -c release --package-path "$here/.." --product prevent >&2
    mkdir -p data
    echo "== service: ${SERVICE_CLIENTS:-50} enrollers, ${SERVICE_SECONDS:-60} s, JSON API on loopback, then with a SIGKILL and restart (target: 300 enrolments per second)" >&2
    for restart in "" --restart; do
        python3 service/load_test.py --prevent "$prevent" --clients "${SERVICE_CLIENTS:-50}" \
            --seconds "${SERVICE_SECONDS:-60}" --folder data --results "$results" $restart >&2
    done
    python3 peers/register_sqlite.py data 1000 3 | sed 's/^/service /' >>"$results"
fi

if [ "$which" = all ] || [ "$which" = allocate ]; then
    # Stratified permuted blocks: 1,000,000 people allocated from a table in memory, and 10,000
    # redraws of an 800-person, 4-arm design (randomisation inference). No peer: R randomizr
    # (block_ra) is not packaged for Debian (apt-cache has no r-cran-randomizr), so absolute
    # times are reported against the targets (under 1 s and under 50 ms).
    echo "== allocation: 1,000,000 people in stratified permuted blocks; 10,000 replays of 800 people, ${repetitions} repetitions" >&2
    "$bench" allocate --people 1000000 --repetitions "$repetitions" | sed 's/^/allocate /' >>"$results"
    "$bench" replay --people 800 --replays 10000 --repetitions "$repetitions" | sed 's/^/replay /' >>"$results"
fi

if [ "$which" = all ] || [ "$which" = hotspots ]; then
    python3 -c 'import esda, libpysal' 2>/dev/null || python3 -m pip install -q esda libpysal
    mkdir -p data
    hotspot_data="data/hotspots-${hotspot_points}.csv"
    [ -f "$hotspot_data" ] || python3 peers/hotspots_make_data.py "$hotspot_data" --points "$hotspot_points" >&2
    echo "== hotspots: counts, quartic density, Gi* and FDR for 5 crime types, ${hotspot_points} points, ${hotspot_cells} x ${hotspot_cells} cells (target: under 2 s), ${repetitions} repetitions" >&2
    "$bench" hotspots --path "$hotspot_data" --cells "$hotspot_cells" --repetitions "$repetitions" | sed 's/^/hotspots /' >>"$results"
    echo "== Gi* z-scores for 5 crime types, ${esda_cells} x ${esda_cells} cells, against esda G_Local (target: 50x)" >&2
    checks="$(mktemp)"
    "$bench" hotspots-gi --path "$hotspot_data" --cells "$esda_cells" --repetitions "$repetitions" 2>>"$checks" | sed 's/^/hotspots-gi /' >>"$results"
    python3 peers/hotspots_esda.py "$hotspot_data" "$esda_cells" "$repetitions" 2>>"$checks" | sed 's/^/hotspots-gi /' >>"$results"
    cat "$checks" >&2
    # Both must give the same z-scores (sum and maximum over every type's cells).
    if [ "$(grep -c checksum "$checks")" -ne 2 ] || [ "$(grep checksum "$checks" | sort -u | wc -l)" -ne 1 ]; then
        echo "hotspots-gi: PreventKit and esda disagree on the z-scores" >&2
        exit 1
    fi
    rm -f "$checks"
fi

if [ "$which" = all ] || [ "$which" = analysis ]; then
    # The fit alone, data in memory: each tool reads the same CSV untimed, then times the fit.
    # PreventKit fits RobustLinearModel on a prepared design (intercept, arm indicators,
    # covariates); statsmodels fits OLS on the same prepared matrix; lm_robust takes the formula
    # on its data frame (it builds its model matrix inside the timed call, as users call it).
    if ! Rscript -e 'library(estimatr)' >/dev/null 2>&1; then
        sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
        $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq r-cran-estimatr
    fi
    python3 -c 'import statsmodels' 2>/dev/null || python3 -m pip install -q statsmodels
    analysis_rows="${ANALYSIS_ROWS:-1000000}"
    cr2_rows="${CR2_ROWS:-100000}"
    cr2_clusters="${CR2_CLUSTERS:-1000}"
    mkdir -p data
    hc2_data="data/analysis-${analysis_rows}x20.csv"
    cr2_data="data/analysis-cr2-${cr2_rows}x3-${cr2_clusters}.csv"
    [ -f "$hc2_data" ] || python3 peers/analysis_make_data.py "$hc2_data" --rows "$analysis_rows" >&2
    [ -f "$cr2_data" ] || python3 peers/analysis_make_data.py "$cr2_data" --rows "$cr2_rows" \
        --covariates 3 --clusters "$cr2_clusters" >&2
    echo "== robust OLS, ${analysis_rows} rows, 4 arms, 20 covariates, HC2 (target: 20x), ${repetitions} repetitions" >&2
    checks="$(mktemp)"
    "$bench" fit --path "$hc2_data" --se HC2 --repetitions "$repetitions" --threads "$threads" 2>>"$checks" | sed 's/^/analysis-hc2 /' >>"$results"
    Rscript peers/analysis_estimatr.R "$hc2_data" HC2 "$repetitions" 2>>"$checks" | sed 's/^/analysis-hc2 /' >>"$results"
    OPENBLAS_NUM_THREADS="$threads" python3 peers/analysis_statsmodels.py "$hc2_data" "$repetitions" 2>>"$checks" | sed 's/^/analysis-hc2 /' >>"$results"
    cat "$checks" >&2
    python3 peers/analysis_check.py "$checks"
    echo "== robust OLS, ${cr2_rows} rows in ${cr2_clusters} clusters, 4 arms, 3 covariates, CR2 (target: 10x), ${repetitions} repetitions" >&2
    : >"$checks"
    "$bench" fit --path "$cr2_data" --se CR2 --repetitions "$repetitions" --threads "$threads" 2>>"$checks" | sed 's/^/analysis-cr2 /' >>"$results"
    Rscript peers/analysis_estimatr.R "$cr2_data" CR2 "$repetitions" 2>>"$checks" | sed 's/^/analysis-cr2 /' >>"$results"
    cat "$checks" >&2
    python3 peers/analysis_check.py "$checks"
    rm -f "$checks"
fi

if [ "$which" = all ] || [ "$which" = score ]; then
    # Scoring 1,000,000 people on 20 factors (14 yes/no, 2 thresholds, 4 hotspot rules), cohort
    # and hotspot layers in memory (target: under 1 s). The peer is vectorised numpy with
    # shapely's STRtree for the polygons, on the layers PreventKit built (layers.json).
    score_people="${SCORE_PEOPLE:-1000000}"
    score_data="data/score-${score_people}"
    [ -f "$score_data/cohort.csv" ] || python3 peers/score_make_data.py "$score_data" --people "$score_people" >&2
    echo "== risk scores, ${score_people} people, 20 factors with hotspot context (target: under 1 s), ${repetitions} repetitions" >&2
    checks="$(mktemp)"
    "$bench" score --directory "$score_data" --repetitions "$repetitions" 2>>"$checks" | sed 's/^/score /' >>"$results"
    python3 peers/score_numpy.py "$score_data" "$repetitions" 2>>"$checks" | sed 's/^/score /' >>"$results"
    cat "$checks" >&2
    # Both must give the same readings, scores and bands.
    if [ "$(grep -c checksum "$checks")" -ne 2 ] || [ "$(grep checksum "$checks" | cut -d' ' -f2- | sort -u | wc -l)" -ne 1 ]; then
        echo "score: PreventKit and numpy disagree on the scores" >&2
        exit 1
    fi
    rm -f "$checks"
fi

if [ "$which" = all ] || [ "$which" = lasso ]; then
    # Ten-fold cross-validated lasso logistic path (100 lambdas, glmnet's defaults) with the same
    # fold column for both, data in memory (target: at least as fast as glmnet). PreventKit fits
    # the folds on both cores; cv.glmnet fits them one after another, as it does by default.
    if ! Rscript -e 'library(glmnet)' >/dev/null 2>&1; then
        sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
        $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq r-cran-glmnet
    fi
    lasso_rows="${LASSO_ROWS:-100000}"
    lasso_factors="${LASSO_FACTORS:-30}"
    mkdir -p data
    lasso_data="data/lasso-${lasso_rows}x${lasso_factors}.csv"
    [ -f "$lasso_data" ] || python3 peers/lasso_make_data.py "$lasso_data" --rows "$lasso_rows" --factors "$lasso_factors" >&2
    echo "== cross-validated lasso, ${lasso_rows} people, ${lasso_factors} factors, 10 folds (target: glmnet's time), ${repetitions} repetitions" >&2
    checks="$(mktemp)"
    "$bench" lasso --path "$lasso_data" --repetitions "$repetitions" --threads "$threads" 2>>"$checks" | sed 's/^/lasso /' >>"$results"
    Rscript peers/lasso_glmnet.R "$lasso_data" "$repetitions" 2>>"$checks" | sed 's/^/lasso /' >>"$results"
    python3 peers/lasso_check.py "$checks"
    rm -f "$checks"
fi

if [ "$which" = all ] || [ "$which" = cox ]; then
    # Cox regression of time to first offence on arm and two covariates, Efron ties, data in
    # memory (target: at least 5x faster than coxph); estimates must agree to 1e-6.
    cox_rows="${COX_ROWS:-100000}"
    mkdir -p data
    cox_data="data/cox-${cox_rows}.csv"
    [ -f "$cox_data" ] || python3 peers/cox_make_data.py "$cox_data" --rows "$cox_rows" >&2
    echo "== Cox regression, ${cox_rows} people, 4 arms, 2 covariates, Efron ties (target: 5x), ${repetitions} repetitions" >&2
    checks="$(mktemp)"
    "$bench" cox --path "$cox_data" --repetitions "$repetitions" 2>>"$checks" | sed 's/^/cox /' >>"$results"
    Rscript peers/cox_coxph.R "$cox_data" "$repetitions" 2>>"$checks" | sed 's/^/cox /' >>"$results"
    python3 peers/cox_check.py "$checks"
    rm -f "$checks"
fi

if [ "$which" = all ] || [ "$which" = ri ]; then
    # 10,000 draws from an 800-person, four-arm design in stratified permuted blocks (12 strata),
    # Lin adjustment on 8 covariates, HC2: RandomisationInference.test against the ri2 way, one
    # lm_lin fit per draw over the same draws (RI_PEER_DRAWS of them timed, scaled to 10,000).
    ri_peer_draws="${RI_PEER_DRAWS:-300}"
    ri_folder="$(mktemp -d)"
    checks="$(mktemp)"
    echo "== randomisation inference, 10,000 draws, 800 people, 4 arms, Lin on 8 covariates, HC2 (target: 200x), ${repetitions} repetitions" >&2
    "$bench" ri --statistic studentised --repetitions "$repetitions" --threads "$threads" --peer-folder "$ri_folder" \
        --peer-draws "$ri_peer_draws" 2>>"$checks" | sed 's/^/ri-studentised /' >>"$results"
    "$bench" ri --statistic estimate --repetitions "$repetitions" --threads "$threads" 2>&1 >/dev/null \
        | sed 's/^ri:/ri (estimate statistic):/' >&2
    "$bench" ri --statistic estimate --repetitions "$repetitions" --threads "$threads" 2>/dev/null | sed 's/^/ri-estimate /' >>"$results"
    estimatr_times="$(Rscript peers/ri_estimatr.R "$ri_folder" 10000 3 2>>"$checks")"
    sed 's/^/ri-studentised /' <<<"$estimatr_times" >>"$results"
    sed 's/^/ri-estimate /' <<<"$estimatr_times" >>"$results"
    grep -v '^check' "$checks" >&2 || true
    python3 peers/analysis_check.py "$checks"
    rm -rf "$ri_folder" "$checks"
fi

if [ "$which" = all ] || [ "$which" = command ]; then
    # Whole processes, parse included: `prevent analyse` (release build) and one Rscript that reads
    # the file with data.table::fread and fits lm_robust, both on the 1,000,000-row file, additive
    # adjustment on 20 covariates, HC2, timed by hyperfine after a warm-up run.
    if ! command -v hyperfine >/dev/null; then
        sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
        $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq hyperfine
    fi
    command_rows="${ANALYSIS_ROWS:-1000000}"
    command_data="data/analysis-${command_rows}x20.csv"
    mkdir -p data
    [ -f "$command_data" ] || python3 peers/analysis_make_data.py "$command_data" --rows "$command_rows" >&2
    cli_scratch=(); [ -z "${SCRATCH_PATH:-}" ] || cli_scratch=(--scratch-path "${SCRATCH_PATH}-cli")
    swift build -c release --package-path "$here/.." "${cli_scratch[@]}" --product prevent >&2
    prevent="$(swift build -c release --package-path "$here/.." "${cli_scratch[@]}" --show-bin-path)/prevent"
    covariate_list="$(seq -s, -f 'x%g' 1 20)"
    echo "== the whole analyse command on ${command_rows} rows (parse included), 4 arms, 20 covariates, HC2, ${repetitions} runs" >&2
    hyperfine_json="$(mktemp)"
    hyperfine --warmup 1 --runs "$repetitions" --export-json "$hyperfine_json" --style basic \
        "OPENBLAS_NUM_THREADS=$threads $prevent analyse --data $command_data --outcome y --arm arm --control 0 --covariates $covariate_list --adjust additive --threads $threads" \
        "Rscript peers/analysis_command.R $command_data" >&2
    python3 peers/hyperfine_lines.py "$hyperfine_json" command preventkit estimatr-process >>"$results"
    rm -f "$hyperfine_json"
fi

if [ "$which" = all ] || [ "$which" = logistic ]; then
    # The fit with its standard errors, data in memory: each tool reads the same CSV untimed.
    # PreventKit fits GeneralisedLinearModel on a prepared design; statsmodels fits Logit on the
    # same prepared matrix; R's glm takes the formula on its data frame, as users call it.
    python3 -c 'import statsmodels' 2>/dev/null || python3 -m pip install -q statsmodels
    logistic_rows="${LOGISTIC_ROWS:-1000000}"
    mkdir -p data
    logistic_data="data/logistic-${logistic_rows}x30.csv"
    [ -f "$logistic_data" ] || python3 peers/logistic_make_data.py "$logistic_data" --rows "$logistic_rows" >&2
    echo "== logistic regression, ${logistic_rows} rows, 30 covariates (target: 5x R glm and statsmodels Logit), ${repetitions} repetitions" >&2
    checks="$(mktemp)"
    "$bench" logistic --path "$logistic_data" --repetitions "$repetitions" --threads "$threads" 2>>"$checks" | sed 's/^/logistic /' >>"$results"
    OPENBLAS_NUM_THREADS="$threads" python3 peers/logistic_statsmodels.py "$logistic_data" "$repetitions" 2>>"$checks" | sed 's/^/logistic /' >>"$results"
    Rscript peers/logistic_glm.R "$logistic_data" "$repetitions" 2>>"$checks" | sed 's/^/logistic /' >>"$results"
    cat "$checks" >&2
    python3 peers/logistic_check.py "$checks"
    rm -f "$checks"
fi

if [ "$which" = all ] || [ "$which" = power ]; then
    # A power simulation of 1,000 replicate trials of the 800-person, 4-arm stratified block design,
    # Lin adjustment on one covariate, HC2 (target: under 1 s). Also timed: the same simulation
    # fitting each replicate's whole regression with RobustLinearModel, and a DeclareDesign-style
    # R loop of estimatr::lm_lin (POWER_PEER_REPLICATES of them timed, scaled to 1,000).
    power_peer_replicates="${POWER_PEER_REPLICATES:-50}"
    echo "== power simulation, 1,000 replicates, 800 people, 4 arms, Lin + HC2 (target: under 1 s), ${repetitions} repetitions" >&2
    "$bench" power --replicates 1000 --repetitions "$repetitions" --whole-regression | sed 's/^/power /' >>"$results"
    Rscript peers/power_estimatr.R 1000 "$repetitions" "$power_peer_replicates" | sed 's/^/power /' >>"$results"
fi

if [ "$which" = all ] || [ "$which" = simulate ]; then
    # The bundled study's whole folder (crimes, hotspot layers, scoring of 4,000 people, enrolment,
    # allocation, offences, the truth) written to disk. No peer: nothing else makes this study, so
    # the absolute time is reported against the target (well under 1 s).
    echo "== simulate: the bundled study, 4,000 people, cohort 800 (target: well under 1 s), ${repetitions} repetitions" >&2
    "$bench" simulate --repetitions "$repetitions" | sed 's/^/simulate /' >>"$results"
fi

if [ "$which" = all ] || [ "$which" = report ]; then
    # The whole report on the bundled 800-person study in memory (target: the command under 5 s):
    # PreventKit's pipeline and rendering against R doing only the outcomes and outcome analyses.
    Rscript -e 'library(estimatr); library(MASS); library(survival); library(sandwich)' >/dev/null 2>&1 || {
        sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq r-cran-estimatr r-cran-mass r-cran-survival r-cran-sandwich >&2
    }
    echo "== report: the bundled study's whole report (R peer: outcomes and outcome analyses only), ${repetitions} repetitions" >&2
    "$bench" report --study ../Studies/jigsaw-trial --repetitions "$repetitions" | sed 's/^/report /' >>"$results"
    Rscript peers/report_r.R ../Studies/jigsaw-trial "$repetitions" | sed 's/^/report /' >>"$results"
fi

python3 peers/summarise.py "$results" --gemm-size "$gemm_size"
