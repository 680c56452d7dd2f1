# Reference values for the rate-ratio model of simulated count outcomes, from R's glm and sandwich.
# Run from this folder: Rscript make_rate_fixtures.R   (R 4.2, base stats and sandwich)
# Every number is written with 17 significant digits, so that it reads back exactly.
suppressPackageStartupMessages(library(sandwich))
exact <- function(df) { df[] <- lapply(df, function(x) if (is.numeric(x)) sprintf("%.17g", x) else x); df }
write_exact <- function(df, file) write.csv(exact(df), file, row.names = FALSE, quote = FALSE)

# Counts in three arms; in the clustered data whole clusters share an arm (cluster allocation).
set.seed(31)
clusters <- 24
cluster_arm <- rep(0:2, length.out = clusters)
size <- sample(3:9, clusters, replace = TRUE)
cluster <- rep(seq_len(clusters) - 1, size)
arm <- cluster_arm[cluster + 1]
frailty <- rgamma(clusters, shape = 4, scale = 1 / 4)[cluster + 1]
count <- rpois(length(arm), 1.4 * c(1, 0.6, 1.3)[arm + 1] * frailty)
write_exact(data.frame(cluster = cluster, arm = arm, count = count), "rate_counts.csv")

fit <- glm(count ~ factor(arm), family = poisson, control = glm.control(epsilon = 1e-15, maxit = 100))
se <- function(v) sqrt(diag(v))[-1]
g <- length(unique(cluster)); n <- length(count); k <- 3
reference <- data.frame(
  arm = 1:2,
  estimate = unname(coef(fit)[-1]),
  hc0 = unname(se(vcovHC(fit, type = "HC0"))),
  hc1 = unname(se(vcovHC(fit, type = "HC1"))),
  cr0 = unname(se(vcovCL(fit, cluster = cluster, type = "HC0", cadjust = FALSE))),
  stata = unname(se(vcovCL(fit, cluster = cluster, type = "HC0", cadjust = TRUE) * (n - 1) / (n - k))))
write_exact(reference, "rate_ratio_sandwich.csv")
