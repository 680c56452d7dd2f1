#!/usr/bin/env python3
"""Reference values for the Statistics target's probability distributions.

Every reference is computed with mpmath at 50 significant digits from the exact double inputs
written to the file, by formulas independent of the Swift implementation:

- normal: erfc of the exact standardised value;
- Student t and F: the regularised incomplete beta function from DLMF 8.17.8,
  I_x(a, b) = x^a (1-x)^b / (a B(a, b)) 2F1(a+b, 1; a+1; x), a series of positive terms summed
  directly for the tail below the mean (the other tail is 1 - it); where that tail has x near 1,
  the other tail's fast series is summed with enough extra digits that the complement keeps 50.
  (On the grid these agree to 20 digits with mpmath.hyp2f1, which fails near x = 1.);
- chi-squared: the positive series of P(a, x) below the mean, mpmath.gammainc(regularized=True)
  for Q(a, x) above it;
- binomial and Poisson: the probability mass from log-gamma, and both tails by summing the mass
  outwards from k until the terms no longer matter at 55 digits;
- continuous quantiles: mpmath.findroot on log(tail) = log(target), started from scipy;
- discrete quantiles: the smallest k with cdf(k) >= p (inverse survival: sf(k) <= q), checked
  exactly with the summed tails.

The grid (named parameters, points at tail probabilities from 1e-300 to 1/2 in both tails) is
followed in each file by RANDOM_DRAWS cases with random parameters, points and quantile
probabilities, drawn log-uniformly over wide ranges from a fixed seed.

Each row also records scipy's value, so the closeness of scipy to mpmath is visible.

Columns: function,param1,param2,x,reference,scipy
  function: cdf, sf, pdf, logpdf, ppf, isf (continuous) or pmf, logpmf, cdf, sf, ppf, isf (discrete)
  x: the point (ppf: the probability p; isf: the upper-tail probability q)

References whose magnitude is subnormal in double precision (between 1e-330 and 2.3e-308) are
left out, since no double holds them to 12 digits; smaller ones are written as 0, which the
implementation must return exactly.

Usage: python3 make_distribution_fixtures.py   (writes the CSV files next to this script;
needs mpmath 1.3 and scipy; takes a few minutes)
"""

import csv
import math
import os
import random
import sys
import warnings

import mpmath as mp
import scipy.stats as st

mp.mp.dps = 50
warnings.filterwarnings("ignore")

HERE = os.path.dirname(os.path.abspath(__file__))
SUBNORMAL_FLOOR = 1e-330
SMALLEST_NORMAL = 2.3e-308

# Tail probabilities that set the grid points; both tails are used for every distribution.
TAIL_LEVELS = [1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-10, 1e-6, 1e-3, 0.01, 0.05, 0.1, 0.25, 0.4, 0.49]
# Probabilities for quantiles: the lower levels, 1/2, and upper levels given as p near 1.
QUANTILE_PS = TAIL_LEVELS + [0.4999999, 0.5, 0.5000001, 0.6, 0.75, 0.9, 0.95, 0.99, 0.999, 1 - 1e-6, 1 - 1e-10]
# Upper-tail probabilities for the inverse survival function.
ISF_QS = TAIL_LEVELS + [0.5, 0.75, 0.99]
# Beyond the grid, each file has this many random cases (parameters, point and a quantile),
# drawn log-uniformly over wide ranges from a fixed seed.
RANDOM_DRAWS = 40
RANDOM = random.Random(20261121)


def fmt(value):
    """A double input written so that it parses back to itself."""
    return repr(float(value))


def ref_text(value):
    """A reference value with 20 significant digits, or None when it cannot be a double."""
    if isinstance(value, (int,)) or (isinstance(value, float) and value.is_integer() and abs(value) < 2**53):
        return repr(float(value))
    v = mp.mpf(value)
    if mp.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v != 0 and abs(v) < SUBNORMAL_FLOOR:
        return "0.0"
    if v != 0 and abs(v) < SMALLEST_NORMAL:
        return None
    return mp.nstr(v, 20, min_fixed=-5, max_fixed=5) if v != 0 else "0.0"


def scipy_text(function, *args):
    try:
        value = float(function(*args))
    except Exception:  # scipy failing is itself worth recording
        value = float("nan")
    return repr(value)


