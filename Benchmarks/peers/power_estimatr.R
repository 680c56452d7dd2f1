# A power simulation the way DeclareDesign runs one: draw a trial, fit estimatr's lm_lin with HC2,
# repeat. 800 people in four equal arms (complete randomisation: R has no copy of PreventKit's
# stratified block design, and the fit, not the draw, is the cost), one covariate explaining
# R-squared 0.3, effects 0.1, 0.2 and 0.3.
#
#   Rscript power_estimatr.R REPLICATES_TO_SCALE_TO REPETITIONS TIMED_REPLICATES
#
# Timing 1,000 replicates takes long, so each repetition times TIMED_REPLICATES of them and prints
# the time scaled to REPLICATES_TO_SCALE_TO (`estimatr-loop SECONDS`). On standard error it
# prints the power per arm, which is only a rough check at so few replicates.
suppressPackageStartupMessages(library(estimatr))
args <- commandArgs(trailingOnly = TRUE)
scale_to <- as.numeric(args[1]); repetitions <- as.integer(args[2]); timed <- as.integer(args[3])
set.seed(20151203)
people <- 800
effects <- c(0, 0.1, 0.2, 0.3)
replicate_trial <- function() {
    arm <- sample(rep(0:3, length.out = people))
    x <- rnorm(people)
    y <- effects[arm + 1] + sqrt(0.3) * x + sqrt(0.7) * rnorm(people)
    data <- data.frame(y = y, arm = factor(arm, levels = 0:3), x = x)
    fit <- lm_lin(y ~ arm, covariates = ~ x, data = data, se_type = "HC2")
    fit$p.value[c("arm1", "arm2", "arm3")] < 0.05
}
invisible(replicate_trial())  # warm-up
for (i in seq_len(repetitions)) {
    seconds <- system.time(found <- replicate(timed, replicate_trial()))[["elapsed"]]
    cat(sprintf("estimatr-loop %.6f\n", seconds * scale_to / timed))
}
cat("power (rough):", sprintf("%.2f", rowMeans(found)), "\n", file = stderr())
