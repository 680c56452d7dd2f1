"""Writes the synthetic files of Studies/jigsaw-risk: cohort.csv, crimes.csv and offences.csv.

Everything is drawn from Python's random.Random(20240607) using only random(), whose sequence is
stable across Python versions, so the files are the same on every machine. No real person's data.
"""
import csv
import math
import os
from datetime import date, timedelta

rng = __import__("random").Random(20240607)
here = os.path.dirname(os.path.abspath(__file__))

# A 10 km square of British National Grid around a fictional town centre.
X0, Y0, SIZE = 400000.0, 280000.0, 10000.0
CENTRES = {  # crime type -> (centre x, centre y, spread in metres)
    "drug_supply": (X0 + 4000, Y0 + 5000, 500),
    "firearms": (X0 + 4600, Y0 + 5300, 450),
    "acquisitive": (X0 + 7500, Y0 + 2500, 600),
}


def normal():
    # Box-Muller from two uniforms.
    u1, u2 = rng.random(), rng.random()
    return math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2)


def uniform_point():
    return X0 + rng.random() * SIZE, Y0 + rng.random() * SIZE


def yes_no(p):
    return "yes" if rng.random() < p else "no"


with open(os.path.join(here, "crimes.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["easting", "northing", "crime_type"])
    for crime_type, (cx, cy, spread) in CENTRES.items():
        for _ in range(400):
            w.writerow([round(cx + spread * normal(), 1), round(cy + spread * normal(), 1), crime_type])
        for _ in range(300):
            x, y = uniform_point()
            w.writerow([round(x, 1), round(y, 1), crime_type])

people = []
start = date(2024, 1, 8)
for i in range(1, 401):
    pid = f"JR{i:04d}"
    near = rng.random() < 0.35
    if near:
        cx, cy, _ = CENTRES["drug_supply"]
        x, y = cx + 700 * normal(), cy + 700 * normal()
    else:
        x, y = uniform_point()
    missing_home = rng.random() < 0.04
    ocg_link = yes_no(0.45 if near else 0.2)
    low = yes_no(0.4)
    violence = yes_no(0.3)
    impulsive = yes_no(0.35)
    if rng.random() < 0.03:
        violence = ""  # not recorded
    specialist = yes_no(0.08)
    age = 10 + int(rng.random() * 16)
    referral = start + timedelta(days=int(rng.random() * 300))
    people.append(dict(id=pid, age=age, area=["central", "north", "east", "west"][int(rng.random() * 4)],
                       referral_date=referral.isoformat(),
                       home_easting="" if missing_home else round(x, 1),
                       home_northing="" if missing_home else round(y, 1),
                       ocg_link=ocg_link, low_attainment_or_exclusion=low, violence_at_home=violence,
                       impulsive_or_violent=impulsive, specialist_access=specialist, near=near))

with open(os.path.join(here, "offences.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "offence_date"])
    for p in people:
        rate = 1.5 + (1.5 if p["ocg_link"] == "yes" else 0) + (1.0 if p["impulsive_or_violent"] == "yes" else 0)
        count = int(rng.random() * rate * 2)
        referral = date.fromisoformat(p["referral_date"])
        for _ in range(count):
            w.writerow([p["id"], (referral - timedelta(days=1 + int(rng.random() * 1400))).isoformat()])
        p["prior"] = count

with open(os.path.join(here, "cohort.csv"), "w", newline="") as f:
    fields = ["id", "age", "area", "referral_date", "home_easting", "home_northing", "ocg_link",
              "low_attainment_or_exclusion", "violence_at_home", "impulsive_or_violent", "specialist_access", "reoffended"]
    w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    for p in people:
        eta = -2.2 + 1.1 * (p["ocg_link"] == "yes") + 0.8 * p["near"] + 0.6 * (p["impulsive_or_violent"] == "yes") \
            + 0.5 * (p["violence_at_home"] == "yes") + 0.3 * min(p["prior"], 5)
        p["reoffended"] = 1 if rng.random() < 1.0 / (1.0 + math.exp(-eta)) else 0
        w.writerow(p)
