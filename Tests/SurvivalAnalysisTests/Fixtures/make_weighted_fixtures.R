# Reference values for Cox case weights and counting-process (start, stop] data, from R survival.
# Run from this folder: Rscript make_weighted_fixtures.R
# Writes the datasets (counting_*.csv) and one reference file per case (counting_reference_<case>.json).
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
stopifnot(as.character(packageVersion("survival")) == "3.5.3")

write_data <- function(df, file) write.csv(df, file, row.names = FALSE, na = "NA", quote = TRUE)

# Real datasets shipped with R survival, with numeric columns only. Weights are fixed
# functions of the row or person so that anyone can rebuild them.
heart_df <- with(survival::heart, data.frame(start = start, stop = stop, event = event, age = age, year = year,
                                             surgery = surgery, transplant = as.numeric(as.character(transplant)),
                                             id = id, weight = 0.5 + (id %% 4) * 0.25))
write_data(heart_df, "counting_heart.csv")
cgd_df <- with(survival::cgd, data.frame(start = tstart, stop = tstop, event = status,
                                         treated = as.numeric(treat == "rIFN-g"), female = as.numeric(sex == "female"),
                                         age = age, propylac = propylac, hospital = as.integer(hos.cat), id = id,
                                         weight = 1 + (id %% 3) / 3))
write_data(cgd_df, "counting_cgd.csv")
lung_cc <- na.omit(survival::lung[, c("time", "status", "age", "sex", "ph.ecog")])
lung_df <- with(lung_cc, data.frame(start = 0, stop = time, event = status - 1, age = age, female = sex - 1,
                                    ph_ecog = ph.ecog, row = seq_along(time)))
lung_df$weight <- 1 + (lung_df$row %% 5) / 4
lung_df$count_weight <- 1 + lung_df$row %% 3
write_data(lung_df, "counting_lung.csv")

cases <- list(
  list(name = "heart_efron", file = "counting_heart.csv", counting = TRUE, covariates = c("age", "year", "surgery", "transplant"),
       weights = NULL, strata = NULL, cluster = NULL, ties = "efron", robust = FALSE),
  list(name = "heart_cluster_breslow", file = "counting_heart.csv", counting = TRUE, covariates = c("age", "year", "surgery", "transplant"),
       weights = NULL, strata = NULL, cluster = "id", ties = "breslow", robust = TRUE),
  list(name = "heart_weights", file = "counting_heart.csv", counting = TRUE, covariates = c("age", "surgery", "transplant"),
       weights = "weight", strata = NULL, cluster = "id", ties = "efron", robust = TRUE),
  list(name = "cgd_strata_cluster", file = "counting_cgd.csv", counting = TRUE, covariates = c("treated", "female", "age", "propylac"),
       weights = NULL, strata = "hospital", cluster = "id", ties = "efron", robust = TRUE),
  list(name = "cgd_weights_strata", file = "counting_cgd.csv", counting = TRUE, covariates = c("treated", "age", "propylac"),
       weights = "weight", strata = "hospital", cluster = "id", ties = "breslow", robust = TRUE),
  list(name = "lung_weights", file = "counting_lung.csv", counting = FALSE, covariates = c("age", "female", "ph_ecog"),
       weights = "weight", strata = NULL, cluster = NULL, ties = "efron", robust = TRUE),
  list(name = "lung_count_weights_model", file = "counting_lung.csv", counting = FALSE, covariates = c("age", "ph_ecog"),
       weights = "count_weight", strata = "female", cluster = NULL, ties = "efron", robust = FALSE),
  list(name = "lung_count_weights_breslow_model", file = "counting_lung.csv", counting = FALSE, covariates = c("age", "female", "ph_ecog"),
       weights = "count_weight", strata = NULL, cluster = NULL, ties = "breslow", robust = FALSE)
)

