// The layout of a run file: from its cache when there is a matching one, else computed from
// the file's graph (and then cached, see layout_cache.hpp).
#pragma once

#include <string>

#include "viz/layout/graph_layout.hpp"
#include "viz/replay/run_data.hpp"

namespace firestorm::viz {

struct LayoutSource {
  bool from_cache = false;
  std::string stored_in;  // where a newly computed layout was cached ("" = nowhere)
  double seconds = 0;     // time to read or compute it
};

Layout LayoutForRun(const RunData& run, const LayoutOptions& options, bool use_cache,
                    LayoutSource* source = nullptr);

}  // namespace firestorm::viz
