"""Reference scores for the RiskScoring tests, computed independently of PreventKit.

Writes cohort.csv, offences.csv and expected.csv next to this script from random.Random(7).
The rules are those of study.yaml in this folder, implemented here with Python's datetime:
  ocg_link            networks     flag column ocg_link                     weight 3
  low_attainment      identity     attainment below 40                      weight 1.5
  violence_at_home    identity     flag column violence_at_home             weight 2
  repeat_offending    criminality  >= 2 offences in the 365 days before the referral date   weight 2.5
  older               ability      age at_least 18                          weight 0.5
Bands: low from 0, medium from 3, high from 6. A missing cell leaves its factor not assessed.
"""
import csv
import os
import random
from datetime import date, timedelta

here = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(7)
people = []
for i in range(60):
    pid = f"P{i:03d}"
    referral = date(2024, 1, 1) + timedelta(days=int(rng.random() * 365))
    people.append({
        "id": pid,
        "age": "" if rng.random() < 0.05 else 12 + int(rng.random() * 10),
        "attainment": "" if rng.random() < 0.1 else round(rng.random() * 100, 1),
        "ocg_link": rng.choice(["yes", "no", "Yes", "NO", ""]),
        "violence_at_home": rng.choice(["true", "false", "1", "0"]),
        "referral_date": "" if rng.random() < 0.05 else referral.isoformat(),
    })
offences = []
for p in people:
    for _ in range(int(rng.random() * 4)):
        base = date.fromisoformat(p["referral_date"]) if p["referral_date"] else date(2024, 6, 1)
        offences.append((p["id"], (base - timedelta(days=int(rng.random() * 700))).isoformat()))
# Edge days: exactly 365 days before (inside the window) and on the referral day (outside).
edge = next(p for p in people if p["referral_date"])
d = date.fromisoformat(edge["referral_date"])
offences += [(edge["id"], (d - timedelta(days=365)).isoformat()), (edge["id"], d.isoformat()),
             (edge["id"], (d - timedelta(days=366)).isoformat())]

with open(os.path.join(here, "cohort.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(people[0].keys()), lineterminator="\n")
    w.writeheader()
    w.writerows(people)
with open(os.path.join(here, "offences.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "offence_date"])
    w.writerows(offences)


def flag(text):
    if text == "":
        return None
    return text.lower() in ("yes", "true", "1", "y")


def window_count(pid, referral):
    ref = date.fromisoformat(referral)
    return sum(1 for who, day in offences if who == pid and ref - timedelta(days=365) <= date.fromisoformat(day) < ref)


factors = [("ocg_link", "networks", 3.0), ("low_attainment", "identity", 1.5), ("violence_at_home", "identity", 2.0),
           ("repeat_offending", "criminality", 2.5), ("older", "ability", 0.5)]
with open(os.path.join(here, "expected.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "score_criminality", "score_identity", "score_networks", "score_ability", "score", "band",
                "factors_present", "factors_not_assessed"])
    for p in people:
        readings = {
            "ocg_link": flag(p["ocg_link"]),
            "low_attainment": None if p["attainment"] == "" else float(p["attainment"]) < 40,
            "violence_at_home": flag(p["violence_at_home"]),
            "repeat_offending": None if p["referral_date"] == "" else window_count(p["id"], p["referral_date"]) >= 2,
            "older": None if p["age"] == "" else int(p["age"]) >= 18,
        }
        sub = {d: 0.0 for d in ("criminality", "identity", "networks", "ability")}
        for fid, domain, weight in factors:
            if readings[fid]:
                sub[domain] += weight
        score = sum(sub.values())
        band = "high" if score >= 6 else "medium" if score >= 3 else "low"
        w.writerow([p["id"], sub["criminality"], sub["identity"], sub["networks"], sub["ability"], score, band,
                    ";".join(fid for fid, _, _ in factors if readings[fid]),
                    ";".join(fid for fid, _, _ in factors if readings[fid] is None)])
