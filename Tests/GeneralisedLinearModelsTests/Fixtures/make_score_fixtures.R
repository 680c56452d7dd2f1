# Reference values for the score randomisation test and Dunnett's adjustment of ratio
# estimands, written to score_fixtures.json.
#
# The models without arms are iterated to machine precision (epsilon 1e-16, 60 iterations;
# R then warns that it did not converge) because R's Rao statistic uses the working weights of
# the last iteration, which lag one step behind the fitted means.
#
# Run from this folder: Rscript make_score_fixtures.R (needs MASS, sandwich, multcomp, jsonlite).
# Uses the trial_*.csv files that make_fixtures.R writes.
#
# - rao: for each analysis, R's Rao score statistic (anova(null, bigger, test = "Rao")) for
#   adding each arm indicator alone to the model without arms, and for adding all of them, plus
#   each arm's score sum(d * working weight * working residual) at the null fit (its sign).
# - enumeration: tiny designs (9 people, three arms of three: 1,680 assignments) whose every
#   assignment is refitted in R; the exact randomisation p-values of |per-arm score t| and of
#   the joint Rao statistic.
# - dunnett: multcomp::glht(fit, linfct, vcov = V) single-step p-values and the simultaneous
#   critical value (multivariate normal, as glht uses for glm fits).
suppressPackageStartupMessages({library(MASS); library(sandwich); library(multcomp); library(jsonlite)})

rao <- function(small, big, dispersion = 1) anova(small, big, test = "Rao", dispersion = dispersion)$Rao[2]

score_case <- function(name, data, outcome, arm, control, fixed, family, offset = NULL) {
  data[[arm]] <- factor(data[[arm]])
  arms <- setdiff(levels(data[[arm]]), control)
  for (a in seq_along(arms)) data[[paste0("d", a)]] <- as.numeric(data[[arm]] == arms[a])
  rhs <- if (length(fixed)) paste(fixed, collapse = " + ") else "1"
  if (!is.null(offset)) rhs <- paste0(rhs, " + offset(log(", offset, "))")
  f0 <- as.formula(paste(outcome, "~", rhs))
  theta <- NULL
  if (family == "negbin") {
    theta <- glm.nb(f0, data = data, control = glm.control(epsilon = 1e-14, maxit = 100))$theta
    fam <- negative.binomial(theta)
  } else {
    fam <- if (family == "logistic") binomial() else poisson()
  }
  null <- suppressWarnings(glm(f0, family = fam, data = data, control = glm.control(epsilon = 1e-16, maxit = 60)))
  wr <- weights(null, "working") * residuals(null, "working")
  fit_with <- function(terms) suppressWarnings(glm(update(f0, as.formula(paste(". ~ . +", paste(terms, collapse = " + ")))),
                                  family = fam, data = data, control = glm.control(epsilon = 1e-16, maxit = 60)))
  ds <- paste0("d", seq_along(arms))
  list(name = name, outcome = outcome, arm = arm, control = control, fixed = I(fixed), family = family,
       offset = offset, n = nrow(data), arms = I(arms), theta = theta,
       scores = I(sapply(ds, function(d) sum(data[[d]] * wr), USE.NAMES = FALSE)),
       rao_arm = I(sapply(ds, function(d) rao(null, fit_with(d)), USE.NAMES = FALSE)),
       rao_joint = rao(null, fit_with(ds)))
}

cases <- list()
inf <- read.csv("trial_infert.csv", stringsAsFactors = FALSE)
inf <- inf[complete.cases(inf[, c("arm", "age", "parity", "case")]), ]
inf$arm <- factor(inf$arm, levels = c("0-5yrs", "6-11yrs", "12+ yrs"))
cases[[1]] <- score_case("infert_odds_ratio", inf, "case", "arm", "0-5yrs", c("age", "parity"), "logistic")
cases[[2]] <- score_case("infert_risk_ratio", inf, "case", "arm", "0-5yrs", c("age", "parity"), "poisson")
qu <- read.csv("trial_quine.csv", stringsAsFactors = FALSE)
qu <- qu[!is.na(qu$Days), ]
qu$arm <- factor(qu$arm, levels = c("F0", "F1", "F2", "F3"))
cases[[3]] <- score_case("quine_negbin", qu, "Days", "arm", "F0", c("Sex", "learner"), "negbin")
cases[[4]] <- score_case("quine_poisson", qu, "Days", "arm", "F0", c("Sex", "learner"), "poisson")
syn <- read.csv("trial_five_arm.csv")
syn <- syn[complete.cases(syn), ]
syn$arm <- factor(syn$arm, levels = 0:4)
cases[[5]] <- score_case("five_arm_poisson_exposure", syn, "offences", "arm", "0", c("x"), "poisson", offset = "exposure")
cases[[6]] <- score_case("five_arm_negbin_exposure", syn, "offences", "arm", "0", c("x"), "negbin", offset = "exposure")

