# Reference values for the Dunnett (many-to-one, single-step) adjustment of ArmEffectModel fits,
# from R estimatr 1.0 fits, multcomp 1.4 and mvtnorm 1.1.
#
# Run from this folder:  Rscript make_dunnett_fixtures.R
# Writes data_chickweight.csv (a dataset that ships with R),
# dunnett_cases.csv (one row per analysis) and dunnett.csv (one row per intervention arm).
# Numbers have 17 significant digits.
#
# For each case the arms' t statistics are taken as multivariate t with the correlation of
# vcov(fit) for the arm coefficients and nu degrees of freedom: the smallest of the arm
# coefficients' df (N - K for HC types, S - 1 for stata, Satterthwaite per coefficient for CR2).
# With integer nu the adjusted p-values are those of
#   summary(glht(fit, linfct = K, df = nu), test = adjusted("single-step", abseps = 1e-9, maxpts = 2e6))
# (glht given the df explicitly: on an lm_robust object it would otherwise use the normal).
# mvtnorm takes only integer df, so for CR2's fractional nu the probability is the mixture
#   P(max |T_i| > c) = integral of P(max |Z_i| > c s) f_S(s) ds,  S = sqrt(chi2_nu / nu),
# by integrate(rel.tol = 1e-10) over s of pmvnorm (abseps = 1e-10): an independent route.
# `p_error` is mvtnorm's error estimate (or integrate's plus the inner error). The simultaneous
# critical value solves P(max |T_i| > c) = 1 - level by uniroot(tol = 1e-12) on the same
# function (seeded before every call), and `slope` is -dP/dc there (central difference), so
# that a difference in c converts to a difference in probability.
suppressPackageStartupMessages({ library(estimatr); library(multcomp); library(mvtnorm) })
g17 <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

cw <- as.data.frame(ChickWeight)        # 4 diets (arms), control 1; chicks are clusters
cw <- data.frame(weight = cw$weight, Time = cw$Time, Chick = as.numeric(as.character(cw$Chick)),
                 Diet = as.numeric(as.character(cw$Diet)))
cw$weight[c(7, 100, 333)] <- NA
write.csv(cw, "data_chickweight.csv", row.names = FALSE, quote = FALSE, na = "NA")

data_sets <- list(
  plantgrowth = read.csv("data_plantgrowth.csv", stringsAsFactors = FALSE),
  insectsprays = read.csv("data_insectsprays.csv", stringsAsFactors = FALSE),
  warpbreaks = read.csv("data_warpbreaks.csv", stringsAsFactors = FALSE),
  chickweight = cw)

spec <- function(data, outcome, arm, control, covariates = character(0), adjustment = "none",
                 cluster = NA, se_type = "HC2", level = 0.95)
  list(data = data, outcome = outcome, arm = arm, control = control, covariates = covariates,
       adjustment = adjustment, cluster = cluster, se_type = se_type, level = level)
cases <- list(
  spec("plantgrowth", "weight", "group", "ctrl"),
  spec("plantgrowth", "weight", "group", "ctrl", se_type = "classical", level = 0.9),
  spec("insectsprays", "count", "spray", "C"),
  spec("warpbreaks", "breaks", "tension", "L", "woolB", "additive", se_type = "HC1"),
  spec("chickweight", "weight", "Diet", "1", "Time", "additive"),
  spec("chickweight", "weight", "Diet", "1", "Time", "lin", "Chick", "stata")
)

seeded <- function(f) function(...) { set.seed(1); f(...) }
exceedance_integer <- seeded(function(c, corr, nu) {
  k <- nrow(corr)
  algorithm <- GenzBretz(maxpts = 2e6, abseps = 1e-9, releps = 0)
  p <- pmvt(rep(-c, k), rep(c, k), corr = corr, df = nu, algorithm = algorithm)
  c(1 - as.numeric(p), attr(p, "error"))
})
exceedance_mixture <- function(c, corr, nu) {
  k <- nrow(corr)
  inner <- seeded(function(s) 1 - as.numeric(pmvnorm(rep(-c * s, k), rep(c * s, k), corr = corr,
                                                  algorithm = GenzBretz(maxpts = 2e6, abseps = 1e-10, releps = 0))))
  density_s <- function(s) 2 * nu * s * dchisq(nu * s^2, nu)
  r <- integrate(function(s) vapply(s, inner, 0) * density_s(s), 0, Inf, rel.tol = 1e-10, subdivisions = 500)
  c(r$value, r$abs.error + 1e-10)
}

