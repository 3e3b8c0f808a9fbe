"""Exact steady-state values for the two tandem peer models, by solving their continuous-time Markov
chains numerically (scipy sparse LU). Nodes with unlimited waiting room are truncated at N2MAX /
N3MAX customers; the probability mass on the truncation boundary is reported (truncation_mass, < 1e-9).

tandem:   state (n1, n2, n3); node 1 is M/M/5/8 with losses, nodes 2 and 3 unlimited.
blocking: state (n1, b, n2, n3); n1 counts every customer in node 1 including the b who have finished
          service and are blocked (they keep their server), node 2 holds at most K2=4, and b > 0 only
          when node 2 is full. Blocked customers leave node 1 one at a time as node 2 frees a place.
Metrics (Little's law, lambda_eff = lambda * (1 - P(n1 = K1)), by PASTA the loss probability):
blocking_node1 = P(n1 = K1); sojourn_nodeI = E[nI] / lambda_eff; blocked_time_node1 = E[b] / lambda_eff;
throughput = lambda_eff.  Usage: python ctmc.py  (prints one JSON object with both models)."""
import itertools
import json

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.linalg import spsolve

LAM = 4.0
(C1, MU1), (C2, MU2), (C3, MU3) = (5, 1.2), (3, 2.0), (2, 2.5)
K1, K2 = 8, 4
N2MAX, N3MAX = 50, 80  # truncation of the unlimited queues (tandem: node 2 and 3; blocking: node 3)


def solve(states, transitions):
    index = {s: i for i, s in enumerate(states)}
    rows, cols, vals = [], [], []
    for s in states:
        i = index[s]
        for t, rate in transitions(s):
            if rate > 0 and t in index:  # moves past the truncation boundary are dropped
                rows += [i, i]
                cols += [index[t], i]
                vals += [rate, -rate]
    n = len(states)
    q = csr_matrix((vals, (rows, cols)), shape=(n, n)).T.tolil()  # pi Q = 0  <=>  Q^T pi^T = 0
    q[n - 1, :] = np.ones(n)
    rhs = np.zeros(n)
    rhs[n - 1] = 1.0
    pi = spsolve(q.tocsc(), rhs, permc_spec="MMD_AT_PLUS_A")
    return dict(zip(states, pi))


def tandem():
    states = list(itertools.product(range(K1 + 1), range(N2MAX + 1), range(N3MAX + 1)))

    def transitions(s):
        n1, n2, n3 = s
        if n1 < K1:
            yield (n1 + 1, n2, n3), LAM
        if n1:
            yield (n1 - 1, n2 + 1, n3), MU1 * min(n1, C1)
        if n2:
            yield (n1, n2 - 1, n3 + 1), MU2 * min(n2, C2)
        if n3:
            yield (n1, n2, n3 - 1), MU3 * min(n3, C3)

    pi = solve(states, transitions)
    e = lambda f: sum(p * f(s) for s, p in pi.items())
    pk = e(lambda s: s[0] == K1)
    lam_eff = LAM * (1 - pk)
    return {"blocking_node1": pk, "sojourn_node1": e(lambda s: s[0]) / lam_eff,
            "sojourn_node2": e(lambda s: s[1]) / lam_eff, "sojourn_node3": e(lambda s: s[2]) / lam_eff,
            "throughput": lam_eff,
            "truncation_mass": e(lambda s: s[1] == N2MAX or s[2] == N3MAX)}


def blocking():
    states = [(n1, b, n2, n3)
              for n1 in range(K1 + 1) for b in range(min(n1, C1) + 1) for n2 in range(K2 + 1)
              for n3 in range(N3MAX + 1) if b == 0 or n2 == K2]

    def transitions(s):
        n1, b, n2, n3 = s
        if n1 < K1:
            yield (n1 + 1, b, n2, n3), LAM
        in_service1 = min(n1, C1) - b
        if in_service1:
            if n2 < K2:
                yield (n1 - 1, b, n2 + 1, n3), MU1 * in_service1
            else:
                yield (n1, b + 1, n2, n3), MU1 * in_service1
        if n2:
            rate = MU2 * min(n2, C2)
            if b:  # the longest-blocked node-1 customer takes the freed place at once
                yield (n1 - 1, b - 1, n2, n3 + 1), rate
            else:
                yield (n1, b, n2 - 1, n3 + 1), rate
        if n3:
            yield (n1, b, n2, n3 - 1), MU3 * min(n3, C3)

    pi = solve(states, transitions)
    e = lambda f: sum(p * f(s) for s, p in pi.items())
    pk = e(lambda s: s[0] == K1)
    lam_eff = LAM * (1 - pk)
    return {"blocking_node1": pk, "sojourn_node1": e(lambda s: s[0]) / lam_eff,
            "sojourn_node2": e(lambda s: s[2]) / lam_eff, "sojourn_node3": e(lambda s: s[3]) / lam_eff,
            "blocked_time_node1": e(lambda s: s[1]) / lam_eff, "throughput": lam_eff,
            "truncation_mass": e(lambda s: s[3] == N3MAX)}


if __name__ == "__main__":
    print(json.dumps({"tandem": tandem(), "blocking": blocking()}, indent=1))