for (case in cases) {
  cat(case$name, "\n")
  df <- read.csv(case$file)
  for (column in names(df)) df[[column]] <- as.numeric(df[[column]])
  lhs <- if (case$counting) "Surv(start, stop, event)" else "Surv(stop, event)"
  rhs <- paste(case$covariates, collapse = " + ")
  if (!is.null(case$strata)) rhs <- paste0(rhs, " + strata(", case$strata, ")")
  formula <- as.formula(paste(lhs, "~", rhs))
  args <- list(formula = formula, data = df, ties = case$ties, robust = case$robust)
  if (!is.null(case$weights)) args$weights <- df[[case$weights]]
  if (!is.null(case$cluster)) args$cluster <- df[[case$cluster]]
  fit <- do.call(coxph, args)
  zph <- function(transform) unname(cox.zph(fit, transform = transform, terms = TRUE)$table[, "chisq"])
  z <- cox.zph(fit, terms = TRUE)
  reference <- list(
    case = case[names(case) != "name"],
    coef = unname(coef(fit)), se = unname(sqrt(diag(fit$var))),
    naive_se = unname(sqrt(diag(if (is.null(fit$naive.var)) fit$var else fit$naive.var))),
    loglik = fit$loglik, iter = fit$iter, n = fit$n, nevent = fit$nevent,
    wald = unname(fit$wald.test), score = unname(fit$score), lrt = 2 * diff(fit$loglik),
    rscore = if (is.null(fit$rscore)) NULL else unname(fit$rscore),
    zph_terms = rownames(z$table), zph_chisq = unname(z$table[, "chisq"]), zph_df = unname(z$table[, "df"]),
    zph_p = unname(z$table[, "p"]),
    zph_identity_chisq = zph("identity"), zph_rank_chisq = zph("rank"), zph_log_chisq = zph("log"))
  write(toJSON(reference, digits = NA, auto_unbox = TRUE, null = "null", na = "string", pretty = TRUE),
        paste0("counting_reference_", case$name, ".json"))
}

# Delayed entry in a three-arm trial: people enter follow-up some days after allocation. Times
# The log-rank test with entry is checked against coxph's score test with the exact partial
# likelihood, which equals the log-rank test also where event times are tied.
set.seed(20261122)
m <- 240
arm <- rep(c("control", "police", "partner"), each = m / 3)
age <- round(runif(m, 13, 24), 1)
entry <- round(rexp(m, 1 / 20), 3)
latent <- rexp(m, exp(-5 + c(control = 0, police = -0.5, partner = -0.2)[arm] + 0.05 * (age - 18)))
end <- 365
time <- pmin(entry + latent, end)
event <- as.integer(entry + latent <= end)
weight <- round(runif(m, 0.5, 2), 3)
age[c(7, 100)] <- NA
entry_df <- data.frame(id = seq_len(m), entry = entry, time = round(time, 3), event = event, arm = arm, age = age, weight = weight)
write_data(entry_df, "entry_trial.csv")
entry_df <- read.csv("entry_trial.csv")
entry_df$arm <- factor(entry_df$arm)  # levels in R's order: control, partner, police
complete <- subset(entry_df, !is.na(age))
cox_entry <- coxph(Surv(entry, time, event) ~ arm + age, data = complete, weights = weight)
score_arm <- coxph(Surv(entry, time, event) ~ arm, data = complete, ties = "exact")
pair <- lapply(c("partner", "police"), function(a) {
  d <- subset(complete, arm %in% c("control", a))
  unname(coxph(Surv(entry, time, event) ~ arm, data = droplevels(d), ties = "exact")$score)
})
curves <- lapply(levels(complete$arm), function(a) {
  f <- survfit(Surv(entry, time, event) ~ 1, data = subset(complete, arm == a))
  list(arm = a, time = f$time, n_risk = f$n.risk, n_event = f$n.event, surv = f$surv, std_err = f$std.err,
       at_risk = summary(f, times = c(0, 100, 200, 300), extend = TRUE)$n.risk)
})
entry_reference <- list(
  coef = unname(coef(cox_entry)), se = unname(sqrt(diag(cox_entry$var))),
  naive_se = unname(sqrt(diag(cox_entry$naive.var))), loglik = cox_entry$loglik,
  logrank_all = unname(score_arm$score), logrank_pairs = unlist(pair), curves = curves,
  zph_chisq = unname(cox.zph(cox_entry)$table[, "chisq"]))
write(toJSON(entry_reference, digits = NA, auto_unbox = TRUE, null = "null", na = "string", pretty = TRUE),
      "entry_reference_trial.json")