class Writer:
    def __init__(self, name):
        self.name = name
        self.rows = []

    def add(self, function, p1, p2, x, reference, scipy_value):
        text = ref_text(reference)
        if text is None:
            return
        self.rows.append([function, fmt(p1), "" if p2 is None else fmt(p2), fmt(x), text, scipy_value])

    def write(self):
        path = os.path.join(HERE, self.name)
        with open(path, "w", newline="") as handle:
            out = csv.writer(handle, lineterminator="\n")
            out.writerow(["function", "param1", "param2", "x", "reference", "scipy"])
            out.writerows(self.rows)
        print(f"{self.name}: {len(self.rows)} rows", file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# Shared high-precision special functions


def _log_front(a, b, x, y):
    """log of x^a y^b / (a B(a, b))."""
    return a * mp.log(x) + b * mp.log(y) - mp.log(a) - (mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b))


def _hypergeometric_sum(a, b, x):
    """2F1(a + b, 1; a + 1; x) = sum of (a + b)_n / (a + 1)_n x^n, all terms positive."""
    eps = mp.mpf(2) ** (-mp.mp.prec - 10)
    total = term = mp.mpf(1)
    n = 0
    while True:
        ratio = (a + b + n) / (a + 1 + n) * x
        term *= ratio
        total += term
        n += 1
        if ratio < 1 and term < total * eps:
            return total


def ibeta_tails(a, b, arguments):
    """(I_x(a, b), I_y(b, a)), where arguments() gives (x, y) with x + y = 1 at the working precision.

    The positive series is summed for the tail below the mean. When that tail has x close to 1
    (large a, small b) the series would need ~1/y terms, so the other tail's series (in y, which
    converges fast) is summed instead, with enough extra digits that its complement keeps 50.
    """
    a, b = mp.mpf(a), mp.mpf(b)
    x, y = arguments()
    if x == 0:
        return mp.mpf(0), mp.mpf(1)
    if y == 0:
        return mp.mpf(1), mp.mpf(0)
    swap = not (x * (a + b + 2) < a + 1)
    if swap:
        a, b, x, y = b, a, y, x
        arguments = (lambda f: lambda: tuple(reversed(f())))(arguments)
    if x <= mp.mpf("0.99"):
        lower = mp.exp(_log_front(a, b, x, y)) * _hypergeometric_sum(a, b, x)
    else:
        # I_x(a, b) >= its front factor, which bounds the digits lost to the complement.
        lost = max(0, int(-_log_front(a, b, x, y) / mp.log(10))) + 10
        with mp.extradps(lost):
            x, y = arguments()
            upper = mp.exp(_log_front(b, a, y, x)) * _hypergeometric_sum(b, a, y)
            lower = 1 - upper
        lower = +lower
    return (1 - lower, lower) if swap else (lower, 1 - lower)


def solve_quantile(lower_tail, upper_tail, density, target, start, use_lower):
    """The x with lower_tail(x) = target (or upper_tail(x) = target), by Newton on the log scale."""
    target = mp.mpf(target)
    tail = lower_tail if use_lower else upper_tail
    sign = 1 if use_lower else -1
    log_target = mp.log(target)

    def f(x):
        return mp.log(tail(x)) - log_target

    def df(x):
        return sign * density(x) / tail(x)

    if start > 0:
        # Newton in log x: power-law and exponential tails are then nearly linear.
        u = mp.findroot(lambda u: f(mp.exp(u)), mp.log(start), df=lambda u: mp.exp(u) * df(mp.exp(u)),
                        solver="newton", tol=mp.mpf(10) ** -45, maxsteps=200)
        root = mp.exp(u)
    else:
        root = mp.findroot(f, mp.mpf(start), df=df, solver="newton", tol=mp.mpf(10) ** -45, maxsteps=200)
        if abs(root) < mp.mpf(10) ** -40:
            root = mp.mpf(0)  # the centre of a symmetric distribution
    if abs(f(root)) > mp.mpf(10) ** -35:
        raise RuntimeError(f"quantile did not converge: target={target} start={start}")
    return root


# ---------------------------------------------------------------------------------------------
# Continuous distributions


