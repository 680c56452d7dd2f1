# The peer of `preventkit-bench report`: the study report's per-person outcomes and outcome
# analyses in R, on the same study folder.
#
#   Rscript report_r.R STUDY_FOLDER REPETITIONS
#
# Each timed run reads the cohort, allocation, offences and harm weights, computes each allocated
# person's outcomes over 365 days of follow-up (proactive offences left out, censored at loss to
# follow-up), and fits what the report fits: the risk difference (estimatr HC2, strata as block
# fixed effects), the odds ratio (glm), Poisson (HC0 sandwich) and negative binomial (MASS) rate
# ratios with log days at risk as offset, the three harm analyses (HC2), Kaplan-Meier curves, the
# stratified log-rank test, the stratified Cox model and cox.zph. Prints `r SECONDS` per run after
# one warm-up. Hotspots, risk scores, balance, power and rendering are PreventKit's work only, so
# the ratio flatters R.
suppressPackageStartupMessages({
    library(estimatr); library(sandwich); library(MASS); library(survival)
})
args <- commandArgs(trailingOnly = TRUE)
folder <- args[1]; repetitions <- as.integer(args[2])
follow_up <- 365

run <- function() {
    cohort <- read.csv(file.path(folder, "cohort.csv"), colClasses = "character")
    allocation <- read.csv(file.path(folder, "allocation.csv"), colClasses = "character")
    offences <- read.csv(file.path(folder, "offences.csv"), colClasses = "character")
    weights <- read.csv(file.path(folder, "harm-weights.csv"), stringsAsFactors = FALSE)
    trial <- merge(allocation[, c("id", "arm", "stratum")], cohort[, c("id", "allocation_date", "lost_to_follow_up")], by = "id")
    start <- as.Date(trial$allocation_date)
    lost <- as.Date(ifelse(trial$lost_to_follow_up == "", NA, trial$lost_to_follow_up))
    end <- pmin(follow_up, ifelse(is.na(lost), follow_up, as.numeric(lost - start)))
    trial$lost <- as.numeric(!is.na(lost) & as.numeric(lost - start) < follow_up)
    o <- merge(offences, data.frame(id = trial$id, start = start, end = end), by = "id")
    o$offset <- as.numeric(as.Date(o$offence_date) - o$start)
    o <- o[o$offset > 0 & o$offset <= o$end & tolower(o$proactive) %in% c("no", "n", "false", "0"), ]
    o$harm <- weights$harm_days[match(o$offence_code, weights$offence_code)]
    counts <- tapply(o$offset, o$id, length); harm <- tapply(o$harm, o$id, sum); first <- tapply(o$offset, o$id, min)
    trial$offence_count <- as.numeric(ifelse(is.na(counts[trial$id]), 0, counts[trial$id]))
    trial$harm <- as.numeric(ifelse(is.na(harm[trial$id]), 0, harm[trial$id]))
    trial$any_offence <- as.numeric(trial$offence_count > 0)
    trial$first_offence <- trial$any_offence
    trial$time <- as.numeric(ifelse(is.na(first[trial$id]), end, first[trial$id]))
    trial$days_at_risk <- end
    trial$arm <- factor(trial$arm, levels = c("control", "police", "partner", "social_media"))
    trial$stratum <- factor(trial$stratum)

    fits <- list(
        lm_robust(any_offence ~ stratum + arm, data = trial, se_type = "HC2"),
        glm(any_offence ~ stratum + arm, family = binomial, data = trial))
    poisson <- glm(offence_count ~ stratum + arm + offset(log(days_at_risk)), family = poisson, data = trial)
    fits <- c(fits, list(vcovHC(poisson, type = "HC0"),
        glm.nb(offence_count ~ stratum + arm + offset(log(days_at_risk)), data = trial),
        lm_robust(harm ~ arm, data = trial, se_type = "HC2"),
        lm_robust(log1p(harm) ~ arm, data = trial, se_type = "HC2"),
        lm_robust(I(as.numeric(harm > 0)) ~ arm, data = trial, se_type = "HC2"),
        survfit(Surv(time, first_offence) ~ arm, data = trial),
        survdiff(Surv(time, first_offence) ~ arm + strata(stratum), data = trial)))
    cox <- coxph(Surv(time, first_offence) ~ arm + strata(stratum), data = trial, ties = "efron")
    fits <- c(fits, list(cox, cox.zph(cox)))
    exp(coef(cox))
}

ratios <- run()  # warm-up
for (i in seq_len(repetitions)) {
    seconds <- system.time(ratios <- run())[["elapsed"]]
    cat(sprintf("r %.6f\n", seconds))
}
cat("hazard ratios r", sprintf("%.10f", ratios), "\n", file = stderr())
