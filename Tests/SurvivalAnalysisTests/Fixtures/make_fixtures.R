# Reference values for the SurvivalAnalysis tests, from R survival.
# Run from this folder: Rscript make_fixtures.R
# Writes the datasets (*.csv) and one reference file per case (reference_<case>.json).
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
stopifnot(as.character(packageVersion("survival")) == "3.5.3")

write_data <- function(df, file) write.csv(df, file, row.names = FALSE, na = "NA", quote = TRUE)

# Real datasets shipped with R survival.
lung_df <- with(survival::lung, data.frame(time = time, event = status - 1, sex = sex, age = age,
                                           ph_ecog = ph.ecog, inst = inst))
write_data(lung_df, "lung.csv")
vet_df <- with(survival::veteran, data.frame(time = time, event = status, trt = trt, celltype = as.character(celltype),
                                             karno = karno, age = age))
write_data(vet_df, "veteran.csv")
colon_df <- with(subset(survival::colon, etype == 1),
                 data.frame(id = id, time = time, event = status, rx = as.character(rx), age = age, nodes = nodes,
                            sex = sex))
write_data(colon_df, "colon.csv")
rats_df <- with(survival::rats, data.frame(litter = litter, rx = rx, time = time, event = status, sex = as.character(sex)))
write_data(rats_df, "rats.csv")

# A trial-like cohort: four arms, permuted-block strata, families as clusters, times in whole days
# (many ties), administrative censoring at 365 days and loss to follow-up.
set.seed(20261121)
n <- 640
arms <- c("control", "police", "partner", "social_media")
block <- sample(c("high", "medium", "low", "very_high"), n, replace = TRUE)
family <- sample(1:220, n, replace = TRUE)
arm <- unlist(lapply(split(seq_len(n), block), function(i) rep_len(sample(rep(arms, 2)), length(i))))[order(unlist(split(seq_len(n), block)))]
risk <- round(rnorm(n, 0, 1), 2)
age <- sample(13:24, n, replace = TRUE)
effect <- c(control = 0, police = -0.35, partner = -0.2, social_media = 0.05)[arm]
frailty <- rnorm(220, 0, 0.3)[family]
rate <- exp(-5.6 + effect + 0.4 * risk + 0.03 * (age - 18) + frailty + c(high = 0.3, medium = 0, low = -0.3, very_high = 0.5)[block])
latent <- ceiling(rexp(n, rate))
loss <- ifelse(runif(n) < 0.15, ceiling(runif(n, 1, 365)), Inf)
time <- pmin(latent, loss, 365)
event <- as.integer(latent <= pmin(loss, 365))
risk[sample(n, 5)] <- NA
trial_df <- data.frame(time = time, event = event, arm = arm, block = block, family = family, risk = risk, age = age)
write_data(trial_df, "trial.csv")

# Five arms, one of which has no events: its hazard ratio is not estimable.
set.seed(7)
m <- 150
arm5 <- rep(c("a_control", "b", "c", "d", "e_none"), each = 30)
t5 <- sample(1:12, m, replace = TRUE)
e5 <- rbinom(m, 1, 0.6)
e5[arm5 == "e_none"] <- 0
five_df <- data.frame(time = t5, event = e5, arm = arm5, score = round(rnorm(m), 2))
write_data(five_df, "five_arms.csv")

# The same follow-up written as dates: allocation, event, end of follow-up and loss.
set.seed(11)
k <- 60
start <- as.Date("2024-01-01") + sample(0:200, k, replace = TRUE)
days_to_event <- sample(c(1:400, rep(NA, 300)), k, replace = TRUE)
days_to_loss <- sample(c(5:300, rep(NA, 600)), k, replace = TRUE)
end <- as.Date("2025-03-31")
event_date <- start + days_to_event
lost_date <- start + days_to_loss
exit <- pmin(end, lost_date, na.rm = TRUE)
had_event <- !is.na(event_date) & event_date <= exit
exit[had_event] <- event_date[had_event]
dates_df <- data.frame(start = format(start), event_date = ifelse(is.na(event_date), NA, format(event_date)),
                       lost = ifelse(is.na(lost_date), NA, format(lost_date)), end = format(end),
                       arm = rep(c("control", "mentoring"), length.out = k),
                       expected_time = as.numeric(exit - start), expected_event = as.integer(had_event))
