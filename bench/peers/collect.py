"""Helper for collect.sh: assembles per-(model, peer) result files, writes the analytic reference
values, and prints the summary table (mean +- 95% Student-t CI over seeds).

  collect.py assemble --model M --peer P --command CMD --out FILE RUNS   (RUNS: lines "seed<TAB>json")
  collect.py analytic --out FILE                                        (needs scipy for the CTMCs)
  collect.py table RESULTS_DIR                                          (markdown, for README.md)
"""
import argparse
import datetime
import glob
import json
import math
import os
import platform
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEERS_DIR = os.environ.get("PEERS_DIR") or str(HERE.parents[2] / "shared" / "peers")
sys.path.insert(0, PEERS_DIR)
sys.path.insert(0, str(HERE))

# two-sided 95% Student t quantiles t_{0.975, df}
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
        10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110,
        18: 2.101, 19: 2.093, 20: 2.086, 25: 2.060, 30: 2.042, 40: 2.021, 60: 2.000, 120: 1.980}

NOT_METRICS = {"seed", "customers", "events", "wall_s", "events_per_s", "horizon"}
ORDER = ["mmc", "loss_exponential", "loss_lognormal", "tandem", "blocking"]


def t975(df):
    return T975[max(k for k in T975 if k <= df)]  # conservative between tabulated values


def version(dist):
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def versions():
    return {"python": platform.python_version(), "simpy": version("simpy"), "ciw": version("ciw")}


def now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()


def assemble(a):
    runs = []
    for line in Path(a.runs).read_text().splitlines():
        seed, obj = line.split("\t", 1)
        run = json.loads(obj)
        run["seed"] = int(seed)
        runs.append(run)
    out = {"model": a.model, "peer": a.peer, "command": a.command, "generated": now(),
           "versions": versions(), "elapsed_s": a.elapsed, "runs": runs}
    Path(a.out).write_text(json.dumps(out, indent=1) + "\n")


def analytic_values():
    from common import erlang_b, mmc, mmck_blocking
    import ctmc
    exact = mmc(9.0, 1.0, 10)
    tandem = ctmc.tandem()
    tandem["blocking_node1_ctmc"] = tandem["blocking_node1"]
    tandem["blocking_node1"] = mmck_blocking(4.0, 1.2, 5, 8)
    return {
        "mmc": {"wq": exact["wq"], "utilisation": exact["utilisation"],
                "source": "Erlang C, M/M/10 lambda 9 mu 1"},
        "loss_exponential": {"blocking": erlang_b(45, 40.0), "source": "Erlang B, c 45, a 40"},
        "loss_lognormal": {"blocking": erlang_b(45, 40.0), "source": "Erlang B (insensitive to the service law)"},
        "tandem": dict(tandem, source="blocking_node1: M/M/5/8 closed form; the rest: exact CTMC (ctmc.py)"),
        "blocking": dict(ctmc.blocking(), source="exact CTMC (ctmc.py)"),
    }


def analytic(a):
    out = {"generated": now(), "versions": dict(versions(), scipy=version("scipy")),
           "command": f"{sys.executable} {Path(__file__).resolve()} analytic --out {a.out}", "models": analytic_values()}
    Path(a.out).write_text(json.dumps(out, indent=1) + "\n")


def stats(xs):
    n = len(xs)
    m = sum(xs) / n
    if n < 2:
        return m, float("nan"), n
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1))
    return m, t975(n - 1) * sd / math.sqrt(n), n


def fmt(x):
    if x is None:
        return ""
    return f"{x:.5g}" if abs(x) >= 1e-3 else f"{x:.4e}"


def table(a):
    files = sorted(glob.glob(os.path.join(a.results, "*_*.json")))
    results = [json.loads(Path(f).read_text()) for f in files if not f.endswith("analytic.json")]
    results.sort(key=lambda r: (ORDER.index(r["model"]) if r["model"] in ORDER else 99, r["peer"]))
    exact_path = Path(a.results) / "analytic.json"
    exact = json.loads(exact_path.read_text())["models"] if exact_path.exists() else {}
    print("| model | peer | metric | seeds | mean ± 95% CI | analytic | within CI |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        keys = [k for k, v in r["runs"][0].items()
                if isinstance(v, (int, float)) and k not in NOT_METRICS and not k.endswith("_analytic")]
        for k in keys:
            m, h, n = stats([run[k] for run in r["runs"]])
            ex = exact.get(r["model"], {}).get(k)
            ok = "" if ex is None else ("yes" if abs(m - ex) <= h else f"no ({(m - ex) / h:+.2f} hw)")
            print(f"| {r['model']} | {r['peer']} | {k} | {n} | {fmt(m)} ± {fmt(h)} | {fmt(ex)} | {ok} |")
    print()
    print("| model | metric | simpy − ciw | 95% CI half-width of the difference | agree |")
    print("|---|---|---|---|---|")
    by = {(r["model"], r["peer"]): r for r in results}
    for model in ORDER:
        if (model, "simpy") not in by or (model, "ciw") not in by:
            continue
        s, c = by[(model, "simpy")], by[(model, "ciw")]
        common = [k for k in c["runs"][0] if k in s["runs"][0] and isinstance(c["runs"][0][k], (int, float))
                  and k not in NOT_METRICS and not k.endswith("_analytic")]
        for k in common:
            ms, hs, _ = stats([run[k] for run in s["runs"]])
            mc, hc, _ = stats([run[k] for run in c["runs"]])
            h = math.hypot(hs, hc)
            print(f"| {model} | {k} | {fmt(ms - mc)} | {fmt(h)} | {'yes' if abs(ms - mc) <= h else 'NO'} |")
    print()
    print("| model | peer | customers/run | events/run | wall_s mean | events_per_s mean ± 95% CI | collect elapsed s |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        cu = stats([run["customers"] for run in r["runs"]])[0]
        ev = stats([run["events"] for run in r["runs"]])[0]
        w = stats([run["wall_s"] for run in r["runs"]])[0]
        m, h, _ = stats([run["events_per_s"] for run in r["runs"]])
        print(f"| {r['model']} | {r['peer']} | {cu:,.0f} | {ev:,.0f} | {w:.2f} | {m:,.0f} ± {h:,.0f} | "
              f"{r.get('elapsed_s', '')} |")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("assemble")
    p.add_argument("--model", required=True)
    p.add_argument("--peer", required=True)
    p.add_argument("--command", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--elapsed", type=float, default=None)
    p.add_argument("runs")
    p = sub.add_parser("analytic")
    p.add_argument("--out", required=True)
    p = sub.add_parser("table")
    p.add_argument("results")
    a = ap.parse_args()
    {"assemble": assemble, "analytic": analytic, "table": table}[a.cmd](a)


if __name__ == "__main__":
    main()
