#!/usr/bin/env bash
# Side-by-side engine throughput on the peers' M/M/c model (lambda 9, mu 1, c 10):
# caseload vs the hand-rolled Rust loop vs SimPy (and Ciw), in the same run on this machine.
# Prints one JSON line per contender, then the ratios. SimPy runs the same N customers; Ciw,
# about 50 times slower, a twentieth of them (its events/s barely depends on N). Not run in
# CI (timings on a shared 2-core machine are too noisy to gate on); results go into
# bench/results/.
#
#   bash bench/compare-mmc.sh [customers]     # default 1,000,000
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
PEERS=${PEERS_DIR:-../shared/peers}
VENV=${PEERS_VENV:-/tmp/peers-venv}
[ -x "$VENV/bin/python" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" -q install simpy ciw; }
CARGO_TARGET_DIR=/tmp/handrolled-target cargo build -q --release --manifest-path "$PEERS/handrolled/Cargo.toml"
cargo build -q --release -p caseload-cli

best() { # run a command 3 times, keep the line with the highest events_per_s
  for _ in 1 2 3; do "$@"; done | python3 -c '
import json,sys
rows=[json.loads(l) for l in sys.stdin if l.strip().startswith("{")]
print(json.dumps(max(rows,key=lambda r:r["events_per_s"])))'
}
ours=$(best ./target/release/caseload bench mmc --customers "$N" --json)
hand=$(best /tmp/handrolled-target/release/handrolled-mmc "$N")
simpy=$("$VENV/bin/python" "$PEERS/mmc_simpy.py" --customers "$N" --json)
ciw=$("$VENV/bin/python" "$PEERS/mmc_ciw.py" --customers $((N / 20)) --json)
printf 'caseload   %s\nhandrolled %s\nsimpy      %s\nciw        %s\n' "$ours" "$hand" "$simpy" "$ciw"
python3 - "$ours" "$hand" "$simpy" "$ciw" <<'PY'
import json, sys
o, h, s, c = (json.loads(a)["events_per_s"] for a in sys.argv[1:])
print(f"caseload events/s: {o:,.0f}")
print(f"  vs hand-rolled loop: {o / h:.2f}x   (target >= 1)")
print(f"  vs SimPy:            {o / s:.0f}x   (target >= 100)")
print(f"  vs Ciw:              {o / c:.0f}x")
PY