write_data(dates_df, "dates.csv")

cases <- list(
  list(name = "lung_sex", file = "lung.csv", arm = "sex", control = "1", covariates = c("age", "ph_ecog"),
       ties = "efron", variance = "model", band = "log", risk_times = c(0, 100, 365, 730)),
  list(name = "lung_breslow_robust", file = "lung.csv", arm = "sex", control = "2", covariates = c("age", "ph_ecog"),
       ties = "breslow", variance = "robust", band = "log-log", risk_times = c(50, 500)),
  list(name = "lung_cluster_inst", file = "lung.csv", arm = "sex", control = "1", covariates = c("age"),
       cluster = "inst", ties = "efron", variance = "robust", band = "plain", risk_times = c(200)),
  list(name = "veteran_strata", file = "veteran.csv", arm = "trt", control = "1", covariates = c("karno", "age"),
       strata = "celltype", ties = "efron", variance = "model", band = "log", risk_times = c(30, 90)),
  list(name = "colon_three_arms", file = "colon.csv", arm = "rx", control = "Obs", covariates = c("age", "nodes"),
       ties = "efron", variance = "model", band = "log-log", risk_times = c(365, 1825)),
  list(name = "colon_cluster_strata", file = "colon.csv", arm = "rx", control = "Obs", covariates = c("nodes"),
       strata = "sex", cluster = "id", ties = "breslow", variance = "robust", band = "log", risk_times = c(1000)),
  list(name = "rats_litter", file = "rats.csv", arm = "rx", control = "0", covariates = character(0),
       cluster = "litter", ties = "efron", variance = "robust", band = "log", risk_times = c(50, 100)),
  list(name = "trial_four_arms", file = "trial.csv", arm = "arm", control = "control", covariates = c("risk", "age"),
       strata = "block", cluster = "family", ties = "efron", variance = "robust", band = "log", risk_times = c(90, 180, 365)),
  list(name = "trial_breslow", file = "trial.csv", arm = "arm", control = "control", covariates = c("risk"),
       ties = "breslow", variance = "robust", band = "log-log", risk_times = c(100)),
  list(name = "five_arms_no_events", file = "five_arms.csv", arm = "arm", control = "a_control", covariates = c("score"),
       ties = "efron", variance = "model", band = "log", risk_times = c(3, 6, 9))
)

arm_levels <- function(x, control) {
  lv <- if (is.numeric(x)) as.character(sort(unique(x))) else sort(unique(x), method = "radix")
  c(control, setdiff(lv, control))
}

