# Reference values for AnalyseFamilyCommandTests.swift: the same 90-person trial the test
# writes, analysed by R glm, sandwich, MASS::glm.nb and survival::coxph.
# Run: Rscript Tests/PreventCLITests/ReferenceScripts/analyse_families.R
suppressMessages({ library(sandwich); library(MASS); library(survival); library(estimatr) })
i <- 0:89
arms <- c("control", "police", "partner")
d <- data.frame(
  arm = factor(arms[i %% 3 + 1], levels = arms),
  age = 14 + (i * 37) %% 17,
  reoffended = as.integer(((i * 7 + 3) %% 5) < 2 + (i %% 3 == 1)),
  offences = ((i * i) %% 13) %/% 2 * ((i * 7) %% 4 == 0) + (i %% 3 == 2),
  days = 200 + (i * 13) %% 165,
  harm = ifelse(i %% 4 == 0, 0, (i * 13) %% 50),
  time = 10 + (i * 29) %% 300,
  event = as.integer(((i * 7) %% 11) > 3)
)
p <- function(label, x) cat(sprintf("%s %.17g\n", label, x))
or <- glm(reoffended ~ arm + age, family = binomial, data = d)
p("odds_ratio_police", exp(coef(or)[["armpolice"]]))
p("odds_ratio_police_se", sqrt(diag(vcovHC(or, type = "HC0")))[["armpolice"]])
rr <- glm(offences ~ arm + offset(log(days)), family = poisson, data = d)
p("rate_ratio_partner", exp(coef(rr)[["armpartner"]]))
p("rate_ratio_partner_se", sqrt(diag(vcovHC(rr, type = "HC0")))[["armpartner"]])
nb <- glm.nb(offences ~ arm, data = d)
p("negbin_rate_ratio_partner", exp(coef(nb)[["armpartner"]]))
p("negbin_theta", nb$theta)
h <- lm_robust(harm ~ arm, data = d, se_type = "HC2")
p("harm_police", coef(h)[["armpolice"]])
p("harm_police_se", h$std.error[["armpolice"]])
cx <- coxph(Surv(time, event) ~ arm + age, data = d, ties = "efron")
p("hazard_ratio_police", exp(coef(cx)[["armpolice"]]))
p("hazard_ratio_police_se", sqrt(diag(vcov(cx)))[["armpolice"]])
