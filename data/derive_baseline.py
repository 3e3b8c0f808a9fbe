#!/usr/bin/env python3
"""Derive caseload's FY2024 and FY2025 baseline scenarios from the public calibration figures.

    python3 data/derive_baseline.py            # derive; write data/*.csv and scenarios/baseline-fy202{4,5}.toml
    python3 data/derive_baseline.py --predict  # also run the flow-balance (fluid) check on the written TOMLs
    python3 data/derive_baseline.py --predict-only   # only the flow-balance check (e.g. after hand edits)

Inputs: shared/calibration/figures.csv and ero_field_offices.csv (`--figures DIR`, default
$CASELOAD_CALIBRATION, else ../shared/calibration beside the checkout). Python standard library only; deterministic (the Monte Carlo used for
detention length-of-stay kernels has a fixed seed).

Everything numeric that goes into the scenarios is defined once, below, with its evidence: either
a citation of a figures.csv row (`cite(...)`) or an explicit assumption with a range (`asm(...)`).
docs/calibration.md explains each group. The apportionment rules for per-office values:

* beds            : national bed count x the office's share of ICE facility ADP (figures.csv
                    ice.detention_adp_facilities.aor.*; FY2024 shares for FY2024, FY2025 shares
                    for the FY2025 growth). Facility AOR = where people are held.
* officers        : 6,000 deportation officers x a blend 0.4 x the office's share of active ATD
                    participants (ice.atd.active.aor.*.2024-09-30: the community caseload it
                    supervises) + 0.3 x its share of facility ADP (the custody caseload it manages)
                    + 0.3 x 1/25 (a fixed core: every office has supervisors, fugitive-operations
                    and detention-management teams). Each data proxy alone is biased (ATD towards
                    big sanctuary metros, facility ADP towards the Louisiana/Texas detention
                    hubs); no per-office staffing is published.
* jail supply     : same blend (removable people booked into local jails live where the
                    community caseload is; custodial transfers happen where ICE holds jail beds).
* reachable pools : ATD share only (people with a known address living in the community).
* target weights  : proportional to officers (leadership splits the national target by capacity).
"""

import argparse
import copy
import csv
import json
import math
import os
import random
import re
import sys
import tomllib
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCEN = os.path.join(ROOT, "scenarios")

# --------------------------------------------------------------------------------------------
# figures.csv
# --------------------------------------------------------------------------------------------
FIG = {}
OFFICES = []  # names, in ero_field_offices.csv order


ORIGIN = {}  # key -> the table it came from ("figures.csv" or "data/inputs.csv")
# Inputs of ours that figures.csv (../shared, read-only) lacks: FY2024 monthly border apprehensions,
# dated policy steps and flight counts, each with its source URL and date, in figures.csv's columns.
INPUTS = os.path.join(HERE, "inputs.csv")


def load(figdir):
    with open(os.path.join(figdir, "figures.csv"), newline="") as f:
        for r in csv.DictReader(f):
            FIG[r["key"]] = r
            ORIGIN[r["key"]] = "figures.csv"
    with open(INPUTS, newline="") as f:
        for r in csv.DictReader(f):
            assert r["key"] not in FIG, f"{r['key']} is in figures.csv already"
            assert r["source"] and r["period"], r
            FIG[r["key"]] = r
            ORIGIN[r["key"]] = "data/inputs.csv"
    with open(os.path.join(figdir, "ero_field_offices.csv"), newline="") as f:
        for r in csv.DictReader(f):
            OFFICES.append(r["name"])
    assert len(OFFICES) == 25, OFFICES


def fv(key):
    v = FIG[key]["value"]
    if v == "NA":
        raise KeyError(f"{key} is NA in figures.csv")
    return float(v)


def aor_key(name):
    return name.lower().replace(". ", "_").replace(".", "").replace(" ", "_")


def short_source(key):
    """A short label for a figures.csv row's source (the full URL stays in figures.csv)."""
    r = FIG[key]
    s = r["source"]
    if "FY24_detentionStats" in s:
        base = "ICE Detention Statistics FY24"
    elif "FY25_detentionStats" in s:
        base = "ICE Detention Statistics FY25 (to 2025-09-21)"
    elif "FY26_detentionStats" in s:
        base = "ICE Detention Statistics FY26"
    elif s.startswith("derived"):
        base = s
    else:
        first = s.split(";")[0].strip()
        url = first.split()[0]
        dom = url.split("//")[-1].split("/")[0].removeprefix("www.")
        pub = first[len(url):].strip()
        base = f"{pub.strip('()')} via {dom}" if pub else dom
    text = (r["note"] + " " + r["source"] + " " + r["unit"]).lower()
    weak = any(w in text for w in ("secondary", "low-reliability", "weakly", "unverified"))
    return base, weak


def cite(*keys, how=None):
    """A source string naming figures.csv rows (and their own source), optionally derived."""
    parts = []
    for k in keys:
        assert k in FIG, k
        base, weak = short_source(k)
        parts.append(f"{base} ({ORIGIN[k]} {k}{'; WEAK/secondary' if weak else ''})")
    s = "; ".join(parts)
    return f"derived: {how}. Inputs: {s}" if how else s


# --------------------------------------------------------------------------------------------
# numbers with evidence
# --------------------------------------------------------------------------------------------

# Bond (model::mechanisms::ReleaseHazards): bond hazard = eligible x grant x posted / decision days.
# The eligibility rule: interior ICE arrests in proceedings (not expedited removal) may ask an
# immigration judge for bond; from ICE's 8 July 2025 guidance, those who entered without
# inspection are applicants for admission held without bond.
# Shared community pool (model::effort::Pools): the people collateral, operations, partner and
# Border Patrol detail arrests meet. No figures.csv row gives the unauthorized population, so it
# is an assumption with the span of published 2022-2023 estimates.
UNAUTHORIZED = 13_000_000
UNAUTHORIZED_RANGE = (11_000_000, 14_500_000)
COMMUNITY_SHARE = 0.1
COMMUNITY_SHARE_RANGE = (0.03, 0.4)
COMMUNITY_TOTAL = UNAUTHORIZED * COMMUNITY_SHARE

# The non-detained population (model::nondetained): ATD and the non-detained docket, on in
# baseline-fy2025 (whose start, 1 Oct 2024, has published ATD counts by AOR).
ATD_ENROL25 = 0.158  # refit with check-in arrests (data/fit_atd.py with the zero-enrolment path)
# TRAC's active pending cases at the end of FY2024 (the note of eoir.pending.end_fy2024, whose
# value is CRS's rounded 3.6M): the same series as the in-window check eoir.pending.2025-05-31.
EOIR_PENDING_FY24 = 3_716_106
FY24_JUDGES = 700
DETAINED_DOCKET_MAR25 = 28_216
# The at-large pools' refill (model::nondetained::Refill): the day's in-absentia orders and ATD
# absconders, of whom a share joins the reachable at-large tiers; the tiers' constant inflow is
# lowered by this flow's FY2024 mean so the pools stay steady at FY2024 effort (pool_refill24).
ATD_ABSCOND = 0.25
AT_LARGE_REFILL = 0.05

BOND_ELIGIBLE = 0.85
BOND_ELIGIBLE_NARROWED = 0.16
BOND_NARROWED = "2025-07-08"
BOND_DAYS = 30.0
BOND_POSTED = 0.7
# The grant shares carry the fits to ICE's Bonded Out book-outs (data/monthly.csv), redone on
# 2026-12-07 with `caseload calibrate --params detention.bond_grant_share --series released_bond`
# when bond eligibility was split by source (interior cases only): FY2024 0.13 -> 0.27 (bond MAPE
# 45.4% -> 8.3%); FY2025 0.13 / 0.28 / eligible 0.21 -> 0.123 / 0.265 / 0.16 (21.4% -> 18.0%).
BOND_GRANT24 = 0.27
# Managed occupancy in FY2024 (docs/calibration.md, "Managed occupancy"): the national level above which ICE takes
# no CBP transfer, and the share of apprehensions CBP would transfer before the 5 June 2024 rule (ASSUMED; what ICE
# took is the ceiling's room). Both flagged assumptions with ranges in the TOML.
ADMISSION_CEILING24 = 38000.0
BORDER_OFFER24 = 0.2
BOND_HAZARD24 = BOND_ELIGIBLE * BOND_GRANT24 * BOND_POSTED / BOND_DAYS
BOND_GRANT25_PRE = 0.123
BOND_HAZARD25 = BOND_ELIGIBLE * BOND_GRANT25_PRE * BOND_POSTED / BOND_DAYS
BOND_GRANT25 = 0.265
BOND_SURGE = "2025-03-01"
# Bond dockets (model::mechanisms::ReleaseHazards::docketed): the bond hearings the immigration
# courts can hold nationally a day. ASSUMED, no published capacity; the starting value of the fit
# (docs/calibration.md, "Bond dockets"). Range: at least the ~84 bonds a day ICE booked out in
# April 2025 (data/monthly.csv Bonded Out 2,512), each after a hearing; at most ~2 bond hearings a
# day for each of ~700 immigration judges (FY24_JUDGES). TRAC counted ~19,000 IJ bond hearings in
# Oct 2022-Jun 2023 (~70 a day, trac.syr.edu/reports/722), when demand set the pace.
BOND_HEARINGS25 = 250.0
PAROLE_END = "2025-02-01"
PAROLE_AFTER = [0.0002, 0.0003, 0.0005]


def bond_common(fy25):
    steps = [astep("2023-10-01" if not fy25 else "2024-10-01", BOND_ELIGIBLE, 0.6, 1.0,
                   note="share of interior arrests in proceedings eligible for a bond hearing (INA 236(a)): all but those held under "
                        "mandatory detention (INA 236(c), certain convictions); no published share. Border cases have their own share "
                        "(border_bond_eligible_share, 0)")]
    if fy25:
        steps.append(astep(BOND_NARROWED, BOND_ELIGIBLE_NARROWED, 0.05, 0.6,
                           note="ICE's 8 July 2025 interim guidance: people who entered without inspection are applicants for admission held "
                                "without bond (INA 235(b)(2)); dated by the memo (T. Lyons, 'Interim Guidance Regarding Detention Authority for "
                                "Applicants for Admission', 2025-07-08, effective immediately; first reported by the Washington Post on 2025-07-14; "
                                "immpolicytracking.org/policies/ice-issues-memo-eliminating-bond-hearings-for-undocumented-immigrants), not "
                                "`announced`: nothing public before it took effect (Matter of Q. Li, BIA 2025-05-15, concerned border arrivals "
                                "released on parole, whom the model already holds without bond); FITTED to Aug 2025 Bonded Out ~0.9k/month (data/monthly.csv; caseload "
                                "calibrate, released_bond, 2026-12-07, with the grant shares)"))
    return {
        "bond_eligible_share": sched(steps),
        "border_bond_eligible_share": src(0.0, "Matter of M-S-, 27 I&N Dec. 509 (A.G. 2019): a border apprehension transferred from "
                                          "expedited removal to full proceedings after a credible-fear finding is detained under INA "
                                          "235(b) and can be released only on parole, not on bond (justice.gov/eoir/page/file/1154747)",
                                          "2019-04"),
        "bond_decision_days": asm(BOND_DAYS, 14.0, 60.0, "book-in to a bond decision (custody redetermination hearing); no published figure"),
        "bond_grant_share": None,
        "bond_posted_share": asm(BOND_POSTED, 0.5, 0.9, "share of granted bonds posted (the detainee pays); no published figure"),
        "deaths_per_million_detained_days": asm(
            0.47, 0.35, 1.7,
            "12 deaths in ICE custody in FY2021-FY2023 (ICE detainee death reports, counted by Buchanan et al., AIMS Public Health 2024, "
            "doi:10.3934/publichealth.2024011) over ADP 19,254 + 22,578 + 28,289 (ICE, as quoted by esmnews.com, 2024) x 365 = 25.6M "
            "person-days; range: FY2022's 3 deaths (0.36) to the FY2020 pandemic year's 21 (NBC News, 2024); FY2024 had 10 by "
            "1 June 2024 (NBC News), about 1.0 over those 8 months; not in figures.csv"),
    }

# Why the expedited share among CBP book-ins can be low (both baselines' range notes).
SELECTED_BORDER = ('of CBP book-ins: the border cases ICE receives are those CBP did not remove itself (border_direct_removal_share), mostly people who claimed fear and wait for a decision, so the share can be low (range down to 0.05; docs/calibration.md, "Experiments of 2026-12-07, second session")')


def src(value, source, as_of, note=None):
    d = {"value": value, "source": source, "as_of": as_of}
    if note:
        d["note"] = note
    return d


def asm(value, lo, hi, note):
    if isinstance(value, list):
        if isinstance(lo, list):
            rng = [[a, b] for a, b in zip(lo, hi)]
            for v, (a, b) in zip(value, rng):
                assert a <= v <= b, (value, lo, hi, note)
        else:
            rng = [lo, hi]
            for v in value:
                assert lo <= v <= hi, (value, lo, hi, note)
    else:
        assert lo <= value <= hi, (value, lo, hi, note)
        rng = [lo, hi]
    return {"value": value, "assumption": True, "range": rng, "note": note}


def step(frm, value, **meta):
    d = {"from": frm, "value": value}
    d.update(meta)
    return d


def sched(steps, **meta):
    d = {"steps": steps}
    d.update(meta)
    if "range" in meta:
        lo, hi = meta["range"]
        for st in steps:
            if "assumption" not in st and "source" not in st:
                assert lo <= st["value"] <= hi, (st, meta)
    return d


def sstep(frm, value, source, as_of, note=None):
    d = {"from": frm, "value": value, "source": source, "as_of": as_of}
    if note:
        d["note"] = note
    return d


def astep(frm, value, lo, hi, note=None):
    assert lo <= value <= hi, (frm, value, lo, hi)
    d = {"from": frm, "value": value, "assumption": True, "range": [lo, hi]}
    if note:
        d["note"] = note
    return d


def rnd(x, nd=4):
    """Round to nd significant digits (keeps the TOML readable)."""
    if x == 0:
        return 0
    r = round(x, -int(math.floor(math.log10(abs(x)))) + (nd - 1))
    return int(r) if float(r).is_integer() and abs(r) >= 1 else r


def largest_remainder(total, shares):
    raw = [total * s for s in shares]
    base = [int(math.floor(x)) for x in raw]
    rest = int(round(total)) - sum(base)
    order = sorted(range(len(raw)), key=lambda i: -(raw[i] - base[i]))
    for i in order[:rest]:
        base[i] += 1
    return base


def crossings_for(m, half, agents, apprehended):
    """Crossings per day at which `agents` apprehend `apprehended` a day: the inverse of
    model::effort::apprehension_probability, p = m x / (x + half) with x = agents / crossings."""
    den = m * agents - apprehended * half
    assert den > 0, (apprehended, agents)
    return apprehended * agents / den


def days_between(a, b):
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


# --------------------------------------------------------------------------------------------
# the derivation
# --------------------------------------------------------------------------------------------
FY24_START, FY24_DAYS = "2023-10-01", 366
FY25_START, FY25_DAYS = "2024-10-01", 365
POLICY = "2025-01-20"  # inauguration; executive orders of 20-21 Jan 2025

# Office classification by state/local limits on detainer cooperation in 2024 (assumption; the
# AOR's dominant population centre decides): restrictive = state law broadly bars holding on
# detainers; mixed = large restrictive jurisdictions inside an otherwise cooperating AOR.
HONOUR_CLASS = {
    "Atlanta": "cooperative", "Baltimore": "mixed", "Boston": "restrictive", "Buffalo": "mixed",
    "Chicago": "mixed", "Dallas": "cooperative", "Denver": "restrictive", "Detroit": "mixed",
    "El Paso": "cooperative", "Harlingen": "cooperative", "Houston": "cooperative",
    "Los Angeles": "restrictive", "Miami": "cooperative", "New Orleans": "cooperative",
    "New York City": "restrictive", "Newark": "restrictive", "Philadelphia": "mixed",
    "Phoenix": "cooperative", "Salt Lake City": "cooperative", "San Antonio": "cooperative",
    "San Diego": "restrictive", "San Francisco": "restrictive", "Seattle": "restrictive",
    "St. Paul": "mixed", "Washington": "mixed",
}
# detainer_honour_rate by class: FY2024, then steps after 20 Jan 2025 as 287(g) agreements grew
# from 134 (Jan 2025) to >1,130 signed in 2025 (partners.287g.active_agreements.2026-02-13).
HONOUR = {
    "restrictive": {"fy24": 0.15, POLICY: 0.18, "2025-04-01": 0.20, "2025-07-01": 0.22},
    "mixed": {"fy24": 0.30, POLICY: 0.45, "2025-04-01": 0.55, "2025-07-01": 0.65},
    "cooperative": {"fy24": 0.45, POLICY: 0.65, "2025-04-01": 0.80, "2025-07-01": 0.92},
}
HONOUR_RANGE = {"restrictive": (0.02, 0.4), "mixed": (0.1, 0.8), "cooperative": (0.25, 1.0)}

FLIGHT_HUBS = {"New Orleans", "San Antonio", "Phoenix", "Miami", "Harlingen", "El Paso"}
LAND_BORDER = {"San Diego", "Phoenix", "El Paso", "San Antonio", "Harlingen"}