case_rows <- list(); arm_rows <- list()
for (i in seq_along(cases)) {
  cs <- cases[[i]]
  id <- sprintf("%02d_%s_%s_%s_%s", i, cs$data, cs$adjustment, ifelse(is.na(cs$cluster), "none", cs$cluster), cs$se_type)
  d <- data_sets[[cs$data]]
  d$arm_factor <- relevel(factor(d[[cs$arm]]), ref = cs$control)
  d$y <- d[[cs$outcome]]
  args <- list(data = d, se_type = cs$se_type)
  if (!is.na(cs$cluster)) { d$cl <- d[[cs$cluster]]; args$data <- d; args$clusters <- quote(cl) }
  fit <- if (cs$adjustment == "lin") {
    do.call(lm_lin, c(list(formula = y ~ arm_factor, covariates = reformulate(cs$covariates)), args))
  } else {
    rhs <- c("arm_factor", if (cs$adjustment == "additive") cs$covariates)
    do.call(lm_robust, c(list(formula = reformulate(rhs, response = "y")), args))
  }
  arm_terms <- grep("^arm_factor[^:]*$", names(coef(fit)), value = TRUE)
  k <- length(arm_terms)
  K <- matrix(0, k, length(coef(fit)), dimnames = list(arm_terms, names(coef(fit))))
  for (a in seq_len(k)) K[a, arm_terms[a]] <- 1
  nu <- min(fit$df[arm_terms])
  V <- vcov(fit)[arm_terms, arm_terms, drop = FALSE]
  corr <- cov2cor(V)
  t_values <- coef(fit)[arm_terms] / fit$std.error[arm_terms]
  integer_df <- nu == round(nu)
  exceedance <- if (integer_df) function(c) exceedance_integer(c, corr, nu) else function(c) exceedance_mixture(c, corr, nu)
  if (integer_df) {
    set.seed(1)
    s <- summary(glht(fit, linfct = K, df = nu),
                 test = adjusted("single-step", abseps = 1e-9, maxpts = 2e6))
    p <- as.numeric(s$test$pvalues)
    p_error <- rep(attr(s$test$pvalues, "error"), k)
    method <- "multcomp::glht"
  } else {
    r <- sapply(abs(t_values), exceedance)
    p <- r[1, ]; p_error <- r[2, ]
    method <- "integrate(pmvnorm)"
  }
  alpha <- 1 - cs$level
  critical <- uniroot(function(c) exceedance(c)[1] - alpha, c(1, 8), tol = 1e-12)$root
  h <- 1e-4
  slope <- -(exceedance(critical + h)[1] - exceedance(critical - h)[1]) / (2 * h)
  critical_error <- exceedance(critical)[2]
  case_rows[[i]] <- data.frame(case = id, data = cs$data, outcome = cs$outcome, arm = cs$arm,
                               control = cs$control, covariates = paste(cs$covariates, collapse = ";"),
                               adjustment = cs$adjustment, cluster = ifelse(is.na(cs$cluster), "", cs$cluster),
                               se_type = cs$se_type, level = g17(cs$level), df = g17(nu), method = method,
                               critical_value = g17(critical), slope = g17(slope), critical_error = g17(critical_error))
  arm_rows[[i]] <- data.frame(case = id, arm = sub("^arm_factor", "", arm_terms),
                              estimate = g17(coef(fit)[arm_terms]), std_error = g17(fit$std.error[arm_terms]),
                              statistic = g17(t_values), p_value_dunnett = g17(p), p_error = g17(p_error),
                              conf_low_simultaneous = g17(coef(fit)[arm_terms] - critical * fit$std.error[arm_terms]),
                              conf_high_simultaneous = g17(coef(fit)[arm_terms] + critical * fit$std.error[arm_terms]))
  cat(id, "df", nu, "p", signif(p, 4), "c", critical, "\n")
  # Written after every case, so that a long run leaves what it has finished.
  write.csv(do.call(rbind, case_rows), "dunnett_cases.csv", row.names = FALSE, quote = FALSE)
  write.csv(do.call(rbind, arm_rows), "dunnett.csv", row.names = FALSE, quote = FALSE)
}
