#!/usr/bin/env python3
"""Write scenarios/backcast-fy2023.toml: FY2023 inputs on baseline-fy2024's fitted behaviour.

    python3 data/derive_backcast.py            # rewrites scenarios/backcast-fy2023.toml
    python3 data/derive_backcast.py --check    # exit 1 if the committed file differs

The backcast is the second out-of-sample check of issue 12 (docs/validation.md, "Backcast
FY2023"): it extends baseline-fy2024 and overrides INPUTS only -- Southwest-border Title 8
apprehensions by month, funded beds, removal flights and the detained docket's judges -- each
with its source or as an assumption with a range. No FY2023 outcome (ICE arrests, book-ins,
ADP, ALOS, removals, book-outs) is read here (../shared/calibration/README.md, "Fitting
window"). Behavioural parameters are inherited unchanged, and
crates/scenario/tests/it/backcast.rs fails if one is overridden.

Title 42: expulsions never entered ICE custody, so the border input is Title 8 apprehensions
only. Before 12 May 2023 a month's Title 8 share of Border Patrol apprehensions is derived
where CBP published the split (October 2022, January 2023) and otherwise the fiscal-year-to-June
average implied by CIS's count of Title 8 apprehensions (an assumption with a range).
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # keep data/ free of __pycache__
from derive_baseline import SCEN, asm, crossings_for, emit, load_scenario, rnd, sched  # noqa: E402

OUT = os.path.join(SCEN, "backcast-fy2023.toml")
START, DAYS = "2022-10-01", 365
T42_END = "2023-05-12"  # Title 42 order ended 11 May 2023 at 23:59 (HHS public health emergency expiry)

# Southwest-border Border Patrol apprehensions (all titles) by month, with where each comes from.
CBP_OCT = ("CBP October 2022 operational update: USBP 204,273 apprehensions, 78,477 of all 230,678 SW encounters "
           "processed under Title 42 (numbersusa.org/node/985663; smarthernews.com/october-2022-data-from-southern-border)")
CBP_JAN = ("CBP January 2023 monthly operational update: USBP 128,410 (down from 221,675 in December 2022); "
           "64,499 of 156,274 SW encounters processed under Title 42 "
           "(einpresswire.com/article/616371550/cbp-releases-january-2023-monthly-operational-update)")
CBP_MAR = ("CBP March 2023 operational update: USBP 162,317 in March, 130,024 in February "
           "(laredobuzz.com/2023/04/37435/laredo-texas)")
CIS_APR = "CIS (cis.org/Arthur/Southwest-Border-Apprehensions-Encounters-Surge-April, 2023-05-18): 'more than 182,000' in April"
BB_MAY = ("Breitbart Texas 2023-06-02 (unofficial USBP report): 'more than 165,000' in May, >10,000/day before 11 May, "
          "~3,400/day at month end (breitbart.com/border/2023/06/02/migrant-apprehensions-at-border-fall-slightly-in-first-post-title-42-month)")
CIS_JUN = "CIS (cis.org/Arthur/Border-Patrol-Southwest-Apprehensions-Drop-Below-100k-June, 2023-07-19): 99,545 in June"
ABC_JUL = "ABC News (2023-08-18): 132,652 SW apprehensions in July (abcnews.go.com/US/border-patrol-apprehensions-increased-july-remain-lower-title/story?id=102395135)"
BB_AUG = ("CBP August 2023 Southwest Land Border Encounters via Breitbart Texas (2023-09-22): 181,059 in August; 1,827,133 "
          "in FY2023 to August (breitbart.com/border/2023/09/22/181k-migrants-apprehended-at-southern-border-in-august-up-36-percent-from-july)")
DC_SEP = "Daily Caller (2023-10-19), Border Patrol data: 218,777 SW encounters in September 2023 (dailycaller.com/2023/10/19/illegal-immigration-southern-border-surges-new-september-record)"

# (first day, days in the period, apprehensions in the period, sourced?, evidence, Title 8 share key)
PERIODS = [
    ("2022-10-01", 31, 204_273, True, CBP_OCT, "oct"),
    ("2022-11-01", 30, 207_000, False, "not found as a separate number: 1,827,133 to August (Breitbart) less the other "
     "months gives ~215,000, the months' releases as read suggest ~205,000", "avg"),
    ("2022-12-01", 31, 221_675, True, CBP_JAN, "avg"),
    ("2023-01-01", 31, 128_410, True, CBP_JAN, "jan"),
    ("2023-02-01", 28, 130_024, True, CBP_MAR, "avg"),
    ("2023-03-01", 31, 162_317, True, CBP_MAR, "avg"),
    ("2023-04-01", 30, 182_000, True, CIS_APR, "avg"),
    # May split at the end of Title 42: ~8,000/day for 11 days (">10,000/day" in the last days), the rest after.
    ("2023-05-01", 11, 88_000, False, "May 2023 (~167,000, " + BB_MAY + ") split at 11 May: 11 days at ~8,000/day", "avg"),
    (T42_END, 20, 79_000, False, "the rest of May 2023's ~167,000 over 20 days (~3,950/day); " + BB_MAY, "t8"),
    ("2023-06-01", 30, 99_545, True, CIS_JUN, "t8"),
    ("2023-07-01", 31, 132_652, True, ABC_JUL, "t8"),
    ("2023-08-01", 31, 181_059, True, BB_AUG, "t8"),
    ("2023-09-01", 30, 218_777, True, DC_SEP, "t8"),
]

# Title 8 share of Border Patrol apprehensions while Title 42 was in force.
# CIS (politicalemails.org/messages/1113121, 2023-07-19): >963,000 Title 8 apprehensions in Oct 2022 - Jun 2023.
# With the months above, Oct 2022 - 11 May 2023 then had 963,000 - (79,000 + 99,545) = 784,455 Title 8 of
# 1,323,699 apprehensions: 0.59. October and January from CBP's own split (all Title 42 counted as USBP,
# an upper bound on USBP's Title 42 share since OFO also expelled a few).
T8_SHARE = {
    "oct": (round(1 - 78_477 / 204_273, 2), CBP_OCT),
    "jan": (round(1 - 64_499 / 128_410, 2), CBP_JAN),
    "avg": (0.59, "CIS: >963,000 Title 8 apprehensions Oct 2022 - Jun 2023 (politicalemails.org/messages/1113121)"),
    "t8": (1.0, "Title 42 ended 11 May 2023: every apprehension processed under Title 8"),
}

BEDS_FUNDED = 34_000
BEDS_SOURCE = ("FY2023 omnibus (Consolidated Appropriations Act, 2023, P.L. 117-328, Div. F) funded 34,000 ICE detention beds "
               "as summarised by NIJC (immigrantjustice.org/staff/blog/nijc-analysis-immigration-related-provisions-fy2023-omnibus)")

FLIGHTS_12M = 1_358
FLIGHTS_SOURCE = ("derived: 1,358 removal flights in the 12 months to September 2023 (Witness at the Border ICE Air report, "
                  "quoted by IRTF Cleveland's October 2023 newsletter: irtfcleveland.org/blog/migrant-justice-newsletter-oct-2023) / 365 x 7")

IJ_MID = 649  # CRS R47637 (2023-07-28): IJs on staff at the end of FY2023 Q2
IJ_END = 734  # EOIR strategic plan, objective 1.2: 734 IJs at the end of FY2023


def apprehension_probability(m, half, agents, crossings):
    """As model::effort::apprehension_probability."""
    x = agents / crossings
    return m * x / (x + half)


def sectors(parent):
    """Southwest sectors' Title 8 crossings by month, split as baseline-fy2024's apprehensions are."""
    m = parent["channels"]["apprehension_max"]["value"]
    half = parent["channels"]["agents_per_crossing_half"]["value"]
    sw = [s for s in parent["sectors"] if s["southwest"]]
    appr = {}
    for s in sw:
        c = s["crossings_per_day"]["steps"][0]["value"]
        appr[s["name"]] = c * apprehension_probability(m, half, s["agents"]["value"], c)
    total = sum(appr.values())
    out = []
    for s in sw:
        share = appr[s["name"]] / total
        steps = []
        for frm, days, n, sourced, evidence, tkey in PERIODS:
            t8, t8_src = T8_SHARE[tkey]
            per_day = n / days * t8 * share
            c = rnd(crossings_for(m, half, s["agents"]["value"], per_day), 3)
            how = (f"{n:,} SW apprehensions / {days} days x Title 8 share {t8} x sector share {share:.3f} = "
                   f"{per_day:.0f}/day apprehended")
            share_src = "the same" if t8_src == evidence else t8_src
            note = f"{how}; apprehensions: {'' if sourced else 'ASSUMED, '}{evidence}; Title 8 share: {share_src}"
            rng = [rnd(c * (0.85 if sourced and tkey in ('oct', 'jan', 't8') else 0.7), 3), rnd(c * 1.3, 3)]
            steps.append({"from": frm, "value": c, "assumption": True, "range": rng, "note": note})
        lo = min(st["range"][0] for st in steps)
        hi = max(st["range"][1] for st in steps)
        out.append({"name": s["name"], "crossings_per_day": sched(
            steps, assumption=True, range=[lo, hi],
            note=("FY2023 Title 8 crossings: apprehensions processed under Title 8 only (Title 42 expulsions never "
                  "entered ICE custody), split over sectors by baseline-fy2024's apprehension shares (assumed; FY2023's "
                  "sector mix differed), divided by the apprehension probability at the sector's agents"))})
    return out


def offices(parent):
    """Contract and IGSA beds scaled so the national rated beds equal FY2023's funded level."""
    fixed = flexible = 0.0
    for o in parent["offices"]:
        for kind, v in o["beds"].items():
            val = v["steps"][0]["value"] if "steps" in v else v["value"]
            if kind in ("contract", "igsa"):
                flexible += val
            else:
                fixed += val
    factor = (BEDS_FUNDED - fixed) / flexible
    out = []
    for o in parent["offices"]:
        beds = {}
        for kind in ("contract", "igsa"):
            val = o["beds"][kind]["steps"][0]["value"]
            beds[kind] = sched([{"from": START, "value": round(val * factor)}], source=(
                f"derived: baseline-fy2024's {kind} beds in this AOR x {factor:.4f} = (34,000 funded - {fixed:,.0f} "
                f"ICE-owned) / {flexible:,.0f} contract and IGSA beds. Inputs: {BEDS_SOURCE}"), as_of="2022-12-29")
        out.append({"name": o["name"], "beds": beds})
    return out


