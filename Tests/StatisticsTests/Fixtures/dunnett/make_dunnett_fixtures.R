# Reference values for Dunnett's many-to-one test (ManyToOneComparison), from R 4.2 with
# mvtnorm 1.1 and multcomp 1.4. Run from this folder:  Rscript make_dunnett_fixtures.R
# (about five minutes; Debian/Ubuntu: apt-get install r-cran-mvtnorm r-cran-multcomp).
#
# Files written (values with 17 significant digits):
#   probabilities.csv   P(max |T_i| <= c) or P(max T_i <= c) for one-factor correlations
#                       rho_ij = lambda_i lambda_j. Normal case: Miwa(steps = 4096), deterministic;
#                       against the one_factor column below it is off by up to 2e-11 in dimension
#                       <= 3 but 3.1e-10 in dimension 5, so the tolerance written is 5e-10.
#                       t case: Miwa cannot do t, so GenzBretz(maxpts = 5e6, abseps = 1e-9,
#                       releps = 0), which is randomised; its reported error (a 99% bound, often
#                       above abseps: up to 1.2e-6 here) is written alongside as the tolerance.
#                       Column one_factor: the same probability by the one-factor reduction
#                       integrated with R's integrate() (QUADPACK qags, rel.tol 1e-13; nested over
#                       the chi density for t). It is the method ManyToOneComparison uses, but an
#                       independent implementation, so it checks the quadrature to ~1e-12.
#   critical_values.csv qmvnorm / qmvt equicoordinate quantiles (qmvnorm with Miwa, qmvt with
#                       GenzBretz) at their default ptol = 0.001 and their |f.quantile| (which is
#                       not a bound on the true error: qmvnorm's quantiles are off by up to 1e-4),
#                       plus a refined root: uniroot(tol = 1e-14) on the Miwa probability
#                       (normal) or on the one_factor integral (t), the precise reference.
#   multcomp.csv        Single-step Dunnett adjusted p-values from multcomp's glht on PlantGrowth and
#                       on an unbalanced subset of InsectSprays, computed with a tight GenzBretz
#                       (the default, abseps = 0.001, is far too loose to test against) and its error.
suppressMessages({library(mvtnorm); library(multcomp)})
set.seed(20261121)
fmt <- function(x) trimws(formatC(x, digits = 17, format = "g"))
corr_of <- function(l) { R <- outer(l, l); diag(R) <- 1; R }
miwa <- Miwa(steps = 4096)
genz <- GenzBretz(maxpts = 5e6, abseps = 1e-9, releps = 0)

sizes_lambda <- function(n, n0) sqrt(n / (n + n0))
normal_sets <- list(
  single = sqrt(0.5),
  balanced2 = rep(sqrt(0.5), 2),
  mixed3 = c(0.6, 0.7, 0.5),
  balanced4 = rep(sqrt(0.5), 4),
  unbalanced5 = sizes_lambda(c(10, 15, 30, 40, 5), 20),
  nearOne = c(0.999, 0.5, 0.3),
  withZero = c(0, 0.6, 0.8),
  negative = c(-0.4, 0.6, 0.3)
)
rows <- character()
one_factor <- function(l, df, sided, c) {
  r <- sqrt(1 - l^2)
  inner <- function(b) integrate(function(z) sapply(z, function(zz) {
    hi <- pnorm((b - l * zz) / r)
    dnorm(zz) * prod(if (sided == "two") hi - pnorm((-b - l * zz) / r) else hi)
  }), -Inf, Inf, rel.tol = 1e-13, abs.tol = 0, subdivisions = 1000L)$value
  if (is.infinite(df)) return(inner(c))
  # S = sqrt(chi^2_df / df) has density 2 df s dchisq(df s^2, df).
  integrate(function(s) sapply(s, function(ss) 2 * df * ss * dchisq(df * ss^2, df) * inner(c * ss)),
            0, Inf, rel.tol = 1e-12, abs.tol = 0, subdivisions = 1000L)$value
}
add <- function(dist, df, sided, l, c, p, err, method)
  rows <<- c(rows, paste(dist, fmt(df), sided, paste(fmt(l), collapse = ";"), fmt(c), fmt(p), fmt(err), method,
                         fmt(one_factor(l, df, sided, c)), sep = ","))