for (case in cases) {
  df <- read.csv(case$file, stringsAsFactors = FALSE)
  used <- c("time", "event", case$arm, case$covariates, case$strata, case$cluster)
  complete <- complete.cases(df[, used, drop = FALSE])
  d <- df[complete, , drop = FALSE]
  lv <- arm_levels(d[[case$arm]], case$control)
  d$armf <- factor(as.character(d[[case$arm]]), levels = lv)
  level <- 0.95
  km <- lapply(lv, function(a) {
    s <- d[d$armf == a, ]
    f <- survfit(Surv(time, event) ~ 1, data = s, conf.type = case$band, conf.int = level)
    q <- quantile(f, 0.5)
    risk <- summary(f, times = case$risk_times, extend = TRUE)$n.risk
    list(arm = a, time = f$time, n_risk = f$n.risk, n_event = f$n.event, n_censor = f$n.censor, surv = f$surv,
         std_err = f$std.err, lower = f$lower, upper = f$upper, median = unname(q$quantile),
         median_lower = unname(q$lower), median_upper = unname(q$upper), at_risk = risk)
  })
  # Curves per arm within each stratum, strata in sorted order, arms with nobody left out.
  km_strata <- if (is.null(case$strata)) list() else {
    values <- d[[case$strata]]
    levels_s <- if (is.numeric(values)) sort(unique(values)) else sort(unique(values), method = "radix")
    lapply(levels_s, function(s) {
      curves <- lapply(lv, function(a) {
        sub <- d[d$armf == a & values == s, ]
        if (nrow(sub) == 0) return(NULL)
        f <- survfit(Surv(time, event) ~ 1, data = sub, conf.type = case$band, conf.int = level)
        list(arm = a, time = f$time, surv = f$surv, lower = f$lower, upper = f$upper)
      })
      list(stratum = as.character(s), curves = Filter(Negate(is.null), curves))
    })
  }
  strata_term <- if (is.null(case$strata)) "" else paste0(" + strata(", case$strata, ")")
  lr <- survdiff(as.formula(paste0("Surv(time, event) ~ armf", strata_term)), data = d)
  pairwise <- lapply(lv[-1], function(a) {
    s <- d[d$armf %in% c(lv[1], a), ]
    s$armf <- droplevels(s$armf)
    t <- survdiff(as.formula(paste0("Surv(time, event) ~ armf", strata_term)), data = s)
    list(arm = a, chisq = t$chisq)
  })
  # Arms without events are left out of the Cox model.
  events_by_arm <- tapply(d$event, d$armf, sum)
  cox_levels <- lv[events_by_arm[lv] > 0 | lv == lv[1]]
  dc <- d[d$armf %in% cox_levels, ]
  dc$armf <- factor(as.character(dc$armf), levels = cox_levels)
  rhs <- paste(c("armf", case$covariates), collapse = " + ")
  fml <- as.formula(paste0("Surv(time, event) ~ ", rhs, strata_term))
  fit <- if (!is.null(case$cluster)) {
    coxph(fml, data = dc, ties = case$ties, cluster = dc[[case$cluster]])
  } else {
    coxph(fml, data = dc, ties = case$ties, robust = case$variance == "robust")
  }
  zph <- cox.zph(fit)
  cox <- list(names = names(coef(fit)), coef = unname(coef(fit)), se = unname(sqrt(diag(fit$var))),
              naive_se = unname(sqrt(diag(if (is.null(fit$naive.var)) fit$var else fit$naive.var))),
              loglik = fit$loglik, iter = fit$iter,
              wald = unname(fit$wald.test), score = unname(fit$score),
              lrt = 2 * diff(fit$loglik), rscore = if (is.null(fit$rscore)) NULL else as.numeric(fit$rscore),
              zph_terms = rownames(zph$table), zph_chisq = unname(zph$table[, "chisq"]),
              zph_df = unname(zph$table[, "df"]), zph_p = unname(zph$table[, "p"]),
              zph_identity_chisq = unname(cox.zph(fit, transform = "identity")$table[, "chisq"]),
              zph_rank_chisq = unname(cox.zph(fit, transform = "rank")$table[, "chisq"]),
              zph_log_chisq = unname(cox.zph(fit, transform = "log")$table[, "chisq"]))
  out <- list(case = case, n = nrow(d), dropped = nrow(df) - nrow(d), levels = lv, km = km, km_strata = km_strata,
              logrank = list(chisq = lr$chisq, obs = as.numeric(lr$obs), exp = as.numeric(lr$exp),
                             obs_by_arm = if (is.matrix(lr$obs)) rowSums(lr$obs) else lr$obs,
                             exp_by_arm = if (is.matrix(lr$exp)) rowSums(lr$exp) else lr$exp),
              pairwise = pairwise, cox = cox)
  writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, na = "string", null = "null"),
             paste0("reference_", case$name, ".json"))
}
