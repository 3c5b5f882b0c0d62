// Which classic model a scenario runs instead of the crisis engine, and its parameters: the
// `model:` section of a scenario (parsed in sim/io/model_section.cpp, documented in
// docs/scenario-reference.md; the equations are in docs/models.md). Plain data, no YAML.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "sim/core/types.hpp"

namespace firestorm {

enum class ClassicModelKind : std::uint8_t {
  kNone,  // no classic model: the scenario runs the crisis engine
  kSi,
  kSis,
  kSir,
  kIndependentCascade,
  kLinearThreshold,
  kDaleyKendall,
  kMakiThompson,
  kSeiz,
  kVoter,
  kDeffuant,
  kHegselmannKrause,
};

// The spelling of each kind in `model.kind`, in enum order.
inline constexpr std::array<std::string_view, 12> kClassicModelNames = {
    "none",           "si",           "sis",  "sir",   "independent_cascade", "linear_threshold",
    "daley_kendall",  "maki_thompson", "seiz", "voter", "deffuant",            "hegselmann_krause"};

struct ClassicModelSpec {
  ClassicModelKind kind = ClassicModelKind::kNone;
  // Seeds: agents infected (SI, SIS, SIR, SEIZ), active (IC, LT) or spreading (rumors) at tick 0,
  // drawn uniformly without replacement from the seed.
  std::uint64_t initial_infected = 10;
  Tick max_ticks = 100'000;  // the run stops here if it has not reached an absorbing state
  // SI, SIS, SIR, SEIZ: probability that one infected neighbour infects a susceptible agent in
  // one tick (1 - (1 - beta)^k for k infected neighbours). IC: the one-time activation
  // probability of each edge.
  double beta = 0.05;
  double gamma = 0.1;  // SIS, SIR: recovery probability per tick
  // Daley–Kendall, Maki–Thompson: probability that a spreader makes its contact in a tick.
  double contact_probability = 1.0;
  // SEIZ (Jin et al. 2013): p, b, l, rho, epsilon, and skeptics at tick 0.
  double adopt_probability = 0.5;    // p: a contact with a spreader makes a spreader (else exposed)
  double skeptic_contact = 0.05;     // b: per skeptic neighbour and tick
  double skeptic_probability = 0.5;  // l: a contact with a skeptic makes a skeptic (else exposed)
  double exposed_contact = 0.05;     // rho: exposed agent meets a spreader, per neighbour and tick
  double self_adoption = 0.01;       // epsilon: exposed agent starts spreading on its own, per tick
  std::uint64_t initial_skeptics = 0;
  std::uint32_t opinions = 2;         // voter: number of opinions
  double confidence_bound = 0.2;      // Deffuant, Hegselmann–Krause: epsilon
  double convergence_rate = 0.5;      // Deffuant: mu
  double tolerance = 1e-6;            // Deffuant, HK: stop once no opinion moves more than this

  bool enabled() const { return kind != ClassicModelKind::kNone; }
};

inline std::string_view ClassicModelName(ClassicModelKind kind) {
  return kClassicModelNames[static_cast<std::size_t>(kind)];
}

}  // namespace firestorm