for (name in names(normal_sets)) {
  l <- normal_sets[[name]]; k <- length(l); R <- corr_of(l)
  for (c in c(0.5, 1.5, 2.3, 3.2, 4.5)) {
    p2 <- pmvnorm(lower = rep(-c, k), upper = rep(c, k), sigma = R, algorithm = miwa)
    add("normal", Inf, "two", l, c, p2, 5e-10, "Miwa4096")
    p1 <- pmvnorm(lower = rep(-Inf, k), upper = rep(c, k), sigma = R, algorithm = miwa)
    add("normal", Inf, "one", l, c, p1, 5e-10, "Miwa4096")
  }
}
t_sets <- normal_sets[c("balanced2", "mixed3", "unbalanced5", "nearOne")]
for (name in names(t_sets)) {
  l <- t_sets[[name]]; k <- length(l); R <- corr_of(l)
  for (df in c(5, 12, 40)) {
    for (c in c(1.5, 2.6)) {
      p2 <- pmvt(lower = rep(-c, k), upper = rep(c, k), df = df, corr = R, algorithm = genz)
      add("t", df, "two", l, c, p2, attr(p2, "error"), "GenzBretz5e6")
    }
    p1 <- pmvt(lower = rep(-Inf, k), upper = rep(2.2, k), df = df, corr = R, algorithm = genz)
    add("t", df, "one", l, 2.2, p1, attr(p1, "error"), "GenzBretz5e6")
  }
}
writeLines(c("distribution,df,sided,lambdas,c,probability,error,method,one_factor", rows), "probabilities.csv")

rows <- character()
crit <- function(l, df, sided, level) {
  k <- length(l); R <- corr_of(l)
  tail <- if (sided == "two") "both.tails" else "lower.tail"
  if (is.infinite(df)) {
    q <- qmvnorm(1 - level, tail = tail, sigma = R, algorithm = miwa)
    p <- function(c) pmvnorm(lower = rep(if (sided == "two") -c else -Inf, k), upper = rep(c, k),
                             sigma = R, algorithm = miwa)[1]
  } else {
    q <- qmvt(1 - level, tail = tail, df = df, corr = R, algorithm = genz)
    p <- function(c) one_factor(l, df, sided, c)
  }
  refined <- uniroot(function(c) p(c) - (1 - level), q$quantile + c(-0.01, 0.01), tol = 1e-14)$root
  rows <<- c(rows, paste(fmt(df), sided, paste(fmt(l), collapse = ";"), fmt(level),
                         fmt(q$quantile), fmt(abs(q$f.quantile)), fmt(refined), sep = ","))
}
crit(normal_sets$mixed3, Inf, "two", 0.05)
crit(normal_sets$unbalanced5, Inf, "two", 0.05)
crit(normal_sets$unbalanced5, Inf, "one", 0.05)
crit(normal_sets$balanced2, Inf, "two", 0.01)
crit(normal_sets$balanced2, 27, "two", 0.05)
crit(normal_sets$mixed3, 12, "one", 0.05)
writeLines(c("df,sided,lambdas,level,critical_value,root_error,refined_critical_value", rows), "critical_values.csv")

rows <- character()
dunnett <- function(dataset, data, formula, alternative) {
  fit <- lm(formula, data = data)
  g <- glht(fit, linfct = mcp(arm = "Dunnett"), alternative = alternative)
  s <- summary(g, test = adjusted("single-step", algorithm = genz))
  sizes <- table(data$arm)
  n0 <- sizes[[1]]
  for (i in seq_along(s$test$tstat)) {
    rows <<- c(rows, paste(dataset, alternative, names(s$test$tstat)[i], n0, sizes[[i + 1]],
                           paste(as.integer(sizes[-1]), collapse = ";"), fmt(g$df),
                           paste(fmt(s$test$tstat), collapse = ";"), i,
                           fmt(s$test$pvalues[i]), fmt(attr(s$test$pvalues, "error")), sep = ","))
  }
}
plants <- transform(PlantGrowth, arm = group)
dunnett("PlantGrowth", plants, weight ~ arm, "two.sided")
dunnett("PlantGrowth", plants, weight ~ arm, "greater")
# An unbalanced subset: keep the first 12, 11, 10, 9, 8 and 7 counts of sprays A to F (A is control).
insects <- do.call(rbind, lapply(seq_along(levels(InsectSprays$spray)), function(j) {
  rows <- InsectSprays[InsectSprays$spray == levels(InsectSprays$spray)[j], ]
  rows[seq_len(13 - j), ]
}))
insects$arm <- insects$spray
dunnett("InsectSprays", insects, sqrt(count) ~ arm, "two.sided")
writeLines(c("dataset,alternative,contrast,control_size,arm_size,arm_sizes,df,statistics,index,adjusted_p,error", rows), "multcomp.csv")
