"""Reference values for GeometryTests from shapely (GEOS): areas, centroids, point locations,
intersection / union / difference areas and convex hulls.

Run from this folder:  python3 make_geometry_fixtures.py   (needs shapely >= 2; PyPI)
Writes geometry_cases.json. Every random input comes from a fixed seed, so the output is stable.
"""
import json
import math
import random
from pathlib import Path

import shapely
import shapely.geometry
from shapely.geometry import MultiPoint, Point, Polygon

random.seed(20240601)
here = Path(__file__).resolve().parent


def rounded(v, digits=3):
    return float(round(v, digits))


polygons = {}


def add(name, shell, holes=()):
    p = Polygon(shell, holes)
    assert p.is_valid, (name, shapely.is_valid_reason(p))
    polygons[name] = p


# Hand-made shapes that exercise the degenerate cases.
add("square", [(0, 0), (4, 0), (4, 4), (0, 4)])
add("square_cw", [(0, 0), (0, 4), (4, 4), (4, 0)])
add("square_with_hole", [(0, 0), (4, 0), (4, 4), (0, 4)], [[(1, 1), (1, 3), (3, 3), (3, 1)]])
add("shares_edge", [(4, 0), (8, 0), (8, 4), (4, 4)])
add("shares_part_edge", [(4, 1), (7, 1), (7, 3), (4, 3)])
add("touches_vertex", [(4, 4), (8, 4), (8, 8), (4, 8)])
add("overlap", [(2, 2), (6, 2), (6, 6), (2, 6)])
add("collinear_points", [(0, 0), (1, 0), (2, 0), (4, 0), (4, 2), (4, 4), (2, 4), (0, 4), (0, 2)])
add("below_part_edge", [(1, -2), (3, -2), (3, 0), (1, 0)])
add("triangle", [(-1, -1), (5, -1), (2, 5)])
add("in_hole", [(1.5, 1.5), (2.5, 1.5), (2.5, 2.5), (1.5, 2.5)])
add("hole_filler", [(1, 1), (3, 1), (3, 3), (1, 3)])
add("concave_l", [(0, 0), (6, 0), (6, 2), (2, 2), (2, 6), (0, 6)])
add("comb", [(0, 0), (7, 0), (7, 5), (6, 5), (6, 1), (5, 1), (5, 5), (4, 5), (4, 1), (3, 1), (3, 5),
             (2, 5), (2, 1), (1, 1), (1, 5), (0, 5)])
add("diamond", [(2, -1), (5, 2), (2, 5), (-1, 2)])
add("vertex_on_edge", [(4, 2), (6, 0), (6, 4)])
add("thin_hole_touch", [(-2, -2), (6, -2), (6, 6), (-2, 6)], [[(0, 0), (4, 0), (4, 4), (0, 4)]])


def random_star(cx, cy, radius, n):
    angles = sorted(random.uniform(0, 2 * math.pi) for _ in range(n))
    return [(rounded(cx + radius * random.uniform(0.4, 1.0) * math.cos(a)),
             rounded(cy + radius * random.uniform(0.4, 1.0) * math.sin(a))) for a in angles]


# Hotspot-like shapes in British National Grid metres: stars and hulls of scattered points.
for k in range(12):
    cx, cy = 450000 + random.uniform(-800, 800), 200000 + random.uniform(-800, 800)
    shell = random_star(cx, cy, random.uniform(300, 900), random.randint(5, 24))
    p = Polygon(shell)
    if not p.is_valid:
        continue
    if k % 3 == 0:
        inner = random_star(cx, cy, 80, 6)
        q = Polygon(shell, [inner])
        if q.is_valid:
            p = q
    polygons[f"star_{k}"] = p
for k in range(8):
    cx, cy = 450000 + random.uniform(-600, 600), 200000 + random.uniform(-600, 600)
    pts = [(rounded(cx + random.gauss(0, 250)), rounded(cy + random.gauss(0, 250))) for _ in range(40)]
    hull = MultiPoint(pts).convex_hull
    polygons[f"hull_{k}"] = Polygon(hull.exterior.coords)

# Real neighbourhoods that share edges: Columbus, Ohio (projected units, from libpysal / GeoDa).
columbus = json.loads((here / "../../../../Studies/columbus/columbus.geojson").read_text())
columbus_polys = []
for i, f in enumerate(columbus["features"][:20]):
    g = f["geometry"]
    if g["type"] != "Polygon":
        continue
    p = Polygon(g["coordinates"][0], g["coordinates"][1:])
    if p.is_valid:
        polygons[f"columbus_{i}"] = p
        columbus_polys.append(f"columbus_{i}")


