"""Chooses the Korobov lattice multipliers used by PreventKit's Genz-Bretz integration
(Sources/Statistics/Multiplicity/KorobovLattice.swift).

For each lattice size n (the prime nearest 100 * 1.5^i, i = 0 ... 23) the multiplier a defines
the rank-1 lattice with generating vector z = (1, a, a^2, ...) mod n. The multiplier is the one,
among all 2 <= a <= n/2 when n <= 3000 and among 256 candidates drawn with a fixed seed
otherwise, that minimises the weighted figure of merit

    P2(z) = -1 + (1/n) sum_i prod_{j=1..16} (1 + gamma_j 2 pi^2 B2({i z_j / n})),

with B2(x) = x^2 - x + 1/6 and product weights gamma_j = 1 / j^2: P2 is the worst-case squared
error of the lattice rule for periodic integrands in the weighted Korobov space of smoothness 1,
and the decreasing weights reflect that after separation of variables with reordering the first
variables carry most of the variation.

Run: python3 make_korobov_multipliers.py   (numpy; prints the Swift table)
"""
import numpy as np

DIMENSIONS = 16
WEIGHTS = 1.0 / np.arange(1, DIMENSIONS + 1) ** 2


def is_prime(n):
    if n < 2:
        return False
    f = 2
    while f * f <= n:
        if n % f == 0:
            return False
        f += 1
    return True


def nearest_prime(x):
    d = 0
    while True:
        for c in (x - d, x + d):
            if c > 2 and is_prime(c):
                return c
        d += 1


def figure_of_merit(n, a):
    i = np.arange(n, dtype=np.int64)
    product = np.ones(n)
    z = 1
    for j in range(DIMENSIONS):
        x = ((i * z) % n) / n
        product *= 1 + WEIGHTS[j] * 2 * np.pi ** 2 * (x * x - x + 1.0 / 6)
        z = (z * a) % n
    return product.mean() - 1


def best_multiplier(n, rng):
    if n <= 3000:
        candidates = range(2, n // 2 + 1)
    else:
        candidates = sorted(set(int(c) for c in rng.integers(2, n // 2 + 1, size=256)))
    best = min(candidates, key=lambda a: figure_of_merit(n, a))
    return best, figure_of_merit(n, best)


def main():
    rng = np.random.default_rng(20261121)
    print("    static let sizesAndMultipliers: [(size: Int, multiplier: Int)] = [")
    for step in range(24):
        n = nearest_prime(round(100 * 1.5 ** step))
        a, merit = best_multiplier(n, rng)
        print(f"        ({n}, {a}),  // P2 = {merit:.3e}")
    print("    ]")


if __name__ == "__main__":
    main()
