"""Write columbus.csv from the attributes in columbus.geojson.

The data are Anselin's (1988) Columbus, Ohio neighbourhood crime figures for 1980, as
distributed with PySAL's libpysal (libpysal/examples/columbus). Run from this folder:

    python3 make_columbus_csv.py
"""
import csv
import json

COLUMNS = ["POLYID", "NEIG", "AREA", "PERIMETER", "HOVAL", "INC", "CRIME", "OPEN",
           "PLUMB", "DISCBD", "X", "Y", "NSA", "NSB", "EW", "CP"]

with open("columbus.geojson") as source:
    features = json.load(source)["features"]

with open("columbus.csv", "w", newline="") as target:
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow([name.lower() for name in COLUMNS] + ["side"])
    for feature in features:
        properties = feature["properties"]
        row = [repr(properties[name]) if isinstance(properties[name], float) else properties[name]
               for name in COLUMNS]
        row = [int(float(v)) if name in ("POLYID", "NEIG", "NSA", "NSB", "EW", "CP") else v
               for name, v in zip(COLUMNS, row)]
        side = "east" if properties["EW"] == 1 else "west"
        writer.writerow(row + [side])
