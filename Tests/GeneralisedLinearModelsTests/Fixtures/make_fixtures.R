# Reference values for the GeneralisedLinearModels tests, from R's glm, MASS::glm.nb and sandwich
# on public data sets shipped with R (datasets, MASS) and on small seeded trial-like designs.
#
#   cd Tests/GeneralisedLinearModelsTests/Fixtures && Rscript make_fixtures.R
#
# Writes model_*.csv (a model matrix with its response, weights, offset and clusters),
# trial_*.csv (raw trial data with missing values inserted deterministically) and
# expected.json (coefficients, standard errors, deviances, AIC, theta; arm effects).
suppressPackageStartupMessages({ library(MASS); library(sandwich); library(jsonlite); library(estimatr) })

num <- function(x) { x <- as.numeric(x); ifelse(is.finite(x), x, NA) }
models <- list()
trials <- list()

# ---- Model-level cases: a model matrix, checked coefficient by coefficient -------------------

add_model <- function(name, fit, family, cluster = NULL, w = NULL, offset = NULL) {
  X <- model.matrix(fit)
  y <- fit$y
  n <- nrow(X)
  frame <- data.frame(y = y, w = if (is.null(w)) rep(1, n) else w,
                      offset = if (is.null(offset)) rep(0, n) else offset,
                      cluster = if (is.null(cluster)) rep(1, n) else cluster)
  for (j in seq_len(ncol(X))) frame[[paste0("x", j)]] <- X[, j]
  file <- paste0("model_", name, ".csv")
  write.csv(frame, file, row.names = FALSE)
  kept <- !is.na(coef(fit))
  se_all <- function(V) {
    if (nrow(V) == length(kept)) V <- V[kept, kept, drop = FALSE]
    s <- rep(NA, length(kept)); s[kept] <- sqrt(diag(V)); num(s)
  }
  case <- list(name = name, family = family, file = file, columns = I(colnames(X)),
               has_weights = !is.null(w), has_offset = !is.null(offset), has_cluster = !is.null(cluster),
               coefficients = num(coef(fit)), se_model = se_all(vcov(fit)),
               se_hc0 = se_all(vcovHC(fit, type = "HC0")), se_hc1 = se_all(vcovHC(fit, type = "HC1")),
               deviance = fit$deviance, null_deviance = fit$null.deviance, aic = AIC(fit),
               df_residual = fit$df.residual, df_null = fit$df.null, iterations = fit$iter)
  if (!is.null(cluster)) {
    case$se_cr0 <- se_all(vcovCL(fit, cluster = cluster, type = "HC0", cadjust = FALSE))
    case$se_cr1 <- se_all(vcovCL(fit, cluster = cluster))
    case$se_stata <- se_all(vcovCL(fit, cluster = cluster, type = "HC1"))
  }
  if (inherits(fit, "negbin")) {
    case$theta <- fit$theta
    case$theta_se <- fit$SE.theta
    case$log_likelihood <- fit$twologlik / 2
  }
  models[[length(models) + 1]] <<- case
}

# infert (datasets): spontaneous and induced abortions and infertility, matched sets (stratum).
fit <- glm(case ~ spontaneous + induced + age + education, family = binomial, data = infert)
add_model("infert_logit", fit, "binomial", cluster = infert$stratum)

# The same with an aliased column (twice 'induced'), which R reports as NA.
infert2 <- transform(infert, induced2 = 2 * induced)
fit <- glm(case ~ spontaneous + induced + induced2 + age, family = binomial, data = infert2)
add_model("infert_aliased", fit, "binomial")

# Nearly collinear columns (age and age plus a little noise): the QR path.
set.seed(7)
infert3 <- transform(infert, age_near = age + 1e-4 * rnorm(nrow(infert)))
fit <- glm(case ~ spontaneous + induced + age + age_near, family = binomial, data = infert3)
add_model("infert_near_collinear", fit, "binomial")

# esoph (datasets): grouped binary data, proportions with the group sizes as weights.
es <- transform(esoph, agegp = factor(agegp, ordered = FALSE), alcgp = factor(alcgp, ordered = FALSE),
                total = ncases + ncontrols)
fit <- glm(ncases / total ~ agegp + alcgp, weights = total, family = binomial, data = es)
add_model("esoph_weighted", fit, "binomial", w = es$total)

# Insurance (MASS): claims with log(holders) as the offset.
ins <- transform(Insurance, Group = factor(Group, ordered = FALSE), Age = factor(Age, ordered = FALSE))
fit <- glm(Claims ~ District + Group + Age + offset(log(Holders)), family = poisson, data = ins)
add_model("insurance_poisson", fit, "poisson", offset = log(ins$Holders), cluster = as.integer(ins$District))

