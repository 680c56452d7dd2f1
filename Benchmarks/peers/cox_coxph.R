# R survival's coxph on the cohort of cox_make_data.py, data already in memory.
#
#   Rscript cox_coxph.R DATA.csv REPETITIONS
#
# Reads the file untimed, then prints `coxph SECONDS` per timed call of
# coxph(Surv(time, event) ~ arm + risk + age, ties = "efron") after one warm-up, and on standard
# error the check line that run-peers.sh compares with PreventKit: coefficients and standard
# errors, control first as the reference arm.
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; repetitions <- as.integer(args[2])
data <- if (requireNamespace("data.table", quietly = TRUE)) {
    as.data.frame(data.table::fread(path))
} else {
    read.csv(path)
}
data$arm <- factor(data$arm, levels = c("control", "partner", "police", "social_media"))
fit <- function() coxph(Surv(time, event) ~ arm + risk + age, data = data, ties = "efron")
model <- fit()  # warm-up
for (i in seq_len(repetitions)) {
    seconds <- system.time(model <- fit())[["elapsed"]]
    cat(sprintf("coxph %.6f\n", seconds))
}
cat("coefficients coxph", sprintf("%.12e", coef(model)), "\n", file = stderr())
cat("errors coxph", sprintf("%.12e", sqrt(diag(vcov(model)))), "\n", file = stderr())
