# Reference values for the RiskModels tests, from R glm, glmnet 4.1 and pROC.
#
#   cd Tests/RiskModelsTests/Fixtures && Rscript make_fixtures.R
#
# Data sets (each written as data_NAME.csv: y, fold, then the factors):
#   biopsy    MASS::biopsy, complete cases: 9 cytology scores (1-10), y = malignant.
#   pima      MASS::Pima.tr: 7 clinical measures, y = diabetic.
#   simulated 400 people, 12 factors (binary pathway factors and counts of prior offences),
#             logistic outcome (seed 20261121).
#   wide      40 people, 60 binary factors: fewer people than factors.
# For each: glm_NAME.csv (plain logistic regression: term, estimate, std_error, p_value, deviance),
# path_NAME_alphaA.csv (glmnet path: lambda, dev_ratio, intercept, factors), and for biopsy and
# simulated cv_NAME_alphaA.csv (cv.glmnet with the given foldid: lambda, cvm, cvsd, and
# lambda_min / lambda_1se). Paths use thresh = 1e-18 so that they are converged tightly: glmnet
# tests the squared change of each coefficient (weighted by its curvature) against thresh times
# the null deviance, so thresh = 1e-12 still leaves changes near 1e-6 in the coefficients, and
# the nearly separable end of the wide path (p > n) needs 1e-18 for 1e-6 agreement. The tests fit with
# the same threshold.
# validation_NAME.csv (y, p) with validation_NAME_metrics.csv hold predictions and their
# AUC, DeLong CI (pROC), Brier score, calibration slope and intercept (glm), and
# calibration_NAME.csv the table by decile of predicted risk.
suppressPackageStartupMessages({library(MASS); library(glmnet); library(pROC)})
options(digits = 17)
write <- function(frame, file) write.csv(frame, file, row.names = FALSE, quote = TRUE)
fmt <- function(x) formatC(x, digits = 17, format = "g")

folds_for <- function(n, k, seed) { set.seed(seed); sample(rep(seq_len(k), length.out = n)) }

biopsy_cc <- na.omit(biopsy)
pima <- Pima.tr
set.seed(20261121)
n <- 400
sim_x <- cbind(
    ocg_link = rbinom(n, 1, 0.2), ocg_neighbourhood = rbinom(n, 1, 0.35), low_attainment = rbinom(n, 1, 0.4),
    violence_at_home = rbinom(n, 1, 0.15), impulsive = rbinom(n, 1, 0.3), prior_offences = rpois(n, 1.5),
    excluded = rbinom(n, 1, 0.25), network_contact = rbinom(n, 1, 0.1), age_13_15 = rbinom(n, 1, 0.5),
    debt = rbinom(n, 1, 0.2), online_contact = rpois(n, 0.7), sibling_convicted = rbinom(n, 1, 0.12))
sim_eta <- -2 + sim_x %*% c(1.1, 0.6, 0.4, 0.9, 0.5, 0.35, 0.3, 0, 0, 0.2, 0, 0)
sim_y <- rbinom(n, 1, 1 / (1 + exp(-sim_eta)))
set.seed(7)
wide_x <- matrix(rbinom(40 * 60, 1, 0.3), 40, 60, dimnames = list(NULL, sprintf("w%02d", 1:60)))
wide_y <- rbinom(40, 1, 1 / (1 + exp(-(-0.5 + 1.5 * wide_x[, 1] - 1.2 * wide_x[, 2]))))

sets <- list(
    biopsy = list(x = as.matrix(biopsy_cc[, 2:10]), y = as.integer(biopsy_cc$class == "malignant")),
    pima = list(x = as.matrix(pima[, 1:7]), y = as.integer(pima$type == "Yes")),
    simulated = list(x = sim_x, y = as.integer(sim_y)),
    wide = list(x = wide_x, y = as.integer(wide_y)))