# InsectSprays (datasets): six sprays, counts of insects.
fit <- glm(count ~ spray, family = poisson, data = InsectSprays)
add_model("insectsprays_poisson", fit, "poisson")

# warpbreaks (datasets) with prior weights.
wb <- transform(warpbreaks, w = 1 + (seq_len(nrow(warpbreaks)) %% 3))
fit <- glm(breaks ~ wool + tension, family = poisson, data = wb, weights = w)
add_model("warpbreaks_weighted", fit, "poisson", w = wb$w, cluster = rep(1:9, each = 6))

# quine (MASS): days absent from school, negative binomial.
fit <- glm.nb(Days ~ Eth + Sex + Age + Lrn, data = quine)
add_model("quine_negbin", fit, "negbin", cluster = rep(1:20, length.out = nrow(quine)))

# ---- Trial-level cases: raw data with missing values, one row per intervention arm ---------

arm_rows <- function(fit, V, arm_names, prefix, ratio, level = 0.95) {
  z <- qnorm(1 - (1 - level) / 2)
  lapply(arm_names, function(a) {
    term <- paste0(prefix, a)
    b <- unname(coef(fit)[term]); se <- sqrt(V[term, term])
    p <- 2 * pnorm(-abs(b / se))
    list(arm = a, coefficient = b, std_error = se, estimate = if (ratio) exp(b) else b,
         conf_low = if (ratio) exp(b - z * se) else b - z * se,
         conf_high = if (ratio) exp(b + z * se) else b + z * se, p_value = p)
  })
}

add_trial <- function(name, file, spec, fit, V, arms, n, dropped, extra = list()) {
  rows <- arm_rows(fit, V, arms, paste0(spec$arm), spec$estimand != "risk-difference", spec$level %||% 0.95)
  trials[[length(trials) + 1]] <<- c(list(name = name, file = file, spec = spec, n = n, n_dropped = dropped,
                                         rows = rows), extra)
}
`%||%` <- function(a, b) if (is.null(a)) b else a

# infert as a three-arm trial: education is the 'arm', 0-5yrs the control; missing values in
# age (every 17th row) and case (every 23rd row).
inf <- infert
inf$arm <- as.character(inf$education)
inf$age[seq(5, nrow(inf), by = 17)] <- NA
inf$case[seq(3, nrow(inf), by = 23)] <- NA
write.csv(inf[, c("arm", "age", "parity", "spontaneous", "case", "stratum")], "trial_infert.csv",
          row.names = FALSE, na = "")
cc <- inf[complete.cases(inf[, c("arm", "age", "parity", "case")]), ]
cc$arm <- factor(cc$arm, levels = c("0-5yrs", "6-11yrs", "12+ yrs"))
arms <- c("6-11yrs", "12+ yrs")
dropped <- nrow(inf) - nrow(cc)
fit <- glm(case ~ arm + age + parity, family = binomial, data = cc)
add_trial("infert_odds_ratio", "trial_infert.csv",
          list(outcome = "case", arm = "arm", control = "0-5yrs", covariates = I(c("age", "parity")),
               family = "binomial", estimand = "odds-ratio", variance = "model"),
          fit, vcov(fit), arms, nrow(cc), dropped, list(deviance = fit$deviance, aic = AIC(fit)))
add_trial("infert_odds_ratio_stata", "trial_infert.csv",
          list(outcome = "case", arm = "arm", control = "0-5yrs", covariates = I(c("age", "parity")),
               cluster = "stratum", family = "binomial", estimand = "odds-ratio", variance = "stata"),
          fit, vcovCL(fit, cluster = cc$stratum, type = "HC1"), arms, nrow(cc), dropped)
fit <- glm(case ~ arm + age + parity, family = poisson, data = cc)
add_trial("infert_risk_ratio", "trial_infert.csv",
          list(outcome = "case", arm = "arm", control = "0-5yrs", covariates = I(c("age", "parity")),
               family = "binomial", estimand = "risk-ratio", variance = "HC0"),
          fit, vcovHC(fit, type = "HC0"), arms, nrow(cc), dropped)
add_trial("infert_risk_ratio_cr1", "trial_infert.csv",
          list(outcome = "case", arm = "arm", control = "0-5yrs", covariates = I(c("age", "parity")),
               cluster = "stratum", family = "binomial", estimand = "risk-ratio", variance = "CR1"),
          fit, vcovCL(fit, cluster = cc$stratum), arms, nrow(cc), dropped)
