#include "viz/layout/run_layout.hpp"

#include <chrono>

#include "viz/layout/layout_cache.hpp"

namespace firestorm::viz {

Layout LayoutForRun(const RunData& run, const LayoutOptions& options, bool use_cache,
                    LayoutSource* source) {
  const auto start = std::chrono::steady_clock::now();
  LayoutSource info;
  Layout layout;
  if (auto cached = use_cache ? ReadCachedLayout(run.path(), run.agents(), options) : std::nullopt) {
    layout = std::move(*cached);
    info.from_cache = true;
  } else {
    std::vector<EdgeIndex> offsets;
    std::vector<AgentId> followers;
    run.ReadGraph(offsets, followers);
    LayoutGraph g;
    g.agents = run.agents();
    g.offsets = offsets;
    g.followers = followers;
    g.community = run.community();
    g.must_show = run.special_accounts();
    layout = ComputeLayout(g, options);
    if (use_cache) info.stored_in = WriteCachedLayout(run.path(), layout, options);
  }
  info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (source != nullptr) *source = info;
  return layout;
}

}  // namespace firestorm::viz
