// The parts of the scenario schema that map one-to-one onto struct members: enum spellings,
// numeric ranges and the DynamicsParams key table. Shared by the parser (config_yaml.cpp and
// its section files) and the emitter, so a key is spelt in one place. Internal to io; no YAML.
#pragma once

#include <array>
#include <limits>
#include <string_view>

#include "sim/dynamics/dynamics_params.hpp"

namespace firestorm::scenario_keys {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

// A closed or half-open interval a number must lie in.
struct Range {
  double min = -kInf, max = kInf;
  bool min_open = false;  // true: min itself is not allowed
  bool max_open = false;
};
inline constexpr Range kProbability{0, 1};
inline constexpr Range kNonNegative{0, kInf};
inline constexpr Range kPositive{0, kInf, true};
inline constexpr Range kSigned{-1, 1};

inline constexpr std::array<std::string_view, 5> kGeneratorNames = {
    "erdos_renyi", "barabasi_albert", "watts_strogatz", "echo_chambers", "file"};
inline constexpr std::array<std::string_view, 4> kGraphFormatNames = {"auto", "edgelist", "graphml",
                                                                      "gml"};
inline constexpr std::array<std::string_view, 2> kOrientationNames = {"follows", "reaches"};
inline constexpr std::array<std::string_view, 2> kFeedNames = {"chronological", "engagement"};

// Every DynamicsParams member, under its own name. A test checks that the table covers the
// struct, so a new parameter cannot be forgotten here.
struct DynamicsKey {
  std::string_view key;
  double DynamicsParams::*member;
  Range range;
};
inline constexpr std::array<DynamicsKey, 37> kDynamicsKeys = {{
    {"literacy_exponent", &DynamicsParams::literacy_exponent, kNonNegative},
    {"confirmation_bias", &DynamicsParams::confirmation_bias, kProbability},
    {"outrage_amplification", &DynamicsParams::outrage_amplification, kNonNegative},
    {"adopt_without_exposure_per_hour", &DynamicsParams::adopt_without_exposure_per_hour,
     kNonNegative},
    {"skepticism_per_hour", &DynamicsParams::skepticism_per_hour, kNonNegative},
    {"posting_outrage_boost", &DynamicsParams::posting_outrage_boost, kNonNegative},
    {"forgetting_per_hour", &DynamicsParams::forgetting_per_hour, kNonNegative},
    {"stifling_per_exposure", &DynamicsParams::stifling_per_exposure, kProbability},
    {"debunk_efficacy", &DynamicsParams::debunk_efficacy, kProbability},
    {"backfire_probability", &DynamicsParams::backfire_probability, kProbability},
    {"outrage_half_life_hours", &DynamicsParams::outrage_half_life_hours, kPositive},
    {"outrage_per_exposure", &DynamicsParams::outrage_per_exposure, kProbability},
    {"silence_anger_per_hour", &DynamicsParams::silence_anger_per_hour, kNonNegative},
    {"silence_ramp_hours", &DynamicsParams::silence_ramp_hours, kNonNegative},
    {"trust_erosion_per_hour", &DynamicsParams::trust_erosion_per_hour, kNonNegative},
    {"trust_recovery_half_life_hours", &DynamicsParams::trust_recovery_half_life_hours, kPositive},
    {"confidence_bound", &DynamicsParams::confidence_bound, Range{0, 2}},
    {"convergence_rate", &DynamicsParams::convergence_rate, kProbability},
    {"outrage_polarization", &DynamicsParams::outrage_polarization, kNonNegative},
    {"statement_reach", &DynamicsParams::statement_reach, kProbability},
    {"acknowledge_calming", &DynamicsParams::acknowledge_calming, kProbability},
    {"apology_calming", &DynamicsParams::apology_calming, kProbability},
    {"apology_trust_gain", &DynamicsParams::apology_trust_gain, kProbability},
    {"defend_anger", &DynamicsParams::defend_anger, kProbability},
    {"defend_trust_loss", &DynamicsParams::defend_trust_loss, kProbability},
    {"transparency_trust_gain", &DynamicsParams::transparency_trust_gain, kProbability},
    {"takedown_backlash", &DynamicsParams::takedown_backlash, kProbability},
    {"label_visibility", &DynamicsParams::label_visibility, kProbability},
    {"label_belief", &DynamicsParams::label_belief, kProbability},
    {"argue_anger", &DynamicsParams::argue_anger, kProbability},
    {"remedial_trust_gain", &DynamicsParams::remedial_trust_gain, kProbability},
    {"remedial_calming", &DynamicsParams::remedial_calming, kProbability},
    {"compensation_trust_gain", &DynamicsParams::compensation_trust_gain, kProbability},
    {"compensation_calming", &DynamicsParams::compensation_calming, kProbability},
    {"inconsistency_trust_loss", &DynamicsParams::inconsistency_trust_loss, kProbability},
    {"visual_debunk_boost", &DynamicsParams::visual_debunk_boost, Range{1, kInf}},
    {"emergency_efficacy", &DynamicsParams::emergency_efficacy, kProbability},
}};

}  // namespace firestorm::scenario_keys
