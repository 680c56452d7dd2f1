"""Reference values for StudySimulation's true effects (TrueEffectsReferenceTests).

For small sets of people with constant counted-offence rates c_i (per day) and follow-up
windows T_i (days), allocated to arms with shares pi_a and rate ratios r_a:
- risk under arm a: mean_i (1 - exp(-c_i r_a T_i)), in 50-digit arithmetic (mpmath);
- harm mean difference: (r_a - r_0) * mean_i(c_i T_i) * mean harm per counted offence;
- the Cox limit: the root beta of the expected partial-likelihood score
  U_a(beta) = int_0^max T [pi_a D_a(t) - w_a(t) sum_b pi_b D_b(t)] dt, with
  Y_a(t) = sum_{T_i >= t} exp(-c_i r_a t), D_a(t) = sum_{T_i >= t} c_i r_a exp(-c_i r_a t),
  w_a = pi_a e^{beta_a} Y_a / sum_b pi_b e^{beta_b} Y_b, beta_0 = 0;
  integrals by scipy.integrate.quad on each interval between follow-up lengths, root by
  scipy.optimize.root.

Run: python3 make_fixtures.py  (writes true_effects.json beside this script)
"""
import json
import numpy as np
import mpmath as mp
from scipy import integrate, optimize

mp.mp.dps = 50


def case(name, seed, n, shares, ratios, mean_harm):
    rng = np.random.default_rng(seed)
    rates = np.round(np.exp(rng.normal(np.log(0.6 / 365), 0.8, n)), 12)
    windows = np.where(rng.random(n) < 0.15, rng.integers(14, 365, n), 365).astype(int)
    rates = [float(r) for r in rates]
    windows = [int(w) for w in windows]
    k = len(shares)

    def risk(ratio):
        return float(mp.fsum(1 - mp.exp(-mp.mpf(c) * ratio * w) for c, w in zip(rates, windows)) / n)

    exposure = float(mp.fsum(mp.mpf(c) * w for c, w in zip(rates, windows)) / n)
    breaks = sorted(set(windows))
    c = np.array(rates)
    T = np.array(windows)

    def integrand(t, beta, arm, part, at_risk):
        y = []
        d = []
        for a in range(k):
            h = c[at_risk] * ratios[a]
            s = np.exp(-h * t)
            y.append(s.sum())
            d.append((h * s).sum())
        weights = [shares[a] * (1.0 if a == 0 else np.exp(beta[a - 1])) * y[a] for a in range(k)]
        total = sum(weights)
        events = sum(shares[a] * d[a] for a in range(k))
        if part == "observed":
            return shares[arm] * d[arm]
        return weights[arm] / total * events

    def score(beta):
        out = []
        for a in range(1, k):
            value = 0.0
            start = 0.0
            for end in breaks:
                # On (start, end) the people at risk are those with T_i >= end.
                at_risk = T >= end
                f = lambda t: integrand(t, beta, a, "observed", at_risk) - integrand(t, beta, a, "expected", at_risk)
                value += integrate.quad(f, start, end, epsabs=1e-14, epsrel=1e-12, limit=200)[0]
                start = end
            out.append(value)
        return out

    solution = optimize.root(score, [np.log(r) for r in ratios[1:]], tol=1e-12)
    assert max(abs(v) for v in score(solution.x)) < 1e-11, score(solution.x)
    hazard_ratios = [float(np.exp(b)) for b in solution.x]
    control_risk = risk(ratios[0])
    return {
        "name": name,
        "rates": rates,
        "windows": windows,
        "shares": shares,
        "rate_ratios": ratios,
        "mean_counted_harm": mean_harm,
        "control_risk": control_risk,
        "risk_differences": [risk(r) - control_risk for r in ratios[1:]],
        "harm_mean_differences": [(r - ratios[0]) * exposure * mean_harm for r in ratios[1:]],
        "hazard_ratios": hazard_ratios,
    }


cases = [
    case("four equal arms", 1, 80, [0.25, 0.25, 0.25, 0.25], [1.0, 0.65, 0.8, 0.95], 96.5),
    case("unequal shares, an arm that harms", 2, 60, [0.4, 0.2, 0.2, 0.2], [1.0, 0.5, 0.9, 1.2], 40.0),
    case("two arms", 3, 50, [0.5, 0.5], [1.0, 0.7], 10.0),
]
with open("true_effects.json", "w") as f:
    json.dump(cases, f, indent=1)
    f.write("\n")
