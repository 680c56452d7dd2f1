"""Writes the small synthetic study folder `small-trial/` that the StudyReport tests read.

Everything is made up from a fixed seed with Python's random.Random, using only random(),
whose sequence is stable across Python versions. No real person's data.

The study has the agreed shape of a bundled study: study.yaml (arms, stratified blocks by
risk_band and area, baseline, eligibility, risk_factors and outcomes), population.csv, cohort.csv
(in enrolment order, some ineligible, some lost to follow-up), crimes.csv, offences.csv,
harm-weights.csv, areas.geojson (two towns, in British National Grid metres) and truth.json.

Run from this folder:  python3 make_fixtures.py
"""

import datetime
import json
import math
import os

import random

SEED = 20261121
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "small-trial")

STUDY_YAML = """\
# A small synthetic Jigsaw-style trial for the report tests. All data is synthetic.
study: small-trial
arms:
  - {name: control, ratio: 1}
  - {name: police, ratio: 1}
  - {name: partner, ratio: 1}
  - {name: social_media, ratio: 1}
randomisation:
  scheme: stratified-blocks
  strata: [risk_band, area]
  block_sizes: [4, 8]
  seed: 20261121
baseline:
  - {name: age, type: numeric, required: true}
  - {name: risk_band, type: categorical, levels: [low, medium, high], required: true}
  - {name: area, type: categorical, levels: [north, south], required: true}
  - {name: consent, type: categorical, levels: ["yes", "no"], required: true}
eligibility:
  - {field: age, min: 10, max: 25}
  - {field: consent, equals: "yes"}
risk_factors:
  id: id
  home: {easting: home_easting, northing: home_northing}
  hotspots: {crimes: crimes.csv, x: easting, y: northing, type: crime_type, cell: 250, fdr: 0.05}
  offences: {file: offences.csv, id: id, date: offence_date, reference: referral_date}
  yardstick: phia
  factors:
    - {id: ocg_link, domain: networks, column: ocg_link, weight: 3}
    - {id: ocg_neighbourhood, domain: identity, spatial: {inside: hotspot}, weight: 2}
    - {id: violence_at_home, domain: identity, column: violence_at_home, weight: 2}
    - {id: repeat_offending, domain: criminality, offences: {within_days: 730, at_least: 2}, weight: 3}
  bands:
    - {name: low, from: 0}
    - {name: medium, from: 3}
    - {name: high, from: 6}
outcomes:
  offences: offences.csv
  harm_weights: harm-weights.csv
  follow_up_days: 365
  allocation_date: allocation_date
  lost_to_follow_up: lost_to_follow_up
"""

TOWNS = [  # name, centre easting, northing, half-width (m)
    ("Northby", 402000.0, 288000.0, 2500.0),
    ("Southam", 403000.0, 282000.0, 2500.0),
]
HOTSPOTS = [  # crime type, easting, northing
    ("drug_supply", 401500.0, 288500.0),
    ("drug_supply", 403200.0, 281500.0),
    ("firearms", 401700.0, 288300.0),
    ("acquisitive", 402500.0, 282500.0),
]
HARM = [("theft", 5), ("assault", 60), ("drug_supply", 365), ("burglary", 120), ("criminal_damage", 2)]
ARM_RATE = {"control": 1.0, "police": 0.7, "partner": 0.8, "social_media": 0.95}


def iso(day):
    """Day number (days since 2024-01-01) as YYYY-MM-DD."""
    return (datetime.date(2024, 1, 1) + datetime.timedelta(days=day)).isoformat()


def day_of(text):
    """YYYY-MM-DD as a day number since 2024-01-01."""
    return (datetime.date.fromisoformat(text) - datetime.date(2024, 1, 1)).days


