// Dense numbering of community labels read from files (GML/GraphML node attributes,
// community files). Labels are strings because files hold "0"/"1", "left"/"right" or "D"/"R".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/types.hpp"

namespace firestorm {

// Numbers the distinct labels 0, 1, ... in sorted order: numerically when every label is a
// number (so "2" < "10"), otherwise by bytes. Agents without a label (nullopt) share one
// extra community after all labelled ones. Returns an empty vector when no agent has a label.
std::vector<CommunityId> NumberCommunityLabels(
    const std::vector<std::optional<std::string>>& labels);

}  // namespace firestorm