rd <- lm_lin(case ~ arm, covariates = ~ age + parity, data = cc, se_type = "HC2")
trials[[length(trials) + 1]] <- list(
  name = "infert_risk_difference", file = "trial_infert.csv",
  spec = list(outcome = "case", arm = "arm", control = "0-5yrs", covariates = I(c("age", "parity")),
              family = "binomial", estimand = "risk-difference", variance = "HC2"),
  n = nrow(cc), n_dropped = dropped,
  rows = lapply(arms, function(a) {
    term <- paste0("arm", a)
    list(arm = a, coefficient = unname(coef(rd)[term]), std_error = unname(rd$std.error[term]),
         estimate = unname(coef(rd)[term]), conf_low = unname(rd$conf.low[term]),
         conf_high = unname(rd$conf.high[term]), p_value = unname(rd$p.value[term]))
  }))

# quine as a four-arm trial: age group is the 'arm' (F0 control), sex as blocks; missing Days
# every 19th row. Negative binomial and Poisson rate ratios.
qu <- quine
qu$arm <- as.character(qu$Age)
qu$Days[seq(7, nrow(qu), by = 19)] <- NA
qu$learner <- ifelse(qu$Lrn == "SL", 1, 0)
write.csv(qu[, c("arm", "Sex", "learner", "Days")], "trial_quine.csv", row.names = FALSE, na = "")
qc <- qu[!is.na(qu$Days), ]
qc$arm <- factor(qc$arm, levels = c("F0", "F1", "F2", "F3"))
qarms <- c("F1", "F2", "F3")
fit <- glm.nb(Days ~ Sex + arm + learner, data = qc)
add_trial("quine_negbin", "trial_quine.csv",
          list(outcome = "Days", arm = "arm", control = "F0", covariates = I(c("learner")), blocks = "Sex",
               family = "negbin", estimand = "rate-ratio", variance = "model"),
          fit, vcov(fit), qarms, nrow(qc), nrow(qu) - nrow(qc),
          list(theta = fit$theta, theta_se = fit$SE.theta, aic = AIC(fit)))
fit <- glm(Days ~ Sex + arm + learner, family = poisson, data = qc)
add_trial("quine_poisson", "trial_quine.csv",
          list(outcome = "Days", arm = "arm", control = "F0", covariates = I(c("learner")), blocks = "Sex",
               family = "poisson", estimand = "rate-ratio", variance = "HC0"),
          fit, vcovHC(fit, type = "HC0"), qarms, nrow(qc), nrow(qu) - nrow(qc))

# A seeded five-arm cluster trial with exposure (time at risk), prior weights and a
# numeric arm column (0 = control); missing exposure every 29th row.
set.seed(20151203)
n <- 600
cl <- sample(1:60, n, replace = TRUE)
armnum <- (cl %% 5)
x <- round(rnorm(n), 3)
expo <- round(runif(n, 0.5, 2), 3)
u <- rnorm(60, sd = 0.3)[cl]
mu <- expo * exp(0.2 - 0.15 * armnum + 0.3 * x + u)
offences <- rnbinom(n, mu = mu, size = 2)
wt <- round(runif(n, 0.5, 1.5), 2)
syn <- data.frame(arm = armnum, x = x, exposure = expo, offences = offences, family_id = cl, w = wt)
syn$exposure[seq(11, n, by = 29)] <- NA
write.csv(syn, "trial_five_arm.csv", row.names = FALSE, na = "")
sc <- syn[complete.cases(syn), ]
sc$arm <- factor(sc$arm, levels = 0:4)
sarms <- as.character(1:4)
fit <- glm(offences ~ arm + x + offset(log(exposure)), family = poisson, data = sc, weights = w)
add_trial("five_arm_poisson_stata", "trial_five_arm.csv",
          list(outcome = "offences", arm = "arm", control = "0", covariates = I(c("x")), cluster = "family_id",
               weights = "w", exposure = "exposure", family = "poisson", estimand = "rate-ratio",
               variance = "stata"),
          fit, vcovCL(fit, cluster = sc$family_id, type = "HC1"), sarms, nrow(sc), nrow(syn) - nrow(sc))
fit <- glm.nb(offences ~ arm + x + offset(log(exposure)), data = sc)
add_trial("five_arm_negbin", "trial_five_arm.csv",
          list(outcome = "offences", arm = "arm", control = "0", covariates = I(c("x")), exposure = "exposure",
               family = "negbin", estimand = "rate-ratio", variance = "model", level = 0.9),
          fit, vcov(fit), sarms, nrow(sc), nrow(syn) - nrow(sc),
          list(theta = fit$theta, theta_se = fit$SE.theta, aic = AIC(fit)))
trials[[length(trials)]]$rows <- arm_rows(fit, vcov(fit), sarms, "arm", TRUE, 0.9)

write(toJSON(list(models = models, trials = trials), auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE),
      "expected.json")
