#!/usr/bin/env python3
"""Derive the compact Twitter15 cascade file that `firestorm calibrate` reads.

Reads the Twitter15 release (Ma, Gao & Wong 2017; see PROVENANCE.md in the data folder): a
label file and a tar.gz of one propagation tree per source tweet. Writes one line per tree:

    label source_tweet_id n p1 p2 ... p(n-1)

where the n nodes are numbered in breadth-first order from the root (node 0, the source
tweet) and p_i < i is the parent of node i. A node is a whole (uid, tweet_id, delay) triple,
as PROVENANCE.md advises; self-loop lines are ignored; a node reached twice keeps its first
(breadth-first) parent. Trees are written in the order of the label file.

    python3 analysis/calibration/derive_twitter15.py /work/shared/data/twitter15 \
        analysis/calibration/data/twitter15_trees.txt
"""
import ast
import collections
import os
import sys
import tarfile


def parse_tree(lines):
    children = collections.defaultdict(list)
    root = None
    for line in lines:
        line = line.strip()
        if not line:
            continue
        left, right = line.split("->")
        parent = tuple(ast.literal_eval(left))
        child = tuple(ast.literal_eval(right))
        if parent[0] == "ROOT":
            root = child
            continue
        if parent == child:
            continue
        children[parent].append(child)
    index = {root: 0}
    parents = []
    queue = collections.deque([root])
    while queue:
        node = queue.popleft()
        for c in children[node]:
            if c in index:
                continue
            index[c] = len(index)
            parents.append(index[node])
            queue.append(c)
    return parents


def main():
    data_dir, output = sys.argv[1], sys.argv[2]
    labels = []
    with open(os.path.join(data_dir, "twitter15_label.txt")) as f:
        for line in f:
            if line.strip():
                label, tweet = line.strip().split(":")
                labels.append((label, tweet))
    trees = {}
    with tarfile.open(os.path.join(data_dir, "twitter15_tree.tar.gz")) as tar:
        for member in tar.getmembers():
            if member.isfile() and member.name.endswith(".txt"):
                tweet = os.path.basename(member.name)[:-4]
                trees[tweet] = parse_tree(tar.extractfile(member).read().decode().splitlines())
    with open(output, "w") as out:
        out.write("# Twitter15 propagation trees (Ma, Gao & Wong 2017), derived by "
                  "analysis/calibration/derive_twitter15.py\n")
        out.write("# label source_tweet_id nodes parent_of_node_1 ... parent_of_node_n-1 "
                  "(breadth-first numbering, root = 0)\n")
        for label, tweet in labels:
            parents = trees[tweet]
            out.write(" ".join([label, tweet, str(len(parents) + 1)] + [str(p) for p in parents]))
            out.write("\n")
    print(f"wrote {len(labels)} trees to {output}")


if __name__ == "__main__":
    main()
