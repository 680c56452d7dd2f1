"""Recomputes the per-person outcomes of this example with pandas, independently of PreventKit.

Run from this folder: python3 make_expected.py  (writes expected_outcomes.csv)

Rules (as documented for OffenceOutcomes): follow-up runs from the day after allocation for
FOLLOW_UP days, or to the date lost to follow-up if earlier; an offence counts if it falls in
that period and was not found by proactive policing; harm is the sum of the counted offences'
weights.
"""
import numpy as np
import pandas as pd

FOLLOW_UP = 365

cohort = pd.read_csv("cohort.csv", dtype=str, keep_default_na=False)
offences = pd.read_csv("offences.csv", dtype=str, skip_blank_lines=True)
weights = pd.read_csv("harm-weights.csv", dtype={"offence_code": str})

cohort["allocated"] = pd.to_datetime(cohort["allocation_date"], format="%Y-%m-%d")
cohort["lost"] = pd.to_datetime(cohort["lost_to_follow_up"].replace("", None), format="%Y-%m-%d")
lost_offset = (cohort["lost"] - cohort["allocated"]).dt.days
cohort["days_at_risk"] = np.where(lost_offset.notna() & (lost_offset < FOLLOW_UP), lost_offset, FOLLOW_UP).astype(int)
cohort["lost_to_follow_up"] = (lost_offset.notna() & (lost_offset < FOLLOW_UP)).astype(int)

records = offences.merge(cohort[["id", "allocated", "days_at_risk"]], on="id", how="inner")
records["offset"] = (pd.to_datetime(records["offence_date"], format="%Y-%m-%d") - records["allocated"]).dt.days
records["proactive"] = records["proactive"].str.lower().isin(["yes", "y", "true", "1"])
counted = records[(records["offset"] > 0) & (records["offset"] <= records["days_at_risk"]) & ~records["proactive"]]
counted = counted.merge(weights, on="offence_code", how="left")

per_person = counted.groupby("id").agg(offence_count=("offset", "size"), harm=("harm_days", "sum"),
                                       first=("offset", "min"))
out = cohort[["id", "days_at_risk", "lost_to_follow_up"]].merge(per_person, on="id", how="left")
out["offence_count"] = out["offence_count"].fillna(0).astype(int)
out["harm"] = out["harm"].fillna(0.0)
out["any_offence"] = (out["offence_count"] > 0).astype(int)
out["log_harm"] = np.log1p(out["harm"])
out["first_offence"] = out["first"].notna().astype(int)
out["time_to_first_offence"] = out["first"].fillna(out["days_at_risk"]).astype(int)
columns = ["id", "any_offence", "offence_count", "harm", "log_harm", "time_to_first_offence", "first_offence",
           "days_at_risk", "lost_to_follow_up"]
out[columns].to_csv("expected_outcomes.csv", index=False, float_format="%.17g")
