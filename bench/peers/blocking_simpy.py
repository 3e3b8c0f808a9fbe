"""Three-node tandem with blocking after service, in SimPy (caseload's own peer model).

Same network as /work/shared/peers/tandem_simpy.py (lambda 4; node 1 c=5 mu=1.2, at most K1=8
customers in node 1, arrivals finding it full are lost; node 2 c=3 mu=2.0; node 3 c=2 mu=2.5,
FIFO, exponential service) EXCEPT that node 2 holds at most K2=4 customers (3 in service + 1
waiting). A node-1 customer who finishes service while node 2 is full is BLOCKED AFTER SERVICE: it
keeps its node-1 server (and its place in node 1) until a place frees in node 2; blocked customers
are released in the order they became blocked. This is Ciw's default for a full downstream node.

Modelling: node 2's capacity is a "places" Resource of capacity K2 that a customer must acquire
before it releases its node-1 server, and that it releases when it leaves node 2; node 2's servers
are a second Resource of capacity 3. SimPy's Resource queues requests FIFO, so blocked customers
are released in blocking order. The K1 check counts every customer in node 1, blocked ones included.

Events = arrivals at a node + departures from a node, summed over nodes (a lost arrival counts once).
Warm-up: per-node records whose arrival at that node is in the first 10% of the horizon T (T = time
of the last external arrival) are dropped from every estimated metric; the run then drains, so every
measured customer completes."""
import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, os.environ.get("PEERS_DIR") or str(Path(__file__).resolve().parents[3] / "shared" / "peers"))

import simpy  # noqa: E402

from common import report  # noqa: E402

NODES = [(5, 1.2), (3, 2.0), (2, 2.5)]
K1 = 8
K2 = 4


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--customers", type=int, default=500_000)
    ap.add_argument("--lam", type=float, default=4.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    env = simpy.Environment()
    servers = [simpy.Resource(env, capacity=c) for c, _ in NODES]
    places2 = simpy.Resource(env, capacity=K2)
    (_, mu1), (_, mu2), (_, mu3) = NODES
    in_node1 = [0]
    events = [0]
    arrivals1 = []   # arrival time at node 1 of every external arrival
    lost1 = []       # arrival time of every lost arrival
    rec1 = []        # (arrival at node 1, sojourn in node 1 incl. blocked time, blocked time)
    rec2 = []        # (arrival at node 2, sojourn in node 2)
    rec3 = []        # (arrival at node 3, sojourn in node 3)
    exits3 = []      # departure times from node 3

    def customer():
        # node 1
        t1 = env.now
        events[0] += 1
        req1 = servers[0].request()
        yield req1
        yield env.timeout(rng.expovariate(mu1))
        end1 = env.now
        place = places2.request()
        yield place                      # blocked after service while node 2 is full
        servers[0].release(req1)
        in_node1[0] -= 1
        events[0] += 1
        rec1.append((t1, env.now - t1, env.now - end1))
        # node 2 (the place is already held)
        t2 = env.now
        events[0] += 1
        with servers[1].request() as req2:
            yield req2
            yield env.timeout(rng.expovariate(mu2))
        places2.release(place)
        events[0] += 1
        rec2.append((t2, env.now - t2))
        # node 3
        t3 = env.now
        events[0] += 1
        with servers[2].request() as req3:
            yield req3
            yield env.timeout(rng.expovariate(mu3))
        events[0] += 1
        rec3.append((t3, env.now - t3))
        exits3.append(env.now)

    def source():
        for _ in range(a.customers):
            yield env.timeout(rng.expovariate(a.lam))
            arrivals1.append(env.now)
            if in_node1[0] >= K1:
                lost1.append(env.now)
                events[0] += 1
            else:
                in_node1[0] += 1
                env.process(customer())

    t0 = time.perf_counter()
    env.process(source())
    env.run()
    wall = time.perf_counter() - t0
    horizon = arrivals1[-1]
    warm = 0.1 * horizon
    r1 = [r for r in rec1 if r[0] > warm]
    r2 = [r for r in rec2 if r[0] > warm]
    r3 = [r for r in rec3 if r[0] > warm]
    mean = lambda xs: sum(xs) / len(xs)
    n_arr = sum(1 for t in arrivals1 if t > warm)
    n_lost = sum(1 for t in lost1 if t > warm)
    n_done = sum(1 for t in exits3 if warm < t <= horizon)
    report({"peer": "simpy", "model": "blocking", "customers": a.customers, "events": events[0],
            "wall_s": round(wall, 4), "events_per_s": round(events[0] / wall, 1),
            "blocking_node1": n_lost / n_arr,
            "sojourn_node1": mean([r[1] for r in r1]), "sojourn_node2": mean([r[1] for r in r2]),
            "sojourn_node3": mean([r[1] for r in r3]),
            "blocked_time_node1": mean([r[2] for r in r1]),
            "throughput": n_done / (horizon - warm), "horizon": horizon}, a.json)


if __name__ == "__main__":
    main()
