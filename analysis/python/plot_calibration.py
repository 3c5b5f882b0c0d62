#!/usr/bin/env python3
"""Plot the Twitter15 calibration: size, depth and structural virality of the real trees
against the simulated ones before and after `firestorm calibrate`'s search.

    build/sim/firestorm calibrate --samples-csv fit.csv
    python3 analysis/python/plot_calibration.py fit.csv -o docs/images/calibration.png

Needs pandas and matplotlib (Debian: python3-pandas python3-matplotlib).
"""
import argparse

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

STYLE = {"twitter15": ("black", "Twitter15"), "before": ("tab:orange", "model, before"),
         "after": ("tab:blue", "model, after")}


def ks(a, b):
    """Two-sample Kolmogorov-Smirnov distance (as in analysis/metrics/distribution.cpp)."""
    a, b = np.sort(a), np.sort(b)
    grid = np.union1d(a, b)
    fa = np.searchsorted(a, grid, side="right") / len(a)
    fb = np.searchsorted(b, grid, side="right") / len(b)
    return float(np.max(np.abs(fa - fb)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("samples", help="CSV from `firestorm calibrate --samples-csv`")
    parser.add_argument("-o", "--output", default="calibration.png")
    args = parser.parse_args()
    df = pd.read_csv(args.samples)
    real = df[df["sample"] == "twitter15"]
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    for column, ax, title in [("size", axes[0], "tree size (nodes)"), ("depth", axes[1], "depth"),
                              ("structural_virality", axes[2], "structural virality")]:
        for name, (color, label) in STYLE.items():
            x = np.sort(df[df["sample"] == name][column].to_numpy())
            if len(x) == 0:
                continue
            distance = "" if name == "twitter15" else f" (KS {ks(x, real[column].to_numpy()):.2f})"
            if column == "size":  # complementary CDF on log axes
                ax.step(x, 1.0 - np.arange(len(x)) / len(x), where="post", color=color, label=label + distance)
                ax.set_xscale("log")
                ax.set_yscale("log")
                ax.set_ylabel("share of trees ≥ size")
            else:
                ax.step(x, np.arange(1, len(x) + 1) / len(x), where="post", color=color, label=label + distance)
                ax.set_ylabel("cumulative share of trees")
        ax.set_xlabel(title)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, frameon=False)
    fig.suptitle("Cascade shapes: Twitter15 retweet trees vs. simulated adoption trees (trees of ≥ 50 nodes)")
    fig.tight_layout()
    fig.savefig(args.output, dpi=110)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
