// The layout is computed once per run file and kept: in the run file itself, as a /layout
// group (docs/hdf5-schema.md, "Viewer layout cache"), added by copy + rename so the run file is
// never half-written; or, when the run file's folder is not writable, in a sidecar file
// "<run>.layout.h5" next to it. A cache whose version, method limits or agent count differ from
// what is asked for is ignored and recomputed.
#pragma once

#include <optional>
#include <string>

#include "viz/layout/graph_layout.hpp"

namespace firestorm::viz {

// The cached layout of `run_path` (the run file first, then the sidecar), if it matches.
std::optional<Layout> ReadCachedLayout(const std::string& run_path, AgentId agents,
                                       const LayoutOptions& options);
// Stores it; returns where ("" when neither place is writable: the layout is then
// recomputed on the next open, which is slower but not wrong).
std::string WriteCachedLayout(const std::string& run_path, const Layout& layout,
                              const LayoutOptions& options);

}  // namespace firestorm::viz