for (name in names(sets)) {
    x <- sets[[name]]$x; storage.mode(x) <- "double"; y <- sets[[name]]$y
    fold <- folds_for(nrow(x), 10, 1)
    data <- data.frame(y = y, fold = fold, x, check.names = FALSE)
    write(data, sprintf("data_%s.csv", name))

    if (name != "wide") {
        model <- glm(y ~ x, family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100))
        s <- summary(model)$coefficients
        write(data.frame(term = c("(Intercept)", colnames(x)), estimate = fmt(s[, 1]), std_error = fmt(s[, 2]), p_value = fmt(s[, 4]),
                         deviance = fmt(deviance(model)), null_deviance = fmt(model$null.deviance)),
              sprintf("glm_%s.csv", name))
    }

    for (alpha in c(1, 0, 0.5)) {
        fit <- glmnet(x, y, family = "binomial", alpha = alpha, thresh = 1e-18, maxit = 1e7)
        coefs <- as.matrix(coef(fit))
        frame <- data.frame(lambda = fmt(fit$lambda), dev_ratio = fmt(fit$dev.ratio), intercept = fmt(coefs[1, ]))
        for (j in seq_len(ncol(x))) frame[[colnames(x)[j]]] <- fmt(coefs[j + 1, ])
        write(frame, sprintf("path_%s_alpha%s.csv", name, alpha))
        if (name %in% c("biopsy", "simulated") && alpha != 0.5) {
            cv <- cv.glmnet(x, y, family = "binomial", alpha = alpha, thresh = 1e-18, maxit = 1e7, foldid = fold)
            write(data.frame(lambda = fmt(cv$lambda), cvm = fmt(cv$cvm), cvsd = fmt(cv$cvsd),
                             lambda_min = fmt(cv$lambda.min), lambda_1se = fmt(cv$lambda.1se)),
                  sprintf("cv_%s_alpha%s.csv", name, alpha))
        }
    }
}

# Validation of fixed predictions: in-sample glm predictions (with ties) for biopsy and pima,
# and out-of-fold lasso predictions at lambda.min for the simulated set.
validation <- function(name, y, p) {
    write(data.frame(y = y, p = fmt(p)), sprintf("validation_%s.csv", name))
    roc_curve <- roc(y, p, levels = c(0, 1), direction = "<", quiet = TRUE)
    ci <- ci.auc(roc_curve, method = "delong", conf.level = 0.95)
    lp <- log(p / (1 - p))
    slope <- coef(glm(y ~ lp, family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100)))[2]
    intercept <- coef(glm(y ~ offset(lp), family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100)))[1]
    write(data.frame(auc = fmt(as.numeric(ci[2])), lower = fmt(ci[1]), upper = fmt(ci[3]),
                     variance = fmt(var(roc_curve, method = "delong")),
                     brier = fmt(mean((p - y)^2)), slope = fmt(slope), intercept = fmt(intercept)),
          sprintf("validation_%s_metrics.csv", name))
    breaks <- unique(quantile(p, probs = 0:10 / 10, type = 7))
    group <- cut(p, breaks, include.lowest = TRUE)
    table <- do.call(rbind, lapply(split(seq_along(p), group, drop = TRUE), function(i)
        data.frame(n = length(i), events = sum(y[i]), mean_predicted = fmt(mean(p[i])), observed = fmt(mean(y[i])))))
    write(table, sprintf("calibration_%s.csv", name))
}
for (name in c("biopsy", "pima")) {
    x <- sets[[name]]$x; y <- sets[[name]]$y
    validation(name, y, fitted(glm(y ~ x, family = binomial)))
}
sim <- sets$simulated
cv <- cv.glmnet(sim$x, sim$y, family = "binomial", foldid = folds_for(nrow(sim$x), 10, 1), keep = TRUE)
validation("simulated", sim$y, 1 / (1 + exp(-cv$fit.preval[, cv$index["min", 1]])))
