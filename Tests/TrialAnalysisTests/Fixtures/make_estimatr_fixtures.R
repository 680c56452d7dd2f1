# Reference values for TrialAnalysisTests from R estimatr (lm_robust, lm_lin,
# difference_in_means) on datasets that ship with R, with missing values added on purpose.
#
# Run from this folder:  Rscript make_estimatr_fixtures.R
# Writes data_<name>.csv, cases.csv, coefficients.csv, joint.csv and dim.csv. Numbers are
# written with 17 significant digits; a missing value is NA.
suppressPackageStartupMessages(library(estimatr))
stopifnot(packageVersion("estimatr") >= "0.30")

g17 <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
write_data <- function(df, name) {
  out <- df
  for (j in names(out)) if (is.numeric(out[[j]])) out[[j]] <- g17(out[[j]])
  write.csv(out, paste0("data_", name, ".csv"), row.names = FALSE, quote = FALSE, na = "NA")
}

# --- Data ---------------------------------------------------------------------------------
data_sets <- list()

tg <- ToothGrowth                       # 2 named arms (OJ, VC); control VC
tg$supp <- as.character(tg$supp)
tg$len[c(3, 17, 41)] <- NA
tg$dose[c(8, 55)] <- NA
tg$supp[29] <- NA
data_sets$toothgrowth <- tg

wb <- warpbreaks                        # 3 named arms (tension L, M, H); control L
wb$tension <- as.character(wb$tension)
wb$woolB <- as.numeric(wb$wool == "B")
# Inverse-probability weights as if the arms had been allocated 2:1:1 (L:M:H) with wool A and
# 1:1:1 with wool B.
wb$ipw <- 1 / ifelse(wb$wool == "A", ifelse(wb$tension == "L", 0.5, 0.25), 1 / 3)
wb$ipw[14] <- NA
wb$wool <- NULL
wb$breaks[c(5, 22)] <- NA
data_sets$warpbreaks <- wb

is <- InsectSprays                      # 6 named arms; control C
is$spray <- as.character(is$spray)
is$count[c(2, 30, 61)] <- NA
data_sets$insectsprays <- is

pg <- PlantGrowth                       # 3 named arms; control ctrl
pg$group <- as.character(pg$group)
pg$weight[c(4, 27)] <- NA
data_sets$plantgrowth <- pg

mt <- mtcars                            # numeric arms cyl 4, 6, 8; clusters carb (sizes 1 to 10)
mt <- mt[, c("mpg", "cyl", "wt", "hp", "qsec", "carb", "am")]
mt$ipw <- 1 / ifelse(mt$am == 1, 0.3, 0.6)  # allocation probabilities differing by am
mt$wt_hp <- mt$wt + 2 * mt$hp           # collinear with wt and hp: dropped, as R does
mt$mpg[c(5, 19)] <- NA
mt$hp[11] <- NA
rownames(mt) <- NULL
data_sets$mtcars <- mt

np <- npk                               # numeric arm N (0/1), clusters = block (unequal after NAs)
np <- data.frame(block = as.numeric(as.character(np$block)), N = as.numeric(as.character(np$N)),
                 P = as.numeric(as.character(np$P)), K = as.numeric(as.character(np$K)),
                 yield = np$yield)
np$yield[c(2, 3, 9, 21)] <- NA
data_sets$npk <- np

for (name in names(data_sets)) write_data(data_sets[[name]], name)

