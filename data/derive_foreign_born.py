#!/usr/bin/env python3
"""Foreign-born residents of each ICE ERO area of responsibility (AOR), for the report's
rates per 100,000 (crates/output/src/foreign_born.csv, shipped with the crate).

Arithmetic only, no network: the state counts below are copied from the Census table named
in SOURCE; the AOR of each state is the report's tile grid (crates/output/src/report/
aor_tiles.csv, itself checked against ICE's list); the three states ICE splits between
offices by county (California, Texas, New York) are divided by the shares in SPLITS.

    python3 data/derive_foreign_born.py          # rewrite the CSV
    python3 data/derive_foreign_born.py --check  # exit 1 if the committed CSV differs
"""
import argparse
import csv
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TILES = os.path.join(ROOT, "crates", "output", "src", "report", "aor_tiles.csv")
OUT = os.path.join(ROOT, "crates", "output", "src", "foreign_born.csv")

TABLE = "ACS B05003"
VINTAGE = "2018 1-year"
SOURCE = "https://api.census.gov/data/2018/acs/acs1?get=NAME,group(B05003)&for=state:*"
# Foreign born = B05003_005E + _010E + _016E + _021E (male under 18, male 18+, female
# under 18, female 18+), 50 states and DC; Puerto Rico and the island areas (Miami's and
# San Francisco's territories) are not in the table and not counted. Copied 2026-12-07
# from the extract in github.com/gabrieljohndusing/NCNW-Project-Datasets
# (data-sets/census/bystate/acs-acs1/data/2018/acs-acs1-2018-GROUP_B05003_DATA.csv),
# the newest vintage of a complete state table the offline library held.
STATES = {
    "AL": 162567, "AK": 60784, "AZ": 960275, "AR": 143709, "CA": 10625980,
    "CO": 549181, "CT": 520262, "DE": 91230, "DC": 97846, "FL": 4475431,
    "GA": 1064073, "HI": 266147, "ID": 105228, "IL": 1791313, "IN": 354348,
    "IA": 175137, "KS": 209362, "KY": 169346, "LA": 195027, "ME": 47418,
    "MD": 915191, "MA": 1198148, "MI": 695217, "MN": 484192, "MS": 70860,
    "MO": 258390, "MT": 23366, "NE": 138953, "NV": 587686, "NH": 83002,
    "NJ": 2033292, "NM": 198522, "NY": 4447165, "NC": 824177, "ND": 35824,
    "OH": 555583, "OK": 236882, "OR": 432410, "PA": 922585, "RI": 139063,
    "SC": 256765, "SD": 35175, "TN": 348562, "TX": 4928025, "UT": 271222,
    "VT": 30813, "VA": 1065076, "WA": 1104850, "WV": 27605, "WI": 297928,
    "WY": 17528,
}
# The same table's 50-state-and-DC total, the coverage the AOR rows must add up to.
NATIONAL = 44728721

AOR_COUNTIES = ("ICE's AOR county lists: github.com/deportationdata/ice-offices "
                "inputs/ice-areas-of-responsibility.csv (ICE site as of Sep 2025)")

