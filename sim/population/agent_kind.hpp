// The kinds of account on the platform.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace firestorm {

enum class AgentKind : std::uint8_t {
  kUser,
  kInfluencer,
  kBot,
  kMedia,
  kOrganization,  // the organization at the centre of the crisis
  kFactChecker,
};
inline constexpr int kNumAgentKinds = 6;
inline constexpr std::array<std::string_view, kNumAgentKinds> kAgentKindNames = {
    "user", "influencer", "bot", "media", "organization", "fact_checker"};

constexpr std::string_view AgentKindName(AgentKind k) {
  return kAgentKindNames[static_cast<int>(k)];
}

}  // namespace firestorm
