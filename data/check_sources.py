#!/usr/bin/env python3
"""Check scenario files against docs/scenario-format.md until the Rust parser exists.

    python3 data/check_sources.py [scenarios/*.toml ...]     # default: every scenarios/*.toml
    python3 data/check_sources.py --self-test                # the checker's own cases (no data needed)

For every file (and for its `extends` chain resolved): it parses with tomllib, then checks that
* every number outside [scenario] sits in an evidence table: `value` or `steps`, plus either
  `source` (non-empty) with `as_of` (YYYY, YYYY-MM or YYYY-MM-DD) or `assumption = true` with
  `range = [lo, hi]` containing the value (per element for arrays; `[[lo, hi], ...]` allowed);
* schedule steps have `from` (YYYY-MM-DD, increasing) and `value` (a number, or an array of
  numbers for an array parameter such as `book_in_share`, with one value per element on every
  step), and each step has evidence of its own or from the schedule table;
* office names are exactly the 25 of shared/calibration/ero_field_offices.csv, sector names the
  20 of figures.csv row usbp.sectors.count, receiving offices / intervention offices / target
  weights name real offices, interventions overlap the run (as the Rust loader rules: one may
  start before the run; one inherited from an `extends` parent that cannot change the run is
  dropped, not an error);
* (merge hazards) an evidence table in a child that overrides one in its parent would still be
  valid if a parser merged evidence tables key by key instead of replacing them whole.
Exit status 1 on any error. Standard library only.
"""

import csv
import os
import re
import sys
import tomllib
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # keep data/ free of __pycache__
from derive_baseline import calibration_dir, is_leaf, load_scenario  # noqa: E402

ASOF = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EVIDENCE_KEYS = {"value", "steps", "source", "as_of", "assumption", "range", "note"}
STEP_KEYS = {"from", "value", "source", "as_of", "assumption", "range", "note", "announced"}
# keys whose values are names, dates, flags or office lists (no evidence needed)
PLAIN = {"name", "southwest", "receiving_office", "flight_hub", "land_border", "kind", "at", "until", "agency",
         "offices", "transfer_when_full", "when_full",
         "bottom"}  # offices rotated per review: a rule, not a claim (crates/scenario/src/spec.rs)


def offices_csv(cal):
    with open(os.path.join(cal, "ero_field_offices.csv"), newline="") as f:
        return [r["name"] for r in csv.DictReader(f)]


def sectors_csv(cal):
    with open(os.path.join(cal, "figures.csv"), newline="") as f:
        for r in csv.DictReader(f):
            if r["key"] == "usbp.sectors.count":
                note = r["note"]
                names = []
                for grp in re.findall(r"\(\d+\): ([^;]+)", note):
                    grp = re.split(r"\)\.|\.\s", grp)[0]  # drop trailing commentary
                    names += [re.sub(r"\s*\(.*$", "", x).strip() for x in grp.split(",")]
                return names
    return []


