#!/usr/bin/env Rscript
# Time data.table::fread on the CSV read benchmark file (the peer of `preventkit-bench csv`).
#
# Usage: Rscript csv_fread.R FILE.csv [REPETITIONS=5] [THREADS=2]
# Prints one line per timed repetition, `fread SECONDS`, after one untimed warm-up read, and
# checks every result's shape against the first. fread reads integer columns as int32 and the
# rest as double, its defaults.
suppressPackageStartupMessages(library(data.table))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1) stop("usage: Rscript csv_fread.R FILE.csv [REPETITIONS] [THREADS]")
path <- args[[1]]
repetitions <- if (length(args) >= 2) as.integer(args[[2]]) else 5L
threads <- if (length(args) >= 3) as.integer(args[[3]]) else 2L
setDTthreads(threads)

warm <- fread(path, nThread = threads, showProgress = FALSE)
shape <- dim(warm)
rm(warm)
invisible(gc())

for (i in seq_len(repetitions)) {
  start <- proc.time()[["elapsed"]]
  table <- fread(path, nThread = threads, showProgress = FALSE)
  seconds <- proc.time()[["elapsed"]] - start
  stopifnot(identical(dim(table), shape))
  cat(sprintf("fread %.6f\n", seconds))
  rm(table)
  invisible(gc())
}
