"""Three-node tandem with blocking after service, in Ciw (caseload's own peer model).

Same network as /work/shared/peers/tandem_ciw.py (lambda 4; node 1 c=5 mu=1.2, at most K1=8
customers in node 1, arrivals finding it full are lost; node 2 c=3 mu=2.0; node 3 c=2 mu=2.5)
EXCEPT that node 2 holds at most K2=4 customers (3 in service + 1 waiting). Ciw's queue_capacities
count only waiting places, so they are [K1 - 5, K2 - 3, inf] = [3, 1, inf]. A full downstream node
makes Ciw block after service: the node-1 customer keeps its server, still counts among node 1's
individuals (so towards K1), and is released first-blocked-first-released when node 2 has room.

Records (one per customer per node left, written when the customer LEAVES the node):
sojourn = exit_date - arrival_date (includes time_blocked = exit_date - service_end_date);
record_type 'rejection' for arrivals lost at node 1; customers still in a node at the horizon
appear only through get_all_records(include_incomplete=True) as record_type 'incomplete'.
Events = arrivals at a node + departures from a node up to the horizon T = customers / lambda
(a lost arrival counts once). Warm-up: records whose arrival at their node is in the first 10% of T
are dropped from every estimated metric."""
import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, os.environ.get("PEERS_DIR") or str(Path(__file__).resolve().parents[3] / "shared" / "peers"))

import ciw  # noqa: E402

from common import report  # noqa: E402

NODES = [(5, 1.2), (3, 2.0), (2, 2.5)]
K1 = 8
K2 = 4


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--lam", type=float, default=4.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    net = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(a.lam), None, None],
        service_distributions=[ciw.dists.Exponential(mu) for _, mu in NODES],
        number_of_servers=[c for c, _ in NODES],
        queue_capacities=[K1 - NODES[0][0], K2 - NODES[1][0], float("inf")],
        routing=[[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0]])
    ciw.seed(a.seed)
    sim = ciw.Simulation(net)
    horizon = a.customers / a.lam
    t0 = time.perf_counter()
    sim.simulate_until_max_time(horizon)
    wall = time.perf_counter() - t0
    recs = sim.get_all_records(include_incomplete=True)
    served = [r for r in recs if r.record_type == "service"]
    rejected = [r for r in recs if r.record_type == "rejection"]
    incomplete = [r for r in recs if r.record_type == "incomplete"]
    assert len(served) + len(rejected) + len(incomplete) == len(recs)
    # every arrival at a node is a service or incomplete record there; every departure a service record
    events = 2 * len(served) + len(incomplete) + len(rejected)
    arrivals1 = len(rejected) + sum(1 for r in served + incomplete if r.node == 1)
    warm = 0.1 * horizon
    n_arr = sum(1 for r in rejected if r.arrival_date > warm) + \
        sum(1 for r in served + incomplete if r.node == 1 and r.arrival_date > warm)
    n_lost = sum(1 for r in rejected if r.arrival_date > warm)
    by_node = {n: [r for r in served if r.node == n and r.arrival_date > warm] for n in (1, 2, 3)}
    mean = lambda xs: sum(xs) / len(xs)
    sojourn = lambda rs: mean([r.exit_date - r.arrival_date for r in rs])
    n_done = sum(1 for r in served if r.node == 3 and warm < r.exit_date <= horizon)
    report({"peer": "ciw", "model": "blocking", "customers": arrivals1, "events": events,
            "wall_s": round(wall, 4), "events_per_s": round(events / wall, 1),
            "blocking_node1": n_lost / n_arr,
            "sojourn_node1": sojourn(by_node[1]), "sojourn_node2": sojourn(by_node[2]),
            "sojourn_node3": sojourn(by_node[3]),
            "blocked_time_node1": mean([r.time_blocked for r in by_node[1]]),
            "throughput": n_done / (horizon - warm), "horizon": horizon}, a.json)


if __name__ == "__main__":
    main()