# Split states: each office's share of the state's foreign-born residents, (central, low,
# high). Shares of a state add up to 1; the ranges say how far the central value may be off.
SPLITS = {
    "NY": {
        "note": "New York City AOR = the five boroughs, Nassau, Suffolk and Dutchess, Orange, "
                "Putnam, Rockland, Sullivan, Ulster, Westchester; Buffalo = the other 48 "
                "counties. NY State Comptroller (osc.ny.gov, 2016-11-02, 'A Portrait of "
                "Immigrants in New York', ACS 2014): more than 92% of the state's immigrants "
                "live in New York City, Long Island and the Hudson Valley, the same counties "
                "plus Columbia and Greene (Buffalo AOR, small). Sourced share, range for the "
                "vintage gap.",
        "assumption": False,
        "shares": {"New York City": (0.92, 0.90, 0.94), "Buffalo": (0.08, 0.06, 0.10)},
    },
    "CA": {
        "note": "Los Angeles AOR = Los Angeles, Orange, Riverside, San Bernardino, Ventura, "
                "Santa Barbara, San Luis Obispo counties; San Diego AOR = San Diego, Imperial; "
                "San Francisco = the other 49 counties (and Hawaii, whose state count is added "
                "whole). Only Los Angeles County was found by county: 3,353,972 foreign-born "
                "(ACS 2018-2022 5-year, laalmanac.com/population/po23.php) of California's "
                "10,442,880 (same vintage, statecancerprofiles.cancer.gov), 32%. The rest of "
                "the split is an assumption: the six other Southern California counties add "
                "about a fifth of the state, San Diego and Imperial about 8%.",
        "assumption": True,
        "shares": {
            "Los Angeles": (0.53, 0.48, 0.57),
            "San Diego": (0.08, 0.07, 0.10),
            "San Francisco": (0.39, 0.35, 0.44),
        },
    },
    "TX": {
        "note": "Counties by AOR as ICE lists them (Houston 57, Dallas 128, San Antonio 36, "
                "El Paso 18, Harlingen 15). Largest counties found (ACS 2017-2021 5-year, "
                "beautifydata.com, state 4.90M): Harris 1.23M, Brazoria 49,860, Bell 28,228, "
                "Brazos 28,652 (Houston, together 27%); Dallas 639K and Tarrant 340K (Dallas, "
                "20%); Bexar 261,127 (San Antonio, 5%); Cameron 95,710 (Harlingen, 2%). The "
                "remaining 46% (Fort Bend, Collin, Denton, Travis, El Paso, Hidalgo, Webb and "
                "the small counties) is split by assumption.",
        "assumption": True,
        "shares": {
            "Houston": (0.38, 0.33, 0.42),
            "Dallas": (0.32, 0.27, 0.36),
            "San Antonio": (0.14, 0.11, 0.17),
            "Harlingen": (0.10, 0.08, 0.13),
            "El Paso": (0.06, 0.05, 0.08),
        },
    },
}

COLUMNS = ["office", "foreign_born", "foreign_born_lo", "foreign_born_hi", "states",
           "acs_table", "vintage", "source", "assumption", "note"]


def tiles():
    """(office, state) pairs of the tile grid, in file order."""
    with open(TILES, newline="") as f:
        return [(r["office"], r["state"]) for r in csv.DictReader(f)]


def rows():
    """One row per office: its foreign-born residents with the range of the split."""
    pairs = tiles()
    offices = sorted(dict.fromkeys(o for o, _ in pairs))
    for st, split in SPLITS.items():
        total = sum(s[0] for s in split["shares"].values())
        assert abs(total - 1.0) < 1e-9, f"{st} shares add up to {total}"
        held = {o for o, s in pairs if s == st}
        assert held == set(split["shares"]), f"{st}: tiles {held} vs shares"
    out = []
    for office in offices:
        states = [s for o, s in pairs if o == office]
        mid = lo = hi = 0.0
        notes, assumption = [], False
        for st in states:
            if st in SPLITS:
                c, l, h = SPLITS[st]["shares"][office]
                mid, lo, hi = mid + c * STATES[st], lo + l * STATES[st], hi + h * STATES[st]
                notes.append(f"{st}: {SPLITS[st]['note']}")
                assumption |= SPLITS[st]["assumption"]
            else:
                mid, lo, hi = mid + STATES[st], lo + STATES[st], hi + STATES[st]
        if notes:
            notes.append(AOR_COUNTIES)
        out.append({
            "office": office, "foreign_born": round(mid), "foreign_born_lo": round(lo),
            "foreign_born_hi": round(hi), "states": " ".join(sorted(states)),
            "acs_table": TABLE, "vintage": VINTAGE, "source": SOURCE,
            "assumption": "true" if assumption else "false",
            "note": " ".join(notes) if notes else "whole states",
        })
    total = sum(r["foreign_born"] for r in out)
    assert abs(total - NATIONAL) <= 0.001 * NATIONAL, (total, NATIONAL)
    assert sum(STATES.values()) == NATIONAL
    return out


def render():
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows())
    return buf.getvalue()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the committed CSV")
    args = ap.parse_args()
    text = render()
    if args.check:
        with open(OUT, newline="") as f:
            if f.read() != text:
                sys.exit(f"{OUT} differs from data/derive_foreign_born.py's output; rerun it")
        return
    with open(OUT, "w", newline="") as f:
        f.write(text)


if __name__ == "__main__":
    main()
