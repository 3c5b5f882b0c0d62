"""graph-tool's discrete-time SIR (SIRState with iterate_sync) run to extinction, timed, and
Firestorm's `firestorm bench --model sir` run on the same .fsg graph, parsed. Shared by
validate_sir.py (distributions) and compare_sir_speed.py (throughput)."""
import re
import subprocess
import time

import warnings

import numpy as np

# graph-tool warns that it cannot draw without cairo; drawing is not needed here.
warnings.filterwarnings("ignore", message=".*(cairo|draw module).*")


def gt_sir_run(g, beta, gamma, initial, rng):
    """One epidemic: `initial` uniformly drawn infected vertices, iterate_sync until nobody is
    infected. Returns (final size, ticks, seconds spent in iterate_sync only)."""
    import graph_tool.all as gt
    s = g.new_vertex_property("int32_t")
    s.a[rng.choice(g.num_vertices(), size=initial, replace=False)] = 1
    state = gt.SIRState(g, beta=beta, gamma=gamma, s=s)
    ticks, seconds = 0, 0.0
    while True:
        start = time.perf_counter()
        state.iterate_sync(niter=1)
        seconds += time.perf_counter() - start
        ticks += 1
        x = state.get_state().fa
        if not (x == 1).any():
            return int((x == 2).sum()), ticks, seconds


def set_gt_threads(threads):
    import graph_tool.all as gt
    gt.openmp_set_num_threads(threads)


_TRIAL = re.compile(r"^trial (\d+): ([0-9.]+) s, (\d+) ticks, final_size (\d+)")
_HEADER = re.compile(r"^### bench .*")


def firestorm_sir_runs(binary, graph_file, beta, gamma, initial, trials, threads, seed):
    """Runs `firestorm bench --model sir` on the graph file. Returns (header line, list of
    (final size, ticks, seconds))."""
    out = subprocess.run(
        [binary, "bench", "--model", "sir", "--graph-file", graph_file, "--beta", str(beta),
         "--gamma", str(gamma), "--initial-infected", str(initial), "--trials", str(trials),
         "--threads", str(threads), "--seed", str(seed)],
        check=True, capture_output=True, text=True).stdout
    header, runs = "", []
    for line in out.splitlines():
        if _HEADER.match(line):
            header = line
        m = _TRIAL.match(line)
        if m:
            runs.append((int(m.group(4)), int(m.group(3)), float(m.group(2))))
    return header, runs
