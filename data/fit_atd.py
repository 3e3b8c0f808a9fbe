"""Fit and check the non-detained population of baseline-fy2025 (docs/model.md,
"The non-detained population").

Usage: caseload run baseline-fy2025 --out DIR --assumption-samples 0, then
    python3 data/fit_atd.py DIR [SHARE [ZERO_DIR]]
where SHARE is the `detention.atd_enrol_share` the run used. ATD participants are linear
in the share (enrolment x share; exits at 1/725 a day and check-in arrests, both in
proportion to the stock), so the least-squares share on ICE's two in-window national
counts (2025-01-11, 2025-09-20) follows from one run and the path of the starting
participants alone: ZERO_DIR, the same run with `detention.atd_enrol_share = 0` (a
scenario extending baseline-fy2025 with that one value), else the closed form
a0 (1 - 1/725)^t, which leaves check-in arrests out. Prints that share, the AOR-level
check on 2025-09-20 (not fitted) and the docket against EOIR's counts.
"""
import csv, collections, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIG = os.environ.get("CASELOAD_CALIBRATION", os.path.join(HERE, "..", "..", "shared", "calibration"))

def figures():
    with open(os.path.join(FIG, "figures.csv")) as f:
        return {r["key"]: r for r in csv.DictReader(f)}

def national_atd(out):
    atd = collections.Counter()
    with open(os.path.join(out, "daily.csv")) as f:
        for r in csv.DictReader(f):
            if r["office"] != "national":
                atd[r["date"]] += float(r["atd_participants"])
    return atd

def main(out, share, zero=None):
    fig = figures()
    val = lambda k: float(fig[k]["value"])
    atd, dk, by = collections.Counter(), collections.Counter(), {}
    with open(os.path.join(out, "daily.csv")) as f:
        for r in csv.DictReader(f):
            if r["office"] == "national":
                continue
            d = r["date"]
            atd[d] += float(r["atd_participants"])
            dk[d] += float(r["docket_pending"])
            if d == "2025-09-20":
                by[r["office"]] = float(r["atd_participants"])
    days = sorted(atd)
    a0, stay = val("ice.atd.active.2024-09-30"), val("ice.atd.alip_days.2025-09-20")
    if zero:
        alone = national_atd(zero)
        decay = lambda d: alone[d]
    else:
        decay = lambda d: a0 * (1 - 1 / stay) ** (days.index(d) + 1)
    obs = {d: val(f"ice.atd.active.{d}") for d in ("2025-01-11", "2025-09-20")}
    per_share = {d: (atd[d] - decay(d)) / share for d in obs}
    fit = sum(per_share[d] * (obs[d] - decay(d)) for d in obs) / sum(x * x for x in per_share.values())
    for d in obs:
        print(f"ATD {d}: model {atd[d]:,.0f}  ICE {obs[d]:,.0f}  ({atd[d] / obs[d] - 1:+.1%})")
    print(f"least-squares atd_enrol_share: {fit:.4f} (run used {share})")
    gaps = []
    for o, x in sorted(by.items()):
        k = "ice.atd.active.aor." + o.lower().replace(".", "").replace(" ", "_") + ".2025-09-20"
        gaps.append((abs(x / val(k) - 1), o))
    mape = 100 * sum(g for g, _ in gaps) / len(gaps)
    worst = ", ".join(f"{o} {100 * g:.0f}%" for g, o in sorted(gaps)[-4:])
    print(f"ATD by AOR on 2025-09-20 (not fitted): MAPE {mape:.1f}% over {len(gaps)} AORs; largest gaps: {worst}")
    for d, k in (("2025-05-31", "eoir.pending.2025-05-31"), ("2025-08-31", "eoir.pending.2025-08")):
        print(f"docket {d}: model {dk[d]:,.0f}  EOIR {val(k):,.0f}  ({dk[d] / val(k) - 1:+.1%})")

if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 0.158,
         sys.argv[3] if len(sys.argv) > 3 else None)
