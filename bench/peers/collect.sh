#!/usr/bin/env bash
# Runs every peer model for seeds 1..S and writes one JSON file per (model, peer) into results/,
# plus results/analytic.json (Erlang B/C, M/M/c/K, exact CTMC values). See README.md.
#   PY        interpreter with simpy, ciw (and scipy for analytic.json)  [/tmp/peers-venv/bin/python]
#   S         number of seeds                                            [10]
#   N_SIMPY   customers per SimPy run                                    [200000]
#   N_CIW     customers per Ciw run                                      [50000]
#   JOBS      1 = one process at a time; 2 = SimPy and Ciw jobs in two parallel lanes   [1]
#   ONLY      space-separated subset of result names, e.g. "blocking_simpy blocking_ciw"  [all]
#   PEERS_DIR the shared peer scripts                                    [../../../shared/peers]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PY=${PY:-/tmp/peers-venv/bin/python}
PEERS_DIR=${PEERS_DIR:-$(cd "$HERE/../../../shared/peers" && pwd)}
export PEERS_DIR PYTHONDONTWRITEBYTECODE=1
S=${S:-10}
N_SIMPY=${N_SIMPY:-200000}
N_CIW=${N_CIW:-50000}
JOBS=${JOBS:-1}
ONLY=${ONLY:-}
OUT="$HERE/results"
mkdir -p "$OUT"

# job NAME PEER SCRIPT ARGS... : runs SCRIPT ARGS --seed s --json for s = 1..S
job() {
    local name=$1 peer=$2 script=$3
    shift 3
    if [ -n "$ONLY" ] && [[ " $ONLY " != *" ${name}_${peer} "* ]]; then return 0; fi
    local runs
    runs=$(mktemp)
    local start=$SECONDS
    for seed in $(seq 1 "$S"); do
        printf '%s\t%s\n' "$seed" "$("$PY" "$script" "$@" --seed "$seed" --json)" >>"$runs"
    done
    local elapsed=$((SECONDS - start))
    "$PY" "$HERE/collect.py" assemble --model "$name" --peer "$peer" --elapsed "$elapsed" \
        --command "$PY $script $* --seed {seed} --json" --out "$OUT/${name}_${peer}.json" "$runs"
    rm -f "$runs"
    echo "${name}_${peer}: $S seeds in ${elapsed}s" >&2
}

simpy_jobs() {
    job mmc simpy "$PEERS_DIR/mmc_simpy.py" --customers "$N_SIMPY"
    job loss_exponential simpy "$PEERS_DIR/loss_simpy.py" --customers "$N_SIMPY" --service exponential
    job loss_lognormal simpy "$PEERS_DIR/loss_simpy.py" --customers "$N_SIMPY" --service lognormal
    job tandem simpy "$PEERS_DIR/tandem_simpy.py" --customers "$N_SIMPY"
    job blocking simpy "$HERE/blocking_simpy.py" --customers "$N_SIMPY"
}

ciw_jobs() {
    job mmc ciw "$PEERS_DIR/mmc_ciw.py" --customers "$N_CIW"
    job tandem ciw "$PEERS_DIR/tandem_ciw.py" --customers "$N_CIW"
    job blocking ciw "$HERE/blocking_ciw.py" --customers "$N_CIW"
}

if [ -z "$ONLY" ] || [[ " $ONLY " == *" analytic "* ]]; then
    "$PY" "$HERE/collect.py" analytic --out "$OUT/analytic.json"
fi
if [ "$JOBS" -ge 2 ]; then
    simpy_jobs & a=$!
    ciw_jobs & b=$!
    wait "$a"
    wait "$b"
else
    simpy_jobs
    ciw_jobs
fi
"$PY" "$HERE/collect.py" table "$OUT"