def build():
    parent = load_scenario(os.path.join(SCEN, "baseline-fy2024.toml"))
    doc = {
        "scenario": {
            "name": "backcast-fy2023",
            "description": ("Run with FY2023's inputs and the behaviour fitted on FY2024-FY2025, how close does "
                            "caseload come to ICE's FY2023 arrests, book-ins, detention and removals?"),
            "extends": "baseline-fy2024",
            "start": START,
            "days": DAYS,
            "warmup_days": 365,
            "replications": 10,
            "seed": 20221001,
        },
        "courts": {
            "detained_docket_slots": sched([
                {"from": START, "value": rnd(30_000 * IJ_MID / IJ_END, 3),
                 "note": f"{IJ_MID} IJs at the end of FY2023 Q2 (CRS R47637, everycrsreport.com, 2023-07-28) against {IJ_END}"},
                {"from": "2023-07-01", "value": 30_000,
                 "note": f"{IJ_END} IJs at the end of FY2023 (EOIR strategic plan, objective 1.2, justice.gov/eoir)"},
            ], assumption=True, range=[15_000, 45_000], note=(
                "baseline-fy2024's 30,000 concurrent detained cases scaled by the judge corps (734 at the start of "
                "FY2024); non-binding in the baseline")),
        },
        "removal": {
            "flights_per_week": sched([{"from": START, "value": rnd(FLIGHTS_12M / 365 * 7, 3)}],
                                      source=FLIGHTS_SOURCE, as_of="2023-10", note=(
                                          "Witness at the Border counts removal charters, Title 42 expulsion flights "
                                          "included (their seats carried no ICE detainees); commercial-airline removals excluded")),
        },
        "offices": offices(parent),
        "sectors": sectors(parent),
        "appropriations": [{
            "name": "ICE O&S FY2023",
            "amount": asm(8_400_000_000, 8_000_000_000, 8_800_000_000, (
                "ICE's overall FY2023 appropriation ~$8.4B (P.L. 117-328, as summarised by NIJC: immigrantjustice.org/"
                "staff/blog/nijc-analysis-immigration-related-provisions-fy2023-omnibus); O&S is nearly all of it")),
            "share_modelled": asm(0.6, 0.45, 0.75, "as ICE O&S FY2024 in baseline-fy2024"),
            "from": START,
            "until": "2023-09-30",
            "lines": ["detention", "transport", "personnel", "atd"],
        }],
    }
    return doc