def main():
    rng = random.Random(SEED)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "study.yaml"), "w") as f:
        f.write(STUDY_YAML)

    # Crimes: clustered around the hotspots, plus background over both towns.
    crimes = []
    for kind, e, n in HOTSPOTS:
        for _ in range(120):
            r, a = 250 * math.sqrt(rng.random()), 2 * math.pi * rng.random()
            crimes.append((e + r * math.cos(a), n + r * math.sin(a), kind))
    for _ in range(500):
        _, ce, cn, h = TOWNS[int(rng.random() * 2)]
        kind = ["drug_supply", "firearms", "acquisitive"][int(rng.random() * 3)]
        crimes.append((ce + (2 * rng.random() - 1) * h, cn + (2 * rng.random() - 1) * h, kind))
    with open(os.path.join(OUT, "crimes.csv"), "w") as f:
        f.write("easting,northing,crime_type,crime_date\n")
        for e, n, kind in crimes:
            f.write("%.1f,%.1f,%s,%s\n" % (e, n, kind, iso(int(rng.random() * 365))))

    # Population of nominals; the first 160 referred are the identified cohort.
    population = []
    for i in range(240):
        town = int(rng.random() * 2)
        _, ce, cn, h = TOWNS[town]
        person = {
            "id": "ST%04d" % (i + 1),
            "age": 11 + int(rng.random() * 14) if rng.random() > 0.04 else 27,
            "area": "north" if town == 0 else "south",
            "referral_date": iso(int(rng.random() * 120)),
            "home_easting": round(ce + (2 * rng.random() - 1) * h, 1),
            "home_northing": round(cn + (2 * rng.random() - 1) * h, 1),
            "ocg_link": "yes" if rng.random() < 0.3 else "no",
            "violence_at_home": "yes" if rng.random() < 0.25 else "no",
            "consent": "no" if rng.random() < 0.03 else "yes",
        }
        score = 3 * (person["ocg_link"] == "yes") + 2 * (person["violence_at_home"] == "yes") + int(rng.random() * 4)
        person["risk_band"] = "low" if score < 3 else ("medium" if score < 6 else "high")
        population.append(person)
    columns = ["id", "age", "area", "referral_date", "home_easting", "home_northing", "ocg_link", "violence_at_home"]
    with open(os.path.join(OUT, "population.csv"), "w") as f:
        f.write(",".join(columns) + "\n")
        for p in population:
            f.write(",".join(str(p[c]) for c in columns) + "\n")

    cohort = sorted(population[:160], key=lambda p: (p["referral_date"], p["id"]))
    offences = []
    # Prior offences (before referral) for some.
    for p in population:
        for _ in range(int(rng.random() * 3)):
            offences.append((p["id"], iso(-1 - int(rng.random() * 500)), HARM[int(rng.random() * 5)][0], "no"))
    # Outcomes after allocation: arms are known only after allocation, so the generator draws
    # offences from a base rate; the tests check the pipeline, not the effect sizes.
    cohort_rows = []
    for index, p in enumerate(cohort):
        allocation_day = day_of(p["referral_date"]) + 2
        lost = ""
        if rng.random() < 0.06:
            lost = iso(allocation_day + 30 + int(rng.random() * 200))
        rate = {"low": 0.5, "medium": 1.0, "high": 1.6}[p["risk_band"]]
        count = 0
        while rng.random() < rate / (1 + rate) and count < 6:
            count += 1
            day = allocation_day + 1 + int(rng.random() * 360)
            offences.append((p["id"], iso(day), HARM[int(rng.random() * 5)][0], "yes" if rng.random() < 0.1 else "no"))
        cohort_rows.append((p, iso(allocation_day), lost))
    with open(os.path.join(OUT, "cohort.csv"), "w") as f:
        f.write("id,age,risk_band,area,consent,home_easting,home_northing,ocg_link,violence_at_home,referral_date,allocation_date,lost_to_follow_up\n")
        for p, allocated, lost in cohort_rows:
            f.write("%s,%d,%s,%s,%s,%.1f,%.1f,%s,%s,%s,%s,%s\n" % (
                p["id"], p["age"], p["risk_band"], p["area"], p["consent"], p["home_easting"], p["home_northing"],
                p["ocg_link"], p["violence_at_home"], p["referral_date"], allocated, lost))
    offences.sort(key=lambda o: (o[1], o[0]))
    with open(os.path.join(OUT, "offences.csv"), "w") as f:
        f.write("id,offence_date,offence_code,proactive\n")
        for o in offences:
            f.write(",".join(o) + "\n")
    with open(os.path.join(OUT, "harm-weights.csv"), "w") as f:
        f.write("offence_code,description,harm_days\n")
        for code, days in HARM:
            f.write("%s,%s,%d\n" % (code, code.replace("_", " "), days))

    features = []
    for name, ce, cn, h in TOWNS:
        # In British National Grid metres, as the report also accepts (the bundled studies use WGS84).
        ring = [[ce - h, cn - h], [ce + h, cn - h], [ce + h, cn + h], [ce - h, cn + h]]
        ring.append(ring[0])
        features.append({"type": "Feature", "properties": {"name": name},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    with open(os.path.join(OUT, "areas.geojson"), "w") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, indent=1)
        f.write("\n")
    with open(os.path.join(OUT, "truth.json"), "w") as f:
        json.dump({"note": "offences drawn at a base rate by risk band; no arm effect",
                   "rate_ratio": {arm: 1.0 for arm in ARM_RATE}}, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
