// RunClassicModel: checks a classic model's parameters against the graph and dispatches to the
// model's file.
#include "sim/classic/classic_models.hpp"

#include <cmath>
#include <string>

#include "sim/core/error.hpp"

namespace firestorm {
namespace {

void Require(bool ok, const std::string& what, const std::string& hint) {
  if (!ok) throw InputError({}, "model." + what, hint);
}

void RequireProbability(double p, const char* key) {
  Require(std::isfinite(p) && p >= 0 && p <= 1,
          std::string(key) + " = " + std::to_string(p) + " is not a probability",
          "use a number between 0 and 1");
}

}  // namespace

ClassicRunResult RunClassicModel(const ClassicModelSpec& spec, const GraphView& graph,
                                 std::uint64_t seed, const ClassicRunOptions& options) {
  Require(spec.enabled(), "kind is none", "choose a model, e.g. model: {kind: sir}");
  const AgentId n = graph.num_agents;
  Require(n >= 1, "needs a graph with at least one agent", "check the graph section");
  const bool seeded = spec.kind != ClassicModelKind::kVoter &&
                      spec.kind != ClassicModelKind::kDeffuant &&
                      spec.kind != ClassicModelKind::kHegselmannKrause;
  Require(!seeded || !options.initial_agents.empty() || spec.initial_infected <= n,
          "initial_infected = " + std::to_string(spec.initial_infected) +
              " exceeds the number of agents (" + std::to_string(n) + ")",
          "lower model.initial_infected");
  for (AgentId v : options.initial_agents)
    Require(v < n, "an initial agent id (" + std::to_string(v) + ") is not below the number of agents",
            "agent ids are 0 .. agents - 1");
  const std::uint64_t initial =
      options.initial_agents.empty() ? spec.initial_infected : options.initial_agents.size();
  Require(!seeded || initial + spec.initial_skeptics <= n,
          "initial_infected + initial_skeptics exceed the number of agents (" +
              std::to_string(n) + ")",
          "lower model.initial_skeptics");
  for (const auto& [p, key] :
       {std::pair{spec.beta, "beta"}, std::pair{spec.gamma, "gamma"},
        std::pair{spec.contact_probability, "contact_probability"},
        std::pair{spec.adopt_probability, "adopt_probability"},
        std::pair{spec.skeptic_contact, "skeptic_contact"},
        std::pair{spec.skeptic_probability, "skeptic_probability"},
        std::pair{spec.exposed_contact, "exposed_contact"},
        std::pair{spec.self_adoption, "self_adoption"},
        std::pair{spec.convergence_rate, "convergence_rate"}})
    RequireProbability(p, key);
  Require(spec.opinions >= 2 && spec.opinions <= 256,
          "opinions = " + std::to_string(spec.opinions) + " is outside [2, 256]",
          "the voter model needs at least two opinions");
  Require(std::isfinite(spec.confidence_bound) && spec.confidence_bound > 0 &&
              spec.confidence_bound <= 1,
          "confidence_bound must be in (0, 1]", "opinions live in [0, 1]");
  Require(std::isfinite(spec.tolerance) && spec.tolerance >= 0, "tolerance must be >= 0",
          "e.g. 1e-6");

  switch (spec.kind) {
    case ClassicModelKind::kSi:
    case ClassicModelKind::kSir:
    case ClassicModelKind::kIndependentCascade:
      return RunSir(graph, spec, seed, options);
    case ClassicModelKind::kSis:
      return RunSis(graph, spec, seed, options);
    case ClassicModelKind::kLinearThreshold:
      return RunLinearThreshold(graph, spec, seed, options);
    case ClassicModelKind::kDaleyKendall:
    case ClassicModelKind::kMakiThompson:
      return RunRumor(graph, spec, seed, options);
    case ClassicModelKind::kSeiz:
      return RunSeiz(graph, spec, seed, options);
    case ClassicModelKind::kVoter:
      return RunVoter(graph, spec, seed, options);
    case ClassicModelKind::kDeffuant:
      return RunDeffuant(graph, spec, seed, options);
    case ClassicModelKind::kHegselmannKrause:
      return RunHegselmannKrause(graph, spec, seed, options);
    case ClassicModelKind::kNone:
      break;
  }
  return {};
}

}  // namespace firestorm
