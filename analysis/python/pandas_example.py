#!/usr/bin/env python3
"""Load a Firestorm run into pandas and plot spreaders, crisis posts and mood over time.

A worked example of reading the run file (docs/hdf5-schema.md) with h5py into tidy
DataFrames: one row per tick with named columns, the event log as a table, and the
/analysis group when `firestorm analyze` has added it. Needs h5py, pandas and matplotlib
(Debian: python3-h5py python3-pandas python3-matplotlib).

    python3 analysis/python/pandas_example.py out/default.h5 -o timeline.png
"""
import argparse

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402


def strings(dataset):
    """A string dataset as a list of str (h5py returns bytes for fixed-length strings)."""
    return [s.decode() if isinstance(s, bytes) else str(s) for s in dataset[:]]


def load_run(path):
    """(timeline, events, metrics): per-tick DataFrame, event log, and /analysis crisis metrics."""
    with h5py.File(path, "r") as f:
        narratives = strings(f["labels/narrative_ids"])
        kinds = strings(f["labels/narrative_kinds"])
        states = strings(f["labels/state_names"])
        authors = strings(f["labels/kind_names"])
        ts = f["timeseries"]
        counts = ts["state_counts"][:]  # [tick, narrative, state, kind, community]
        posts = ts["posts"][:]          # [tick, narrative, author kind]
        timeline = pd.DataFrame({
            "hours": ts["time_seconds"][:] / 3600.0,
            "outrage": ts["outrage_mean"][:],
            "trust": ts["trust_mean"][:],
        })
        crisis = [i for i, k in enumerate(kinds) if k in ("rumor", "outrage")]
        per_state = counts.sum(axis=(3, 4))  # [tick, narrative, state]
        for i in crisis:
            timeline[f"spreaders:{narratives[i]}"] = per_state[:, i, states.index("spreader")]
            timeline[f"reach:{narratives[i]}"] = ts["reach"][:, i]
        crisis_posts = posts[:, crisis, :].sum(axis=1)  # [tick, author kind]
        for k, name in enumerate(authors):
            timeline[f"posts:{name}"] = crisis_posts[:, k]
        tick_hours = f["provenance"].attrs["tick_seconds"] / 3600.0
        ev = f["events"]
        events = pd.DataFrame({
            "hours": ev["tick"][:] * tick_hours,
            "category": strings(ev["category"]),
            "type": strings(ev["type"]),
            "detail": strings(ev["detail"]),
        })
        metrics = None
        if "analysis" in f:  # written by `firestorm analyze`
            metrics = pd.Series(f["analysis/crisis/values"][:], index=strings(f["analysis/crisis/names"]))
        title = f["provenance"].attrs["scenario_name"]
    return timeline.set_index("hours"), events, metrics, title


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", help="HDF5 file written by `firestorm run`")
    parser.add_argument("-o", "--output", default="timeline.png", help="PNG to write")
    args = parser.parse_args()

    timeline, events, metrics, title = load_run(args.run)
    # Crisis posts per hour: a rolling one-hour sum of the per-tick counts.
    step = timeline.index[1] - timeline.index[0] if len(timeline) > 1 else 1.0
    window = max(1, int(round(1.0 / step)))
    posts = timeline.filter(like="posts:").sum(axis=1).rolling(window, min_periods=1).sum() * (1.0 / (window * step))

    print(timeline.filter(like="spreaders:").describe().T[["mean", "max"]])
    print(events[events.category != "seed"].to_string(index=False))
    if metrics is not None:
        print(metrics.to_string())

    fig, axes = plt.subplots(3, 1, figsize=(10, 8), sharex=True)
    timeline.filter(like="spreaders:").plot(ax=axes[0])
    axes[0].set_ylabel("spreaders")
    posts.plot(ax=axes[1], color="tab:purple", label="crisis posts per hour")
    axes[1].set_ylabel("posts / h")
    timeline[["outrage", "trust"]].plot(ax=axes[2], color=["tab:red", "tab:blue"])
    axes[2].set_xlabel("hours since the start")
    for _, e in events[events.category.isin(["action", "inject", "detection"])].iterrows():
        for ax in axes:
            ax.axvline(e.hours, color="black" if e.category == "action" else "tab:purple", linestyle=":", lw=1)
        axes[0].annotate(e.type, (e.hours, axes[0].get_ylim()[1]), rotation=90, va="top", fontsize=8)
    for ax in axes:
        ax.grid(alpha=0.3)
    axes[0].set_title(title)
    fig.tight_layout()
    fig.savefig(args.output, dpi=100)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
