"""Where a caseload run holds people, month by month, beside ICE's monthly detention statistics.

usage: monthly_stages.py DAILY_CSV OBSERVED_CSV
Per day (monthly means of the national rows of daily.csv): the model's release-to-remove
book-outs and ICE's, the model's orders by removal pathway (expedited / summary / judge), its
stocks in court and after an order, its releases at the post-order custody limit, and ICE's
and the model's book-ins by agency, ADP and ALOS (docs/calibration.md, "Release to Remove:
what the months show"). Reads what monthly_gap.py reads; fits nothing.
"""
import argparse

import pandas as pd

p = argparse.ArgumentParser()
p.add_argument("daily")
p.add_argument("observed")
a = p.parse_args()

d = pd.read_csv(a.daily)
d = d[d.office == "national"].copy()
d["month"] = d.date.str[:7]
g = d.groupby("month")
n = g.size()
o = pd.read_csv(a.observed, dtype={"note": str})


def s(meas, agency="Total", crim="Total", reason=None):
    x = o[(o.measure == meas) & (o.agency == agency) & (o.criminality == crim)]
    if reason is not None:
        x = x[x.reason == reason]
    return x.set_index("month").value


removed = g.removals_land.sum() + g.removals_flight.sum() + g.removals_voluntary.sum()
t = pd.DataFrame({
    "rtr": removed / n,
    "rtr_ice": s("book_outs", reason="Release to Remove") / n,
    "ord_exp": g.orders_expedited.sum() / n,
    "ord_sum": g.orders_summary.sum() / n,
    "ord_judge": g.orders_judge.sum() / n,
    "court": g.court_queue.mean(),
    "after_order": g.awaiting_removal.mean(),
    "not_foreseeable": g.released_not_foreseeable.sum() / n,
    "bi_ice": g.book_ins_ice.sum() / n,
    "bi_ice_pub": s("book_ins", "ICE") / n,
    "bi_cbp": g.book_ins_cbp.sum() / n,
    "bi_cbp_pub": s("book_ins", "CBP") / n,
    "adp": g.detained.mean(),
    "adp_pub": s("adp"),
    "alos": g.book_out_stay_days.sum() / g.book_outs.sum(),
    "alos_pub": s("alos"),
}).dropna(subset=["rtr"])
pd.set_option("display.width", 250)
pd.set_option("display.max_columns", 30)
print(t.round(0).astype(int).to_string())
