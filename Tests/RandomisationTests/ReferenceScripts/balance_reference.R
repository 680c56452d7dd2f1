# Reference balance statistics for BalanceTests.swift, in base R 4.2 (cobalt is not packaged for
# Debian), on the jigsaw-demo cohort and its committed allocation:
#   Rscript balance_reference.R ../../../Studies/jigsaw-demo
# SMD: (mean_arm - mean_control) / sqrt((var_arm + var_control) / 2) (cobalt's pooled SD for two
# groups); variance ratio var_arm / var_control; difference in proportions for categories;
# omnibus: anova(lm(x ~ arm)) F test and chisq.test(table(arm, x), correct = FALSE).
args <- commandArgs(trailingOnly = TRUE)
folder <- if (length(args) > 0) args[1] else "../../../Studies/jigsaw-demo"
cohort <- read.csv(file.path(folder, "cohort.csv"), colClasses = c(id = "character"), na.strings = c("", "NA"))
allocation <- read.csv(file.path(folder, "allocation.csv"), colClasses = c(id = "character"))
d <- merge(allocation[, c("id", "arm")], cohort, by = "id")
d$arm <- factor(d$arm, levels = c("control", "police", "partner", "social_media"))
options(digits = 17)
for (x in c("age", "prior_offences")) {
  for (a in c("police", "partner", "social_media")) {
    t <- d[[x]][d$arm == a]; c0 <- d[[x]][d$arm == "control"]
    cat(sprintf("smd %s %s %.17g vr %.17g\n", x, a, (mean(t) - mean(c0)) / sqrt((var(t) + var(c0)) / 2), var(t) / var(c0)))
  }
  f <- anova(lm(d[[x]] ~ d$arm))
  cat(sprintf("anova %s F %.17g df %d %d p %.17g\n", x, f$`F value`[1], f$Df[1], f$Df[2], f$`Pr(>F)`[1]))
}
for (x in c("sex", "ocg_link", "excluded_from_school", "risk_band", "area")) {
  ok <- !is.na(d[[x]])
  test <- chisq.test(table(d$arm[ok], d[[x]][ok]), correct = FALSE)
  cat(sprintf("chisq %s X2 %.17g df %d p %.17g\n", x, test$statistic, test$parameter, test$p.value))
}
for (level in c("female")) for (a in c("police", "partner", "social_media")) {
  cat(sprintf("prop sex=%s %s %.17g\n", level, a, mean(d$sex[d$arm == a] == level) - mean(d$sex[d$arm == "control"] == level)))
}
ok <- !is.na(d$excluded_from_school)
for (a in c("police", "partner", "social_media")) {
  cat(sprintf("prop excluded_from_school=yes %s %.17g\n", a,
              mean(d$excluded_from_school[ok & d$arm == a] == "yes") - mean(d$excluded_from_school[ok & d$arm == "control"] == "yes")))
}
