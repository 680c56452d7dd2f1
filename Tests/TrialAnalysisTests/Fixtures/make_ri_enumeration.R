# Exact randomisation p-values by full enumeration, from estimatr, for RandomisationInference.
#
#   Rscript make_ri_enumeration.R    # writes ri_enumeration.csv beside this script
#
# Nine units, three arms of three (complete randomisation: 1,680 equally likely assignments).
# For each assignment, estimatr fits lm_robust (additive adjustment) or lm_lin (Lin adjustment)
# with HC2 standard errors; the statistics are each arm's |estimate| and |t|, and for the joint
# test the HC2 Wald statistic b' V^-1 b (studentised) or the classical one (estimate). The exact
# p-value is the share of assignments whose statistic is at least the observed one (ties within
# 1e-9 relative count).
suppressPackageStartupMessages(library(estimatr))
y <- c(3.1, 4.7, 2.2, 6.0, 5.4, 1.9, 7.3, 4.4, 8.6)
x <- c(12, 15, 11, 17, 14, 10, 18, 13, 16)
observed <- c(0, 1, 2, 0, 1, 2, 1, 0, 2)

assignments <- list()
extend <- function(current, remaining) {
    if (all(remaining == 0)) { assignments[[length(assignments) + 1]] <<- current; return(invisible()) }
    for (arm in 0:2) if (remaining[arm + 1] > 0) {
        r <- remaining; r[arm + 1] <- r[arm + 1] - 1
        extend(c(current, arm), r)
    }
}
extend(c(), c(3, 3, 3))
stopifnot(length(assignments) == 1680)

statistics <- function(arms, adjustment) {
    data <- data.frame(y = y, x = x, arm = factor(arms, levels = 0:2))
    fit <- if (adjustment == "lin") lm_lin(y ~ arm, covariates = ~ x, data = data, se_type = "HC2")
           else lm_robust(y ~ arm + x, data = data, se_type = "HC2")
    terms <- c("arm1", "arm2")
    b <- coef(fit)[terms]
    robust <- vcov(fit)[terms, terms]
    classical <- if (adjustment == "lin") vcov(lm_lin(y ~ arm, covariates = ~ x, data = data, se_type = "classical"))[terms, terms]
                 else vcov(lm_robust(y ~ arm + x, data = data, se_type = "classical"))[terms, terms]
    c(abs(b), abs(b / sqrt(diag(robust))), drop(t(b) %*% solve(classical, b)), drop(t(b) %*% solve(robust, b)))
}

rows <- list()
for (adjustment in c("additive", "lin")) {
    reference <- statistics(observed, adjustment)
    all <- t(vapply(assignments, statistics, numeric(6), adjustment = adjustment))
    extreme <- function(column) mean(all[, column] >= reference[column] * (1 - 1e-9))
    rows[[length(rows) + 1]] <- data.frame(
        adjustment = adjustment,
        statistic = c("estimate", "estimate", "studentised", "studentised"),
        test = c("arm1", "arm2", "arm1", "arm2"),
        p_value = c(extreme(1), extreme(2), extreme(3), extreme(4)))
    rows[[length(rows) + 1]] <- data.frame(adjustment = adjustment, statistic = c("estimate", "studentised"),
                                           test = "joint", p_value = c(extreme(5), extreme(6)))
}
out <- do.call(rbind, rows)
write.csv(out, file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "ri_enumeration.csv"),
          row.names = FALSE, quote = FALSE)