HEADER = """# backcast-fy2023 -- FY2023 (2022-10-01 .. 2023-09-30) with FY2023 INPUTS and baseline-fy2024's behaviour.
# GENERATED by data/derive_backcast.py: edit the script, then re-run `python3 data/derive_backcast.py`.
# The second out-of-sample check of issue 12 (docs/validation.md, "Backcast FY2023"). It overrides inputs
# only: Southwest-border Title 8 apprehensions by month (Title 42 expulsions, until 11 May 2023, never
# entered ICE custody), funded beds, removal flights, the detained docket's judges and the year's money.
# Inherited unchanged (FY2023 had the same): no national arrest target, no operations, no 287(g) expansion,
# no Border Patrol interior details, no 2025 expedited-removal expansion, ERO officers (~6,000), detainer
# honour rates and every behavioural parameter (the 2021 enforcement priorities are in the fitted
# at-large and collateral values; the memo was vacated 10 Jun 2022 - 23 Jun 2023, see docs/scenarios.md).
# No FY2023 outcome was used to build it."""


def main():
    text = emit(build(), HEADER)
    if "--check" in sys.argv[1:]:
        with open(OUT) as f:
            same = f.read() == text
        print("backcast-fy2023.toml is " + ("up to date" if same else "STALE: run python3 data/derive_backcast.py"))
        sys.exit(0 if same else 1)
    with open(OUT, "w") as f:
        f.write(text)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
