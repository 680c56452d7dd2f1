# Reference estimates for the small trial's outcome analyses, from R.
#
# trial.csv is the small study's analysis table (allocation joined to per-person outcomes), made
# by the notebook's own commands on ../small-trial:
#   prevent allocate --study study.yaml --cohort cohort.csv --exclude-ineligible --out allocation.csv
#   prevent outcomes --offences offences.csv --cohort cohort.csv --harm-weights harm-weights.csv \
#       --follow-up 365 --unknown-people ignore --out outcomes.csv
#   (allocation id, arm, stratum joined to the outcomes by id)
# Run from this folder:  Rscript make_reference.R   (needs estimatr, sandwich, MASS, survival)
suppressPackageStartupMessages({
  library(estimatr); library(sandwich); library(MASS); library(survival)
})
trial <- read.csv("trial.csv", stringsAsFactors = FALSE)
trial$arm <- factor(trial$arm, levels = c("control", "police", "partner", "social_media"))
trial$stratum <- factor(trial$stratum)
arms <- c("police", "partner", "social_media")
terms <- paste0("arm", arms)
rows <- list()
add <- function(outcome, measure, est, lower, upper, p) {
  rows[[length(rows) + 1]] <<- data.frame(outcome = outcome, measure = measure, arm = arms, estimate = est,
                                         lower = lower, upper = upper, p = p, holm = p.adjust(p, "holm"))
}
wald <- function(fit, v, outcome, measure, ratio) {
  b <- coef(fit)[terms]; se <- sqrt(diag(v)[terms]); z <- qnorm(0.975)
  p <- 2 * pnorm(-abs(b / se))
  if (ratio) add(outcome, measure, exp(b), exp(b - z * se), exp(b + z * se), p)
  else add(outcome, measure, b, b - z * se, b + z * se, p)
}
robust <- function(fit, outcome, measure) {
  s <- summary(fit)$coefficients[terms, ]
  add(outcome, measure, s[, "Estimate"], s[, "CI Lower"], s[, "CI Upper"], s[, "Pr(>|t|)"])
}

robust(lm_robust(any_offence ~ stratum + arm, data = trial, se_type = "HC2"), "Any offence", "Risk difference")
or <- glm(any_offence ~ stratum + arm, family = binomial, data = trial)
wald(or, vcov(or), "Any offence", "Odds ratio", TRUE)
pois <- glm(offence_count ~ stratum + arm + offset(log(days_at_risk)), family = poisson, data = trial)
wald(pois, vcovHC(pois, type = "HC0"), "Offences", "Rate ratio (Poisson)", TRUE)
nb <- glm.nb(offence_count ~ stratum + arm + offset(log(days_at_risk)), data = trial)
wald(nb, vcov(nb), "Offences", "Rate ratio (negative binomial)", TRUE)
robust(lm_robust(harm ~ arm, data = trial, se_type = "HC2"), "Harm", "Mean difference in harm (days)")
robust(lm_robust(log1p(harm) ~ arm, data = trial, se_type = "HC2"), "Harm", "Mean difference in log(1 + harm)")
robust(lm_robust(I(as.numeric(harm > 0)) ~ arm, data = trial, se_type = "HC2"), "Harm", "Difference in the share with any harm")
cox <- coxph(Surv(time_to_first_offence, first_offence) ~ arm + strata(stratum), data = trial, ties = "efron")
wald(cox, vcov(cox), "Time to first offence", "Hazard ratio", TRUE)

out <- do.call(rbind, rows)
for (column in c("estimate", "lower", "upper", "p", "holm")) out[[column]] <- sprintf("%.17g", out[[column]])
write.csv(out, "estimates.csv", row.names = FALSE, quote = FALSE)
cat(nrow(out), "reference estimates written to estimates.csv\n")
