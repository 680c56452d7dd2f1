# Reference values for NumericSummary: R's mean, sd, type 7 quantiles and t.test interval on the
# numeric columns of the bundled Columbus study. Run from the repository root:
#   Rscript Tests/StatisticsTests/Fixtures/make_summary_fixtures.R
columbus <- read.csv("Tests/StatisticsTests/Fixtures/columbus.csv")
rows <- list()
for (name in c("crime", "inc", "hoval", "open", "plumb", "discbd")) {
  for (level in c(0.9, 0.95, 0.99)) {
    x <- columbus[[name]]
    q <- quantile(x, c(0.25, 0.5, 0.75), type = 7, names = FALSE)
    ci <- t.test(x, conf.level = level)$conf.int
    rows[[length(rows) + 1]] <- data.frame(
      column = name, level = level, n = length(x), mean = mean(x), sd = sd(x), min = min(x),
      q1 = q[1], median = q[2], q3 = q[3], max = max(x), ci_lower = ci[1], ci_upper = ci[2])
  }
}
out <- do.call(rbind, rows)
for (name in names(out)[-1]) out[[name]] <- sprintf("%.17g", out[[name]])
write.csv(out, "Tests/StatisticsTests/Fixtures/columbus_summary.csv",
          row.names = FALSE, quote = FALSE)