def isnum(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def isnumlist(x):
    return isinstance(x, list) and bool(x) and all(isnum(v) for v in x)


class Checker:
    def __init__(self, label):
        self.label = label
        self.errors = []
        self.leaves = 0
        self.sourced = 0
        self.assumed = 0

    def err(self, path, msg):
        self.errors.append(f"{self.label}: {path}: {msg}")

    def meta_ok(self, path, d, value, allow_missing=False):
        """Returns 'source', 'assumption' or None (no evidence)."""
        has_src = "source" in d
        has_asm = "assumption" in d
        if has_src and has_asm:
            self.err(path, "has both source and assumption")
        if has_src:
            if not isinstance(d["source"], str) or not d["source"].strip():
                self.err(path, "source must be a non-empty string")
            if "as_of" not in d:
                self.err(path, "source without as_of")
            elif not (isinstance(d["as_of"], str) and ASOF.match(d["as_of"])):
                self.err(path, f"as_of {d['as_of']!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
            return "source"
        if has_asm:
            if d["assumption"] is not True:
                self.err(path, "assumption must be true")
            if "range" not in d:
                self.err(path, "assumption without range")
            else:
                self.range_ok(path, d["range"], value)
            return "assumption"
        if not allow_missing:
            self.err(path, "number without source/as_of or assumption/range")
        return None

    def range_ok(self, path, rng, value):
        if value is None:
            # table-level range for a schedule: checked against each inheriting step
            return
        if isinstance(value, list):
            if len(rng) == 2 and all(isnum(x) for x in rng):
                pairs = [rng] * len(value)
            elif len(rng) == len(value) and all(isinstance(p, list) and len(p) == 2 for p in rng):
                pairs = rng
            else:
                self.err(path, f"range {rng} does not fit array of {len(value)}")
                return
            for i, (v, (lo, hi)) in enumerate(zip(value, pairs)):
                if not (lo <= v <= hi):
                    self.err(path, f"element {i}: {v} outside range [{lo}, {hi}]")
        else:
            if not (len(rng) == 2 and all(isnum(x) for x in rng)):
                self.err(path, f"range {rng} must be [lo, hi]")
                return
            lo, hi = rng
            if not (lo <= value <= hi):
                self.err(path, f"{value} outside range [{lo}, {hi}]")

    def leaf(self, path, d):
        self.leaves += 1
        extra = set(d) - EVIDENCE_KEYS
        if extra:
            self.err(path, f"unknown keys {sorted(extra)}")
        if "value" in d and "steps" in d:
            self.err(path, "has both value and steps")
        if "steps" in d:
            steps = d["steps"]
            if not isinstance(steps, list) or not steps:
                self.err(path, "steps must be a non-empty list")
                return
            table_kind = self.meta_ok(path, d, None, allow_missing=True)
            prev = None
            width = None  # every step of an array schedule has the same number of elements
            for i, s in enumerate(steps):
                sp = f"{path}.steps[{i}]"
                if not isinstance(s, dict):
                    self.err(sp, "step must be a table")
                    continue
                extra = set(s) - STEP_KEYS
                if extra:
                    self.err(sp, f"unknown keys {sorted(extra)}")
                if "from" not in s or not (isinstance(s["from"], str) and DAY.match(s["from"])):
                    self.err(sp, "from must be YYYY-MM-DD")
                elif prev and s["from"] <= prev:
                    self.err(sp, f"dates not increasing ({prev} then {s['from']})")
                else:
                    prev = s["from"]
                a = s.get("announced")
                if a is not None:
                    # when the step was made public (backtests): a date no later than the step
                    if not (isinstance(a, str) and ASOF.match(a)):
                        self.err(sp, f"announced must be YYYY, YYYY-MM or YYYY-MM-DD, got {a!r}")
                    elif isinstance(s.get("from"), str) and a[:len(s["from"])] > s["from"][:len(a)]:
                        self.err(sp, f"announced {a} is after the step takes effect ({s['from']})")
                v = s.get("value")
                if not (isnum(v) or isnumlist(v)):
                    self.err(sp, f"value must be a number or array of numbers, got {v!r}")
                    continue
                n = len(v) if isinstance(v, list) else 0
                if width is not None and n != width:
                    self.err(sp, f"value has {n or 'no'} elements where step 0 has {width or 'none'}")
                width = n
                own = self.meta_ok(sp, s, s["value"], allow_missing=True)
                if own is None:
                    if table_kind is None:
                        self.err(sp, "no evidence on the step or the schedule")
                    elif table_kind == "assumption" and "range" in d:
                        self.range_ok(sp + " (table range)", d["range"], s["value"])
                    kind = table_kind
                else:
                    kind = own
                if kind == "source":
                    self.sourced += 1
                elif kind == "assumption":
                    self.assumed += 1
            return
        v = d.get("value")
        if isnum(v) or isnumlist(v):
            kind = self.meta_ok(path, d, v)
            if kind == "source":
                self.sourced += 1
            elif kind == "assumption":
                self.assumed += 1
        else:
            self.err(path, f"value must be a number or array of numbers, got {v!r}")

    def walk(self, path, x):
        if is_leaf(x):
            self.leaf(path, x)
        elif isinstance(x, dict):
            for k, v in x.items():
                if k in PLAIN and not (isinstance(v, list) and v and isinstance(v[0], dict)):
                    continue
                self.walk(f"{path}.{k}" if path else k, v)
        elif isinstance(x, list):
            for i, v in enumerate(x):
                self.walk(f"{path}[{i}]", v)
        elif isnum(x):
            self.err(path, f"bare number {x} (needs value + source/as_of or assumption/range)")


# Kinds the Rust loader knows (crates/scenario/src/names.rs INTERVENTION_KINDS); `hire` is
# lasting: officers hired before `until` stay, so an `until` before the run still matters.
KINDS = {"target", "deploy", "deputize", "detail", "agreements_287g", "beds", "flights", "judges",
         "hire", "processing", "review", "rotate"}


def check_structure(c, doc, offices, sectors, inherited=0):
    """`inherited`: how many leading interventions come from the `extends` parent."""
    scn = doc.get("scenario", {})
    for k in ("name", "description", "start", "days", "warmup_days", "replications", "seed"):
        if k not in scn:
            c.err("scenario", f"missing {k}")
    start = date.fromisoformat(scn["start"])
    end = start + timedelta(days=scn["days"] - 1)
    names = [o.get("name") for o in doc.get("offices", [])]
    if sorted(names) != sorted(offices) or len(set(names)) != len(names):
        c.err("offices", f"names differ from ero_field_offices.csv: missing {sorted(set(offices) - set(names))}, "
                         f"unknown {sorted(set(names) - set(offices))}")
    need_office = {"officers", "jail_supply_per_day", "detainer_honour_rate", "flight_hub", "land_border", "reachable", "beds"}
    for o in doc.get("offices", []):
        miss = need_office - set(o)
        if miss:
            c.err(f"offices[{o.get('name')}]", f"missing {sorted(miss)}")
        for tier in ("convicted", "pending", "no_record"):
            if tier not in o.get("reachable", {}):
                c.err(f"offices[{o.get('name')}].reachable", f"missing {tier}")
        for kind in o.get("beds", {}):
            if kind not in ("processing_center", "contract", "igsa", "bop", "soft_sided"):
                c.err(f"offices[{o.get('name')}].beds", f"unknown facility type {kind}")
    snames = [s.get("name") for s in doc.get("sectors", [])]
    if sectors and sorted(snames) != sorted(sectors):
        c.err("sectors", f"names differ from figures.csv usbp.sectors.count: missing {sorted(set(sectors) - set(snames))}, "
                         f"unknown {sorted(set(snames) - set(sectors))}")
    for s in doc.get("sectors", []):
        if s.get("receiving_office") not in offices:
            c.err(f"sectors[{s.get('name')}]", f"receiving_office {s.get('receiving_office')!r} is not an office")
        for k in ("southwest", "crossings_per_day", "agents"):
            if k not in s:
                c.err(f"sectors[{s.get('name')}]", f"missing {k}")
    tw = doc.get("channels", {}).get("target_weights", {})
    for k in tw:
        if k not in offices:
            c.err("channels.target_weights", f"unknown office {k!r}")
    for i, iv in enumerate(doc.get("interventions", [])):
        p = f"interventions[{i}]"
        at = date.fromisoformat(iv["at"]) if "at" in iv else None
        until = date.fromisoformat(iv["until"]) if "until" in iv else None
        if at is None:
            c.err(p, "missing at")
        elif until is not None and until < at:
            c.err(p, f"until {until} is before at {at}")
        elif at > end or (until is not None and until < start and iv.get("kind") != "hire"):
            if i >= inherited:
                c.err(p, f"{iv.get('at')}..{iv.get('until', '')} does not overlap the run {start}..{end}")
            continue  # an inherited one is dropped by the loader
        for o in iv.get("offices", []):
            if o != "all" and o not in offices:
                c.err(p, f"unknown office {o!r}")
        if iv.get("kind") not in KINDS:
            c.err(p, f"unknown kind {iv.get('kind')!r}")
            continue
        need = {"deploy": {"agents", "ramp_days", "arrests_per_agent_day"},
                "deputize": {"agency", "officers", "offices", "time_share", "ramp_days", "arrests_per_officer_day"},
                "detail": {"officers"}}.get(iv["kind"], set())
        if need - set(iv):
            c.err(p, f"missing {sorted(need - set(iv))}")
        if iv["kind"] in ("deploy", "detail") and ("offices" in iv) == ("cities" in iv):
            c.err(p, f"{iv['kind']} needs exactly one of offices or cities")
        if iv["kind"] == "detail":
            for o in iv.get("from", []):
                if o != "all" and o not in offices:
                    c.err(p, f"unknown sending office {o!r}")


def self_test():
    """The evidence rules on small documents: each case must give exactly the errors listed."""
    src = {"source": "s", "as_of": "2025-01"}
    cases = [
        # array-valued schedule steps, as baseline-fy2025 writes its pre/post-January splits
        ({"x": {"steps": [{"from": "2024-10-01", "value": [0.9, 0.4], **src},
                          {"from": "2025-01-20", "value": [0.99, 0.8], **src}]}}, []),
        ({"x": {"steps": [{"from": "2024-10-01", "value": [0.9, 0.4], **src},
                          {"from": "2025-01-20", "value": [0.99], **src}]}},
         ["x.steps[1]: value has 1 elements where step 0 has 2"]),
        ({"x": {"steps": [{"from": "2024-10-01", "value": [0.004, 0.006], "assumption": True,
                           "range": [[0.002, 0.02], [0.001, 0.005]]}]}},
         ["x.steps[0]: element 1: 0.006 outside range [0.001, 0.005]"]),
        ({"x": {"steps": [{"from": "2024-10-01", "value": ["a"], **src}]}},
         ["x.steps[0]: value must be a number or array of numbers, got ['a']"]),
        ({"x": {"steps": [{"from": "2024-10-01", "value": [0.5]}]}},
         ["x.steps[0]: no evidence on the step or the schedule"]),
        ({"x": 5}, ["x: bare number 5 (needs value + source/as_of or assumption/range)"]),
        ({"interventions": [{"kind": "review", "bottom": 5}]}, []),
        # `announced`: when a step was made public, on or before it takes effect
        ({"x": {"steps": [{"from": "2024-10-01", "value": 1, **src},
                          {"from": "2025-07-03", "value": 2, "announced": "2025-06-24", **src},
                          {"from": "2025-08-01", "value": 3, "announced": "2025-08-02", **src}]}},
         ["x.steps[2]: announced 2025-08-02 is after the step takes effect (2025-08-01)"]),
    ]
    failed = 0
    for doc, want in cases:
        c = Checker("t")
        c.walk("", doc)
        got = [e.removeprefix("t: ") for e in c.errors]
        if got != want:
            failed += 1
            print(f"self-test: {doc}\n  want {want}\n  got  {got}")
    print(f"self-test: {len(cases) - failed} of {len(cases)} cases pass")
    sys.exit(1 if failed else 0)


def main():
    if sys.argv[1:] == ["--self-test"]:
        self_test()
    files = sys.argv[1:] or sorted(
        os.path.join(ROOT, "scenarios", n) for n in os.listdir(os.path.join(ROOT, "scenarios")) if n.endswith(".toml"))
    cal = calibration_dir()  # exits, naming where it looked, when the tables are missing
    offices, sectors = offices_csv(cal), sectors_csv(cal)
    total_err = 0
    for f in files:
        label = os.path.relpath(f, ROOT)
        with open(f, "rb") as fh:
            raw = tomllib.load(fh)
        c = Checker(label)
        c.walk("", {k: v for k, v in raw.items() if k != "scenario"})
        raw_stats = (c.leaves, c.sourced, c.assumed)
        resolved = load_scenario(f)
        c2 = Checker(label + " (resolved)")
        ext = raw.get("scenario", {}).get("extends")
        if ext:
            c2.walk("", {k: v for k, v in resolved.items() if k != "scenario"})
        else:
            c2.leaves, c2.sourced, c2.assumed = raw_stats
        # Evidence tables are replaced whole on `extends` (here and in the Rust loader), so
        # only inherited interventions need the parent.
        inherited = 0
        if ext:
            ppath = os.path.join(os.path.dirname(f), ext + ".toml")
            inherited = len(load_scenario(ppath).get("interventions", []))
        check_structure(c2, resolved, offices, sectors, inherited)
        errs = c.errors + c2.errors
        for e in errs:
            print("error:", e)
        print(f"{label}: parsed; {raw_stats[0]} evidence tables in the file ({raw_stats[1]} sourced, {raw_stats[2]} assumption "
              f"numbers/steps); resolved scenario: {c2.leaves} tables, {c2.sourced} sourced, {c2.assumed} assumed; "
              f"{len(errs)} errors")
        total_err += len(errs)
    sys.exit(1 if total_err else 0)


if __name__ == "__main__":
    main()
