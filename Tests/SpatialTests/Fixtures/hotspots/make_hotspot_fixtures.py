"""Reference values for the Spatial hotspot tests (Gi*, Local Moran's I, Benjamini-Hochberg).

Run from this folder:  python3 make_hotspot_fixtures.py
Needs: pip install esda libpysal  (made with esda 2.9.0, libpysal 4.14.1, scipy 1.17.1)

Each case is a grid of counts (cells row-major: row * columns + column, column along x, row along
y, both 0-based from the origin) with binary distance-band weights between cell centres built by
libpysal's DistanceBand, and the statistics esda computes on it:
  G_Local(y, w, transform='B', star=True)          -> gi_g, gi_z, gi_p_norm (one-sided), gi_p_sim (999 permutations),
                                                      gi_p_ref (49,999 permutations)
  Moran_Local(y, w, transformation='r' and 'b')    -> moran_*_i, _q, _ei, _vi, _p_sim, _p_ref
and scipy.stats.false_discovery_control(2 * gi_p_norm, method='bh') -> gi_bh.

juvenile: libpysal's Cardiff juvenile offenders' residences (168 points), binned on a grid of
5-unit cells from (0, 0); the points are written to juvenile_points.csv so the Swift test bins
them itself.
"""
import csv
import warnings

import numpy as np
import libpysal
from libpysal import examples
from libpysal.weights import DistanceBand
import esda
from scipy.stats import false_discovery_control

warnings.filterwarnings("ignore")
PERMUTATIONS = 999
# Near-exact permutation p-values, to check a 999-permutation run against its Monte Carlo error.
REFERENCE_PERMUTATIONS = 49999


def centres(origin, cell, columns, rows):
    cs = []
    for r in range(rows):
        for c in range(columns):
            cs.append((origin[0] + (c + 0.5) * cell, origin[1] + (r + 0.5) * cell))
    return np.array(cs)


def write_case(name, origin, cell, columns, rows, y, band):
    w = DistanceBand(centres(origin, cell, columns, rows), threshold=band, binary=True, silence_warnings=True)
    g = esda.G_Local(y, w, transform="B", star=True, permutations=PERMUTATIONS, seed=12345)
    w_r = DistanceBand(centres(origin, cell, columns, rows), threshold=band, binary=True, silence_warnings=True)
    m_r = esda.Moran_Local(y, w_r, transformation="r", permutations=PERMUTATIONS, seed=12345)
    w_b = DistanceBand(centres(origin, cell, columns, rows), threshold=band, binary=True, silence_warnings=True)
    m_b = esda.Moran_Local(y, w_b, transformation="b", permutations=0)
    w_ref = DistanceBand(centres(origin, cell, columns, rows), threshold=band, binary=True, silence_warnings=True)
    g_ref = esda.G_Local(y, w_ref, transform="B", star=True, permutations=REFERENCE_PERMUTATIONS, seed=54321)
    w_ref = DistanceBand(centres(origin, cell, columns, rows), threshold=band, binary=True, silence_warnings=True)
    m_ref = esda.Moran_Local(y, w_ref, transformation="r", permutations=REFERENCE_PERMUTATIONS, seed=54321)
    bh = false_discovery_control(2 * g.p_norm, method="bh")
    with open(f"{name}.csv", "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow([f"# origin_x={origin[0]} origin_y={origin[1]} cell={cell} columns={columns} rows={rows} band={band}"])
        out.writerow(["column", "row", "count", "gi_g", "gi_z", "gi_p_norm", "gi_p_sim", "gi_bh",
                      "moran_r_i", "moran_r_q", "moran_r_ei", "moran_r_vi", "moran_r_p_sim",
                      "moran_b_i", "moran_b_q", "moran_b_ei", "moran_b_vi", "gi_p_ref", "moran_r_p_ref"])
        for k in range(rows * columns):
            out.writerow([k % columns, k // columns, repr(float(y[k])),
                          repr(float(g.Gs[k])), repr(float(g.Zs[k])), repr(float(g.p_norm[k])),
                          repr(float(g.p_sim[k])), repr(float(bh[k])),
                          repr(float(m_r.Is[k])), int(m_r.q[k]), repr(float(m_r.EI[k])), repr(float(m_r.VI[k])),
                          repr(float(m_r.p_sim[k])),
                          repr(float(m_b.Is[k])), int(m_b.q[k]), repr(float(m_b.EI[k])), repr(float(m_b.VI[k])),
                          repr(float(g_ref.p_sim[k])), repr(float(m_ref.p_sim[k]))])


# Real public data: Cardiff juvenile offenders' residences.
points = np.array([s for s in libpysal.io.open(examples.get_path("juvenile.shp"))])
with open("juvenile_points.csv", "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["x", "y"])
    for x, y in points:
        out.writerow([repr(float(x)), repr(float(y))])
cell, origin = 5.0, (0.0, 0.0)
columns = int(np.ceil(points[:, 0].max() / cell))
rows = int(np.ceil(points[:, 1].max() / cell))
counts = np.zeros(rows * columns)
for x, y in points:
    c = min(int((x - origin[0]) / cell), columns - 1)
    r = min(int((y - origin[1]) / cell), rows - 1)
    counts[r * columns + c] += 1
write_case("juvenile_band7_5", origin, cell, columns, rows, counts, 7.5)
write_case("juvenile_band16", origin, cell, columns, rows, counts, 16.0)

# Synthetic grids: Poisson background with a planted cluster, an oblong grid, and bands from
# "itself only" to several cells.
rng = np.random.default_rng(20261121)
columns, rows = 23, 17
lam = np.full((rows, columns), 0.8)
lam[4:8, 14:19] = 6.0
synthetic = rng.poisson(lam).astype(float).ravel()
write_case("synthetic_band1_5", (1000.0, 2000.0), 250.0, columns, rows, synthetic, 375.0)
write_case("synthetic_band2_5", (1000.0, 2000.0), 250.0, columns, rows, synthetic, 625.0)
write_case("synthetic_band6_2", (1000.0, 2000.0), 250.0, columns, rows, synthetic, 1550.0)

# Continuous values (no ties): permutation p-values of Local Moran's I can then be compared with
# esda's, whose float comparisons break exact ties arbitrarily.
lam = np.full((rows, columns), 1.0)
lam[9:14, 3:8] = 3.0
continuous = rng.gamma(2.0, lam).ravel()
write_case("synthetic_continuous_band2_5", (0.0, 0.0), 100.0, columns, rows, continuous, 250.0)
