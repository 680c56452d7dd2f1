# R glmnet's cv.glmnet on the cohort of lasso_make_data.py, data already in memory.
#
#   Rscript lasso_glmnet.R DATA.csv REPETITIONS
#
# Reads the file untimed, then prints `glmnet SECONDS` per timed call of
# cv.glmnet(x, y, family = "binomial", alpha = 1, nlambda = 100, foldid = fold) after one
# warm-up (default deviance loss, default thresh = 1e-7, sequential folds), and on standard
# error the check lines that run-peers.sh compares with PreventKit: the number of lambdas,
# lambda.min, lambda.1se and the coefficients at lambda.min.
suppressPackageStartupMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; repetitions <- as.integer(args[2])
data <- if (requireNamespace("data.table", quietly = TRUE)) {
    as.data.frame(data.table::fread(path))
} else {
    read.csv(path)
}
factors <- grep("^f[0-9]+$", names(data), value = TRUE)
x <- as.matrix(data[, factors]); storage.mode(x) <- "double"
y <- data$y; fold <- data$fold

fit <- function() cv.glmnet(x, y, family = "binomial", alpha = 1, nlambda = 100, foldid = fold)
model <- fit()  # warm-up
for (i in seq_len(repetitions)) {
    seconds <- system.time(model <- fit())[["elapsed"]]
    cat(sprintf("glmnet %.6f\n", seconds))
}
at_min <- as.numeric(coef(model, s = "lambda.min"))
cat(sprintf("check glmnet lambdas %d min %.10e 1se %.10e\n",
            length(model$lambda), model$lambda.min, model$lambda.1se), file = stderr())
cat("coefficients glmnet", sprintf("%.10e", at_min), "\n", file = stderr())
