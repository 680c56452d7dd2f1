# R's glm(family = binomial) on the data of logistic_make_data.py, data already in memory.
#
#   Rscript logistic_glm.R DATA.csv REPETITIONS
#
# Reads the file untimed (data.table::fread if installed, else read.csv), then prints
# `glm SECONDS` per timed glm(y ~ x1 + ... + xK, family = binomial) call with its standard errors
# (summary) after one warm-up, and on standard error the first three slopes and their standard
# errors, which run-peers.sh compares with the other tools.
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; repetitions <- as.integer(args[2])
data <- if (requireNamespace("data.table", quietly = TRUE)) {
    as.data.frame(data.table::fread(path))
} else {
    read.csv(path)
}
covariates <- grep("^x", names(data), value = TRUE)
formula <- reformulate(covariates, response = "y")

fit <- function() {
    model <- glm(formula, family = binomial, data = data)
    coef(summary(model))
}
table <- fit()  # warm-up
for (i in seq_len(repetitions)) {
    seconds <- system.time(table <- fit())[["elapsed"]]
    cat(sprintf("glm %.6f\n", seconds))
}
cat("check glm", sprintf("%.15e", c(table[2:4, 1], table[2:4, 2])), "\n", file = stderr())
