// The Twitter15 propagation trees (Ma, Gao & Wong 2017; Liu et al. 2015), in the compact form
// analysis/calibration/derive_twitter15.py writes: one line per tree,
//   label source_tweet_id n p1 ... p(n-1)
// with nodes numbered breadth-first from the root (0) and p_i < i the parent of node i.
// Provenance: analysis/calibration/data/PROVENANCE.md.
#pragma once

#include <string>
#include <vector>

#include "analysis/metrics/cascade_stats.hpp"

namespace firestorm {

struct LabelledTree {
  std::string label;      // non-rumor, true, false, unverified
  std::string source_id;  // the source tweet
  TreeStats stats;
};

// Throws InputError naming the file and line when a line is malformed (a parent index that
// is not smaller than its node's, a count that does not match).
std::vector<LabelledTree> LoadTwitter15Trees(const std::string& path);

// The file inside a data folder: <dir>/twitter15_trees.txt.
std::string Twitter15TreesPath(const std::string& data_dir);

}  // namespace firestorm