# ICE-owned service processing centres (assumption: approximate rated beds; not in figures.csv)
SPC = {"Miami": 600, "El Paso": 840, "Harlingen": 1100, "Buffalo": 650, "Phoenix": 390}
CONTRACT_SHARE = 0.55  # of non-SPC, non-BOP, non-soft-sided beds (rest IGSA); assumption
SOFT_SIDED_FY25 = {  # office: (from, beds, note, announced) -- press reports, not in figures.csv
    # `announced`: the day the site was made public, for backtests (a forecast from an origin on or
    # after it knows the site is coming); the note names the report.
    "Miami": ("2025-07-03", 1000, "state-run Everglades site opened 2025-07-03; announced: DHS approval of the "
              "Florida site reported 2025-06-24 (WFTV, wftv.com 'Alligator Alcatraz' article of 2025-06-24; "
              "Florida AG's post of 2025-06-19 pitched it)", "2025-06-24"),
    "El Paso": ("2025-08-01", 1000, "Fort Bliss soft-sided site opened Aug 2025 (Camp East Montana, 17 Aug); "
                "announced: Army contract for the site announced 2025-07-21 (Stars and Stripes, stripes.com, "
                "2025-07-22)", "2025-07-21"),
}

# Border Patrol sectors: (name, southwest, share of FY2024 SW apprehensions or non-SW
# apprehensions/yr, share of agents, receiving ERO office). All assumptions (see docs).
SECTORS = [
    ("San Diego", True, 0.172, 0.113, "San Diego"),
    ("El Centro", True, 0.046, 0.047, "San Diego"),
    ("Yuma", True, 0.060, 0.044, "Phoenix"),
    ("Tucson", True, 0.252, 0.187, "Phoenix"),
    ("El Paso", True, 0.132, 0.124, "El Paso"),
    ("Big Bend", True, 0.007, 0.028, "El Paso"),
    ("Del Rio", True, 0.126, 0.078, "San Antonio"),
    ("Laredo", True, 0.060, 0.093, "San Antonio"),
    ("Rio Grande Valley", True, 0.126, 0.155, "Harlingen"),
    ("Blaine", False, 1500, 0.017, "Seattle"),
    ("Spokane", False, 300, 0.012, "Seattle"),
    ("Havre", False, 300, 0.013, "Salt Lake City"),
    ("Grand Forks", False, 300, 0.010, "St. Paul"),
    ("Detroit", False, 1000, 0.020, "Detroit"),
    ("Buffalo", False, 1000, 0.018, "Buffalo"),
    ("Houlton", False, 200, 0.010, "Boston"),
    ("Swanton", False, 19000, 0.018, "Boston"),
    ("Miami", False, 8000, 0.013, "Miami"),
    ("New Orleans", False, 300, 0.005, "New Orleans"),
    ("Ramey", False, 1500, 0.008, "Miami"),
]
# FY2024 southwest apprehensions by month (data/inputs.csv, CBP's monthly releases as quoted; three
# months derived there: November the residual of the year's 1.53 million, May and July from June's
# stated percentage changes).
SW24_MONTHS = ["2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05",
               "2024-06", "2024-07", "2024-08", "2024-09"]
# The "Securing the Border" proclamation and interim final rule took effect on 5 June 2024.
STB = "2024-06-05"
APPREHENSION_MAX = 0.95
P_TARGET_FY2024 = 0.78  # assumed southwest apprehension probability in FY2024


# Office-share blend for officers and jail supply: (ATD share, facility-ADP share, equal share).
BLEND = (0.4, 0.3, 0.3)


class Derived:
    """All derived national and per-office quantities (also written to data/*.csv)."""


