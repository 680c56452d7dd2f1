# The whole outcome analysis as one R process, the peer of `prevent analyse` on the same file:
# read the CSV with data.table::fread, fit lm_robust(y ~ arm + x1 + ... + xK, se_type = "HC2")
# with additive adjustment, and print each arm's estimate, standard error, t, p and interval.
#
#   Rscript analysis_command.R DATA.csv
suppressPackageStartupMessages({ library(data.table); library(estimatr) })
path <- commandArgs(trailingOnly = TRUE)[1]
data <- fread(path)
data[, arm := factor(arm, levels = 0:3)]
covariates <- grep("^x", names(data), value = TRUE)
fit <- lm_robust(reformulate(c("arm", covariates), response = "y"), data = data, se_type = "HC2")
print(tidy(fit)[2:4, c("term", "estimate", "std.error", "statistic", "p.value", "conf.low", "conf.high")], digits = 10)
