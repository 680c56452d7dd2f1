# Reference values for MultivariateT and MaxTDistribution (Genz-Bretz multivariate t and normal
# probabilities, and simultaneous critical values) from R mvtnorm.
#
# Run from this folder:  Rscript make_multivariate_t_fixtures.R
# Writes probabilities.csv and critical_values.csv. Numbers have 17 significant digits;
# correlation matrices are written row by row, entries separated by ';'. R writes Inf for
# infinite degrees of freedom and bounds.
#
# probabilities.csv: the probability of leaving the box [lower, upper] (two-sided: [-c, c] in
# every coordinate; one-sided: (-Inf, c]), 1 - pmvt(...) or 1 - pmvnorm(...) with
# algorithm = GenzBretz(maxpts = 1e6, abseps = 1e-8, releps = 0) and a fixed seed; `error` is
# mvtnorm's own error estimate. Two dimensions are integrated exactly by mvtnorm (error 1e-15 or
# so). The bounds include ones that make the exceedance near 1e-6 and near 1.
#
# critical_values.csv: the c with 1 - pmvt(-c, c) = level, by uniroot(tol = 1e-10) on pmvt run
# with abseps = 1e-8 and the same seed before every call (so the function uniroot sees is
# deterministic); `slope` is -d(exceedance)/dc there by a central difference (h = 1e-4), so that
# a difference in c converts to a difference in probability.
suppressPackageStartupMessages(library(mvtnorm))
stopifnot(packageVersion("mvtnorm") >= "1.1")
g17 <- function(x) ifelse(is.infinite(x), ifelse(x > 0, "Inf", "-Inf"), sprintf("%.17g", x))
flat <- function(m) paste(g17(t(m)), collapse = ";")

set.seed(20261121)
random_correlation <- function(k, rows) cov2cor(crossprod(matrix(rnorm(k * rows), rows, k)))
matrices <- list(
  two = matrix(c(1, 0.5, 0.5, 1), 2),
  two_negative = matrix(c(1, -0.8, -0.8, 1), 2),
  three = matrix(c(1, 0.3, 0.6, 0.3, 1, -0.2, 0.6, -0.2, 1), 3),
  five = random_correlation(5, 9),
  five_strong = random_correlation(5, 6),
  singular = matrix(c(1, 1, 0.5, 1, 1, 0.5, 0.5, 0.5, 1), 3)
)

outside <- function(lower, upper, corr, df, abseps = 1e-8) {
  set.seed(1)
  algorithm <- GenzBretz(maxpts = 1e6, abseps = abseps, releps = 0)
  p <- if (is.infinite(df)) pmvnorm(lower, upper, corr = corr, algorithm = algorithm)
       else pmvt(lower, upper, corr = corr, df = df, algorithm = algorithm)
  c(1 - as.numeric(p), attr(p, "error"))
}

rows <- list()
for (name in names(matrices)) {
  corr <- matrices[[name]]
  k <- nrow(corr)
  for (df in c(Inf, 4, 40)) {
    tiny <- if (is.infinite(df)) qnorm(1e-6 / (2 * k), lower.tail = FALSE) else qt(1e-6 / (2 * k), df, lower.tail = FALSE)
    for (c in c(0.4, 2.5, tiny)) {
      for (sided in c("two", "one")) {
        if (sided == "one" && c != 2.5) next
        lower <- rep(if (sided == "two") -c else -Inf, k)
        upper <- rep(c, k)
        r <- outside(lower, upper, corr, df)
        rows[[length(rows) + 1]] <- data.frame(
          name = name, df = g17(df), sided = sided, correlation = flat(corr), c = g17(c),
          exceedance = g17(r[1]), error = g17(r[2]))
        cat(name, df, sided, c, r, "\n")
      }
    }
  }
}
cat("probabilities done\n")
write.csv(do.call(rbind, rows), "probabilities.csv", row.names = FALSE, quote = FALSE)

rows <- list()
for (name in c("three", "five")) {
  corr <- matrices[[name]]
  k <- nrow(corr)
  for (df in c(Inf, 10)) {
    for (level in c(0.05)) {
      gap <- function(c) outside(rep(-c, k), rep(c, k), corr, df)[1] - level
      root <- uniroot(gap, c(1, 6), tol = 1e-10)$root
      h <- 1e-4
      slope <- -(gap(root + h) - gap(root - h)) / (2 * h)
      error <- outside(rep(-root, k), rep(root, k), corr, df)[2]
      rows[[length(rows) + 1]] <- data.frame(
        name = name, df = g17(df), correlation = flat(corr), level = g17(level),
        critical_value = g17(root), slope = g17(slope), error = g17(error))
    }
  }
}
write.csv(do.call(rbind, rows), "critical_values.csv", row.names = FALSE, quote = FALSE)
# Note: below an exceedance of about 1e-5 mvtnorm's values are less accurate than its error
# estimate says (with df = 4 and c near 60 its chi-square draws miss the rare small variance;
# for 'three' at c = 5.1036 it reports 8.633e-7 +- 3.8e-8 where inclusion-exclusion gives
# 9.9714e-7). The tests do not compare those rows.
