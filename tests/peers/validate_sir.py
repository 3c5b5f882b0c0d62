#!/usr/bin/python3
"""Validates Firestorm's SIR against graph-tool's SIRState (iterate_sync) on the same graph:
the distributions of final size and duration over many replicates must agree by a two-sample
Kolmogorov–Smirnov test.

    build/sim/firestorm bench --model graph --agents 100000 --save-graph /tmp/ba100k.fsg
    /usr/bin/python3 tests/peers/validate_sir.py /tmp/ba100k.fsg --runs 200

Needs python3-graph-tool and python3-scipy (Debian). Results: docs/validation.md.
"""
import argparse
import sys

import numpy as np
from scipy import stats

from fsg import FsgGraph
from gt_sir import firestorm_sir_runs, gt_sir_run, set_gt_threads


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("graph", help=".fsg graph file written by firestorm (--save-graph)")
    p.add_argument("--runs", type=int, default=200, help="replicates per simulator (200)")
    p.add_argument("--beta", type=float, default=0.05)
    p.add_argument("--gamma", type=float, default=0.1)
    p.add_argument("--initial", type=int, default=10, help="initially infected (10)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--alpha", type=float, default=0.01, help="KS test level (0.01)")
    p.add_argument("--firestorm", default="build/sim/firestorm")
    a = p.parse_args()

    graph = FsgGraph(a.graph)
    print(f"graph: {graph.description} ({graph.agents} agents, {graph.edges} follower edges)")
    header, fs = firestorm_sir_runs(a.firestorm, a.graph, a.beta, a.gamma, a.initial, a.runs,
                                    a.threads, a.seed)
    print(header)
    set_gt_threads(a.threads)
    g = graph.to_graph_tool()
    rng = np.random.default_rng(a.seed)
    gt_runs = [gt_sir_run(g, a.beta, a.gamma, a.initial, rng) for _ in range(a.runs)]

    ok = True
    for name, index in (("final size", 0), ("duration (ticks)", 1)):
        x = np.array([r[index] for r in fs], dtype=float)
        y = np.array([r[index] for r in gt_runs], dtype=float)
        if index == 0:
            x, y = x / graph.agents, y / graph.agents
        ks = stats.ks_2samp(x, y)
        passed = ks.pvalue > a.alpha
        ok &= passed
        print(f"{name:18s} firestorm mean {x.mean():.5f} sd {x.std(ddof=1):.5f} | graph-tool "
              f"mean {y.mean():.5f} sd {y.std(ddof=1):.5f} | KS D = {ks.statistic:.4f}, "
              f"p = {ks.pvalue:.3f} -> {'same distribution' if passed else 'DIFFERENT'}")
    print(f"runs: {a.runs} each, beta {a.beta}, gamma {a.gamma}, {a.initial} initially infected, "
          f"{a.threads} threads, KS level {a.alpha}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