# Degenerate-heavy shapes: unions of random unit cells on a small integer grid (rectilinear, with
# holes and pinches that shapely splits), and small-integer stars; pairs of them share many edges,
# partial edges and vertices.
def cell_blob(k):
    cells = [shapely.geometry.box(i, j, i + 1, j + 1) for i in range(6) for j in range(6) if random.random() < 0.55]
    u = shapely.union_all(cells)
    parts = [g for g in getattr(u, "geoms", [u]) if g.geom_type == "Polygon"]
    return max(parts, key=lambda g: g.area)


for k in range(10):
    p = cell_blob(k)
    polygons[f"blob_{k}"] = shapely.geometry.polygon.orient(p, 1.0)
for k in range(10):
    n = random.randint(4, 9)
    cx, cy = random.randint(3, 5), random.randint(3, 5)
    pts = []
    for i in range(n):
        a = 2 * math.pi * (i + random.uniform(0, 0.5)) / n
        r = random.choice([2, 3])
        pts.append((round(cx + r * math.cos(a)), round(cy + r * math.sin(a))))
    p = Polygon(pts)
    if p.is_valid and p.area > 0 and len(set(pts)) == len(pts):
        polygons[f"intstar_{k}"] = p


def ring_json(ring):
    return [list(c) for c in list(ring.coords)[:-1]]


def polygon_json(p):
    return {"exterior": ring_json(p.exterior), "holes": [ring_json(h) for h in p.interiors]}


def location(poly, pt):
    if poly.contains(pt):
        return "inside"
    if poly.touches(pt):
        return "onBoundary"
    return "outside"


records = []
for name, p in polygons.items():
    c = p.centroid
    records.append({"name": name, "polygon": polygon_json(p), "area": p.area, "centroid": [c.x, c.y],
                    "bounds": list(p.bounds), "is_convex": bool(abs(p.convex_hull.area - p.area) <= 1e-12 * p.area) and len(p.interiors) == 0})

# Point locations: every vertex, every edge midpoint, and random points in and around the box.
locations = []
for name, p in polygons.items():
    minx, miny, maxx, maxy = p.bounds
    pts = []
    for ring in [p.exterior, *p.interiors]:
        cs = list(ring.coords)
        for a, b in zip(cs, cs[1:]):
            pts.append(a)
            pts.append(((a[0] + b[0]) / 2, (a[1] + b[1]) / 2))
    w, h = maxx - minx, maxy - miny
    for _ in range(40):
        pts.append((minx - 0.1 * w + random.random() * 1.2 * w, miny - 0.1 * h + random.random() * 1.2 * h))
    for x, y in pts:
        locations.append({"polygon": name, "x": x, "y": y, "location": location(p, Point(x, y))})

pair_names = [
    ("square", "shares_edge"), ("square", "shares_part_edge"), ("square", "touches_vertex"),
    ("square", "overlap"), ("square", "collinear_points"), ("square", "below_part_edge"),
    ("square", "triangle"), ("square_cw", "overlap"), ("square_with_hole", "overlap"),
    ("square_with_hole", "in_hole"), ("square_with_hole", "hole_filler"), ("square_with_hole", "shares_edge"),
    ("square_with_hole", "triangle"), ("concave_l", "overlap"), ("concave_l", "square"), ("comb", "overlap"),
    ("comb", "triangle"), ("comb", "diamond"), ("diamond", "square"), ("diamond", "overlap"),
    ("vertex_on_edge", "shares_edge"), ("vertex_on_edge", "square"), ("thin_hole_touch", "square"),
    ("thin_hole_touch", "overlap"), ("thin_hole_touch", "triangle"), ("collinear_points", "overlap"),
    ("triangle", "overlap"), ("square", "square"), ("overlap", "overlap"),
]
bng = [n for n in polygons if n.startswith(("star_", "hull_"))]
for i, a in enumerate(bng):
    for b in bng[i + 1:]:
        if polygons[a].intersects(polygons[b]):
            pair_names.append((a, b))
for i, a in enumerate(columbus_polys):
    for b in columbus_polys[i + 1:]:
        if polygons[a].intersects(polygons[b]):
            pair_names.append((a, b))

def polygonal_parts(g):
    """The number of polygons in a result, ignoring the lines and points where operands only touch."""
    parts = getattr(g, "geoms", [g])
    return sum(1 for part in parts if part.geom_type == "Polygon" and not part.is_empty)


degenerate = [n for n in polygons if n.startswith(("blob_", "intstar_"))]
for i, a in enumerate(degenerate):
    for b in degenerate[i + 1:]:
        if polygons[a].intersects(polygons[b]):
            pair_names.append((a, b))

pairs = []
for a, b in pair_names:
    pa, pb = polygons[a], polygons[b]
    pairs.append({"a": a, "b": b,
                  "intersection_area": pa.intersection(pb).area,
                  "union_area": pa.union(pb).area,
                  "difference_area": pa.difference(pb).area,
                  "intersection_parts": polygonal_parts(pa.intersection(pb))})