def sw24_months(D):
    """FY2024 southwest apprehensions by month from data/inputs.csv: D.sw24_m = [(first day, days, apprehensions,
    key)], D.sw24_total the year's (usbp.sw_apprehensions.fy2024), which the months add up to (November is the
    residual; May and July follow June's stated percentage changes)."""
    D.sw24_m = []
    for ym in SW24_MONTHS:
        y, mm = map(int, ym.split("-"))
        nxt = date(y + mm // 12, mm % 12 + 1, 1)
        key = f"usbp.sw_apprehensions.{ym}"
        D.sw24_m.append((f"{ym}-01", (nxt - date(y, mm, 1)).days, fv(key), key))
    D.sw24_total = fv("usbp.sw_apprehensions.fy2024")
    assert abs(sum(n for _, _, n, _ in D.sw24_m) - D.sw24_total) < 1, "months must add up to the year"
    assert abs(fv("usbp.sw_apprehensions.2024-05") - fv("usbp.sw_apprehensions.2024-06") / 0.71) < 1
    assert abs(fv("usbp.sw_apprehensions.2024-07") - fv("usbp.sw_apprehensions.2024-06") * 0.68) < 1


def monthly_cbp_bookins(path=os.path.join(HERE, "monthly.csv")):
    """ICE's initial book-ins of CBP-arrested people by month (data/monthly.csv, ICE Detention Statistics)."""
    with open(path, newline="") as f:
        return {r["month"]: float(r["value"]) for r in csv.DictReader(f)
                if r["measure"] == "book_ins" and r["agency"] == "CBP" and r["criminality"] == "Total"}


def border_shares24(D, nsw_day):
    """`border_book_in_share` before and after the Securing the Border rule (5 June 2024). After: ICE's CBP-arrested
    book-ins of July-September 2024 / that quarter's apprehensions. Before: what is left of the year's CBP book-ins
    (ice.bookins.cbp.fy2024, so the annual total is kept) / the apprehensions of 1 October - 4 June (June's split
    by days). `nsw_day`: the non-southwest sectors' apprehensions a day."""
    cbp = monthly_cbp_bookins()
    app = {ym: n for (frm, _, n, _) in D.sw24_m for ym in [frm[:7]]}
    days = {frm[:7]: d for (frm, d, _, _) in D.sw24_m}
    q4 = ["2024-07", "2024-08", "2024-09"]
    D.bbis24_post = sum(cbp[m] for m in q4) / sum(app[m] + nsw_day * days[m] for m in q4)
    pre_days = days_between(FY24_START, STB)
    june_pre = 4 / 30
    pre = sum(app[m] for m in SW24_MONTHS[:8]) + june_pre * app["2024-06"] + nsw_day * pre_days
    post = (1 - june_pre) * app["2024-06"] + sum(app[m] for m in q4) + nsw_day * (FY24_DAYS - pre_days)
    D.bbis24_pre = (fv("ice.bookins.cbp.fy2024") - D.bbis24_post * post) / pre
    D.cbp_q4_24 = sum(cbp[m] for m in q4)
    D.app_pre24, D.app_post24 = pre, post


def derive():
    D = Derived()
    names = OFFICES
    k = {n: aor_key(n) for n in names}
    atd = {n: fv(f"ice.atd.active.aor.{k[n]}.2024-09-30") for n in names}
    fac24 = {n: fv(f"ice.detention_adp_facilities.aor.{k[n]}.fy2024") for n in names}
    fac25 = {n: fv(f"ice.detention_adp_facilities.aor.{k[n]}.fy2025") for n in names}
    sa, s24, s25 = sum(atd.values()), sum(fac24.values()), sum(fac25.values())
    D.atd = atd
    D.atd_share = {n: atd[n] / sa for n in names}
    D.fac24_share = {n: fac24[n] / s24 for n in names}
    D.fac25_share = {n: fac25[n] / s25 for n in names}
    D.blend = {n: BLEND[0] * D.atd_share[n] + BLEND[1] * D.fac24_share[n] + BLEND[2] / len(names) for n in names}
    D.atd_sum, D.fac24_sum, D.fac25_sum = sa, s24, s25

    # ---- national FY2024 flows (per day) ----
    d24 = FY24_DAYS
    D.arrests24 = fv("ice.arrests.fy2024") / d24
    D.atlarge24 = fv("ice.arrests.atlarge.fy2024") / d24
    D.custodial24 = fv("ice.arrests.custodial_derived.fy2024") / d24
    D.border_category = [0.08, 0.02, 0.90]
    cbp24 = fv("ice.bookins.cbp.fy2024")
    bk = [fv("ice.bookins.convicted.fy2024"), fv("ice.bookins.pending_charges.fy2024"),
          fv("ice.bookins.other_immigration_violator.fy2024")]
    ice_bk = [bk[i] - D.border_category[i] * cbp24 for i in range(3)]
    D.ice_bookins_by_cat24 = ice_bk
    crim_arrests = fv("ice.arrests.criminal_history.fy2024")
    norec_arrests = fv("ice.arrests.fy2024") - crim_arrests
    b_cp = (ice_bk[0] + ice_bk[1]) / crim_arrests
    b_n = ice_bk[2] / norec_arrests
    D.book_in_share24 = [round(b_cp, 3), round(b_cp, 3), round(b_n, 3)]
    arrests_cat = [ice_bk[0] / b_cp, ice_bk[1] / b_cp, norec_arrests]
    D.arrests_cat24 = [a / d24 for a in arrests_cat]
    D.custodial_category = [0.64, 0.26, 0.10]
    D.ops_criminal = [0.10, 0.05]
    cust_cat = [D.custodial24 * c for c in D.custodial_category]
    al_cat = [D.arrests_cat24[i] - cust_cat[i] for i in range(3)]  # at-large incl. collateral
    D.collateral24 = 0.10
    targeted = D.atlarge24 / (1 + D.collateral24)
    coll = D.atlarge24 - targeted
    D.collateral_per_day24 = coll
    coll_cat = [coll * D.ops_criminal[0], coll * D.ops_criminal[1],
                coll * (1 - sum(D.ops_criminal))]
    D.tier24 = [al_cat[i] - coll_cat[i] for i in range(3)]  # targeted at-large by tier
    assert all(x > 0 for x in D.tier24), D.tier24

    # ---- workforce ----
    D.officers_total = fv("ice.deportation_officers.2025")
    D.officers = dict(zip(names, largest_remainder(D.officers_total, [D.blend[n] for n in names])))
    D.availability = 0.60
    D.yield_ = [0.10, 0.12, 0.16]
    D.pool_total = [120_000, 60_000, 400_000]
    D.pool = {n: [p * D.atd_share[n] for p in D.pool_total] for n in names}
    D.locate = [D.tier24[0] / D.pool_total[0], D.tier24[1] / D.pool_total[1], 0.004]
    used_cp = {n: D.pool[n][0] * D.locate[0] / D.yield_[0] + D.pool[n][1] * D.locate[1] / D.yield_[1]
               for n in names}
    need = D.tier24[2] / D.yield_[2] + sum(used_cp.values())
    D.at_large_share24 = need / (D.officers_total * D.availability)
    D.effort24 = {n: D.officers[n] * D.availability * D.at_large_share24 for n in names}
    D.inflow = {}
    for n in names:
        rem = D.effort24[n] - used_cp[n]
        assert rem > 0, (n, rem)
        D.inflow[n] = [D.pool[n][0] * D.locate[0], D.pool[n][1] * D.locate[1], rem * D.yield_[2]]

    # ---- jail supply (custodial channel) ----
    D.honour24 = {n: HONOUR[HONOUR_CLASS[n]]["fy24"] for n in names}
    weighted = sum(D.blend[n] * D.honour24[n] for n in names)
    D.jail_supply_total = D.custodial24 / weighted
    D.jail_supply = {n: D.jail_supply_total * D.blend[n] for n in names}

    # ---- beds ----
    D.beds24_total = fv("ice.detention.funded_beds.fy2024")
    D.beds24 = dict(zip(names, largest_remainder(D.beds24_total, [D.fac24_share[n] for n in names])))
    # FY2025 national schedule: (date, total, sourced key or None)
    c_apr = fv("ice.detention.contract_capacity.2025-04-14")
    c_nov = fv("ice.detention.capacity.2025-11")
    D.beds25_steps = [
        ("2024-10-01", D.beds24_total, "ice.detention.funded_beds.fy2024"),
        (POLICY, 48_000, None),
        ("2025-03-01", 55_500, None),
        ("2025-04-14", c_apr, "ice.detention.contract_capacity.2025-04-14"),
        ("2025-06-15", round(c_apr + (c_nov - c_apr) * days_between("2025-04-14", "2025-06-15")
                             / days_between("2025-04-14", "2025-11-01"), -2), None),
        ("2025-08-15", round(c_apr + (c_nov - c_apr) * days_between("2025-04-14", "2025-08-15")
                             / days_between("2025-04-14", "2025-11-01"), -2), None),
        ("2025-11-01", c_nov, "ice.detention.capacity.2025-11"),
    ]
    D.beds25 = {}  # office -> list of (date, total)
    for i, (d_, tot, _) in enumerate(D.beds25_steps):
        shares = D.fac24_share if i == 0 else D.fac25_share
        alloc = dict(zip(names, largest_remainder(tot, [shares[n] for n in names])))
        for n in names:
            D.beds25.setdefault(n, []).append((d_, alloc[n]))

    # ---- border ----
    D.usbp_agents = fv("usbp.agents.2023")
    sw = [s for s in SECTORS if s[1]]
    nsw = [s for s in SECTORS if not s[1]]
    ashare_tot = sum(s[3] for s in SECTORS)
    D.agents = {s[0]: round(D.usbp_agents * s[3] / ashare_tot) for s in SECTORS}
    sw_share_tot = sum(s[2] for s in sw)
    D.sw_share = {s[0]: s[2] / sw_share_tot for s in sw}
    sw24_months(D)
    D.app24 = {s[0]: D.sw24_total / d24 * D.sw_share[s[0]] for s in sw}
    for s in nsw:
        D.app24[s[0]] = s[2] / 365.0
    sw_agents = sum(D.agents[s[0]] for s in sw)
    sw_app = D.sw24_total / d24
    c_nat = sw_app / P_TARGET_FY2024
    x = sw_agents / c_nat
    D.half = round(x * (APPREHENSION_MAX / P_TARGET_FY2024 - 1), 3)
    D.app_total24 = sum(D.app24.values())

    def crossings(app, agents):
        return crossings_for(APPREHENSION_MAX, D.half, agents, app)

    D.crossings = crossings
    D.cross24 = {s[0]: crossings(D.app24[s[0]], D.agents[s[0]]) for s in SECTORS}
    # ... and by month: each southwest sector keeps its share of the year's apprehensions.
    D.cross24_m = {s[0]: [(frm, crossings(n / days * D.sw_share[s[0]], D.agents[s[0]])) for frm, days, n, _ in D.sw24_m]
                   for s in sw}
    border_shares24(D, sum(D.app24[s[0]] for s in nsw))

    # FY2025 monthly southwest apprehensions per day
    m = {mm: fv(f"usbp.sw_apprehensions.2025-{mm:02d}") for mm in range(1, 11)}
    first111 = 172_026.0  # note of usbp.sw_apprehensions.fy2025: "172,026 in first 111 days"
    after = 65_539.0  # same note: "65,539 after"
    feb_sep = sum(m[mm] for mm in range(2, 10))
    jan20_31 = after - feb_sep
    jan1_19 = m[1] - jan20_31
    octdec = first111 - jan1_19
    D.octdec_app = octdec
    D.sw25 = [("2024-10-01", octdec / 92, f"Oct-Dec 2024 = 172,026 (first 111 days) - Jan 1-19 ({jan1_19:,.0f}) = {octdec:,.0f} over 92 days"),
              ("2025-01-01", jan1_19 / 19, f"Jan 1-19 = Jan 2025 ({m[1]:,.0f}) - Jan 20-31 ({jan20_31:,.0f}) = {jan1_19:,.0f} over 19 days"),
              (POLICY, jan20_31 / 12, f"Jan 20-31 = 65,539 (after 20 Jan) - Feb..Sep ({feb_sep:,.0f}) = {jan20_31:,.0f} over 12 days")]
    mdays = {2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30}
    for mm in range(2, 10):
        D.sw25.append((f"2025-{mm:02d}-01", m[mm] / mdays[mm], f"{m[mm]:,.0f} in 2025-{mm:02d}"))
    D.jan20_31, D.jan1_19, D.feb_sep = jan20_31, jan1_19, feb_sep
    # non-southwest: FY2025 Oct-Jan at 60% of FY2024, after 20 Jan at 25% (assumption)
    D.nsw_factor = [("2024-10-01", 0.60), (POLICY, 0.25)]

    # border book-in and direct-removal shares
    rem24 = fv("ice.removals.fy2024")
    out24 = 152_982.0  # ice.bookouts.fy2024 note: release to remove 152,982
    D.direct24 = (rem24 - out24) / (D.app_total24 * d24)
    # FY2025 CBP-arrested book-ins by month = total - ICE-arrested (notes of ice.bookins.total.2025-MM)
    ice_m = {1: 11753, 2: 17378, 3: 19123, 4: 18215, 5: 23642, 6: 31590, 7: 27457, 8: 28308, 9: 21293}
    cbp_m = {mm: fv(f"ice.bookins.total.2025-{mm:02d}") - ice_m[mm] for mm in range(1, 10)}
    D.cbp_m, D.ice_m = cbp_m, ice_m
    cbp_octdec = fv("ice.bookins.cbp.fy2025") - sum(cbp_m.values())
    ice_octdec = fv("ice.bookins.ice.fy2025") - sum(ice_m.values())
    D.cbp_octdec, D.ice_octdec = cbp_octdec, ice_octdec
    # Oct-Dec 2024 ADP: Vera's Oct 2024-10 Jun 2025 midnight mean on ICE's scale, minus ICE's monthly ADP Jan-10 Jun 2025
    vera = fv("vera.midnight_adp.fy2025_partial") * fv("ice.adp.fy2024") / fv("vera.midnight_adp.fy2024")
    jan_jun10 = [(31, 1), (28, 2), (31, 3), (30, 4), (31, 5), (10, 6)]
    later = sum(n * fv(f"ice.adp.2025-{mm:02d}") for n, mm in jan_jun10)
    D.adp_octdec24 = (vera * 253 - later) / 92
    nsw_day24 = sum(D.app24[s[0]] for s in nsw)
    D.nsw_day24 = nsw_day24
    D.bbis25_pre = cbp_octdec / (octdec + 0.60 * nsw_day24 * 92)
    # Feb-May only: from 7 Jun 2025 CBP-arrested book-ins also count Border Patrol's interior
    # details (deploy interventions), which the model adds through its own channel.
    cbp_feb_may = sum(cbp_m[mm] for mm in range(2, 6))
    app_feb_may = sum(m[mm] for mm in range(2, 6)) + 0.25 * nsw_day24 * 120
    D.cbp_feb_may, D.app_feb_may = cbp_feb_may, app_feb_may
    D.bbis25_post = cbp_feb_may / app_feb_may
    # direct removals FY2025: post-20-Jan = everything not booked in, less ~2% prosecuted/other
    rem25 = fv("ice.removals.fy2025")
    out25 = 222_401.0  # ice.bookouts.fy2025 note: release to remove 222,401
    D.nonbookout25 = rem25 - out25
    D.direct25_post = round(1 - D.bbis25_post - 0.02, 2)
    app_pre = first111 + 0.60 * nsw_day24 * 111
    app_post = after + 0.25 * nsw_day24 * 254
    D.direct25_pre = (D.nonbookout25 - D.direct25_post * app_post) / app_pre
    D.app_pre25, D.app_post25 = app_pre, app_post

    # ---- removal flights ----
    f25 = fv("iceair.removal_flights.2025-01-20_12-31")
    D.flights24 = f25 / 1.44 / (345 / 7)  # "+44% vs 2024" over the same 345 days
    D.flights25_post = fv("iceair.removal_flights.2025-01-20_10-31") / (days_between(POLICY, "2025-10-31") + 1) * 7
    D.flights25_jun = fv("iceair.removal_flights.2025-06") / 30 * 7
    return D


# --------------------------------------------------------------------------------------------
# scenario documents (Python dicts in TOML shape)
# --------------------------------------------------------------------------------------------
SURGE_NOTE = ("share of rated beds a facility type can hold above them; TRAC FOIA snapshot of 2025-04-14: 45 of 181 facilities "
              "over contract capacity while the national population (~49,500, ice.adp.2025-04) used ~79% of the 62,913 contractual "
              "beds (figures.csv ice.detention.contract_capacity.2025-04-14): crowding is local; rated beds as in figures.csv "
              "ice.detention.funded_beds.fy2024 (41,500) and ice.detention.capacity.2025-11 (70,000); the size of the excess is not published")


def build_fy2024(D):
    names = OFFICES
    S24 = "ICE Detention Statistics FY24_detentionStats.xlsx"
    doc = {}
    doc["scenario"] = {
        "name": "baseline-fy2024",
        "description": "How did ICE's FY2024 interior arrests, border book-ins, detention and removals fit together under FY2024 staffing, beds and policies?",
        "start": FY24_START, "days": FY24_DAYS, "warmup_days": 365, "replications": 10,
        "seed": 20231001,
    }
    doc["ero"] = {
        "availability": asm(D.availability, 0.5, 0.72,
                            "officer-days available per calendar day: 5/7 workdays x ~0.85 not on leave/training/admin"),
        "at_large_share": sched([step(FY24_START, rnd(D.at_large_share24, 3))], assumption=True, range=[0.1, 0.3],
                                note=f"TUNED: chosen so targeted at-large arrests = {sum(D.tier24):.1f}/day given at_large_yield and 6,000 officers "
                                     f"(FY2024 at-large 33,243 incl. collateral, figures.csv ice.arrests.atlarge.fy2024)"),
        "operations_share": sched([step(FY24_START, 0.0)], assumption=True, range=[0.0, 0.03],
                                  note="worksite/public-space operations were rare in FY2024"),
        "custodial_effort": asm(0.5, 0.25, 1.0, "officer-days per jail transfer (screening, detainer, pickup); custodial work is supply-limited at this value"),
        "overtime_ceiling": asm(0.25, 0.1, 0.4, "extra hours as a share of normal; ~LEAP-style 2 h/day"),
        "target_response": asm(1.0, 0.5, 2.0, "overtime share per unit shortfall; any value >=0.15 saturates at the ceiling against a 3,000/day target"),
        "cost_per_officer_day": asm(600, 400, 850, "fully loaded deportation-officer cost ~US$150-200k/yr over 260-365 days; no figure in figures.csv"),
        # The workforce's dynamics (model::workforce): no public series pins them.
        "overtime_premium": asm(0.5, 0.25, 0.5, "overtime paid at time and a half (FEPA); the low end where pay caps bind or comp time is given instead"),
        "new_officer_productivity": asm(0.3, 0.1, 0.6, "a deportation officer fresh from the academy works with a field training officer; 'new officers take months to become effective' (seed reporting)"),
        "field_training_days": asm(120, 60, 240, "field training after the academy, until full productivity"),
        "overtime_memory_days": asm(90, 30, 180, "how long sustained overtime weighs on decisions to leave (a quarter)"),
        "attrition_per_overtime": asm(0.3, 0.0, 0.8, "extra officers leaving per officer-year per unit of sustained overtime share (0.3 and a 25% overtime share: 7.5% a year beyond normal turnover); reports of exhausted officers leaving, no published rate"),
        "replacement_days": asm(365, 180, 730, "time to recruit, vet and train a replacement (academy plus hiring pipeline)"),
        "escort_officers_per_seat": asm(0.03, 0.0, 0.1, "ERO officers on a removal charter per seat (about 4 per 135 seats; contracted security provides most escorts)"),
        "escort_days_per_flight": asm(2, 1, 3, "days away per flight: out, back and rest"),
        "transfer_escort_officers_per_person": asm(0.02, 0.0, 0.1, "ERO officers escorting each person moved between areas (transfer for lack of a bed, move to a flight hub or border office); "
                                                   "ICE Air also ran 697 domestic transfer flights besides 209 removal flights in June 2025 (figures.csv iceair.removal_flights.2025-06 note); "
                                                   "transfers are 'almost exclusively by contractors' (ERO assistant director R. Hott, court filing, Aug 2021, "
                                                   "https://comparemela.com/amparticle/federal-judge-temporarily-blocks-gov-greg-abbott-s-order-to-pull-over-vehicles-with-migrants-who-may-carry-covid-19-2021080413), so below the 0.03 per charter seat"),
        "transfer_escort_days": asm(1, 0.5, 2, "days away per move: a bus run or domestic flight out and back"),
        # Daily variation (model::variation): mean-preserving, so the annual calibration holds.
        "weekend_effort": asm(0.31, 0.2, 0.6, "TRAC (20 May 2013): 1,509 people a workday vs 471 a weekend day taken into ICE custody, Nov-Dec 2012 "
                              "(http://ncimmigrationlawyer.net/where-individuals-enter-ice-custody-state-by-state-details/ quoting TRAC); 471/1,509 = 0.31; no later split published"),
        "office_operations_per_year": asm(4, 1, 12, "named multi-day operations in one AOR (e.g. Los Angeles, June 2025); a few a year per office, no published count"),
        "national_operations_per_year": asm(4, 0, 12, "nationwide surges (e.g. 2,267 and 2,368 arrests on 3-4 June 2025 against a prior-week average of ~1,600, "
                                            "https://news.beehivesafety.com/ice-sets-new-record-with-largest-two-day-immigration-arrest-surge-under-trumps-expanded-enforcement-policies); a few a year"),
        "operation_days": asm(5, 2, 30, "mean length of an operation: national surges last days, city operations weeks"),
        "office_operation_effort": asm(3, 1.5, 6, "at-large and operations effort while an office's operation runs, as a multiple of routine (officers detailed in from elsewhere)"),
        "national_operation_effort": asm(1.6, 1.2, 3, "effort multiple in every office during a nationwide surge; fitted so the top days reach ~1.5x the trailing week's average, as on 3-4 June 2025 (2,368 vs ~1,600)"),
    }
    tw = {n: asm(rnd(D.officers[n] / D.officers_total, 3), 0.0, 0.2, "proportional to officers (capacity-weighted split)") for n in names}
    doc["channels"] = {
        "at_large_yield": asm(D.yield_, [0.04, 0.05, 0.08], [0.2, 0.25, 0.35],
                              "arrests per officer-day at the initial pool, by tier; ~0.15/officer-day for fugitive-operations teams; no-record targets easier to find"),
        "max_daily_locate_share": asm([rnd(x, 3) for x in D.locate], [0.00003, 0.00003, 0.001], [0.0006, 0.0006, 0.02],
                                      f"TUNED: convicted/pending = FY2024 targeted arrests in tier ({D.tier24[0]:.1f}, {D.tier24[1]:.1f}/day) / reachable pool "
                                      f"({D.pool_total[0]:,}, {D.pool_total[1]:,}); binding in FY2024, so extra effort spills to no-record; no-record cap set non-binding"),
        "collateral_per_at_large": sched([step(FY24_START, D.collateral24)], assumption=True, range=[0.03, 0.25],
                                         note="collateral arrests discouraged under the 2021 enforcement priorities"),
        "operations_yield": asm(0.6, 0.2, 1.5, "arrests per officer-day in worksite/public-space operations (high-yield, mostly no record)"),
        "operations_criminal_share": asm(D.ops_criminal, [0.0, 0.0], [0.3, 0.2],
                                         "share convicted / pending among collateral, operations, partner and Border Patrol interior arrests"),
        "national_target_per_day": sched([step(FY24_START, 0)], source="no national arrest target in FY2024 (policy fact)", as_of="2024-09"),
        "target_weights": tw,
        "apprehension_max": asm(APPREHENSION_MAX, 0.85, 0.99, "apprehension probability with the line saturated with agents"),
        "agents_per_crossing_half": asm(D.half, 0.2, 2.0,
                                        f"set so the southwest apprehension probability is {P_TARGET_FY2024} in FY2024 (assumed; DHS apprehension-rate estimates ~0.7-0.8, not in figures.csv)"),
    }
    doc["cases"] = {
        "custodial_category": asm(D.custodial_category, [0.5, 0.15, 0.02], [0.8, 0.4, 0.2],
                                  "TUNED with border_category so that 71.7% of FY2024 arrests have convictions or pending charges (figures.csv ice.arrests.criminal_history.fy2024)"),
        "border_category": asm(D.border_category, [0.02, 0.0, 0.8], [0.15, 0.05, 0.98],
                               "CBP-arrested book-ins: prior convictions (e.g. re-entry) are a minority; no split by agency x category published"),
        "interior_nationality": asm([0.40, 0.33, 0.20, 0.07], [0.3, 0.2, 0.1, 0.02], [0.55, 0.45, 0.3, 0.15],
                                    "Mexico / N. Central America / other with flights / hard to remove; no nationality table in figures.csv"),
        "border_nationality": asm([0.15, 0.33, 0.40, 0.12], [0.05, 0.2, 0.25, 0.03], [0.35, 0.5, 0.55, 0.25],
                                  "of border apprehensions booked into ICE (Mexicans mostly removed directly by CBP); FY2024 arrivals diversified"),
        "interior_summary_share": asm(0.45, 0.25, 0.6, "reinstatement or prior final order (no hearing); TUNED with case_days_mean to FY2024 ALOS"),
        "interior_voluntary_share": asm(0.03, 0.0, 0.08, "voluntary departure from detention"),
        "border_expedited_share": sched([step(FY24_START, 0.50)], assumption=True, range=[0.05, 0.75],
                                        note="expedited removal without a positive fear finding; TUNED with release hazards to FY2024 book-out mix (57% removed); "
                                             + "share " + SELECTED_BORDER),
    }
    doc["detention"] = {
        "book_in_share": src(D.book_in_share24,
                             cite("ice.bookins.convicted.fy2024", "ice.bookins.pending_charges.fy2024", "ice.bookins.other_immigration_violator.fy2024",
                                  "ice.bookins.cbp.fy2024", "ice.arrests.criminal_history.fy2024", "ice.arrests.fy2024",
                                  how=f"ICE-arrested book-ins by category (total minus border_category x CBP book-ins) / arrests by category: "
                                      f"({D.ice_bookins_by_cat24[0]:,.0f}+{D.ice_bookins_by_cat24[1]:,.0f})/81,312 and {D.ice_bookins_by_cat24[2]:,.0f}/32,119"),
                             "2024-09-30", "depends on the border_category assumption; overall ratio 0.80 matches ice.arrests_to_bookins_ratio.fy2024"),
        "border_book_in_share": sched([
            step(FY24_START, BORDER_OFFER24,
                 note=f"before the rule, ASSUMED: the share of apprehensions CBP would hand to ICE (more than ICE took: it took "
                      f"{D.bbis24_pre:.3f} of them, (187,298 CBP-arrested book-ins of the year (figures.csv ice.bookins.cbp.fy2024) - the "
                      f"after-rule share x {D.app_post24:,.0f} apprehensions of 5 Jun - 30 Sep) / {D.app_pre24:,.0f} apprehensions of 1 Oct - 4 Jun); "
                      f"what ICE books in is set by border_admission_ceiling, and Border Patrol releases the rest"),
            step(STB, rnd(D.bbis24_post, 3),
                 note=f"Securing the Border rule in effect ({cite('policy.securing_the_border.2024-06-05')}): ICE's CBP-arrested book-ins of "
                      f"Jul-Sep 2024 ({D.cbp_q4_24:,.0f}, data/monthly.csv, ICE Detention Statistics FY24) / that quarter's apprehensions: "
                      f"border cases held for expedited removal instead of released by Border Patrol")],
            assumption=True, range=[0.04, 0.35],
            note="CBP-arrested book-ins per apprehension (the monthly apprehensions in [[sectors]], data/inputs.csv); CBP book-ins also include "
                 "OFO port cases. Before the rule the share does not follow apprehensions month by month (Dec 2023: the most apprehensions, "
                 "few book-ins): ICE's room, not the border, set them (docs/calibration.md, \"FY2024's months\")"),
        "border_direct_removal_share": sched([step(FY24_START, rnd(D.direct24, 3))], assumption=True, range=[0.05, 0.11],
                                             note=f"= (271,484 removals - 152,982 removed from detention) / {D.app_total24 * FY24_DAYS:,.0f} apprehensions "
                                                  f"(figures.csv ice.removals.fy2024, ice.bookouts.fy2024); residual: also absorbs interior removals without a book-in"),
        "booking_days": asm(1.0, 0.5, 2.0, "arrest to facility"),
        "usbp_transfer_days": asm(2.0, 1.0, 4.0, "Border Patrol processing before ICE takes custody"),
        "cbp_holding_limit_days": asm(3.0, 1.0, 7.0, "CBP TEDS standard: generally no longer than 72 hours in hold rooms (not in figures.csv)"),
        "border_admission_ceiling": asm(ADMISSION_CEILING24, 34000, 41500,
                                        "managed occupancy: ICE takes CBP transfers only while its national detained population is below "
                                        "this (its own arrests still take any bed). Range: the ~34,000 beds the FY2024 continuing resolutions "
                                        "funded (FY2023's level; not in figures.csv) to the 41,500 of the March 2024 appropriation "
                                        "(figures.csv ice.detention.funded_beds.fy2024); ICE's detained population stayed at 35-39k all year "
                                        "while apprehensions fell fourfold (data/monthly.csv; docs/calibration.md, \"FY2024's months\")"),
        # Discretionary release is two mechanisms (model::mechanisms::ReleaseHazards): ICE's
        # parole/recognizance hazard and bond (eligible x granted x posted / decision days).
        # The FY2024 total (the TUNED [0.01, 0.015, 0.018] that set the FY2024 book-out shares)
        # is kept; BOND_HAZARD24 of it is bond, FITTED to ICE's FY2024 bond book-outs.
        "release_hazard_per_day": asm([round(h - BOND_HAZARD24, 4) for h in (0.01, 0.015, 0.018)], [0.002, 0.004, 0.006], [0.02, 0.03, 0.04],
                                      "TUNED: ICE parole and order of recognizance while awaiting a decision = the FY2024 total release hazard "
                                      "[0.01, 0.015, 0.018] (which sets FY2024 book-outs to ~57% removed, 37% paroled/OR/bonded; figures.csv "
                                      "ice.bookouts.fy2024: 152,982 removed, 60,620 paroled, 26,546 OR, 11,394 bonded of 268,480) minus the bond hazard "
                                      f"{BOND_HAZARD24:.4f} (bond_grant_share)"),
        "border_release_hazard_per_day": asm([0.01, 0.015, 0.018], [0.002, 0.004, 0.006], [0.03, 0.04, 0.06],
                                             "parole (INA 212(d)(5)) of border apprehensions in proceedings, who have no bond hearing "
                                             "(border_bond_eligible_share): the FY2024 total release hazard [0.01, 0.015, 0.018] above, "
                                             "all of it parole; paroles after a positive credible-fear finding were the usual release "
                                             "of arriving adults in FY2024 (ice.bookouts.fy2024: 60,620 paroled)"),
        **{k: v for k, v in bond_common(False).items() if v is not None},
        "bond_grant_share": asm(BOND_GRANT24, 0.05, 0.6,
                                "FITTED: bond hazard (eligible x grant x posted / decision days) = ICE's FY2024 bond book-outs (data/monthly.csv Bonded Out, "
                                "~0.9k/month; the Bond Set by ICE / by IJ rows count the same people: Bonded Out = their sum within ~1%, and "
                                "Total - Release to Remove = the other reasons without them) / the fluid's ~17,200 detained in proceedings (baseline-fy2024 "
                                "detained - awaiting_removal); the grant share carries the fit (no published IJ bond grant rate in figures.csv)"),
        "transfer_when_full": True,
        # Issue 13 item 1: capacity as ICE runs it. Rated beds (the offices' `beds`) plus a
        # surge limit above them by facility type; what happens when rated beds are full is
        # policy, in the order below. Assumptions: no figure gives the size of the excess.
        "when_full": ["overcrowd", "transfer", "hold", "release"],
        "surge_share": {
            "processing_center": asm(0.10, 0.0, 0.25, SURGE_NOTE + "; ICE-owned centres: staffing limits the excess"),
            "contract": asm(0.15, 0.0, 0.35, SURGE_NOTE + "; contract facilities: most of the 45 facilities over contract capacity"),
            "igsa": asm(0.15, 0.0, 0.35, SURGE_NOTE + "; local jails under IGSA/USMS agreements share space with county inmates"),
            "bop": asm(0.05, 0.0, 0.15, SURGE_NOTE + "; BOP beds are lent by the Bureau and rarely stretched"),
            "soft_sided": asm(0.05, 0.0, 0.2, SURGE_NOTE + "; soft-sided and military sites are sized to demand when opened"),
        },
    }
    doc["courts"] = {
        "detained_docket_slots": sched([step(FY24_START, 30_000)], assumption=True, range=[15_000, 45_000],
                                       note="concurrent open detained cases; EOIR detained caseload ~28,216 in Mar 2025 (figures.csv eoir.backlog_avg_wait.2025-03 note); non-binding in the baseline"),
        "case_days_mean": asm(90, 35, 130, "first hearing to decision on the detained docket; EOIR median detained completion not found (figures.csv eoir.median_completion_detained = NA); TUNED with release hazards to FY2024 ADP/ALOS"),
        "case_days_cv": asm(0.8, 0.5, 1.2, "spread of detained case durations"),
        "removal_order_share": asm(0.92, 0.6, 0.92, "FITTED (was 0.8): detained cases ending in a removal order, at its range's upper end; with 0.8 the model's relief "
                                                 "book-outs were ~0.8k/month against ICE's Relief Granted by IJ + Proceedings Terminated 0.1-0.3k/month in FY2024 "
                                                 "(data/monthly.csv); 0.92 gives ~0.3k. Relief/termination rare on the detained docket; OHSS lifecycle: 6.9% relief of all SWB encounters"),
    }
    doc["removal"] = {
        "travel_doc_days": asm([4, 15, 60, 120], [1, 7, 30, 60], [10, 45, 120, 240],
                               "mean days to a travel document; TUNED (with case_days_mean) to FY2024 ALOS 46.9"),
        "border_travel_doc_days": asm([4, 15, 60, 120], [0.5, 2, 5, 10], [10, 45, 120, 240],
                                      "mean days to a travel document after a border apprehension's order: CBP has taken identity "
                                      "documents and fingerprints at processing and, for nationalities removed every week, the consular "
                                      "process starts there; no published wait by source: the interior's value, range down to days"),
        "travel_doc_never": asm([0.0, 0.02, 0.05, 0.5], [0.0, 0.0, 0.0, 0.2], [0.02, 0.1, 0.15, 0.8], "no document ever (non-cooperating countries)"),
        "post_order_custody_limit_days": src(180, "Zadvydas v. Davis, 533 U.S. 678 (2001): six months presumptively reasonable post-order detention (legal rule, not in figures.csv)", "2001-06-28"),
        "land_per_day": sched([step(FY24_START, 1000)], assumption=True, range=[400, 3000], note="daily land-removal capacity to Mexico; non-binding"),
        "flights_per_week": sched([step(FY24_START, rnd(D.flights24, 3)),
                                   sstep(STB, rnd(fv("iceair.removal_flights.2024-06-05_09-30") / (days_between(STB, "2024-09-30") + 1) * 7, 3),
                                         cite("iceair.removal_flights.2024-06-05_09-30", how="495 international removal flights from 5 Jun to 30 Sep 2024 (118 days) x 7"),
                                         "2024-10", "the only FY2024 flight count by period found: flights held their level after the rule")],
                                  source=cite("iceair.removal_flights.2025-01-20_12-31", how="2,138 flights in 2025-01-20..12-31 were '+44% vs 2024': 2,138/1.44 over 345 days x 7"),
                                  as_of="2024-12", note="ICE Air removal charters tracked by Human Rights First; commercial-airline removals excluded"),
        "seats_per_flight": src(116, cite("iceair.max_detainees_per_aircraft", how="observed load of 116 on a 2018 flight (note of the row); maximum 135"), "2018",
                                "WEAK: one observed flight; OIG found 18% of flights <60% full"),
        "hub_transfer_days": asm(3.0, 1.0, 7.0, "move to a staging hub (Alexandria, San Antonio, Mesa, Miami, Harlingen, El Paso)"),
        "voluntary_departure_days": asm(14, 5, 30, "days in custody before a voluntary departure leaves"),
    }
    bed = fv("ice.bed_rate.adult.fy2017")
    # FY2017 dollars to 2024 dollars by the CPI-U annual averages (BLS series CUUR0000SA0:
    # 245.120 in 2017, 313.689 in 2024); GAO found ICE's own bed-rate projections too low.
    cpi = 313.689 / 245.120
    inflated = "inflated from FY2017 to 2024 dollars by the CPI-U annual averages (BLS CUUR0000SA0: 245.120 in 2017, 313.689 in 2024; x1.280)"
    doc["costs"] = {
        "bed_day": {
            "processing_center": asm(190, 140, 280, f"ICE-owned; FY2017 adult average 132.90 (figures.csv ice.bed_rate.adult.fy2017) plus ICE staff costs, {inflated}"),
            "contract": src(rnd(bed * cpi, 2), cite("ice.bed_rate.adult.fy2017", how=f"FY2017 adult bed rate 132.90 {inflated}"), "2017",
                            "GAO: ICE under-estimates bed rates (gao.bed_rate_underestimate.fy2016)"),
            "igsa": asm(140, 100, 200, f"local jails under IGSA/USMS agreements usually cheaper than contract facilities; {inflated}"),
            "bop": asm(165, 115, 255, f"BOP reimbursable rate; not in figures.csv; {inflated}"),
            "soft_sided": asm(320, 190, 575, f"emergency soft-sided/military sites cost more per bed-day; not in figures.csv; {inflated}"),
        },
        "flight": asm(100_000, 40_000, 250_000,
                      "~6 flight hours x 8,577-17,000 USD/h (figures.csv iceair.cost_per_flight_hour.scheduled.2025, iceair.cost_per_flight_hour.2023)"),
        "land_removal": asm(150, 50, 500, "bus transport to a port of entry; ICE average transport cost 1,978 USD/person incl. flights (figures.csv ice.cost_per_removal.fy2016 note)"),
        "usbp_agent_day": asm(650, 450, 900, "fully loaded Border Patrol agent cost per day; not in figures.csv"),
        "partner_officer_day": asm(700, 450, 1000, "fully loaded federal agent cost per day; not in figures.csv"),
        "surge_bed_day_premium": asm(0.25, 0.0, 0.6, "extra cost of a person-day above rated beds (overtime, surge staffing, emergency contract rates) as a share of the bed-day rate; not in figures.csv; GAO: ICE under-estimates bed rates (gao.bed_rate_underestimate.fy2016)"),
    }

    # ---- offices ----
    offs = []
    for n in names:
        cls = HONOUR_CLASS[n]
        lo, hi = HONOUR_RANGE[cls]
        o = {"name": n}
        o["officers"] = asm(D.officers[n], max(1, round(D.officers[n] * 0.6)), round(D.officers[n] * 1.5) + 5,
                            f"6,000 (figures.csv ice.deportation_officers.2025) x {D.blend[n]:.4f} = {BLEND[0]} x ATD share {D.atd_share[n]:.4f} "
                            f"(ice.atd.active.aor.{aor_key(n)}.2024-09-30) + {BLEND[1]} x facility-ADP share {D.fac24_share[n]:.4f} "
                            f"(ice.detention_adp_facilities.aor.{aor_key(n)}.fy2024) + {BLEND[2]} x 1/25 (fixed core per office); no per-office staffing published")
        o["jail_supply_per_day"] = sched([step(FY24_START, rnd(D.jail_supply[n], 3))], assumption=True,
                                         range=[rnd(D.jail_supply[n] * 0.5, 3), rnd(D.jail_supply[n] * 2.0, 3)],
                                         note=f"national {D.jail_supply_total:.0f}/day (TUNED: custodial arrests 80,188/366 = {D.custodial24:.1f}/day at the class honour rates) x office share {D.blend[n]:.4f}")
        o["detainer_honour_rate"] = sched([step(FY24_START, HONOUR[cls]["fy24"])], assumption=True, range=[lo, hi],
                                          note=f"class '{cls}' (state/local detainer policy, 2024)")
        o["flight_hub"] = n in FLIGHT_HUBS
        o["land_border"] = n in LAND_BORDER
        pools = {}
        for i, tier in enumerate(("convicted", "pending", "no_record")):
            p0 = D.pool[n][i]
            pools[tier] = {
                "initial": asm(rnd(p0, 3), rnd(p0 * 0.4, 3), rnd(p0 * 3.0, 3),
                               f"national {D.pool_total[i]:,} reachable x ATD share {D.atd_share[n]:.4f}; see docs/calibration.md (ICE non-detained docket not in figures.csv)"),
                "inflow_per_day": asm(rnd(D.inflow[n][i], 3), 0, rnd(D.inflow[n][i] * 3 + 0.5, 3),
                                      "steady state: equals this office's FY2024 arrests from the tier at the initial pool"),
            }
        o["reachable"] = pools
        c0 = COMMUNITY_TOTAL * D.atd_share[n]
        o["community_pool"] = asm(
            rnd(c0, 3), rnd(UNAUTHORIZED_RANGE[0] * COMMUNITY_SHARE_RANGE[0] * D.atd_share[n], 3),
            rnd(UNAUTHORIZED_RANGE[1] * COMMUNITY_SHARE_RANGE[1] * D.atd_share[n], 3),
            f"national unauthorized population {UNAUTHORIZED:,.0f} (ASSUMPTION, range {UNAUTHORIZED_RANGE[0]:,.0f}-{UNAUTHORIZED_RANGE[1]:,.0f}: "
            f"published 2022-2023 estimates; no figures.csv row) x reachable share {COMMUNITY_SHARE} (ASSUMPTION, range "
            f"{COMMUNITY_SHARE_RANGE[0]}-{COMMUNITY_SHARE_RANGE[1]}: who can be met at worksites, in public space or beside a targeted arrest) "
            f"x ATD share {D.atd_share[n]:.4f} (ice.atd.active.aor.{aor_key(n)}.2024-09-30); chosen so the pool barely binds at FY2025 effort "
            f"(docs/model.md §7, Shared reachable pools)")
        ci = D.collateral_per_day24 * D.atd_share[n]
        o["community_inflow_per_day"] = asm(
            rnd(ci, 3), 0, rnd(ci * 5 + 0.5, 3),
            f"steady state: this office's FY2024 collateral arrests (national {D.collateral_per_day24:.1f}/day: "
            f"at-large incl. collateral x {D.collateral24}/(1+{D.collateral24}), ice.arrests.atlarge.fy2024; FY2024 had no "
            f"operations, partner or Border Patrol interior arrests) x ATD share {D.atd_share[n]:.4f}")
        tot = D.beds24[n]
        spc = min(SPC.get(n, 0), int(0.8 * tot))
        con = round((tot - spc) * CONTRACT_SHARE)
        igsa = tot - spc - con
        how = (f"41,500 funded beds x facility-ADP share {D.fac24_share[n]:.4f} (ice.detention_adp_facilities.aor.{aor_key(n)}.fy2024)"
               f" = {tot}")
        o["beds"] = {
            "processing_center": asm(spc, 0, max(spc * 1.4, 1), "ICE-owned service processing centre beds (approximate; not in figures.csv)") if spc else
            src(0, "no ICE-owned service processing centre in this AOR", "2024"),
            "contract": sched([step(FY24_START, con)], source=cite("ice.detention.funded_beds.fy2024", f"ice.detention_adp_facilities.aor.{aor_key(n)}.fy2024",
                                                                 how=how + f"; minus SPC beds; contract share {CONTRACT_SHARE} of the rest (assumption)"), as_of="2024-09"),
            "igsa": sched([step(FY24_START, igsa)], source=cite("ice.detention.funded_beds.fy2024", f"ice.detention_adp_facilities.aor.{aor_key(n)}.fy2024",
                                                             how=how + f"; minus SPC beds; IGSA share {1 - CONTRACT_SHARE:.2f} of the rest (assumption)"), as_of="2024-09"),
            "bop": sched([step(FY24_START, 0)], assumption=True, range=[0, 200], note="no BOP beds assumed in FY2024"),
            "soft_sided": sched([step(FY24_START, 0)], assumption=True, range=[0, 200], note="no soft-sided sites in FY2024"),
        }
        offs.append(o)
    doc["offices"] = offs

    # ---- sectors ----
    secs = []
    for name, swf, _, _, recv in SECTORS:
        s = {"name": name, "southwest": swf}
        c = D.cross24[name]
        if swf:
            steps = []
            for (frm, days, n, key), (_, cm) in zip(D.sw24_m, D.cross24_m[name]):
                steps.append(astep(frm, rnd(cm, 3), rnd(cm * 0.7, 3), rnd(cm * 1.3, 3),
                                   note=f"{n:,.0f} SW apprehensions in {frm[:7]} ({cite(key)}) / {days} days x sector share "
                                        f"{D.sw_share[name]:.3f} = {n / days * D.sw_share[name]:.0f}/day apprehended"))
            s["crossings_per_day"] = sched(
                steps, assumption=True, range=[min(st["range"][0] for st in steps), max(st["range"][1] for st in steps)],
                note=(f"the month's southwest apprehensions (the year's {D.sw24_total:,.0f}, {cite('usbp.sw_apprehensions.fy2024')}) x the "
                      f"sector's share of them (ASSUMED, not in figures.csv; range 0.7-1.3x) / P(apprehension) at the sector's agents "
                      f"(the year's mean {D.app24[name] / c:.3f})"))
        else:
            note = (f"~{D.app24[name] * 365:,.0f} apprehensions/yr (assumption, not in figures.csv) / P(apprehension) {D.app24[name] / c:.3f}")
            s["crossings_per_day"] = sched([step(FY24_START, rnd(c, 3))], assumption=True, range=[rnd(c * 0.5, 3), rnd(c * 1.8, 3)], note=note)
        s["agents"] = asm(D.agents[name], round(D.agents[name] * 0.7), round(D.agents[name] * 1.4),
                          f"19,300 agents (figures.csv usbp.agents.2023) x assumed sector share of agents; sector staffing not in figures.csv")
        s["receiving_office"] = recv
        secs.append(s)
    doc["sectors"] = secs
    doc["appropriations"] = [ice_os("FY2024", 9_448_846_000, "11352580", "P.L. 118-47", "2024-03-23", FY24_START, "2024-09-30")]
    return doc


# Share of ICE's annual Operations and Support account that pays for what the model costs
# (ERO custody operations, transportation and removal, ERO officers); the rest pays HSI,
# OPLA and mission support. The PPA split is not in figures.csv.
OS_SHARE = asm(0.6, 0.45, 0.75, "ERO custody, transport and officers within ICE O&S (HSI, OPLA, mission support excluded); PPA split not in figures.csv")


def ice_os(fy, amount, file, law, enacted, start, until):
    """ICE's annual Operations and Support appropriation, as OMB apportioned it."""
    return {
        "name": f"ICE O&S {fy}",
        "amount": src(amount, f"OMB apportionment of ICE Operations and Support, TAFS 070-0540 /{fy[2:]}, line 1100 appropriation ({law}): https://openomb.org/file/{file}", enacted),
        "share_modelled": OS_SHARE,
        "from": start,
        "until": until,
        "lines": ["detention", "transport", "personnel", "atd"],
    }


def pool_refill24(D, offs, doc):
    """Lower each office's at-large tier inflow (baseline-fy2024's FY2024 steady state) by the
    modelled refill's FY2024 mean, tier by tier in the inflow's own mix (model::effort::entry_mix),
    so baseline-fy2025's pools stay steady at FY2024 effort. The FY2024 mean is what the model's
    warm-up sends (model::nondetained::Live::new): a day of the starting stocks at the start's
    parameters, i.e. FY2024's judges x productivity (911,289 completions / 366) split by docket
    share x removal-order share x in-absentia share, plus ATD on 30 Sep 2024 / ALIP x absconding
    share, all x the refill share."""
    num = lambda v: v["value"] if isinstance(v, dict) else v
    det, crt, ch = doc["detention"], doc["courts"], doc["channels"]
    docket = {o["name"]: num(o["docket_pending"]) for o in offs}
    total_docket = sum(docket.values())
    judges24 = crt["non_detained_judges"]["steps"][0]["value"]
    capacity = judges24 * num(crt["completions_per_judge_day"])
    orders = num(crt["non_detained_removal_order_share"]) * num(crt["non_detained_in_absentia_share"])
    share, abscond, days = num(ch["at_large_refill_share"]), num(det["atd_abscond_share"]), num(det["atd_days_mean"])
    national = [0.0, 0.0]
    for o in offs:
        n = o["name"]
        absentia = capacity * docket[n] / total_docket * orders
        absconders = num(o["atd_participants"]) / days * abscond
        national[0] += share * absentia
        national[1] += share * absconders
        refill = share * (absentia + absconders)
        inflow = [rnd(D.inflow[n][i], 3) for i in range(3)]  # as baseline-fy2024 writes them
        cut = refill / sum(inflow)
        assert cut < 0.9, (n, cut)
        o["reachable"] = {
            t: {"inflow_per_day": asm(rnd(x * (1 - cut), 3), 0, rnd(x * 3 + 0.5, 3),
                                      f"steady state: this office's FY2024 arrests from the tier at the initial pool ({x}/day, baseline-fy2024) "
                                      f"less the tier's part of its modelled refill at the FY2024 mean ({refill:.3f}/day: in-absentia orders "
                                      f"{share * absentia:.3f} + ATD absconders {share * absconders:.3f}; channels.at_large_refill_share, "
                                      f"detention.atd_abscond_share), split like the inflow: x {1 - cut:.4f}")}
            for t, x in zip(("convicted", "pending", "no_record"), inflow)
        }
    print(f"  at-large refill at the FY2024 mean: in absentia {national[0]:.1f}/day + absconders {national[1]:.1f}/day")


def build_fy2025(D):
    names = OFFICES
    doc = {}
    doc["scenario"] = {
        "name": "baseline-fy2025",
        "description": "How did the January 2025 policy change, the 3,000/day target and bed growth turn into FY2025 arrests, detention and removals?",
        "extends": "baseline-fy2024",
        "start": FY25_START, "days": FY25_DAYS, "warmup_days": 365, "replications": 10, "seed": 20241001,
    }
    target_src = ("press reports of the White House target of 3,000 ICE arrests/day set at a 2025-05-21 meeting with ICE leaders "
                  "(S. Miller, Fox News 2025-05-28); NOT in shared/calibration/figures.csv - verify")
    doc["ero"] = {
        "at_large_share": sched([step(FY25_START, rnd(D.at_large_share24, 3)),
                                 step(POLICY, 0.30, note="2021 enforcement priorities rescinded; officers moved to at-large work"),
                                 step("2025-05-21", 0.35, note="push after the 3,000/day target was set")],
                                assumption=True, range=[0.1, 0.5],
                                note="FY2024 value until 20 Jan 2025; TUNED so Feb-Apr 2025 arrests ~650-700/day (ICE-arrested book-ins 17,378-19,123/month, ice.bookins.total.2025-0[2-4])"),
        # The operations of summer 2025 (Los Angeles from 6 June, Chicago from 8 September)
        # come from the target's pull on tactics (model::effort::tactics_shift, below), not
        # from dated steps TUNED to June's book-ins: a forecast made before them then sees
        # them coming from the 21 May target (docs/calibration.md, "Backtest from 2025-06-01:
        # the target's response").
        "operations_share": sched([step(FY25_START, 0.0), step(POLICY, 0.03)],
                                  assumption=True, range=[0.0, 0.25],
                                  note="public-space and worksite operations without a target (the January 2025 worksite and "
                                       "collateral push); the target's response adds to it (tactics_response)"),
        "tactics_response": asm(0.15, 0.05, 0.35,
                                "the target's pull on tactics: at pressure P = target / expected arrests - 1 a share rP/(1+rP) of "
                                "at-large effort moves to public-space and worksite operations and the collateral rate rises by "
                                "that share (docs/model.md, effort::tactics_shift). r = 0.15 reproduced FY2025's no-record share "
                                "of interior arrests when first fitted (44.8% vs 44.9%, docs/model.md) and keeps the year's arrests and "
                                "no-record share where the dated steps had them (708 vs 702 a day, 45.6% vs 45.7%); no published response; "
                                "range 0.05-0.35 as in docs/model.md (the responses tried on FY2025's months in the first fit)"),
    }
    doc["channels"] = {
        "collateral_per_at_large": sched([step(FY25_START, D.collateral24), step(POLICY, 0.35)], assumption=True, range=[0.03, 0.7],
                                         note="collateral arrests resumed after 20 Jan 2025; no published count"),
        "national_target_per_day": sched([step(FY25_START, 0, source="no national arrest target before May 2025 (policy fact)", as_of="2025-05"),
                                          step("2025-05-21", 3000, source=target_src, as_of="2025-05")]),
        # Check-in arrests from the non-detained population (model::nondetained); bounds in
        # docs/calibration.md "Check-in arrests".
        "checkin_per_atd_day": sched([
            astep(FY25_START, 0.00001, 0.0, 0.00005,
                  note="arrests at ATD/ICE check-ins under the 2021 enforcement priorities: rare, no published count; ~2/day from ~180,000 participants (ice.atd.active.2024-09-30)"),
            astep(POLICY, 0.00005, 0.00001, 0.00015,
                  note="priorities rescinded 20 Jan 2025 and ICE guidance to consider released people for expedited removal: ~9/day from ~185,000 participants (the lead's ~10/day estimate); "
                       "upper bound: ATD fell from 188,304 (ice.atd.active.2025-01-11) to 181,210 (ice.atd.active.2025-09-20), 28/day net, 1.5e-4 per participant-day if enrolment only replaced exits"),
        ]),
        "at_large_refill_share": asm(
            AT_LARGE_REFILL, 0.01, 0.1,
            "share of the people newly at large (in-absentia removal orders, ATD absconders) who join their office's reachable at-large tiers "
            "(ICE has an address it can act on); no published figure. At 0.05 the FY2024 refill is ~25/day nationally, ~30% of the tiers' "
            "FY2024 entries (82.6/day); the upper bound 0.1 is where San Francisco's FY2024 refill would exceed its tiers' FY2024 entries"),
        "checkin_per_docket_day": sched([
            sstep(FY25_START, 0,
                  "ICE/CBP memo 'Civil Immigration Enforcement Actions in or near Courthouses' (2021-04-27) restricted courthouse arrests; no court-arrest operations before May 2025 (policy fact)",
                  "2021-04"),
            astep("2025-05-20", 0.000002, 0.0000005, 0.00001,
                  note="arrests at immigration courts after DHS-requested dismissals, for expedited removal, from 20 May 2025: 'dozens' in a week in several cities "
                       "(Reuters, T. Hesson and K. Cooke, 2025-05-23, 'ICE arrests migrants at courthouses, opens door to fast-track deportations'); "
                       "~7/day over the ~3.5M pending non-detained cases; range ~2-35/day"),
        ]),
    }
    doc["cases"] = {
        "interior_summary_share": sched([step(FY25_START, 0.45, note="FY2024 regime (TUNED in FY2024 with case_days_mean to FY2024 ALOS)"),
                                         step(POLICY, 0.50, note="expedited removal expanded to the interior (designation of 21 Jan 2025) plus reinstatements")],
                                        assumption=True, range=[0.25, 0.7], note="FY2024 value until 20 Jan 2025"),
        "border_expedited_share": sched([step(FY25_START, 0.75, note="after the June 2024 asylum rule (Securing the Border) most border cases went to expedited removal; FY2024 average 0.5 mixes both regimes"),
                                         step(POLICY, 0.85, note="entry suspended at the southern border (Proclamation of 20 Jan 2025): nearly all border cases summary")],
                                        assumption=True, range=[0.05, 0.95],
                                        note="FY2024 value until 20 Jan 2025; share " + SELECTED_BORDER),
    }
    bis25 = [0.99, 0.98, 0.80]
    doc["detention"] = {
        "border_admission_ceiling": {"unset": True, "note":
                                     "no managed ceiling (baseline-fy2024's is removed): ICE filled contracted capacity above the "
                                     "funded level from January 2025 (figures.csv ice.detention.contract_capacity.2025-04-14, "
                                     "ice.detention.capacity.2025-11); FY2025's months before 20 Jan 2025, still under continuing "
                                     "resolutions, have not been examined for one (docs/calibration.md, \"Managed occupancy\")"},
        "book_in_share": sched([
            sstep(FY25_START, D.book_in_share24,
                  cite("ice.bookins.ice.fy2025", "ice.bookins.total.2025-01", "ice.bookins.total.2025-09", "ice.bookins.ice.fy2024",
                       how=f"FY2024 shares (derivation in baseline-fy2024) kept until 20 Jan 2025: Oct-Dec 2024 ICE-arrested book-ins = "
                           f"222,832 (FY2025) minus Jan-Sep monthly ICE-arrested = {D.ice_octdec:,.0f}, {D.ice_octdec / 92:.0f}/day, "
                           f"close to FY2024's 90,615/366 = 248/day"),
                  "2024-12", "same regime as FY2024 until the 20 Jan 2025 executive orders"),
            sstep(POLICY, bis25,
                  cite("ice.bookins.total.2025-08", "ice.arrests.per_day.aug1_9_2025",
                       how="Aug 2025 ICE-arrested book-ins 28,308/31 = 913/day vs ~1,007 arrests/day (TRAC, Aug 1-9): overall 0.91; split by category assuming criminal cases nearly all detained"),
                  "2025-08"),
        ]),
        "border_book_in_share": sched([
            sstep(FY25_START, rnd(D.bbis25_pre, 3),
                  cite("ice.bookins.cbp.fy2025", "ice.bookins.total.2025-01", "usbp.sw_apprehensions.fy2025",
                       how=f"Oct-Dec 2024 CBP-arrested book-ins {D.cbp_octdec:,.0f} (FY2025 CBP total minus Jan-Sep monthly CBP = total - ICE-arrested) / "
                           f"Oct-Dec apprehensions {D.octdec_app:,.0f} SW + non-SW (assumed)"), "2024-12"),
            sstep(POLICY, rnd(D.bbis25_post, 3),
                  cite("ice.bookins.total.2025-02", "ice.bookins.total.2025-05", "usbp.sw_apprehensions.2025-02", "usbp.sw_apprehensions.2025-05",
                       how=f"Feb-May 2025 CBP-arrested book-ins {D.cbp_feb_may:,.0f} / apprehensions {D.app_feb_may:,.0f} (SW monthly rows + assumed non-SW); "
                           "months before Border Patrol's interior details (7 Jun 2025), whose arrests ICE also counts as CBP-arrested "
                           "book-ins and the model adds through the deploy interventions"), "2025-05",
                  "CBP book-ins also include OFO port cases, so this overstates the USBP share"),
        ]),
        "border_direct_removal_share": sched([
            astep(FY25_START, rnd(D.direct25_pre, 3), 0.1, 0.5,
                  note=f"TUNED residual: FY2025 removals not preceded by a 'removed' book-out = 319,980 - 222,401 = {D.nonbookout25:,.0f} "
                       f"(ice.removals.fy2025, ice.bookouts.fy2025), minus the post-20-Jan border share, / {D.app_pre25:,.0f} apprehensions before 20 Jan. "
                       f"Absorbs interior removals without a counted book-in (staging/hold rooms): the model has no such path"),
            astep(POLICY, D.direct25_post, 0.2, 0.5,
                  note="no releases at the border after 20 Jan 2025: apprehensions are either booked into ICE or removed directly (1 - book-in share - ~2% prosecuted)"),
        ]),
        "release_hazard_per_day": sched([
            {"from": FY25_START, "value": [max(0.0003, round(h - BOND_HAZARD25, 4)) for h in (0.004, 0.006, 0.012)], "assumption": True,
             "range": [[0.0, 0.02], [0.0, 0.03], [0.002, 0.04]],
             "note": f"ICE parole and recognizance = the total release hazard [0.004, 0.006, 0.012] minus the bond hazard {BOND_HAZARD25:.4f} "
                     f"(bond_grant_share; at least 0.0003). The total was TUNED to the Oct-Dec 2024 ADP of ~{D.adp_octdec24:,.0f} derived from Vera's Oct 2024-10 Jun 2025 midnight ADP 43,382 "
                     f"x ICE/Vera FY2024 ratio (37,722/37,271) minus ICE monthly ADP Jan-10 Jun 2025 (figures.csv vera.midnight_adp.fy2025_partial, "
                     f"vera.midnight_adp.fy2024, ice.adp.fy2024, ice.adp.2025-01..06). Lower than FY2024's [0.01, 0.015, 0.018]: with FY2024's "
                     f"hazards the late-2024 population would settle near 34,000; FY2025 paroles (20,553, ice.bookouts.fy2025) were mostly before Feb 2025"},
            {"from": POLICY, "value": [0.0005, 0.001, 0.005], "assumption": True, "range": [[0.0, 0.006], [0.0, 0.012], [0.0, 0.03]],
             "note": "TUNED (the total [0.002, 0.003, 0.009] before the bond split, minus the bond hazard): paroles near zero after Feb 2025 (ice.bookouts.fy2025: 222,401 of 284,019 book-outs removed, 20,553 paroled)"},
            {"from": PAROLE_END, "value": PAROLE_AFTER, "assumption": True, "range": [[0.0, 0.002], [0.0, 0.002], [0.0, 0.004]],
             "note": "FITTED: ICE's Paroled + Order of Recognizance book-outs fell from ~6k/month (Oct 2024-Jan 2025) to 0.1-0.4k/month from "
                     "March 2025 (data/monthly.csv) after the January 2025 executive orders; ~0.2k/month over ~20,000 in proceedings"},
        ]),
        "border_release_hazard_per_day": sched([
            {"from": FY25_START, "value": [0.004, 0.006, 0.012], "assumption": True, "range": [[0.0, 0.03], [0.0, 0.04], [0.002, 0.06]],
             "note": "parole (INA 212(d)(5)) of border apprehensions in proceedings, who have no bond hearing (border_bond_eligible_share): "
                     "the total release hazard of release_hazard_per_day's first step, all of it parole"},
            {"from": POLICY, "value": [0.002, 0.003, 0.009], "assumption": True, "range": [[0.0, 0.006], [0.0, 0.012], [0.0, 0.03]],
             "note": "the total of release_hazard_per_day's 20 Jan 2025 step, all of it parole: the 20 Jan 2025 executive orders ended "
                     "case-by-case parole programmes at the border (CBP One appointments cancelled)"},
            {"from": PAROLE_END, "value": PAROLE_AFTER, "assumption": True, "range": [[0.0, 0.002], [0.0, 0.002], [0.0, 0.004]],
             "note": "as release_hazard_per_day's 1 Feb 2025 step: Paroled + Order of Recognizance book-outs 0.1-0.4k/month from March 2025"},
        ]),
        **{k: v for k, v in bond_common(True).items() if v is not None},
        "bond_hearings_per_day": asm(BOND_HEARINGS25, 100.0, 1500.0,
                                     "bond hearings (custody redeterminations) the immigration courts can hold nationally a day; no published "
                                     "capacity. Range: at least the ~84 bonds a day ICE booked out in April 2025 (data/monthly.csv Bonded Out "
                                     "2,512), each after a hearing; at most ~2 a day for each of ~700 immigration judges; TRAC counted ~70 a day "
                                     "in Oct 2022-Jun 2023 (trac.syr.edu/reports/722, 2023-07-19) when demand set the pace. Why a limit was tried: "
                                     "ICE's Bonded Out stayed at ~2.45k a month in April-June 2025 while the people it held grew by a quarter "
                                     "(docs/calibration.md, 'Bond dockets': the fit leaves it above demand)"),
        "bond_grant_share": sched([
            astep(FY25_START, BOND_GRANT25_PRE, 0.05, 0.6,
                  note="FITTED (caseload calibrate, released_bond, 2026-12-07) to Oct 2024-Feb 2025 Bonded Out ~0.7-0.9k/month (data/monthly.csv): "
                       "lower than FY2024's 0.27 because FY2025's detainees in proceedings were more often interior arrests"),
            astep(BOND_SURGE, BOND_GRANT25, 0.1, 0.9,
                  note="FITTED: Bonded Out (data/monthly.csv) ~3x from March 2025 (1.8-2.5k/month Mar-Jun) "
                       "as the 2025 detainees' bond hearings came before immigration judges; the grant share carries the fit"),
        ]),
        # Alternatives to detention (model::nondetained).
        "atd_enrol_share": sched([astep(FY25_START, ATD_ENROL25, 0.05, 0.5,
                                        note="FITTED: least squares to ICE's national ATD count on 2025-01-11 (188,304, ice.atd.active.2025-01-11) and 2025-09-20 (181,210, ice.atd.active.2025-09-20) from 179,071 on 2024-09-30, with participants leaving at 1/725 a day (data/fit_atd.py); share of those entering the non-detained population (supervised releases and outside docket receipts) who are enrolled")]),
        "atd_days_mean": src(725, cite("ice.atd.alip_days.2025-09-20"), "2025-09-20",
                             "ICE's average length in program (ALIP), taken as the mean stay: participants leave at 1/725 a day"),
        "atd_abscond_share": asm(ATD_ABSCOND, 0.1, 0.4,
                                 "share of the people leaving ATD who abscond: GAO-22-104529 (2022-06-22, https://www.gao.gov/products/gao-22-104529): of the "
                                 "participants ICE unenrolled in 2015-2020, about a quarter absconded; lower bound from ICE's ~11,000 absconders in FY2020 "
                                 "(acting director T. Johnson, House appropriations hearing, 2021-05-13) over ~90,000 participants; not in figures.csv"),
    }
    doc["courts"] = {
        "case_days_mean": sched([step(FY25_START, 90, note="FY2024 value (TUNED in FY2024) until 20 Jan 2025"),
                                 step(POLICY, 110, note="TUNED to the 2025 ADP build-up: detained caseload up ~60% while the judge corps shrank from ~700 to ~600 (figures.csv eoir.ij_count.mid2025)")],
                                assumption=True, range=[35, 160], note="no published detained completion time (figures.csv eoir.median_completion_detained = NA)"),
        "detained_docket_slots": sched([step(FY25_START, 42_000), step("2025-07-01", 38_000, note="~100 immigration judges dismissed in 2025; ~600 left by Jul 2025 (eoir.ij_count.mid2025): capacity -10%")],
                                       assumption=True, range=[15_000, 50_000],
                                       note="concurrent open detained cases, set just above the expected 2025 peak so the fluid check stays valid; EOIR detained caseload ~28,216 in Mar 2025 (figures.csv eoir.backlog_avg_wait.2025-03 note)"),

        # The non-detained docket (model::nondetained), a fluid queue served by the judges.
        "non_detained_judges": sched([
            astep(FY25_START, FY24_JUDGES, 650, 735, note="~700 immigration judges early 2025 (figures.csv eoir.ij_count.mid2025 note: 'from ~700 early 2025')"),
            sstep("2025-07-01", 600, cite("eoir.ij_count.mid2025", how="~600 judges by Jul 2025 after dismissals"), "2025-07"),
        ], note="all immigration judges: the detained docket (0.77% of pending cases, eoir.backlog_avg_wait.2025-03 note) is not subtracted"),
        "completions_per_judge_day": src(rnd(911_289 / 366 / FY24_JUDGES, 4),
                                         cite("eoir.completions.fy2024", how=f"911,289 FY2024 completions / 366 days / {FY24_JUDGES} judges (assumed FY2024 corps)"),
                                         "2024-09", "FY2024 productivity carried into FY2025; the detained docket's completions are included"),
        "non_detained_receipts_per_day": sched([sstep(FY25_START, rnd(401_661 / 243 - 163, 3),
                                                      cite("eoir.pending.2025-05-31", how="401,661 new cases 1 Oct 2024 - 31 May 2025 (note of the row) / 243 days, less the ~163/day the model itself releases into proceedings (baseline-fy2025 released at processing + for lack of a bed + parole/bond)"),
                                                      "2025-05")],
                                               note="one average for the year; receipts fell after 20 Jan 2025 as border releases stopped (not resolved by month in figures.csv)"),
        "non_detained_removal_order_share": src(rnd(314_773 / 911_289, 4),
                                                cite("eoir.completions.fy2024", how="314,773 removal orders (record, note of the row) / 911,289 completions in FY2024"),
                                                "2024-09", "in absentia orders included; FY2024 share carried into FY2025"),
        "non_detained_in_absentia_share": asm(0.5, 0.35, 0.65,
                                              "share of the non-detained removal orders issued in absentia; figures.csv has no in-absentia count: "
                                              "~170,000 expected in FY2024 (42,714 in Oct-Dec 2023, cis.org/Arthur 2024-04-10, citing EOIR) / 314,773 removal orders "
                                              "(eoir.completions.fy2024 note) = 0.54; CRS IF11892 (2021-08-05): 38% of initial case completions FY2011-20 were in absentia orders"),
    }
    doc["removal"] = {
        "flights_per_week": sched([
            sstep(FY25_START, rnd(D.flights24, 3), cite("iceair.removal_flights.2025-01-20_12-31", how="2,138/1.44 (2024 level) over 345 days x 7"), "2024-12"),
            sstep(POLICY, rnd(D.flights25_post, 3), cite("iceair.removal_flights.2025-01-20_10-31", how="1,701 flights over 285 days x 7"), "2025-10",
                  "secondary summary of Human Rights First"),
            sstep("2025-06-01", rnd(D.flights25_jun, 3), cite("iceair.removal_flights.2025-06", how="209 flights in June 2025 / 30 x 7"), "2025-06"),
        ]),
    }

    doc["costs"] = {
        "atd_day": src(rnd(223_498 / 179_071, 4),
                       cite("ice.atd.tech_cost_per_day.2024-09-30", "ice.atd.active.2024-09-30", how="223,498 USD/day of ATD technology / 179,071 participants on 2024-09-30"),
                       "2024-09-30", "technology only (BI Inc. devices and monitoring); case management is not in the published figure, so this is a lower bound"),
    }

    # offices: honour rates, beds
    offs = []
    for n in names:
        cls = HONOUR_CLASS[n]
        lo, hi = HONOUR_RANGE[cls]
        h = HONOUR[cls]
        o = {"name": n}
        o["detainer_honour_rate"] = sched([
            step(FY25_START, h["fy24"]),
            step(POLICY, h[POLICY], note="detainer and jail-transfer push after 20 Jan 2025"),
            step("2025-04-01", h["2025-04-01"]),
            step("2025-07-01", h["2025-07-01"], note="287(g) jail-model agreements (134 active Jan 2025, >1,130 signed in 2025: partners.287g.active_agreements.2026-02-13)"),
        ], assumption=True, range=[lo, hi], note=f"class '{cls}'; TUNED so custodial arrests are ~45-50% of Aug-Sep 2025 arrests (ice.arrests.jail_share.2025_26, WEAK)")
        steps_ = D.beds25[n]
        spc = min(SPC.get(n, 0), int(0.8 * D.beds24[n]))
        soft = SOFT_SIDED_FY25.get(n)
        con_steps, igsa_steps = [], []
        soft_steps = [step(FY25_START, 0)]
        if soft:
            soft_steps.append(step(soft[0], soft[1], announced=soft[3], note=soft[2]))
        # national step dates, plus the soft-sided opening date (carved out of the AOR total)
        pts = [(d_, i) for i, (d_, _) in enumerate(steps_)]
        if soft and soft[0] not in [d_ for d_, _ in pts]:
            i_prev = max(i for d_, i in pts if d_ <= soft[0])
            pts.append((soft[0], i_prev))
            pts.sort()
        for d_, i in pts:
            tot = steps_[i][1]
            sft = soft[1] if soft and d_ >= soft[0] else 0
            rest = max(0, tot - spc - sft)
            con = round(rest * CONTRACT_SHARE)
            key = D.beds25_steps[i][2]
            shr = "fy2024" if i == 0 else "fy2025"
            how = (f"national {D.beds25_steps[i][1]:,.0f} beds x facility-ADP share (ice.detention_adp_facilities.aor.{aor_key(n)}.{shr}) = {tot}, "
                   f"minus SPC/soft-sided, x {CONTRACT_SHARE} contract / {1 - CONTRACT_SHARE:.2f} IGSA (assumption)")
            if key:
                con_steps.append(step(d_, con))
                igsa_steps.append(step(d_, rest - con))
            else:
                note = f"national total {D.beds25_steps[i][1]:,.0f} interpolated (assumption)"
                c_step = astep(d_, con, round(con * 0.6), round(con * 1.3) + 10, note)
                i_step = astep(d_, rest - con, round((rest - con) * 0.6), round((rest - con) * 1.3) + 10, note)
                if soft and d_ == soft[0] and all(d_ != p for p, _ in steps_):
                    # the soft-sided site's beds carved out of the AOR total: known when the site is
                    for st in (c_step, i_step):
                        st["announced"] = soft[3]
                        st["note"] = note + "; soft-sided site's beds carved out (announced with the site)"
                con_steps.append(c_step)
                igsa_steps.append(i_step)
        bed_src = cite("ice.detention.funded_beds.fy2024", "ice.detention.contract_capacity.2025-04-14", "ice.detention.capacity.2025-11",
                       f"ice.detention_adp_facilities.aor.{aor_key(n)}.fy2024", f"ice.detention_adp_facilities.aor.{aor_key(n)}.fy2025",
                       how=f"national beds (41,500 from 2024-10-01; 62,913 on 2025-04-14; 70,000 on 2025-11-01) x this AOR's facility-ADP share "
                           f"(FY2024 share before 20 Jan 2025, FY2025 share after), minus ICE-owned and soft-sided beds, split "
                           f"{CONTRACT_SHARE} contract / {1 - CONTRACT_SHARE:.2f} IGSA (split is an assumption)")
        beds = {"contract": sched(con_steps, source=bed_src, as_of="2025-11"), "igsa": sched(igsa_steps, source=bed_src, as_of="2025-11")}
        if soft:
            beds["soft_sided"] = sched(soft_steps, assumption=True, range=[0, 5000],
                                       note="press reports, not in figures.csv; capacity in use approximate; carved out of the national total")
        o["beds"] = beds
        o["atd_participants"] = src(D.atd[n], cite(f"ice.atd.active.aor.{aor_key(n)}.2024-09-30"), "2024-09-30")
        dk = (EOIR_PENDING_FY24 - DETAINED_DOCKET_MAR25) * D.atd_share[n]
        o["docket_pending"] = asm(rnd(dk), rnd(dk * 0.5), rnd(dk * 1.5),
                                  f"national {EOIR_PENDING_FY24:,} active pending at the end of FY2024 (TRAC, note of figures.csv eoir.pending.end_fy2024) less ~{DETAINED_DOCKET_MAR25:,} detained "
                                  f"(eoir.backlog_avg_wait.2025-03 note) x ATD share {D.atd_share[n]:.4f} (ice.atd.active.aor.{aor_key(n)}.2024-09-30; the split by AOR is the assumption)")
        offs.append(o)
    pool_refill24(D, offs, doc)
    doc["offices"] = offs

    # sectors: crossings schedule
    secs = []
    for name, swf, _, _, _ in SECTORS:
        s = {"name": name}
        st = []
        if swf:
            for d_, app_nat, how in D.sw25:
                a = app_nat * D.sw_share[name]
                c = D.crossings(a, D.agents[name])
                st.append(astep(d_, rnd(c, 3), rnd(c * 0.5, 3), rnd(c * 1.8, 3), note=f"SW apprehensions/day {app_nat:.0f} ({how}) x sector share {D.sw_share[name]:.3f} / P {a / c:.3f}"))
            s["crossings_per_day"] = sched(st)
        else:
            for d_, f in D.nsw_factor:
                a = D.app24[name] * f
                c = D.crossings(a, D.agents[name])
                st.append(astep(d_, rnd(c, 3), rnd(c * 0.3, 3), rnd(c * 2.5, 3), note=f"{f:.0%} of the assumed FY2024 level (northern/coastal apprehensions not in figures.csv)"))
            s["crossings_per_day"] = sched(st)
        secs.append(s)
    doc["sectors"] = secs

    # interventions
    iv = []
    iv.append({
        "kind": "deputize", "at": "2025-02-01", "agency": "ATF",
        "officers": src(2000, cite("partners.atf.share_agents_reassigned.2025", how="0.8 x ~2,500 ATF agents"), "2025", "WEAK: Reuters via secondary site; 'reassigned' need not mean full time"),
        "offices": ["all"],
        "time_share": asm(0.25, 0.1, 0.6, "share of a reassigned agent's time on immigration arrests"),
        "ramp_days": asm(30, 7, 60, "training and teaming with ERO"),
        "arrests_per_officer_day": asm(0.05, 0.01, 0.2, "arrests per officer-day of immigration work; lower than ERO at-large yield"),
    })
    iv.append({
        "kind": "deputize", "at": "2025-02-01", "agency": "DEA",
        "officers": asm(1100, 500, 2500, "~25% of DEA personnel diverted (figures.csv partners.atf.share_agents_reassigned.2025 note) x ~4,500 special agents (agent count not in figures.csv)"),
        "offices": ["all"],
        "time_share": asm(0.25, 0.1, 0.6, "share of a diverted agent's time on immigration arrests"),
        "ramp_days": asm(30, 7, 60, "training and teaming with ERO"),
        "arrests_per_officer_day": asm(0.05, 0.01, 0.2, "arrests per officer-day of immigration work"),
    })
    coop = [n for n in names if HONOUR_CLASS[n] == "cooperative"]
    iv.append({
        "kind": "deputize", "at": "2025-03-01", "agency": "287g",
        "officers": asm(1000, 300, 3000, "task-force-model 287(g) officers deputized from Mar 2025; 134 agreements active Jan 2025 rising to 1,412 by Feb 2026 "
                                         "(figures.csv partners.287g.active_agreements.2026-02-13); officers per agreement not published"),
        "offices": coop,
        "time_share": asm(0.15, 0.05, 0.4, "share of a local officer's time on immigration arrests (mostly during patrol/traffic stops)"),
        "training_days": asm(28, 5, 120, "287(g) training before a deputy makes an arrest: a four-week ICE academy (Daily Courier, Prescott AZ, 2008-04-16, "
                                          "http://sealtheborderdotus.blogspot.com/2008/04/officers-graduate-from-immigration.html); the 2025 task-force course is shorter and partly online "
                                          "(the low end) but agencies waited months for a class (KELO 2025, https://deepdiveradionetwork.com/when-will-sd-officers-use-ices-287g-powers; the high end)"),
        "ramp_days": asm(14, 7, 60, "teaming with ERO after training, to full productivity"),
        "arrests_per_officer_day": asm(0.15, 0.03, 0.5, "arrests per officer-day of immigration work"),
    })
    iv.append({
        "kind": "deputize", "at": "2025-07-01", "agency": "287g",
        "officers": asm(1500, 500, 4000, "further task-force officers as agreements grew through 2025 (partners.287g.active_agreements.2026-02-13: >1,130 signed in 2025)"),
        "offices": coop,
        "time_share": asm(0.15, 0.05, 0.4, "as above"),
        "training_days": asm(28, 5, 120, "as above"),
        "ramp_days": asm(14, 7, 60, "as above"),
        "arrests_per_officer_day": asm(0.15, 0.03, 0.5, "as above"),
    })
    iv.append({
        "kind": "deploy", "at": "2025-06-07", "until": "2025-09-07",
        "agents": asm(150, 50, 500, "Border Patrol agents in Los Angeles from June 2025 (press reports; NOT in figures.csv - verify)"),
        "offices": ["Los Angeles"],
        "ramp_days": asm(7, 3, 30, "tactical teams arrive ready"),
        "arrests_per_agent_day": asm(0.15, 0.05, 0.4, "public-space operations"),
    })
    iv.append({
        "kind": "deploy", "at": "2025-09-08",
        "agents": src(200, cite("usbp.agents.interior.chicago.2025"), "2025-09", "'>200' agents, Operation Midway Blitz (Bovino deposition via NewsNation)"),
        "offices": ["Chicago"],
        "ramp_days": asm(7, 3, 30, "tactical teams arrive ready"),
        "arrests_per_agent_day": asm(0.15, 0.05, 0.4, ">3,000 arrests by all agencies over ~2 months (same row's note) bounds this from above"),
    })
    doc["interventions"] = iv
    obbba = "the 2025 reconciliation act (P.L. 119-21, enacted 2025-07-04), sec. 90003; available to 2029-09-30 (TAFS 070-0540 2025/2029, https://openomb.org/file/11445701)"
    doc["appropriations"] = [
        ice_os("FY2025", 9_933_846_000, "11430117", "P.L. 119-4, full-year continuing appropriations", "2025-03-15", "2024-10-01", "2025-09-30"),
        {
            "name": "OBBBA ICE detention",
            "amount": src(fv("obbba.ice_detention_funds"), cite("obbba.ice_detention_funds"), "2025-07-04", f"single adult detention and family residential capacity; {obbba}"),
            "from": "2025-07-04",
            "until": "2029-09-30",
            "lines": ["detention"],
        },
        {
            "name": "OBBBA ICE enforcement",
            "amount": src(fv("obbba.ice_enforcement_funds"), cite("obbba.ice_enforcement_funds"), "2025-07-04", f"'nearly $30B' for hiring, transport and removal and more; {obbba}"),
            "share_modelled": asm(0.5, 0.3, 0.8, "transportation and removal and officer pay within the enforcement lines (also hiring bonuses, recruitment, IT, 287(g), facilities, fleet: openomb.org/file/11445701 lists 13 lines); spend plan not in figures.csv"),
            "from": "2025-07-04",
            "until": "2029-09-30",
            "lines": ["transport", "personnel"],
        },
    ]
    return doc


# --------------------------------------------------------------------------------------------
# TOML writer
# --------------------------------------------------------------------------------------------
def tv(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        s = f"{v:.6g}"
        if "e" in s:
            s = f"{v:.12f}".rstrip("0")
        return s
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(tv(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{key(k)} = {tv(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


def key(k):
    return k if all(c.isalnum() or c in "_-" for c in k) else json.dumps(k)


def leaf_lines(k, v, indent=""):
    """A number with evidence; steps go one per line."""
    if isinstance(v, dict) and "steps" in v:
        meta = {a: b for a, b in v.items() if a != "steps"}
        lines = [f"{indent}{k} = {{ steps = ["]
        for s in v["steps"]:
            lines.append(f"{indent}    {tv(s)},")
        tail = "]" + ("".join(f", {key(a)} = {tv(b)}" for a, b in meta.items())) + " }"
        lines.append(f"{indent}  {tail}")
        return lines
    return [f"{indent}{k} = {tv(v)}"]


def emit(doc, header):
    out = [header, ""]
    out.append("[scenario]")
    for k, v in doc["scenario"].items():
        out.append(f"{k} = {tv(v)}")
    for table in ("ero", "channels", "cases", "detention", "courts", "removal", "costs"):
        if table not in doc:
            continue
        out.append("")
        out.append(f"[{table}]")
        sub = []
        for k, v in doc[table].items():
            if k in ("target_weights", "bed_day", "surge_share"):
                sub.append((k, v))
                continue
            out.extend(leaf_lines(k, v))
        for k, v in sub:
            out.append("")
            out.append(f"[{table}.{k}]")
            for kk, vv in v.items():
                out.append(f"{key(kk)} = {tv(vv)}")
    for arr in ("offices", "sectors", "appropriations"):
        if arr not in doc:
            continue
        for o in doc[arr]:
            out.append("")
            out.append(f"[[{arr}]]")
            out.append(f"name = {tv(o['name'])}")
            for k, v in o.items():
                if k == "name":
                    continue
                if k == "reachable":
                    for tier, d in v.items():
                        for kk, vv in d.items():
                            out.append(f"reachable.{tier}.{kk} = {tv(vv)}")
                elif k == "beds":
                    for kind, vv in v.items():
                        out.extend(leaf_lines(f"beds.{kind}", vv))
                else:
                    out.extend(leaf_lines(k, v))
    for iv in doc.get("interventions", []):
        out.append("")
        out.append("[[interventions]]")
        for k, v in iv.items():
            out.append(f"{k} = {tv(v)}")
    return "\n".join(out) + "\n"


HEADER = """# {name} -- built-in baseline scenario for caseload.
# GENERATED by data/derive_baseline.py from shared/calibration/figures.csv: edit the script, then
# re-run `python3 data/derive_baseline.py`. Every number carries a source (figures.csv key) or is an
# assumption with a range; docs/calibration.md explains each group, the arithmetic and the targets.
# {extra}"""


# --------------------------------------------------------------------------------------------
# CSV outputs
# --------------------------------------------------------------------------------------------
def write_csvs(D):
    p = os.path.join(HERE, "derived_offices.csv")
    with open(p, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["office", "atd_share_2024_09_30", "facility_adp_share_fy2024", "facility_adp_share_fy2025", "blend_share",
                    "officers", "target_weight", "honour_class", "honour_fy2024", "jail_supply_per_day", "custodial_fy2024_per_day",
                    "pool_convicted", "pool_pending", "pool_no_record", "inflow_convicted", "inflow_pending", "inflow_no_record",
                    "beds_fy2024", "beds_2025_04_14", "beds_2025_08_15", "flight_hub", "land_border"])
        for n in OFFICES:
            b = dict(D.beds25[n])
            w.writerow([n, f"{D.atd_share[n]:.5f}", f"{D.fac24_share[n]:.5f}", f"{D.fac25_share[n]:.5f}", f"{D.blend[n]:.5f}",
                        D.officers[n], f"{D.officers[n] / D.officers_total:.4f}", HONOUR_CLASS[n], D.honour24[n],
                        f"{D.jail_supply[n]:.2f}", f"{D.jail_supply[n] * D.honour24[n]:.2f}",
                        *[round(x) for x in D.pool[n]], *[f"{x:.3f}" for x in D.inflow[n]],
                        D.beds24[n], b["2025-04-14"], b["2025-08-15"], n in FLIGHT_HUBS, n in LAND_BORDER])
    p2 = os.path.join(HERE, "derived_sectors.csv")
    with open(p2, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["sector", "southwest", "receiving_office", "agents", "apprehensions_per_day_fy2024", "crossings_per_day_fy2024",
                    "p_apprehension_fy2024"])
        for name, swf, _, _, recv in SECTORS:
            w.writerow([name, swf, recv, D.agents[name], f"{D.app24[name]:.1f}", f"{D.cross24[name]:.1f}",
                        f"{D.app24[name] / D.cross24[name]:.3f}"])
    return p, p2


def print_summary(D):
    print("== national FY2024 (per day)")
    print(f"  arrests {D.arrests24:.1f} = custodial {D.custodial24:.1f} + at-large incl. collateral {D.atlarge24:.1f}")
    print(f"  arrests by category (conv, pend, none): {[round(x, 1) for x in D.arrests_cat24]}")
    print(f"  targeted at-large by tier: {[round(x, 1) for x in D.tier24]}; collateral {D.collateral24}")
    print(f"  book_in_share {D.book_in_share24}; at_large_share {D.at_large_share24:.4f}; locate shares {[f'{x:.3g}' for x in D.locate]}")
    print(f"  jail supply national {D.jail_supply_total:.1f}/day; officers {D.officers_total:.0f}")
    print(f"  border: apprehensions {D.app_total24:.0f}/day (SW {D.sw24_total / 366:.0f}, by month in data/inputs.csv); half-saturation {D.half}; "
          f"book-in share {D.bbis24_pre:.4f} to 4 Jun 2024, {D.bbis24_post:.4f} after; direct-removal share {D.direct24:.4f}")
    print(f"  flights/week FY2024 {D.flights24:.1f}; 2025 post-Jan {D.flights25_post:.1f}; June 2025 {D.flights25_jun:.1f}")
    print("== FY2025 border")
    print(f"  Oct-Dec 2024 SW apprehensions {D.octdec_app:,.0f}; Jan 1-19 {D.jan1_19:,.0f}; Jan 20-31 {D.jan20_31:,.0f}")
    print(f"  CBP book-ins Oct-Dec {D.cbp_octdec:,.0f}; ICE book-ins Oct-Dec {D.ice_octdec:,.0f}")
    print(f"  border_book_in_share pre {D.bbis25_pre:.3f} post {D.bbis25_post:.3f}; direct removal pre {D.direct25_pre:.3f} post {D.direct25_post:.3f}")
    print("== offices")
    print(f"  {'office':16s} {'ATD':>6s} {'fac24':>6s} {'blend':>6s} {'off':>5s} {'jail/d':>7s} {'h24':>5s} {'beds24':>6s}")
    for n in OFFICES:
        print(f"  {n:16s} {D.atd_share[n]:6.3f} {D.fac24_share[n]:6.3f} {D.blend[n]:6.3f} {D.officers[n]:5d} "
              f"{D.jail_supply[n]:7.2f} {D.honour24[n]:5.2f} {D.beds24[n]:6d}")


# --------------------------------------------------------------------------------------------
# reading scenarios back (extends + merge) -- shared with check_sources.py
# --------------------------------------------------------------------------------------------
def is_leaf(v):
    return isinstance(v, dict) and ("value" in v or "steps" in v)


def merge(parent, child):
    out = dict(parent)
    for k, v in child.items():
        if k in ("offices", "sectors") and k in parent:
            by = {o["name"]: dict(o) for o in parent[k]}
            order = [o["name"] for o in parent[k]]
            for o in v:
                if o["name"] not in by:
                    raise ValueError(f"{k}: unknown name {o['name']!r}")
                by[o["name"]] = merge(by[o["name"]], o)
            out[k] = [by[n] for n in order]
        elif k == "interventions":
            out[k] = list(parent.get(k, [])) + list(v)
        elif isinstance(v, dict) and v.get("unset") is True:
            out.pop(k, None)  # `{ unset = true }` removes the parent's key (as the loader does)
        elif k in parent and isinstance(v, dict) and isinstance(parent[k], dict) and not is_leaf(v) and not is_leaf(parent[k]):
            out[k] = merge(parent[k], v)
        else:
            out[k] = v
    return out


def load_scenario(path, seen=()):
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    ext = doc.get("scenario", {}).get("extends")
    if ext:
        ppath = os.path.join(os.path.dirname(path), ext if ext.endswith(".toml") else ext + ".toml")
        if os.path.abspath(ppath) in seen:
            raise ValueError("extends cycle")
        parent = load_scenario(ppath, seen + (os.path.abspath(path),))
        child_scn = doc["scenario"]
        doc = merge(parent, doc)
        # As the Rust loader: name, description and extends describe the child; the run
        # settings it does not give (start, days, seed...) are inherited.
        run = {k: v for k, v in parent.get("scenario", {}).items() if k not in ("name", "description", "extends")}
        doc["scenario"] = {**run, **child_scn}
    return doc


# --------------------------------------------------------------------------------------------
# flow balance: a fluid (expected-value) version of the mechanisms described in the brief
# --------------------------------------------------------------------------------------------
def num(x):
    return x["value"] if isinstance(x, dict) else x


def fl(v):
    return [float(x) for x in v] if isinstance(v, list) else float(v)


class Sched:
    """A number or an array that may change on dates (a `steps` table)."""

    def __init__(self, x):
        if isinstance(x, dict) and "steps" in x:
            self.steps = [(s["from"], fl(s["value"])) for s in x["steps"]]
        else:
            self.steps = [("0000-01-01", fl(num(x)))]

    def at(self, d):
        v = self.steps[0][1]
        for frm, val in self.steps:
            if frm <= d:
                v = val
            else:
                break
        return v


# Length-of-stay parameters: a new set of kernels is computed on each date one of them steps.
LOS_KEYS = [("removal", "travel_doc_days"), ("removal", "border_travel_doc_days"), ("removal", "hub_transfer_days"),
            ("detention", "release_hazard_per_day"), ("detention", "border_release_hazard_per_day"),
            ("courts", "case_days_mean"), ("detention", "booking_days"), ("cases", "interior_nationality"),
            ("cases", "border_nationality")]


def kernel_dates(sc):
    dates = set()
    for table, k in LOS_KEYS:
        dates.update(d for d, _ in Sched(sc[table][k]).steps[1:])
    return sorted(dates)


def kernels(sc, day="0000-01-01", seed=7, n=6000, horizon=700):
    """Monte Carlo length-of-stay kernels by (source, category, track) for admissions on
    `day`: for each, arrays over age a (days) of the share still detained (surv), removed at
    age a, released at age a, voluntary departures at a, and in the pre-decision court phase
    (court)."""
    rng = random.Random(seed)
    det, crt, rem = sc["detention"], sc["courts"], sc["removal"]
    at = lambda x: Sched(x).at(day)
    # By source (interior, border): each key's border twin when the scenario has one.
    by_source = lambda t, k: {"interior": at(t[k]), "border": at(t.get("border_" + k, t[k]))}
    doc_days = by_source(rem, "travel_doc_days")
    never = num(rem["travel_doc_never"])
    limit = num(rem["post_order_custody_limit_days"])
    hub = at(rem["hub_transfer_days"])
    vd = num(rem["voluntary_departure_days"])
    haz = by_source(det, "release_hazard_per_day")
    m, cv = at(crt["case_days_mean"]), num(crt["case_days_cv"])
    q = num(crt["removal_order_share"])
    book = at(det["booking_days"])
    kk, th = 1 / cv ** 2, m * cv ** 2
    natmix = {"interior": at(sc["cases"]["interior_nationality"]), "border": at(sc["cases"]["border_nationality"])}

    def post(nat, hubdays, source):
        if rng.random() < never[nat]:
            return "rel", limit
        t = rng.expovariate(1 / doc_days[source][nat])
        if t > limit:
            return "rel", limit
        return "rem", t + (0.5 if nat == 0 else 1.0 + hubdays)

    out = {}
    for source in ("interior", "border"):
        hubdays = hub if source == "interior" else 0.0
        for cat in range(3):
            for track in ("summary", "voluntary", "proceedings"):
                surv = [0.0] * horizon
                exits = {"rem": [0.0] * horizon, "rel": [0.0] * horizon, "vd": [0.0] * horizon}
                air = [0.0] * horizon  # removals that need a flight (not Mexico)
                court = [0.0] * horizon
                los_sum = 0.0
                for _ in range(n):
                    u = rng.random()
                    acc, nat = 0.0, 3
                    for i, w in enumerate(natmix[source]):
                        acc += w
                        if u < acc:
                            nat = i
                            break
                    b0 = book if source == "interior" else 0.0
                    cend = 0.0
                    if track == "summary":
                        kind, d = post(nat, hubdays, source)
                    elif track == "voluntary":
                        kind, d = "vd", vd
                    else:
                        h = haz[source][cat]
                        R = rng.expovariate(h) if h > 0 else 1e9
                        Dd = rng.gammavariate(kk, th)
                        if R < Dd:
                            kind, d, cend = "rel", R, R
                        elif rng.random() > q:
                            kind, d, cend = "rel", Dd, Dd
                        else:
                            kind, d2 = post(nat, hubdays, source)
                            d, cend = Dd + d2, Dd
                    los = b0 + d
                    los_sum += los
                    a = min(horizon - 1, int(los))
                    exits[kind][a] += 1.0 / n
                    if kind == "rem" and nat != 0:
                        air[a] += 1.0 / n
                    for t in range(a):
                        surv[t] += 1.0 / n
                    if cend > 0:
                        for t in range(int(b0), min(horizon - 1, int(b0 + cend))):
                            court[t] += 1.0 / n
                out[(source, cat, track)] = {"surv": surv, "court": court, "air": air, "mean": los_sum / n, **exits}
    return out


def predict(sc, label):
    names = [o["name"] for o in sc["offices"]]
    start = date.fromisoformat(sc["scenario"]["start"])
    days = sc["scenario"]["days"]
    warm = sc["scenario"]["warmup_days"]
    sday = sc["scenario"]["start"]
    ero, ch, cases, det = sc["ero"], sc["channels"], sc["cases"], sc["detention"]
    avail = num(ero["availability"])
    als, ops = Sched(ero["at_large_share"]), Sched(ero["operations_share"])
    ceff, otc, tresp = num(ero["custodial_effort"]), num(ero["overtime_ceiling"]), num(ero["target_response"])
    tact = num(ero.get("tactics_response", 0))
    y, mloc = num(ch["at_large_yield"]), num(ch["max_daily_locate_share"])
    coll, opy = Sched(ch["collateral_per_at_large"]), num(ch["operations_yield"])
    opc = num(ch["operations_criminal_share"])
    target = Sched(ch["national_target_per_day"])
    tw = {k: num(v) for k, v in ch.get("target_weights", {}).items()}
    tws = sum(tw.values()) or 1.0
    amax, half = num(ch["apprehension_max"]), num(ch["agents_per_crossing_half"])
    ccat, bcat = num(cases["custodial_category"]), num(cases["border_category"])
    isum_s, ivol_s = Sched(cases["interior_summary_share"]), Sched(cases["interior_voluntary_share"])
    bexp = Sched(cases["border_expedited_share"])
    bis_s = Sched(det["book_in_share"])
    bbis, bdir = Sched(det["border_book_in_share"]), Sched(det["border_direct_removal_share"])
    offs = []
    for o in sc["offices"]:
        offs.append({
            "name": o["name"], "officers": Sched(o["officers"]), "jail": Sched(o["jail_supply_per_day"]),
            "honour": Sched(o["detainer_honour_rate"]),
            "p0": [num(o["reachable"][t]["initial"]) for t in ("convicted", "pending", "no_record")],
            "inflow": [num(o["reachable"][t]["inflow_per_day"]) for t in ("convicted", "pending", "no_record")],
            "beds": {kd: Sched(v) for kd, v in o["beds"].items()},
        })
    for of in offs:
        of["pool"] = list(of["p0"])
    # The at-large tiers' refill (model::nondetained::Refill) from the starting stocks, which are
    # not tracked here: in-absentia orders at the day's judges, ATD absconders; split like the inflow.
    crt, refill_share = sc["courts"], num(ch.get("at_large_refill_share", 0))
    refill_judges = Sched(crt.get("non_detained_judges", 0))
    dockets = [num(o.get("docket_pending", 0)) for o in sc["offices"]]
    per_judge = num(crt.get("completions_per_judge_day", 0)) * num(crt.get("non_detained_removal_order_share", 0)) \
        * num(crt.get("non_detained_in_absentia_share", 0))
    per_atd = num(det.get("atd_abscond_share", 0)) / num(det.get("atd_days_mean", 725))
    for of, o, dk in zip(offs, sc["offices"], dockets):
        # [in-absentia orders per judge, absconders a day]: x the day's judges, + , x the share
        of["refill"] = [refill_share * per_judge * dk / (sum(dockets) or 1), refill_share * per_atd * num(o.get("atd_participants", 0))]
        of["mix"] = [x / (sum(of["inflow"]) or 1) for x in of["inflow"]]
    secs = [{"name": s["name"], "sw": s["southwest"], "cross": Sched(s["crossings_per_day"]), "agents": num(s["agents"])} for s in sc["sectors"]]
    sw_agents = sum(s["agents"] for s in secs if s["sw"])
    ivs = sc.get("interventions", [])
    # kernels for admissions on each date a length-of-stay parameter steps (warm-up: the start)
    kdates = [d for d in kernel_dates(sc) if d > sday]
    Ks = [kernels(sc, sday)] + [kernels(sc, d) for d in kdates]
    K = Ks[0]
    kidx = []  # kernel set of each simulated day's admissions
    flights, seats_s = Sched(sc["removal"]["flights_per_week"]), Sched(sc["removal"]["seats_per_flight"])
    slots = Sched(sc["courts"]["detained_docket_slots"])

    total_days = warm + days
    series = []
    hist = {kk: [] for kk in K}  # inflow per kernel per day
    for t in range(total_days):
        dd = start + timedelta(days=t - warm)
        d = dd.isoformat() if t >= warm else sday  # warm-up uses start-day parameters
        inrun = t >= warm
        kidx.append(sum(1 for kd in kdates if kd <= d))
        bis, isum, ivol = bis_s.at(d), isum_s.at(d), ivol_s.at(d)
        # interventions (only inside the run)
        dep = {}
        part = {}
        bp_out = 0.0
        for iv in ivs:
            if not inrun or d < iv["at"] or ("until" in iv and d > iv["until"]):
                continue
            ramp = num(iv["ramp_days"])
            frac = min(1.0, (days_between(iv["at"], d) + 1) / ramp) if ramp > 0 else 1.0
            olist = names if iv["offices"] == ["all"] else iv["offices"]
            if iv["kind"] == "deploy":
                ag = num(iv["agents"])
                bp_out += ag
                per = ag / len(olist) * num(iv["arrests_per_agent_day"]) * frac
                for n in olist:
                    dep[n] = dep.get(n, 0.0) + per
            else:
                per = num(iv["officers"]) / len(olist) * num(iv["time_share"]) * num(iv["arrests_per_officer_day"]) * frac
                for n in olist:
                    part[n] = part.get(n, 0.0) + per
        day = {"date": dd.isoformat(), "cust": 0.0, "al": 0.0, "coll": 0.0, "ops": 0.0, "part": 0.0, "bp": 0.0,
               "cat": [0.0, 0.0, 0.0], "tier": [0.0, 0.0, 0.0], "bookin_i": 0.0, "bookin_b": 0.0, "app": 0.0, "gotaway": 0.0, "direct": 0.0,
               "beds": 0.0, "short": []}
        tgt = target.at(d)
        day["tgt"] = tgt
        for of in offs:
            n = of["name"]
            offc = of["officers"].at(d)
            a_s, o_s = als.at(d), ops.at(d)
            cap_c = offc * avail * (1 - a_s - o_s) / ceff
            cust = min(of["jail"].at(d) * of["honour"].at(d), cap_c)

            def atlarge(ot, commit, sh=0.0):
                E = offc * avail * a_s * (1 - sh) * (1 + ot)
                arr = [0.0, 0.0, 0.0]
                for kt in range(3):
                    p = of["pool"][kt]
                    yk = y[kt] * p / of["p0"][kt] if of["p0"][kt] > 0 else 0.0
                    if yk <= 0 or E <= 0:
                        continue
                    a = min(E * yk, p * mloc[kt])
                    arr[kt] = a
                    E -= a / yk
                if commit:
                    refill = of["refill"][0] * refill_judges.at(d) + of["refill"][1]
                    for kt in range(3):
                        of["pool"][kt] += of["inflow"][kt] + refill * of["mix"][kt] - arr[kt]
                return arr

            base_al = sum(atlarge(0.0, False))
            expected = cust + base_al * (1 + coll.at(d)) + offc * avail * o_s * opy + part.get(n, 0.0) + dep.get(n, 0.0)
            o_tgt = tgt * (tw.get(n, 0.0) / tws if tw else 1 / len(offs))
            ot = min(otc, tresp * max(0.0, o_tgt / expected - 1)) if (tgt > 0 and expected > 0) else 0.0
            # the target's pull on tactics (model::effort::tactics_shift)
            rp = tact * max(0.0, o_tgt / expected - 1) if (tgt > 0 and expected > 0) else 0.0
            sh = rp / (1 + rp)
            arr = atlarge(ot, True, sh)
            al = sum(arr)
            cl = al * coll.at(d) * (1 + sh)
            op = offc * avail * (o_s + a_s * sh) * (1 + ot) * opy
            pt, bp = part.get(n, 0.0), dep.get(n, 0.0)
            other = cl + op + pt + bp
            cat = [cust * ccat[i] + arr[i] for i in range(3)]
            cat[0] += other * opc[0]
            cat[1] += other * opc[1]
            cat[2] += other * (1 - opc[0] - opc[1])
            total = cust + al + other
            day["cust"] += cust; day["al"] += al; day["coll"] += cl; day["ops"] += op; day["part"] += pt; day["bp"] += bp
            for i in range(3):
                day["cat"][i] += cat[i]
                day["tier"][i] += arr[i]
            if o_tgt > 0 and total < o_tgt:
                day["short"].append(n)
            day.setdefault("office", {})[n] = total
            day["beds"] += sum(b.at(d) for b in of["beds"].values())
        # border
        for s in secs:
            ag = s["agents"] - (bp_out * s["agents"] / sw_agents if s["sw"] else 0.0)
            c = s["cross"].at(d)
            x = ag / c if c > 0 else 1e9
            p = amax * x / (x + half)
            day["app"] += c * p
            day["gotaway"] += c * (1 - p)
        day["bookin_b"] = day["app"] * bbis.at(d)
        day["direct"] = day["app"] * bdir.at(d)
        ex = bexp.at(d)
        for kk in K:
            src_, cat, track = kk
            if src_ == "interior":
                share = {"summary": isum, "voluntary": ivol, "proceedings": 1 - isum - ivol}[track]
                v = day["cat"][cat] * bis[cat] * share
            else:
                share = {"summary": ex, "voluntary": 0.0, "proceedings": 1 - ex}[track]
                v = day["bookin_b"] * bcat[cat] * share
            hist[kk].append(v)
        day["bookin_i"] = sum(day["cat"][i] * bis[i] for i in range(3))
        day["flight_cap"] = flights.at(d) * seats_s.at(d) / 7
        day["slots"] = slots.at(d)
        series.append(day)

    # detention by convolution (capacities not enforced: checked below)
    H = len(next(iter(K.values()))["surv"])
    for t in range(total_days):
        adp = rem = rel = vdp = court = los_out = n_out = air_out = 0.0
        adp_b = n_out_b = los_out_b = rem_b = 0.0
        for kk in K:
            h = hist[kk]
            lo = max(0, t - H + 1)
            a_adp = a_rem = a_rel = a_vd = a_ct = a_los = a_air = 0.0
            for tau in range(lo, t + 1):
                f = h[tau]
                if f == 0.0:
                    continue
                ker = Ks[kidx[tau]][kk]
                s_, r_, l_, v_, c_, f_ = ker["surv"], ker["rem"], ker["rel"], ker["vd"], ker["court"], ker["air"]
                a = t - tau
                a_adp += f * s_[a]
                e_r, e_l, e_v = r_[a], l_[a], v_[a]
                a_rem += f * e_r
                a_rel += f * e_l
                a_vd += f * e_v
                a_ct += f * c_[a]
                a_air += f * f_[a]
                a_los += f * (e_r + e_l + e_v) * (a + 0.5)
            adp += a_adp; rem += a_rem; rel += a_rel; vdp += a_vd; court += a_ct; air_out += a_air
            n_out += a_rem + a_rel + a_vd
            los_out += a_los
            if kk[0] == "border":
                rem_b += a_rem
                adp_b += a_adp
                n_out_b += a_rem + a_rel + a_vd
                los_out_b += a_los
        series[t].update(adp=adp, rem_det=rem, rel=rel, vd=vdp, court=court, n_out=n_out, los_out=los_out,
                         adp_b=adp_b, n_out_b=n_out_b, los_out_b=los_out_b, rem_b=rem_b, air=air_out)
    run = series[warm:]
    run[-1]["pool_ratio"] = {of["name"]: [p / p0 if p0 else 0.0 for p, p0 in zip(of["pool"], of["p0"])] for of in offs}
    run[-1]["target_weight"] = {of["name"]: (tw.get(of["name"], 0.0) / tws if tw else 1 / len(offs)) for of in offs}
    return run, K


def report(run, K, label, targets):
    tot = lambda f: sum(f(d) for d in run)
    n = len(run)
    arrests = tot(lambda d: d["cust"] + d["al"] + d["coll"] + d["ops"] + d["part"] + d["bp"])
    bookins = tot(lambda d: d["bookin_i"] + d["bookin_b"])
    adp = tot(lambda d: d["adp"]) / n
    alos = tot(lambda d: d["los_out"]) / tot(lambda d: d["n_out"])
    alos_b = tot(lambda d: d["los_out_b"]) / tot(lambda d: d["n_out_b"])
    alos_i = (tot(lambda d: d["los_out"]) - tot(lambda d: d["los_out_b"])) / (tot(lambda d: d["n_out"]) - tot(lambda d: d["n_out_b"]))
    removals = tot(lambda d: d["rem_det"] + d["direct"])
    print(f"\n== flow balance: {label} ({n} days, expected values; DES will add noise and capacity effects)")
    rows = [("interior arrests", arrests, targets.get("arrests")), ("book-ins", bookins, targets.get("bookins")),
            ("  ICE-arrested", tot(lambda d: d["bookin_i"]), targets.get("bookins_ice")),
            ("  CBP-arrested", tot(lambda d: d["bookin_b"]), targets.get("bookins_cbp")),
            ("ADP", adp, targets.get("adp")),
            ("  CBP-arrested ADP", tot(lambda d: d["adp_b"]) / n, targets.get("adp_cbp")),
            ("  ICE-arrested ADP", (tot(lambda d: d["adp"]) - tot(lambda d: d["adp_b"])) / n, targets.get("adp_ice")),
            ("  in court phase (avg)", tot(lambda d: d["court"]) / n, None),
            ("ALOS (book-outs)", alos, targets.get("alos")),
            ("  ALOS CBP-arrested", alos_b, targets.get("alos_cbp")), ("  ALOS ICE-arrested", alos_i, targets.get("alos_ice")),
            ("removals", removals, targets.get("removals")),
            ("  from detention", tot(lambda d: d["rem_det"]), targets.get("removed_from_detention")),
            ("  direct (no book-in)", tot(lambda d: d["direct"]), None),
            ("  after a border arrest", tot(lambda d: d["direct"] + d["rem_b"]), targets.get("removals_border")),
            ("released from detention", tot(lambda d: d["rel"]), None),
            ("voluntary departures", tot(lambda d: d["vd"]), None),
            ("border apprehensions", tot(lambda d: d["app"]), targets.get("apprehensions")),
            ("gotaways", tot(lambda d: d["gotaway"]), None)]
    summary = {name.strip(): v for name, v, _ in rows}
    print(f"  {'measure':28s} {'predicted':>12s} {'target':>12s} {'diff':>8s}")
    for name, v, tgt in rows:
        if tgt:
            print(f"  {name:28s} {v:12,.1f} {tgt:12,.1f} {100 * (v / tgt - 1):+7.1f}%")
        else:
            print(f"  {name:28s} {v:12,.1f}")
    ch = {k: tot(lambda d, k=k: d[k]) / n for k in ("cust", "al", "coll", "ops", "part", "bp")}
    cat = [tot(lambda d, i=i: d["cat"][i]) for i in range(3)]
    print(f"  arrests/day by channel: " + ", ".join(f"{k} {v:.1f}" for k, v in ch.items()))
    print(f"  arrests by category: convicted {cat[0] / arrests:.3f}, pending {cat[1] / arrests:.3f}, no record {cat[2] / arrests:.3f}")
    # monthly
    months = {}
    for d in run:
        mth = d["date"][:7]
        m = months.setdefault(mth, {"n": 0, "arr": 0.0, "adp": 0.0, "bk": 0.0, "bki": 0.0, "rem": 0.0, "beds": 0.0, "fl": 0.0, "cap": 0.0,
                                      "court": 0.0, "slots": 0.0, "short": set(), "cust": 0.0, "air": 0.0})
        m["n"] += 1
        m["arr"] += d["cust"] + d["al"] + d["coll"] + d["ops"] + d["part"] + d["bp"]
        m["cust"] += d["cust"]
        m["adp"] += d["adp"]; m["bk"] += d["bookin_i"] + d["bookin_b"]; m["bki"] += d["bookin_i"]
        m["rem"] += d["rem_det"] + d["direct"]; m["beds"] += d["beds"]; m["cap"] += d["flight_cap"]
        m["court"] += d["court"]; m["slots"] += d["slots"]; m["air"] += d["air"]
        m["short"].update(d["short"])
    print(f"  {'month':8s} {'arrests/d':>9s} {'cust/d':>7s} {'bookin/d':>9s} {'ICE bk/d':>8s} {'ADP':>8s} {'beds':>8s} {'removals/d':>10s} {'in court':>8s} {'slots':>7s} {'air/seats':>9s} {'target ADP':>10s}")
    for mth, m in months.items():
        k = m["n"]
        tgt = targets.get("monthly_adp", {}).get(mth)
        print(f"  {mth:8s} {m['arr'] / k:9.0f} {m['cust'] / k:7.0f} {m['bk'] / k:9.0f} {m['bki'] / k:8.0f} {m['adp'] / k:8.0f} {m['beds'] / k:8.0f} {m['rem'] / k:10.0f} "
              f"{m['court'] / k:8.0f} {m['slots'] / k:7.0f} {m['air'] / max(m['cap'], 1e-9):9.2f} " + (f"{tgt:10,.0f} ({100 * (m['adp'] / k / tgt - 1):+.1f}%)" if tgt else ""))
    last = run[-30:]
    if any(d.get("tgt", 0.0) for d in last):
        print(f"  per office, last 30 days: arrests/day, target/day, no-record pool left")
    for nme in (last[-1]["office"] if any(d.get("tgt", 0.0) for d in last) else []):
        a = sum(d["office"][nme] for d in last) / len(last)
        tg = sum(d.get("tgt", 0.0) for d in last) / len(last) * last[-1]["target_weight"][nme]
        print(f"    {nme:16s} {a:7.1f} {tg:7.1f} {last[-1]['pool_ratio'][nme][2]:6.2f}")
    flag = [d["date"] for d in run if d["adp"] > d["beds"]]
    if flag:
        print(f"  WARNING: expected ADP above national beds on {len(flag)} days ({flag[0]}..{flag[-1]}): DES will release/transfer")
    shorts = set()
    for d in run:
        shorts.update(d["short"])
    if shorts:
        print(f"  offices short of their target share at some point: {len(shorts)} of 25")
    summary["monthly_adp"] = {mth: m["adp"] / m["n"] for mth, m in months.items()}
    summary["monthly_arrests"] = {mth: m["arr"] / m["n"] for mth, m in months.items()}
    return summary


TARGETS_FY24 = {"arrests": 113_431, "bookins": 277_913, "bookins_ice": 90_615, "bookins_cbp": 187_298, "adp": 37_722, "alos": 46.9,
                "adp_cbp": 25_489, "adp_ice": 12_232, "removals_border": 224_000,
                "alos_cbp": 47.3, "alos_ice": 46.0, "removals": 271_484, "removed_from_detention": 152_982}
TARGETS_FY25 = {"bookins": 310_181, "bookins_ice": 222_832, "bookins_cbp": 87_349, "adp": 48_404, "alos": 50.3, "alos_cbp": 63.1,
                "adp_cbp": 19_699, "adp_ice": 28_706,
                "alos_ice": 43.7, "removals": 319_980, "removed_from_detention": 222_401, "apprehensions": 237_565}


def calibration_dir():
    """The folder of public calibration tables: $CASELOAD_CALIBRATION if set, else
    ../shared/calibration beside the checkout (this file is <checkout>/data/derive_baseline.py).
    Exits with a message naming both places when neither holds figures.csv."""
    here = os.path.dirname(os.path.abspath(__file__))
    beside = os.path.normpath(os.path.join(here, "..", "..", "shared", "calibration"))
    env = os.environ.get("CASELOAD_CALIBRATION")
    found = env or beside
    if not os.path.isfile(os.path.join(found, "figures.csv")):
        sys.exit(f"calibration tables not found: no figures.csv in {found} "
                 f"({'from $CASELOAD_CALIBRATION' if env else 'beside the checkout'}); "
                 "set CASELOAD_CALIBRATION to the folder holding figures.csv and ero_field_offices.csv")
    return found


FITS = os.path.join(ROOT, "data", "fits")


def sig(v, digits=4):
    """`v` (a number or a list of them) to `digits` significant digits, as the baselines print fitted values."""
    if isinstance(v, list):
        return [sig(x, digits) for x in v]
    return float(f"{v:.{digits}g}")


def fit_note(path):
    """Provenance of a fit file, from the two comment lines `caseload calibrate` writes first: the date, the loss before
    and after, how many series and the window."""
    with open(path) as f:
        head = " ".join(ln[2:].strip() for ln in f.readlines()[:2] if ln.startswith("# "))
    day = re.search(r"on (\d{4}-\d{2}-\d{2})", head).group(1)
    loss = re.search(r"Loss ([0-9.]+) -> ([0-9.]+) against (.*) (\d{4}-\d{2}\.\.\d{4}-\d{2})", head)
    series = len(loss.group(3).split(", "))
    return (f"FITTED by caseload calibrate on {day} (loss {float(loss.group(1)):.3f} -> {float(loss.group(2)):.3f} over "
            f"{series} monthly series {loss.group(4)}; {os.path.relpath(path, ROOT)})")


def adopt(entry, fitted, how):
    """Puts the fitted value(s) of one key into `entry` (a plain value or a schedule), keeping its assumption flag and
    range and appending to its note what was fitted and what it was."""
    def mark(d, old):
        d["note"] = (d.get("note", "") + "; " if d.get("note") else "") + f"{how}, was {old}"
    if "steps" in fitted:
        assert "steps" in entry, (entry, fitted)
        by_date = {st["from"]: st for st in entry["steps"]}
        for fst in fitted["steps"]:
            st = by_date[fst["from"]]
            old, st["value"] = st["value"], sig(fst["value"])
            if st["value"] != old:
                mark(st, old)
    else:
        old, entry["value"] = entry["value"], sig(fitted["value"])
        if entry["value"] != old:
            mark(entry, old)


def apply_fits(doc, name, base=None):
    """Adopts what `caseload calibrate` fitted for baseline `name` (its output, data/fits/<name>.toml) into `doc`: the
    tuning lives in calibrate, this script keeps the sourced arithmetic and records where each fitted number came from.
    A fitted key the year inherits from `base` (the FY2024 doc) is copied into the year's own table first."""
    path = os.path.join(FITS, f"{name}.toml")
    if not os.path.exists(path):
        return
    with open(path, "rb") as f:
        fit = tomllib.load(f)
    how = fit_note(path)
    for table, entries in fit.items():
        if table == "scenario":
            continue
        for key, fitted in entries.items():
            if key not in doc[table]:
                doc[table][key] = copy.deepcopy(base[table][key])
            adopt(doc[table][key], fitted, how)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--figures", default=None,
                    help="folder with figures.csv and ero_field_offices.csv (default: $CASELOAD_CALIBRATION, "
                         "else ../shared/calibration beside the checkout)")
    ap.add_argument("--predict", action="store_true", help="run the flow-balance check after writing")
    ap.add_argument("--predict-only", action="store_true", help="only run the flow-balance check on the existing TOMLs")
    args = ap.parse_args()
    load(args.figures or calibration_dir())
    if not args.predict_only:
        D = derive()
        print_summary(D)
        os.makedirs(SCEN, exist_ok=True)
        d24, d25 = build_fy2024(D), build_fy2025(D)
        apply_fits(d24, "baseline-fy2024")
        apply_fits(d25, "baseline-fy2025", base=d24)
        t24 = emit(d24, HEADER.format(name="baseline-fy2024", extra="FY2024 = 2023-10-01 .. 2024-09-30 (366 days)."))
        t25 = emit(d25, HEADER.format(name="baseline-fy2025",
                                      extra="FY2025 = 2024-10-01 .. 2025-09-30. Overrides baseline-fy2024 where policy, capacity or the border changed."))
        for name, text in (("baseline-fy2024.toml", t24), ("baseline-fy2025.toml", t25)):
            p = os.path.join(SCEN, name)
            with open(p, "w") as f:
                f.write(text)
            tomllib.loads(text)  # must parse
            print(f"wrote {os.path.relpath(p, ROOT)}")
        for p in write_csvs(D):
            print(f"wrote {os.path.relpath(p, ROOT)}")
    if args.predict or args.predict_only:
        s24 = load_scenario(os.path.join(SCEN, "baseline-fy2024.toml"))
        s25 = load_scenario(os.path.join(SCEN, "baseline-fy2025.toml"))
        run24, K24 = predict(s24, "FY2024")
        report(run24, K24, "baseline-fy2024", TARGETS_FY24)
        run25, K25 = predict(s25, "FY2025")
        t = dict(TARGETS_FY25)
        t["monthly_adp"] = {f"2025-{mm:02d}": fv(f"ice.adp.2025-{mm:02d}") for mm in range(1, 10)}
        report(run25, K25, "baseline-fy2025", t)
        aug_sep = [d for d in run25 if d["date"][:7] in ("2025-08", "2025-09")]
        a = sum(d["cust"] + d["al"] + d["coll"] + d["ops"] + d["part"] + d["bp"] for d in aug_sep) / len(aug_sep)
        print(f"  Aug-Sep 2025 interior arrests/day: {a:,.0f} (target 1,000-1,300)")


if __name__ == "__main__":
    main()