def continuous_fixture(name, params, make_mp, make_scipy, points_for, positive_support, draw):
    """The grid over params, then RANDOM_DRAWS random (param1, param2, x, quantile p) from draw()."""
    out = Writer(name)
    random_params = [draw() for _ in range(RANDOM_DRAWS)]
    for p1, p2, *random_point in [(p1, p2) for p1, p2 in params] + random_params:
        lower_tail, upper_tail, density, log_density = make_mp(p1, p2)
        dist = make_scipy(p1, p2)
        if random_point:
            continuous_random_case(out, p1, p2, random_point, (lower_tail, upper_tail, density, log_density), dist)
            continue
        xs = sorted(set(points_for(p1, p2, dist)))
        for x in xs:
            if not math.isfinite(x) or (positive_support and x <= 0):
                continue
            X = mp.mpf(x)
            out.add("cdf", p1, p2, x, lower_tail(X), scipy_text(dist.cdf, x))
            out.add("sf", p1, p2, x, upper_tail(X), scipy_text(dist.sf, x))
            out.add("pdf", p1, p2, x, density(X), scipy_text(dist.pdf, x))
            out.add("logpdf", p1, p2, x, log_density(X), scipy_text(dist.logpdf, x))
        for p in QUANTILE_PS:
            start = dist.ppf(p) if p <= 0.5 else dist.isf(1 - p)
            if not math.isfinite(start) or (positive_support and start <= 0):
                continue
            target = p if p <= 0.5 else 1 - mp.mpf(p)
            root = solve_quantile(lower_tail, upper_tail, density, target, start, p <= 0.5)
            out.add("ppf", p1, p2, p, root, scipy_text(dist.ppf, p))
        for q in ISF_QS:
            start = dist.isf(q)
            if not math.isfinite(start) or (positive_support and start <= 0):
                continue
            target = q if q <= 0.5 else 1 - mp.mpf(q)
            root = solve_quantile(lower_tail, upper_tail, density, target, start, q > 0.5)
            out.add("isf", p1, p2, q, root, scipy_text(dist.isf, q))
    out.write()


def continuous_random_case(out, p1, p2, point, functions, dist):
    """The four functions at a random x, and the quantile of a random tail probability."""
    lower_tail, upper_tail, density, log_density = functions
    x, p, upper = point
    X = mp.mpf(x)
    out.add("cdf", p1, p2, x, lower_tail(X), scipy_text(dist.cdf, x))
    out.add("sf", p1, p2, x, upper_tail(X), scipy_text(dist.sf, x))
    out.add("pdf", p1, p2, x, density(X), scipy_text(dist.pdf, x))
    out.add("logpdf", p1, p2, x, log_density(X), scipy_text(dist.logpdf, x))
    start = float(dist.isf(p) if upper else dist.ppf(p))
    if math.isfinite(start) and start != 0:
        try:
            root = solve_quantile(lower_tail, upper_tail, density, p, start, not upper)
        except (RuntimeError, ZeroDivisionError, ValueError, TypeError):
            return  # scipy's start was too poor for Newton; the grid covers this tail
        if upper:
            out.add("isf", p1, p2, p, root, scipy_text(dist.isf, p))
        else:
            out.add("ppf", p1, p2, p, root, scipy_text(dist.ppf, p))


def tail_points(dist, extra=()):
    points = [float(dist.ppf(level)) for level in TAIL_LEVELS]
    points += [float(dist.isf(level)) for level in TAIL_LEVELS]
    points += [float(dist.median())]
    points += list(extra)
    return [x for x in points if math.isfinite(x)]


def normal_mp(mean, sd):
    mean, sd = mp.mpf(mean), mp.mpf(sd)
    z = lambda x: (x - mean) / sd
    return (
        lambda x: mp.erfc(-z(x) / mp.sqrt(2)) / 2,
        lambda x: mp.erfc(z(x) / mp.sqrt(2)) / 2,
        lambda x: mp.exp(-z(x) ** 2 / 2) / (sd * mp.sqrt(2 * mp.pi)),
        lambda x: -z(x) ** 2 / 2 - mp.log(sd * mp.sqrt(2 * mp.pi)),
    )