# Unions of many overlapping polygons at once (several boundaries crossing near one another).
unions = []
for names in [bng, [n for n in bng if n.startswith("star_")], [n for n in bng if n.startswith("hull_")], columbus_polys]:
    u = shapely.union_all([polygons[n] for n in names])
    unions.append({"names": names, "area": u.area, "parts": polygonal_parts(u),
                   "holes": sum(len(p.interiors) for p in getattr(u, "geoms", [u]))})

# Convex hulls, with the degenerate cases.
hulls = []
hull_inputs = {
    "empty": [],
    "one_point": [(3, 4)],
    "repeated_point": [(3, 4), (3, 4), (3, 4)],
    "two_points": [(0, 0), (5, 1)],
    "collinear": [(0, 0), (1, 1), (2, 2), (5, 5), (3, 3)],
    "vertical": [(2, 0), (2, 7), (2, 3)],
    "square_with_edge_points": [(0, 0), (2, 0), (4, 0), (4, 2), (4, 4), (2, 4), (0, 4), (0, 2), (2, 2), (1, 3)],
    "triangle_with_inside": [(0, 0), (10, 0), (5, 8), (5, 2), (4, 1), (6, 3)],
}
for k in range(10):
    n = random.randint(3, 300)
    cx, cy = 450000 + random.uniform(-900, 900), 200000 + random.uniform(-900, 900)
    hull_inputs[f"random_{k}"] = [(rounded(cx + random.gauss(0, 300)), rounded(cy + random.gauss(0, 300))) for _ in range(n)]
# Integer grid points: many exact collinear boundary points.
hull_inputs["grid_points"] = [(float(i), float(j)) for i in range(0, 10, 3) for j in range(0, 10, 2)]
for name, pts in hull_inputs.items():
    h = MultiPoint(pts).convex_hull if pts else None
    if h is None or h.is_empty:
        kind, verts = "empty", []
    elif h.geom_type == "Point":
        kind, verts = "point", [[h.x, h.y]]
    elif h.geom_type == "LineString":
        kind, verts = "segment", [list(c) for c in h.coords]
    else:
        kind, verts = "polygon", ring_json(h.exterior)
    c = h.centroid if h is not None and not h.is_empty else None
    hulls.append({"name": name, "points": [list(p) for p in pts], "kind": kind, "vertices": verts,
                  "area": 0.0 if h is None else h.area})

# Every Columbus neighbourhood's area and centroid, for the GeoJSON reader's real-data test.
columbus_reference = []
for f in columbus["features"]:
    g = shapely.geometry.shape(f["geometry"])
    columbus_reference.append({"area": g.area, "centroid": [g.centroid.x, g.centroid.y], "valid": bool(g.is_valid)})

# Orientation of nearly collinear triples, decided in exact rational arithmetic: c is a point
# rounded from the line through a and b (BNG-sized and small coordinates), then nudged by a few ulps.
from fractions import Fraction

orientations = []
for k in range(600):
    scale = random.choice([1.0, 1000.0, 450000.0])
    a = (scale + random.uniform(-100, 100), scale / 2 + random.uniform(-100, 100))
    b = (a[0] + random.uniform(-500, 500), a[1] + random.uniform(-500, 500))
    t = random.uniform(-2, 3)
    c = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
    for _ in range(random.randint(0, 2)):
        axis = random.randint(0, 1)
        c[axis] = math.nextafter(c[axis], math.inf if random.random() < 0.5 else -math.inf)
    fa, fb, fc = [tuple(Fraction(v) for v in p) for p in (a, b, c)]
    det = (fa[0] - fc[0]) * (fb[1] - fc[1]) - (fa[1] - fc[1]) * (fb[0] - fc[0])
    orientations.append({"a": list(a), "b": list(b), "c": c, "sign": (det > 0) - (det < 0)})
# And exactly collinear ones: c = a + (b - a) * t with t, coordinates chosen so all is exact.
for k in range(100):
    a = (float(random.randint(-10**6, 10**6)) / 8, float(random.randint(-10**6, 10**6)) / 8)
    d = (float(random.randint(-1000, 1000)) / 4, float(random.randint(-1000, 1000)) / 4)
    t = random.randint(-5, 5)
    b, c = (a[0] + d[0], a[1] + d[1]), [a[0] + t * d[0], a[1] + t * d[1]]
    orientations.append({"a": list(a), "b": list(b), "c": c, "sign": 0})

out = {"generator": f"shapely {shapely.__version__}, GEOS {'.'.join(map(str, shapely.geos_version))}",
       "polygons": records, "locations": locations, "pairs": pairs, "hulls": hulls,
       "columbus": columbus_reference, "unions": unions,
       "orientations": orientations}
(here / "geometry_cases.json").write_text(json.dumps(out, indent=0))
print(len(records), "polygons,", len(locations), "locations,", len(pairs), "pairs,", len(hulls), "hulls")
