#!/usr/bin/python3
"""Throughput of a whole SIR epidemic, Firestorm against graph-tool (SIRState, iterate_sync),
on the same graph file with the same number of threads, measured in one process run so that
both see the same machine load. Prints both timings and the ratio.

    build/sim/firestorm bench --model graph --agents 1000000 --save-graph /tmp/ba1m.fsg
    /usr/bin/python3 tests/peers/compare_sir_speed.py /tmp/ba1m.fsg --threads 2 --trials 5

graph-tool's time counts only its iterate_sync calls (not building the state, nor the check
for remaining infected between ticks); Firestorm's counts the whole run (state allocation,
seeding, simulation). Runs alternate between the two simulators. Results: docs/performance.md.
"""
import argparse
import os
import resource
import statistics
import sys
import time

import numpy as np

from fsg import FsgGraph
from gt_sir import firestorm_sir_runs, gt_sir_run, set_gt_threads


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("graph", help=".fsg graph file written by firestorm (--save-graph)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--trials", type=int, default=3, help="epidemics per simulator (3)")
    p.add_argument("--beta", type=float, default=0.05)
    p.add_argument("--gamma", type=float, default=0.1)
    p.add_argument("--initial", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--firestorm", default="build/sim/firestorm")
    a = p.parse_args()

    graph = FsgGraph(a.graph)
    print(f"graph: {graph.description} ({graph.agents} agents, {graph.edges} follower edges)")
    print(f"load before: {os.getloadavg()[0]:.2f}")
    set_gt_threads(a.threads)
    start = time.perf_counter()
    g = graph.to_graph_tool()
    print(f"graph-tool graph built in {time.perf_counter() - start:.1f} s")
    rng = np.random.default_rng(a.seed)
    fs_times, gt_times, fs_sizes, gt_sizes = [], [], [], []
    for trial in range(a.trials):
        header, runs = firestorm_sir_runs(a.firestorm, a.graph, a.beta, a.gamma, a.initial, 1,
                                          a.threads, a.seed + trial)
        size, ticks, seconds = runs[0]
        fs_times.append(seconds)
        fs_sizes.append(size)
        gsize, gticks, gseconds = gt_sir_run(g, a.beta, a.gamma, a.initial, rng)
        gt_times.append(gseconds)
        gt_sizes.append(gsize)
        print(f"trial {trial}: firestorm {seconds:.3f} s ({ticks} ticks, final size {size}) | "
              f"graph-tool {gseconds:.3f} s ({gticks} ticks, final size {gsize})")
    print(header)
    fs_best, gt_best = min(fs_times), min(gt_times)
    fs_med, gt_med = statistics.median(fs_times), statistics.median(gt_times)
    print(f"### peer sir agents={graph.agents} edges={graph.edges} threads={a.threads} "
          f"trials={a.trials} firestorm_s_median={fs_med:.3f} graph_tool_s_median={gt_med:.3f} "
          f"ratio_median={gt_med / fs_med:.1f} ratio_best={gt_best / fs_best:.1f} "
          f"graph_tool_peak_rss_mib={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} "
          f"load_after={os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