# --- Cases --------------------------------------------------------------------------------
hc <- c("classical", "HC0", "HC1", "HC2", "HC3")
cr <- c("CR0", "stata", "CR2")
spec <- function(data, outcome, arm, control, covariates = character(0), adjustment = "none",
                 cluster = NA, se_types, blocks = NA, weights = NA) {
  lapply(se_types, function(se) list(data = data, outcome = outcome, arm = arm, control = control,
                                     covariates = covariates, adjustment = adjustment,
                                     cluster = cluster, se_type = se, blocks = blocks, weights = weights))
}
cases <- c(
  spec("toothgrowth", "len", "supp", "VC", se_types = hc),
  spec("toothgrowth", "len", "supp", "VC", "dose", "additive", se_types = hc),
  spec("toothgrowth", "len", "supp", "VC", "dose", "lin", se_types = hc),
  spec("warpbreaks", "breaks", "tension", "L", se_types = hc),
  spec("warpbreaks", "breaks", "tension", "L", "woolB", "lin", se_types = c("HC2", "HC3")),
  spec("insectsprays", "count", "spray", "C", se_types = hc),
  spec("plantgrowth", "weight", "group", "ctrl", se_types = c("HC2", "classical")),
  spec("mtcars", "mpg", "cyl", "4", se_types = c(hc, cr), cluster = NA),
  spec("mtcars", "mpg", "cyl", "4", c("wt", "hp", "wt_hp"), "additive", se_types = c("HC2", "HC1")),
  spec("mtcars", "mpg", "cyl", "4", c("wt", "qsec"), "lin", se_types = c("HC2", "HC0")),
  spec("mtcars", "mpg", "am", "0", c("wt", "hp"), "additive", "carb", se_types = cr),
  spec("mtcars", "mpg", "am", "0", c("wt"), "lin", "carb", se_types = cr),
  spec("mtcars", "mpg", "am", "0", se_types = cr, cluster = "carb"),
  spec("npk", "yield", "N", "0", se_types = cr, cluster = "block"),
  spec("npk", "yield", "N", "0", c("P", "K"), "additive", "block", se_types = cr),
  spec("npk", "yield", "N", "0", c("P"), "lin", "block", se_types = cr),
  # Block (stratum) fixed effects, estimatr's fixed_effects = ~ block.
  spec("warpbreaks", "breaks", "tension", "L", se_types = hc, blocks = "woolB"),
  spec("toothgrowth", "len", "supp", "VC", se_types = c("classical", "HC2", "HC3"), blocks = "dose"),
  spec("npk", "yield", "N", "0", c("P", "K"), "additive", se_types = c("HC1", "HC2"), blocks = "block"),
  spec("mtcars", "mpg", "cyl", "4", c("wt"), "additive", "carb", se_types = cr, blocks = "am"),
  # Weighted least squares (inverse-probability weights).
  spec("warpbreaks", "breaks", "tension", "L", se_types = hc, weights = "ipw"),
  spec("warpbreaks", "breaks", "tension", "L", se_types = c("HC2", "HC1"), blocks = "woolB", weights = "ipw"),
  spec("mtcars", "mpg", "cyl", "4", c("wt", "qsec"), "lin", se_types = c("HC2", "classical"), weights = "ipw"),
  spec("mtcars", "mpg", "am", "0", c("wt"), "additive", "carb", se_types = cr, weights = "ipw")
)
# The mtcars cases without covariates but clustered need a cluster; the first mtcars spec has
# none, so keep only its HC types.
cases <- Filter(function(c) !(c$data == "mtcars" && c$arm == "cyl" && length(c$covariates) == 0 &&
                                is.na(c$cluster) && c$se_type %in% cr), cases)

