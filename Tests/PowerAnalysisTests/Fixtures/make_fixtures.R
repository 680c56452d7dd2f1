# Reference values for the PowerAnalysis tests, from R's own functions.
# Run from this folder: Rscript make_fixtures.R   (R 4.2, base stats and mvtnorm only)
# Every number is written with 17 significant digits, so that it reads back exactly.
exact <- function(df) { df[] <- lapply(df, function(x) if (is.numeric(x)) sprintf("%.17g", x) else x); df }
write_exact <- function(df, file) write.csv(exact(df), file, row.names = FALSE, quote = FALSE)

# The noncentral t distribution function, pt(q, df, ncp), on a grid that covers power
# calculations: small and large degrees of freedom, both signs of q and of ncp.
grid <- expand.grid(q = c(-6, -2.5, -1, -0.3, 0, 0.4, 1.2, 1.96, 2.8, 4.5, 9),
                    df = c(1, 2.5, 7, 30, 158, 1998),
                    ncp = c(-8, -1.5, 0, 0.5, 2.2, 3.9, 12, 30))
# Points where R warns that pnt did not reach full precision are left out.
quiet <- function(expr) tryCatch(expr, warning = function(w) NA_real_)
grid$lower <- mapply(function(q, df, ncp) quiet(pt(q, df, ncp = ncp)), grid$q, grid$df, grid$ncp)
grid$upper <- mapply(function(q, df, ncp) quiet(pt(q, df, ncp = ncp, lower.tail = FALSE)), grid$q, grid$df, grid$ncp)
grid <- grid[!is.na(grid$lower) & !is.na(grid$upper), ]
write_exact(grid, "noncentral_t.csv")

# power.t.test, solving for each quantity in turn (tol = 1e-12 so the roots are exact).
cases <- list(
  list(n = 20, delta = 1, sd = 1, sig = 0.05, type = "two.sample", alt = "two.sided", strict = FALSE),
  list(n = 20, delta = 1, sd = 1, sig = 0.05, type = "two.sample", alt = "two.sided", strict = TRUE),
  list(n = 5, delta = 0.3, sd = 1, sig = 0.05, type = "two.sample", alt = "two.sided", strict = TRUE),
  list(n = 200, delta = 0.25, sd = 1.3, sig = 0.01, type = "two.sample", alt = "two.sided", strict = FALSE),
  list(n = 12, delta = 0.8, sd = 1, sig = 0.05, type = "one.sample", alt = "two.sided", strict = FALSE),
  list(n = 15, delta = 2, sd = 3, sig = 0.05, type = "paired", alt = "one.sided", strict = FALSE),
  list(n = 400, delta = 0.2, sd = 1, sig = 0.0125, type = "two.sample", alt = "two.sided", strict = TRUE)
)
rows <- list()
for (case in cases) {
  power <- power.t.test(n = case$n, delta = case$delta, sd = case$sd, sig.level = case$sig,
                        type = case$type, alternative = case$alt, strict = case$strict)$power
  n <- power.t.test(delta = case$delta, sd = case$sd, sig.level = case$sig, power = power, type = case$type,
                    alternative = case$alt, strict = case$strict, tol = 1e-12)$n
  target <- 0.8
  n80 <- power.t.test(delta = case$delta, sd = case$sd, sig.level = case$sig, power = target, type = case$type,
                      alternative = case$alt, strict = case$strict, tol = 1e-12)$n
  delta80 <- power.t.test(n = case$n, sd = case$sd, sig.level = case$sig, power = target, type = case$type,
                          alternative = case$alt, strict = case$strict, tol = 1e-12)$delta
  sd80 <- power.t.test(n = case$n, delta = case$delta, sd = NULL, sig.level = case$sig, power = 0.5, type = case$type,
                       alternative = case$alt, strict = case$strict, tol = 1e-12)$sd
  rows[[length(rows) + 1]] <- data.frame(type = case$type, two_sided = case$alt == "two.sided", strict = case$strict,
                                         n = case$n, delta = case$delta, sd = case$sd, sig_level = case$sig,
                                         power = power, n_solved = n, n_for_80 = n80, delta_for_80 = delta80,
                                         sd_for_50 = sd80)
}
write_exact(do.call(rbind, rows), "power_t_test.csv")

# power.prop.test likewise.
cases <- list(
  list(n = 50, p1 = 0.5, p2 = 0.75, sig = 0.05, alt = "two.sided", strict = FALSE),
  list(n = 50, p1 = 0.5, p2 = 0.75, sig = 0.05, alt = "two.sided", strict = TRUE),
  list(n = 200, p1 = 0.35, p2 = 0.2275, sig = 0.05, alt = "two.sided", strict = FALSE),
  list(n = 30, p1 = 0.1, p2 = 0.12, sig = 0.05, alt = "two.sided", strict = TRUE),
  list(n = 120, p1 = 0.6, p2 = 0.45, sig = 0.01, alt = "one.sided", strict = FALSE)
)
rows <- list()
for (case in cases) {
  power <- power.prop.test(n = case$n, p1 = case$p1, p2 = case$p2, sig.level = case$sig,
                           alternative = case$alt, strict = case$strict)$power
  n80 <- power.prop.test(p1 = case$p1, p2 = case$p2, sig.level = case$sig, power = 0.8,
                         alternative = case$alt, strict = case$strict, tol = 1e-12)$n
  p2_80 <- if (case$p2 > case$p1) power.prop.test(n = case$n, p1 = case$p1, sig.level = case$sig, power = 0.8,
                            alternative = case$alt, strict = case$strict, tol = 1e-12)$p2 else NA
  rows[[length(rows) + 1]] <- data.frame(two_sided = case$alt == "two.sided", strict = case$strict, n = case$n,
                                         p1 = case$p1, p2 = case$p2, sig_level = case$sig, power = power,
                                         n_for_80 = n80, p2_for_80 = p2_80)
}
write_exact(do.call(rbind, rows), "power_prop_test.csv")