def student_t_mp(nu, _):
    nu = mp.mpf(nu)
    a = nu / 2

    def tails(t):
        arguments = lambda: (nu / (nu + t * t), t * t / (nu + t * t))
        outer, inner = ibeta_tails(a, mp.mpf(0.5), arguments)  # P(|T| > |t|), P(|T| < |t|)
        return (outer / 2, 1 - outer / 2) if t < 0 else (1 - outer / 2, outer / 2)

    log_c = mp.loggamma((nu + 1) / 2) - mp.loggamma(nu / 2) - mp.log(nu * mp.pi) / 2
    log_density = lambda t: log_c - (nu + 1) / 2 * mp.log(1 + t * t / nu)
    return (lambda t: tails(t)[0], lambda t: tails(t)[1], lambda t: mp.exp(log_density(t)), log_density)


def f_mp(d1, d2):
    d1, d2 = mp.mpf(d1), mp.mpf(d2)
    a, b = d1 / 2, d2 / 2

    def tails(f):
        return ibeta_tails(a, b, lambda: (d1 * f / (d1 * f + d2), d2 / (d1 * f + d2)))

    log_b = mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)
    log_density = lambda f: (a * mp.log(d1 / d2) + (a - 1) * mp.log(f) - (a + b) * mp.log(1 + d1 * f / d2) - log_b)
    return (lambda f: tails(f)[0], lambda f: tails(f)[1], lambda f: mp.exp(log_density(f)), log_density)


def igamma_tails(a, x):
    """(P(a, x), Q(a, x)) for exact mp values.

    Below x = a, P is the positive series x^a e^-x / Gamma(a + 1) sum x^n / (a + 1)_n; above it, Q
    comes from mpmath.gammainc, falling back to the complement of the series (with enough extra
    digits to keep 50 in Q) where mpmath's hypergeometric summation gives up.
    """
    def lower_series():
        eps = mp.mpf(2) ** (-mp.mp.prec - 10)
        total = term = mp.mpf(1)
        n = 0
        while True:
            ratio = x / (a + 1 + n)
            term *= ratio
            total += term
            n += 1
            if ratio < 1 and term < total * eps:
                break
        return mp.exp(a * mp.log(x) - x - mp.loggamma(a + 1)) * total

    if x < a:
        lower = lower_series()
        return lower, 1 - lower
    try:
        upper = mp.gammainc(a, x, mp.inf, regularized=True)
    except (mp.libmp.libhyper.NoConvergence, ValueError):
        # Q(a, x) >= (x + 1)^(a - 1) e^(-x - 1) / Gamma(a), which bounds the digits lost.
        log_bound = (a - 1) * mp.log(x + 1) - x - 1 - mp.loggamma(a)
        with mp.extradps(max(0, int(-log_bound / mp.log(10))) + 10):
            upper = 1 - lower_series()
        upper = +upper
    return 1 - upper, upper


def chi_squared_mp(k, _):
    a = mp.mpf(k) / 2
    log_density = lambda x: (a - 1) * mp.log(x / 2) - x / 2 - mp.loggamma(a) - mp.log(2)
    return (
        lambda x: igamma_tails(a, x / 2)[0],
        lambda x: igamma_tails(a, x / 2)[1],
        lambda x: mp.exp(log_density(x)),
        log_density,
    )


# ---------------------------------------------------------------------------------------------
# Discrete distributions


def summed_tails(log_pmf, ratio_down, ratio_up, k, mean, lowest, highest):
    """(cdf(k), sf(k)), summing the smaller-looking tail outwards from k."""
    negligible = mp.mpf(10) ** -55

    def sum_from(j, step_ratio, limit, direction):
        term = mp.exp(log_pmf(j))
        total = term
        while j != limit and term > total * negligible:
            term *= step_ratio(j)
            j += direction
            total += term
        return total

    if k < lowest:
        return mp.mpf(0), mp.mpf(1)
    if highest is not None and k >= highest:
        return mp.mpf(1), mp.mpf(0)
    if k < mean:
        lower = sum_from(k, ratio_down, lowest, -1)
        return lower, 1 - lower
    upper = sum_from(k + 1, ratio_up, highest, +1)
    return 1 - upper, upper


