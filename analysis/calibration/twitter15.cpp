// Reads the compact Twitter15 trees (see twitter15.hpp).
#include "analysis/calibration/twitter15.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/core/error.hpp"

namespace firestorm {

std::string Twitter15TreesPath(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "twitter15_trees.txt").string();
}

std::vector<LabelledTree> LoadTwitter15Trees(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw InputError({path, 0, 0}, "cannot read the Twitter15 trees",
                     "the file comes with the repository (analysis/calibration/data); --data names its folder");
  std::vector<LabelledTree> trees;
  std::string line;
  std::vector<std::uint32_t> parent;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    const auto fail = [&](const std::string& what) {
      throw InputError({path, number, 0}, what, "regenerate the file with analysis/calibration/derive_twitter15.py");
    };
    std::istringstream fields(line);
    LabelledTree t;
    std::uint64_t n = 0;
    if (!(fields >> t.label >> t.source_id >> n) || n == 0) fail("expected: label source_tweet_id nodes parents...");
    parent.assign(1, kNoParent);
    std::string token;
    while (fields >> token) {
      std::uint32_t p = 0;
      const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), p);
      if (error != std::errc() || end != token.data() + token.size()) fail("'" + token + "' is not a node index");
      if (p >= parent.size()) fail("node " + std::to_string(parent.size()) + " has parent " + token + ", not an earlier node");
      parent.push_back(p);
    }
    if (parent.size() != n) fail("the line lists " + std::to_string(parent.size()) + " nodes, not " + std::to_string(n));
    const std::vector<TreeStats> stats = ComputeTreeStats(parent);
    t.stats = stats.front();  // one root: node 0
    trees.push_back(std::move(t));
  }
  return trees;
}

}  // namespace firestorm
