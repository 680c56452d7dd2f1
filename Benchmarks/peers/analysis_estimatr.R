# estimatr's lm_robust on the trial of analysis_make_data.py, data already in memory.
#
#   Rscript analysis_estimatr.R DATA.csv SE_TYPE REPETITIONS
#
# Reads the file untimed (data.table::fread if installed, else read.csv) and makes arm a factor,
# then prints `estimatr SECONDS` per timed lm_robust(y ~ arm + x1 + ... + xK, se_type = SE_TYPE)
# call (with clusters = g for a CR type) after one warm-up, and on standard error the arm
# estimates and standard errors that run-peers.sh compares with the other tools.
suppressPackageStartupMessages(library(estimatr))
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; se_type <- args[2]; repetitions <- as.integer(args[3])
data <- if (requireNamespace("data.table", quietly = TRUE)) {
    as.data.frame(data.table::fread(path))
} else {
    read.csv(path)
}
data$arm <- factor(data$arm, levels = 0:3)
covariates <- grep("^x", names(data), value = TRUE)
formula <- reformulate(c("arm", covariates), response = "y")
clustered <- startsWith(se_type, "CR") || se_type == "stata"

fit <- function() {
    if (clustered) lm_robust(formula, data = data, clusters = g, se_type = se_type)
    else lm_robust(formula, data = data, se_type = se_type)
}
model <- fit()  # warm-up
for (i in seq_len(repetitions)) {
    seconds <- system.time(model <- fit())[["elapsed"]]
    cat(sprintf("estimatr %.6f\n", seconds))
}
arms <- c("arm1", "arm2", "arm3")
cat("check estimatr", sprintf("%.15e", c(coef(model)[arms], model$std.error[arms])), "\n", file = stderr())
