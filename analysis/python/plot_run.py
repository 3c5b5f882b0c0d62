#!/usr/bin/env python3
"""Plot a Firestorm run from its HDF5 file: narrative states, mean outrage and trust over
time, with actions and injects marked. Needs h5py, numpy and matplotlib
(Debian: python3-h5py python3-matplotlib).

    python3 analysis/python/plot_run.py out/default.h5 -o run.png
"""
import argparse

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", help="HDF5 file written by `firestorm run`")
    parser.add_argument("-o", "--output", default="run.png", help="PNG to write")
    parser.add_argument("--narrative", type=int, default=0, help="narrative index (default 0)")
    args = parser.parse_args()

    with h5py.File(args.run, "r") as f:
        hours = f["timeseries/time_seconds"][:] / 3600.0
        counts = f["timeseries/state_counts"][:]  # [tick, narrative, state, kind, community]
        states = [s.decode() for s in f["labels/state_names"][:]]
        narrative = f["labels/narrative_ids"][args.narrative].decode()
        outrage = f["timeseries/outrage_mean"][:]
        trust = f["timeseries/trust_mean"][:]
        ticks = f["events/tick"][:]
        types = [t.decode() for t in f["events/type"][:]]
        categories = [c.decode() for c in f["events/category"][:]]
        tick_hours = f["provenance"].attrs["tick_seconds"] / 3600.0
        title = f["provenance"].attrs["scenario_name"]
        playbook = f["provenance"].attrs["playbook"]

    per_state = counts[:, args.narrative].sum(axis=(2, 3))  # [tick, state]
    agents = per_state[0].sum()
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6.5), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 2]})
    for s, name in enumerate(states):
        if name != "unaware":
            top.plot(hours, 100.0 * per_state[:, s] / agents, label=name, linewidth=1.8)
    top.set_ylabel(f"agents (%), narrative '{narrative}'")
    top.legend(loc="center right", frameon=False)
    top.set_title(f"{title}  (playbook: {playbook})")
    bottom.plot(hours, outrage, color="tab:red", label="mean outrage", linewidth=1.8)
    bottom.plot(hours, trust, color="tab:blue", label="mean trust", linewidth=1.8)
    bottom.set_ylim(0, 1)
    bottom.set_xlabel("hours since the crisis started")
    bottom.legend(loc="upper left", ncol=2, frameon=False)
    for tick, kind, category in zip(ticks, types, categories):
        if category == "seed":
            continue
        x = (tick + 1) * tick_hours
        color = "black" if category == "action" else "tab:purple"
        for ax in (top, bottom):
            ax.axvline(x, color=color, linestyle=":", linewidth=1)
        top.annotate(kind, (x, top.get_ylim()[1]), rotation=90, va="top", ha="right",
                     fontsize=8, color=color)
    for ax in (top, bottom):
        ax.grid(alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(args.output, dpi=110)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