def discrete_fixture(name, params, make_mp, make_scipy, points_for, draw):
    """The grid over params, then RANDOM_DRAWS random (param1, param2, k, quantile p) from draw()."""
    out = Writer(name)
    random_params = [draw() for _ in range(RANDOM_DRAWS)]
    for p1, p2, *random_point in [(p1, p2) for p1, p2 in params] + random_params:
        log_pmf, tails, highest = make_mp(p1, p2)
        dist = make_scipy(p1, p2)
        if random_point:
            k, p, upper = random_point
            ks = [k]
            quantile_ps, isf_qs = ([], [p]) if upper else ([p], [])
        else:
            ks = sorted(set(int(k) for k in points_for(p1, p2, dist)))
            quantile_ps, isf_qs = QUANTILE_PS, ISF_QS
        for k in ks:
            if k < 0 or (highest is not None and k > highest):
                continue
            lower, upper = tails(k)
            out.add("pmf", p1, p2, k, mp.exp(log_pmf(k)), scipy_text(dist.pmf, k))
            out.add("logpmf", p1, p2, k, log_pmf(k), scipy_text(dist.logpmf, k))
            out.add("cdf", p1, p2, k, lower, scipy_text(dist.cdf, k))
            out.add("sf", p1, p2, k, upper, scipy_text(dist.sf, k))

        def smallest(accepts, guess):
            """The smallest k >= 0 with accepts(k), by galloping from the guess, then bisecting."""
            k = max(0, int(guess) if math.isfinite(guess) else 0)
            if highest is not None:
                k = min(k, highest)
            step = 1
            if accepts(k):
                good = k
                bad = -1
                while good > 0:
                    candidate = max(0, good - step)
                    if not accepts(candidate):
                        bad = candidate
                        break
                    good = candidate
                    step *= 2
            else:
                bad = k
                while True:
                    candidate = bad + step if highest is None else min(highest, bad + step)
                    if accepts(candidate):
                        good = candidate
                        break
                    bad = candidate
                    step *= 2
            while good - bad > 1:
                middle = (good + bad) // 2
                if accepts(middle):
                    good = middle
                else:
                    bad = middle
            return good

        for p in quantile_ps:
            P = mp.mpf(p)
            accepts = (lambda k: tails(k)[0] >= P) if p <= 0.5 else (lambda k: tails(k)[1] <= 1 - P)
            out.add("ppf", p1, p2, p, smallest(accepts, float(dist.ppf(p))), scipy_text(dist.ppf, p))
        for q in isf_qs:
            Q = mp.mpf(q)
            accepts = lambda k: tails(k)[1] <= Q
            out.add("isf", p1, p2, q, smallest(accepts, float(dist.isf(q))), scipy_text(dist.isf, q))
    out.write()


def binomial_mp(n, p):
    n = int(n)
    P = mp.mpf(p)
    Q = 1 - P
    log_n = mp.loggamma(n + 1)

    def log_pmf(k):
        if P == 0:
            return mp.mpf(0) if k == 0 else mp.mpf("-inf")
        if Q == 0:
            return mp.mpf(0) if k == n else mp.mpf("-inf")
        return log_n - mp.loggamma(k + 1) - mp.loggamma(n - k + 1) + k * mp.log(P) + (n - k) * mp.log(Q)

    def tails(k):
        return summed_tails(
            log_pmf,
            lambda j: mp.mpf(j) / (n - j + 1) * Q / P,  # pmf(j - 1) / pmf(j)
            lambda j: mp.mpf(n - j) / (j + 1) * P / Q,  # pmf(j + 1) / pmf(j)
            k, n * P, 0, n,
        )

    return log_pmf, tails, n


def poisson_mp(lam, _):
    L = mp.mpf(lam)
    log_pmf = lambda k: k * mp.log(L) - L - mp.loggamma(k + 1)

    def tails(k):
        return summed_tails(log_pmf, lambda j: mp.mpf(j) / L, lambda j: L / (j + 1), k, L, 0, None)

    return log_pmf, tails, None


def discrete_points(dist, highest, extra=()):
    points = [dist.ppf(level) for level in TAIL_LEVELS] + [dist.isf(level) for level in TAIL_LEVELS]
    points += [0, 1, dist.median()] + list(extra)
    if highest is not None:
        points += [highest, highest - 1]
    return [k for k in points if math.isfinite(k)]


# ---------------------------------------------------------------------------------------------


def log_uniform(low, high):
    return math.exp(RANDOM.uniform(math.log(low), math.log(high)))


