// A narrative: the rumor, the accusation, the debunk. A post carries its narrative's
// stance, veracity, emotional charge and credibility.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/core/types.hpp"
#include "sim/population/agent_kind.hpp"

namespace firestorm {

enum class NarrativeKind : std::uint8_t {
  kRumor,    // a claim of uncertain or false veracity
  kOutrage,  // a grievance with high emotional charge
  kDebunk,   // a correction of another narrative (its `target`)
  kOfficial, // the organization's statements (added automatically)
};
inline constexpr std::array<std::string_view, 4> kNarrativeKindNames = {"rumor", "outrage",
                                                                        "debunk", "official"};

enum class Veracity : std::uint8_t { kFalse, kUnknown, kTrue };
inline constexpr std::array<std::string_view, 3> kVeracityNames = {"false", "unknown", "true"};

struct NarrativeSeeds {
  std::uint32_t count = 10;
  AgentKind kind = AgentKind::kUser;  // who starts it
  Tick at = 0;
};

struct NarrativeSpec {
  std::string id;
  NarrativeKind kind = NarrativeKind::kRumor;
  Veracity veracity = Veracity::kUnknown;
  double emotional_charge = 0.5;  // [0, 1]: how much a post raises a reader's outrage
  double stance = 1.0;            // [-1, 1]: the opinion pole the narrative pushes
  double credibility = 1.0;       // multiplies exposure weight; a leak raises it
  double share_probability = 0.08;// beta: base chance one exposure converts a reader
  bool against_organization = true;  // believing it erodes trust in the organization
  NarrativeId target = 0;         // debunk: the narrative it corrects
  NarrativeSeeds seeds;
};

}  // namespace firestorm
