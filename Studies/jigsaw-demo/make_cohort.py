#!/usr/bin/env python3
"""Writes cohort.csv: 800 synthetic people for the jigsaw-demo study. No real person's data.

Ages 10 to 25 weighted towards 13-15 (the key risk group in the SOC profile), risk band linked to
prior offences and to a link with an organised crime group (OCG) member, four areas. Identifiers
are pseudonymous (JD0001...). Only random.Random.random() is used, whose sequence for a given
seed is stable across Python versions, so the file is the same on every machine.

Run: python3 make_cohort.py            (writes cohort.csv beside this script)
"""
import csv
import os
import random

SEED = 20151203
COUNT = 800


def pick(rng, choices, weights):
    u = rng.random() * sum(weights)
    for choice, weight in zip(choices, weights):
        if u < weight:
            return choice
        u -= weight
    return choices[-1]


def main():
    rng = random.Random(SEED)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cohort.csv")
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "age", "sex", "risk_band", "area", "prior_offences", "ocg_link", "excluded_from_school", "consent"])
        for number in range(1, COUNT + 1):
            age = pick(rng, list(range(10, 26)), [2, 3, 5, 9, 10, 9, 7, 6, 5, 4, 3, 3, 2, 2, 2, 2])
            sex = pick(rng, ["male", "female"], [78, 22])
            ocg_link = "yes" if rng.random() < 0.35 else "no"
            excluded = "yes" if rng.random() < (0.45 if age < 17 else 0.25) else "no"
            if rng.random() < 0.03:
                excluded = ""  # not recorded
            mean_offences = 0.6 + 0.25 * (age - 10) + (1.5 if ocg_link == "yes" else 0)
            # A Poisson draw by inversion, with random() only.
            offences, term, u = 0, pow(2.718281828459045, -mean_offences), rng.random()
            cumulative = term
            while u > cumulative and offences < 40:
                offences += 1
                term *= mean_offences / offences
                cumulative += term
            score = offences + (3 if ocg_link == "yes" else 0) + (1 if excluded == "yes" else 0) + rng.random() * 2
            risk_band = "high" if score >= 7 else ("medium" if score >= 3.5 else "low")
            area = pick(rng, ["central", "north", "east", "west"], [35, 25, 22, 18])
            writer.writerow([f"JD{number:04d}", age, sex, risk_band, area, offences, ocg_link, excluded, "yes"])


if __name__ == "__main__":
    main()