# Exact enumeration on tiny designs: every assignment of 9 people to three arms of three.
assignments <- function() {
  out <- list()
  idx <- 1:9
  for (a in combn(idx, 3, simplify = FALSE)) {
    rest <- setdiff(idx, a)
    for (b in combn(rest, 3, simplify = FALSE)) {
      arm <- integer(9); arm[a] <- 1L; arm[b] <- 2L
      out[[length(out) + 1]] <- arm
    }
  }
  out
}
all_assignments <- assignments()
enumerate <- function(name, y, x, family, exposure = NULL, observed) {
  fam <- if (family == "logistic") binomial() else poisson()
  off <- if (is.null(exposure)) rep(0, 9) else log(exposure)
  null <- suppressWarnings(glm(y ~ x + offset(off), family = fam, control = glm.control(epsilon = 1e-16, maxit = 60)))
  stats <- function(arm) {
    d1 <- as.numeric(arm == 1); d2 <- as.numeric(arm == 2)
    ctl <- glm.control()  # the bigger models' fits do not enter the Rao statistic, only their designs
    one <- suppressWarnings(glm(y ~ x + d1 + offset(off), family = fam, control = ctl))
    two <- suppressWarnings(glm(y ~ x + d2 + offset(off), family = fam, control = ctl))
    both <- suppressWarnings(glm(y ~ x + d1 + d2 + offset(off), family = fam, control = ctl))
    wr <- weights(null, "working") * residuals(null, "working")
    s <- c(sum(d1 * wr), sum(d2 * wr))
    t <- sign(s) * sqrt(c(rao(null, one), rao(null, two)))
    c(t, rao(null, both))
  }
  obs <- stats(observed)
  draws <- t(sapply(all_assignments, stats))
  tol <- 1e-10
  list(name = name, family = family, y = I(y), x = I(x), exposure = if (is.null(exposure)) NULL else I(exposure),
       observed = I(observed), assignments = length(all_assignments),
       statistics = I(obs[1:2]), joint = obs[3],
       p_values = I(sapply(1:2, function(a) mean(abs(draws[, a]) >= abs(obs[a]) * (1 - tol)))),
       p_joint = mean(draws[, 3] >= obs[3] * (1 - tol)))
}
enumerations <- list(
  enumerate("tiny_logistic", y = c(0, 0, 1, 1, 0, 1, 1, 0, 0), x = c(0.3, -1.2, 0.8, 1.5, -0.4, 0.1, 0.9, -0.7, -1.6),
            family = "logistic", observed = c(0, 1, 2, 0, 1, 2, 0, 1, 2)),
  enumerate("tiny_poisson", y = c(3, 0, 1, 5, 2, 0, 4, 1, 2), x = c(0.3, -1.2, 0.8, 1.5, -0.4, 0.1, 0.9, -0.7, -1.6),
            family = "poisson", exposure = c(1, 0.5, 2, 1.5, 1, 0.8, 1.2, 1, 0.6), observed = c(0, 0, 1, 1, 2, 2, 0, 1, 2)))

# Dunnett (single-step) for ratio estimands, from the coefficients' covariance.
dunnett_case <- function(name, fit, V, arms, level = 0.95) {
  terms <- paste0("arm", arms)
  K <- matrix(0, length(terms), length(coef(fit)), dimnames = list(terms, names(coef(fit))))
  for (i in seq_along(terms)) K[i, terms[i]] <- 1
  set.seed(20261121)
  g <- glht(fit, linfct = K, vcov. = V)
  s <- summary(g, test = adjusted("single-step", maxpts = 1e7, abseps = 1e-8))
  # The critical value to high precision, the probability's slope there and its error.
  R <- cov2cor(K %*% V %*% t(K))
  algorithm <- GenzBretz(maxpts = 1e7, abseps = 1e-9)
  within <- function(c) pmvnorm(lower = rep(-c, length(arms)), upper = rep(c, length(arms)), corr = R,
                                algorithm = algorithm)
  critical <- uniroot(function(c) within(c) - level, c(1, 6), tol = 1e-10)$root
  h <- 1e-4
  slope <- (within(critical + h) - within(critical - h)) / (2 * h)
  list(name = name, arms = I(arms), level = level, p_values = I(unname(s$test$pvalues)),
       p_errors = I(rep(attr(s$test$pvalues, "error"), length(arms))[seq_along(arms)]),
       critical_value = critical, critical_slope = slope)
}
dun <- list()
infc <- inf
fit <- glm(case ~ arm + age + parity, family = binomial, data = infc)
dun[[1]] <- dunnett_case("infert_odds_ratio", fit, vcov(fit), c("6-11yrs", "12+ yrs"))
quc <- qu
fit <- glm(Days ~ Sex + arm + learner, family = poisson, data = quc)
dun[[2]] <- dunnett_case("quine_poisson", fit, vcovHC(fit, type = "HC0"), c("F1", "F2", "F3"))
fit <- glm.nb(Days ~ Sex + arm + learner, data = quc)
dun[[3]] <- dunnett_case("quine_negbin", fit, vcov(fit), c("F1", "F2", "F3"))
fit <- glm.nb(offences ~ arm + x + offset(log(exposure)), data = syn)
dun[[4]] <- dunnett_case("five_arm_negbin", fit, vcov(fit), as.character(1:4), level = 0.9)

write(toJSON(list(rao = cases, enumeration = enumerations, dunnett = dun), auto_unbox = TRUE, digits = NA,
             na = "null", pretty = TRUE, null = "null"), "score_fixtures.json")
