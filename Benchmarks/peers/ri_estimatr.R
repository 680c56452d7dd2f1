# Randomisation inference the way R's ri2 runs it: one estimatr fit per drawn assignment.
#
#   Rscript ri_estimatr.R FOLDER DRAWS_TO_SCALE_TO REPETITIONS
#
# FOLDER holds ri-data.csv (y, arm, x1..x8) and ri-draws.csv (one column of arm indices per
# draw), written by `preventkit-bench ri --peer-folder FOLDER`: the same trial and the same
# draws from the same stratified design. ri2 is not packaged for Debian (no r-cran-ri2), so the
# loop is written out as ri2's conduct_ri does it for a studentised test with Lin adjustment:
# lm_lin(y ~ arm, covariates = ~ x1 + ... + x8, se_type = "HC2") per draw, keeping each arm's
# t statistic. Timing every one of 10,000 fits would take minutes, so each repetition times the
# draws in ri-draws.csv and prints the time scaled to DRAWS_TO_SCALE_TO draws
# (`estimatr-loop SECONDS`). On standard error it prints the t statistics of the first five
# draws, which run-peers.sh compares with PreventKit's to 1e-8 relative.
suppressPackageStartupMessages(library(estimatr))
args <- commandArgs(trailingOnly = TRUE)
folder <- args[1]; scale_to <- as.numeric(args[2]); repetitions <- as.integer(args[3])
data <- read.csv(file.path(folder, "ri-data.csv"))
draws <- as.matrix(read.csv(file.path(folder, "ri-draws.csv")))
covariates <- reformulate(grep("^x", names(data), value = TRUE))
arms <- c("arm1", "arm2", "arm3")

statistics <- function(assignment) {
    data$arm <- factor(assignment, levels = 0:3)
    fit <- lm_lin(y ~ arm, covariates = covariates, data = data, se_type = "HC2")
    fit$statistic[arms]
}
run <- function() vapply(seq_len(ncol(draws)), function(d) statistics(draws[, d]), numeric(3))
invisible(statistics(draws[, 1]))  # warm-up
for (i in seq_len(repetitions)) {
    seconds <- system.time(values <- run())[["elapsed"]]
    cat(sprintf("estimatr-loop %.6f\n", seconds * scale_to / ncol(draws)))
}
cat("check estimatr", sprintf("%.15e", as.vector(values[, 1:5])), "\n", file = stderr())