case_rows <- list(); coef_rows <- list(); joint_rows <- list(); dim_rows <- list()
for (i in seq_along(cases)) {
  cs <- cases[[i]]
  id <- sprintf("%02d_%s_%s_%s_%s%s%s", i, cs$data, cs$adjustment, ifelse(is.na(cs$cluster), "none", cs$cluster),
                cs$se_type, ifelse(is.na(cs$blocks), "", paste0("_fe_", cs$blocks)),
                ifelse(is.na(cs$weights), "", paste0("_w_", cs$weights)))
  d <- data_sets[[cs$data]]
  d$arm_factor <- relevel(factor(d[[cs$arm]]), ref = cs$control)
  d$y <- d[[cs$outcome]]
  if (!is.na(cs$cluster)) d$cl <- d[[cs$cluster]]
  if (!is.na(cs$blocks)) d$blk <- factor(d[[cs$blocks]])
  args <- list(data = d, se_type = cs$se_type)
  if (!is.na(cs$cluster)) args$clusters <- quote(cl)
  if (!is.na(cs$blocks)) args$fixed_effects <- quote(~ blk)
  if (!is.na(cs$weights)) { d$wt_ <- d[[cs$weights]]; args$data <- d; args$weights <- quote(wt_) }
  if (cs$adjustment == "lin") {
    fit <- do.call(lm_lin, c(list(formula = y ~ arm_factor,
                                  covariates = reformulate(cs$covariates)), args))
  } else {
    rhs <- c("arm_factor", if (cs$adjustment == "additive") cs$covariates)
    # estimatr's QR (Eigen's column pivoting) may drop a different one of a set of collinear
    # covariates than R's lm does. PreventKit follows lm, so drop lm's aliased columns first
    # and report them as NA; the arm effects and their SEs do not depend on the choice.
    aliased <- names(which(is.na(coef(lm(reformulate(rhs, response = "y"), data = d)))))  # no aliasing with weights here
    full_terms <- names(coef(lm(reformulate(rhs, response = "y"), data = d)))
    fit <- do.call(lm_robust, c(list(formula = reformulate(setdiff(rhs, aliased), response = "y")), args))
    if (length(aliased) > 0) {
      as_estimatr <- do.call(lm_robust, c(list(formula = reformulate(rhs, response = "y")), args))
      arms <- grep("^arm_factor", names(coef(fit)), value = TRUE)
      stopifnot(isTRUE(all.equal(coef(fit)[arms], coef(as_estimatr)[arms], tolerance = 1e-10)),
                isTRUE(all.equal(fit$std.error[arms], as_estimatr$std.error[arms], tolerance = 1e-10)))
      expand <- function(v) setNames(unname(v[full_terms]), full_terms)
      for (field in c("coefficients", "std.error", "df", "p.value", "conf.low", "conf.high"))
        fit[[field]] <- expand(fit[[field]])
    }
  }
  arm_terms <- grep("^arm_factor[^:]*$", names(coef(fit)))
  holm <- rep(NA_real_, length(coef(fit)))
  holm[arm_terms] <- p.adjust(fit$p.value[arm_terms], "holm")
  n_complete <- fit$nobs
  case_rows[[i]] <- data.frame(case = id, data = cs$data, outcome = cs$outcome, arm = cs$arm,
                               control = cs$control, covariates = paste(cs$covariates, collapse = ";"),
                               adjustment = cs$adjustment, cluster = ifelse(is.na(cs$cluster), "", cs$cluster),
                               se_type = cs$se_type, blocks = ifelse(is.na(cs$blocks), "", cs$blocks),
                               weights = ifelse(is.na(cs$weights), "", cs$weights), n = n_complete, n_dropped = nrow(d) - n_complete,
                               n_clusters = ifelse(is.null(fit$nclusters), NA, fit$nclusters))
  coef_rows[[i]] <- data.frame(case = id, position = seq_along(coef(fit)) - 1, term = names(coef(fit)),
                               estimate = g17(coef(fit)), std_error = g17(fit$std.error), df = g17(fit$df),
                               p_value = g17(fit$p.value), conf_low = g17(fit$conf.low),
                               conf_high = g17(fit$conf.high), holm = g17(holm))
  # Joint Wald test that every arm equals control, with the fit's own variance.
  b <- coef(fit)[arm_terms]
  V <- vcov(fit)[names(b), names(b), drop = FALSE]
  q <- length(b)
  Fstat <- drop(t(b) %*% solve(V, b)) / q
  df2 <- if (!is.na(cs$cluster)) fit$nclusters - 1 else fit$df.residual
  if (cs$adjustment == "none" && is.na(cs$blocks)) {  # then the arms are all the slopes: estimatr's own F
    stopifnot(isTRUE(all.equal(unname(fit$fstatistic[1]), Fstat, tolerance = 1e-12)),
              unname(fit$fstatistic[3]) == df2)
  }
  joint_rows[[i]] <- data.frame(case = id, statistic = g17(Fstat), df1 = q, df2 = g17(df2),
                                p_value = g17(pf(Fstat, q, df2, lower.tail = FALSE)))
  if (cs$adjustment == "none" && is.na(cs$cluster) && is.na(cs$blocks) && is.na(cs$weights) && cs$se_type == "HC2") {
    for (level in levels(d$arm_factor)[-1]) {
      dm <- difference_in_means(y ~ arm_factor, data = d, condition1 = cs$control, condition2 = level)
      dim_rows[[length(dim_rows) + 1]] <- data.frame(case = id, arm = level, estimate = g17(dm$coefficients),
                                                     std_error = g17(dm$std.error), welch_df = g17(dm$df))
    }
  }
}
write.csv(do.call(rbind, case_rows), "cases.csv", row.names = FALSE, quote = FALSE, na = "NA")
write.csv(do.call(rbind, coef_rows), "coefficients.csv", row.names = FALSE, quote = FALSE, na = "NA")
write.csv(do.call(rbind, joint_rows), "joint.csv", row.names = FALSE, quote = FALSE, na = "NA")
write.csv(do.call(rbind, dim_rows), "dim.csv", row.names = FALSE, quote = FALSE, na = "NA")
cat(sprintf("estimatr %s: %d cases\n", packageVersion("estimatr"), length(cases)))