def random_tail():
    """A tail probability between 1e-300 and 1/2, and whether it is an upper tail."""
    return log_uniform(1e-300, 0.5), RANDOM.random() < 0.5


def draw_normal():
    mean, sd = RANDOM.uniform(-10, 10), log_uniform(1e-3, 1e3)
    return (mean, sd, mean + sd * RANDOM.uniform(-38, 38), *random_tail())


def draw_student_t():
    return (log_uniform(0.5, 1e7), None, RANDOM.choice([-1, 1]) * log_uniform(1e-6, 1e8), *random_tail())


def draw_f():
    x = log_uniform(1e-3, 1e3) * RANDOM.choice([1, log_uniform(1e-6, 1e6)])
    return (log_uniform(0.5, 1e5), log_uniform(0.5, 1e5), x, *random_tail())


def draw_chi_squared():
    k = log_uniform(0.5, 1e5)
    return (k, None, k * log_uniform(0.3, 3) * RANDOM.choice([1, log_uniform(1e-3, 30)]), *random_tail())


def draw_binomial():
    n = int(log_uniform(1, 1e6))
    p = RANDOM.choice([log_uniform(1e-7, 0.5), 1 - log_uniform(1e-7, 0.5), RANDOM.random()])
    sd = math.sqrt(n * p * (1 - p)) + 1
    k = int(min(n, max(0, n * p + RANDOM.uniform(-30, 30) * sd)))
    return (n, p, k, *random_tail())


def draw_poisson():
    lam = log_uniform(1e-3, 1e5)
    k = int(max(0, lam + RANDOM.uniform(-30, 30) * (math.sqrt(lam) + 1)))
    return (lam, None, k, *random_tail())


def main():
    continuous_fixture(
        "normal.csv",
        [(0.0, 1.0), (3.0, 2.5)],
        normal_mp,
        lambda m, s: st.norm(m, s),
        lambda m, s, d: tail_points(d, [m + s * z for z in (-40, -38, -1e-8, 1e-8, 38, 40)]),
        positive_support=False,
        draw=draw_normal,
    )
    continuous_fixture(
        "student_t.csv",
        [(nu, None) for nu in (1.0, 2.5, 4.0, 10.0, 50.0, 1000.0, 1e6)],
        student_t_mp,
        lambda nu, _: st.t(nu),
        lambda nu, _, d: tail_points(d, [-1e300, -1e200, -1e20, -1e-8, 1e-8, 1e20, 1e200, 1e300]),
        positive_support=False,
        draw=draw_student_t,
    )
    continuous_fixture(
        "f.csv",
        [(1.0, 1.0), (2.0, 5.0), (3.0, 7.5), (50.0, 3.0), (10.0, 1000.0), (1000.0, 1e5)],
        f_mp,
        lambda d1, d2: st.f(d1, d2),
        lambda d1, d2, d: tail_points(d, [1e-10, 1.0, 1e10]),
        positive_support=True,
        draw=draw_f,
    )
    continuous_fixture(
        "chi_squared.csv",
        [(k, None) for k in (0.5, 1.0, 2.0, 3.0, 7.5, 30.0, 1000.0, 1e5)],
        chi_squared_mp,
        lambda k, _: st.chi2(k),
        lambda k, _, d: tail_points(d, [1e-10, 1.0, 10 * k]),
        positive_support=True,
        draw=draw_chi_squared,
    )
    discrete_fixture(
        "binomial.csv",
        [(10, 0.5), (30, 0.05), (200, 0.9), (5000, 1e-3), (100000, 0.3), (1000000, 1e-6), (1000000, 0.3),
         (1000000, 0.999)],
        binomial_mp,
        lambda n, p: st.binom(int(n), p),
        lambda n, p, d: discrete_points(d, int(n), [n * p]),
        draw=draw_binomial,
    )
    discrete_fixture(
        "poisson.csv",
        [(lam, None) for lam in (1e-3, 0.5, 3.0, 30.0, 1000.0, 1e5)],
        poisson_mp,
        lambda lam, _: st.poisson(lam),
        lambda lam, _, d: discrete_points(d, None, [lam, 10 * lam + 10]),
        draw=draw_poisson,
    )


if __name__ == "__main__":
    main()
