// Reads and writes the `model:` section (see model_section.hpp). Every key is optional and
// applies over the preset's value, like the other sections; ranges are checked here, the
// number of seeds against the graph when the model runs (RunClassicModel).
#include "sim/io/model_section.hpp"

#include <charconv>
#include <sstream>

#include "sim/io/scenario_keys.hpp"

namespace firestorm {
namespace scenario_draft {

namespace {

using yaml_reader::Map;
using yaml_reader::Value;
using namespace scenario_keys;

constexpr std::string_view kModelKeys[] = {
    "kind",          "initial_infected",  "max_ticks",         "beta",
    "gamma",         "contact_probability", "adopt_probability", "skeptic_contact",
    "skeptic_probability", "exposed_contact", "self_adoption",   "initial_skeptics",
    "opinions",      "confidence_bound",  "convergence_rate",  "tolerance"};

struct ProbabilityKey {
  std::string_view key;
  double ClassicModelSpec::*member;
};
constexpr ProbabilityKey kProbabilityKeys[] = {
    {"beta", &ClassicModelSpec::beta},
    {"gamma", &ClassicModelSpec::gamma},
    {"contact_probability", &ClassicModelSpec::contact_probability},
    {"adopt_probability", &ClassicModelSpec::adopt_probability},
    {"skeptic_contact", &ClassicModelSpec::skeptic_contact},
    {"skeptic_probability", &ClassicModelSpec::skeptic_probability},
    {"exposed_contact", &ClassicModelSpec::exposed_contact},
    {"self_adoption", &ClassicModelSpec::self_adoption},
    {"convergence_rate", &ClassicModelSpec::convergence_rate},
};

}  // namespace

void ApplyModel(const Value& section, ScenarioDraft& draft) {
  ClassicModelSpec& m = draft.scenario.model;
  const Map map = section.AsMap(kModelKeys);
  if (auto v = map.Get("kind")) m.kind = v->Enumerated<ClassicModelKind>(kClassicModelNames, "model kind");
  if (auto v = map.Get("initial_infected")) m.initial_infected = v->Integer(0, 4'000'000'000);
  if (auto v = map.Get("initial_skeptics")) m.initial_skeptics = v->Integer(0, 4'000'000'000);
  if (auto v = map.Get("max_ticks")) m.max_ticks = static_cast<Tick>(v->Integer(1, kNever - 1));
  for (const ProbabilityKey& k : kProbabilityKeys)
    if (auto v = map.Get(k.key)) m.*k.member = v->Number(kProbability);
  if (auto v = map.Get("opinions")) m.opinions = static_cast<std::uint32_t>(v->Integer(2, 256));
  if (auto v = map.Get("confidence_bound")) m.confidence_bound = v->Number(Range{0, 1, true});
  if (auto v = map.Get("tolerance")) m.tolerance = v->Number(kNonNegative);
}

}  // namespace scenario_draft

namespace {

std::string Num(double v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

}  // namespace

std::string EmitModelSection(const ClassicModelSpec& m) {
  if (!m.enabled()) return {};
  std::ostringstream o;
  o << "model:\n"
    << "  kind: " << ClassicModelName(m.kind) << "\n"
    << "  initial_infected: " << m.initial_infected << "\n"
    << "  max_ticks: " << m.max_ticks << "\n"
    << "  beta: " << Num(m.beta) << "\n"
    << "  gamma: " << Num(m.gamma) << "\n"
    << "  contact_probability: " << Num(m.contact_probability) << "\n"
    << "  adopt_probability: " << Num(m.adopt_probability) << "\n"
    << "  skeptic_contact: " << Num(m.skeptic_contact) << "\n"
    << "  skeptic_probability: " << Num(m.skeptic_probability) << "\n"
    << "  exposed_contact: " << Num(m.exposed_contact) << "\n"
    << "  self_adoption: " << Num(m.self_adoption) << "\n"
    << "  initial_skeptics: " << m.initial_skeptics << "\n"
    << "  opinions: " << m.opinions << "\n"
    << "  confidence_bound: " << Num(m.confidence_bound) << "\n"
    << "  convergence_rate: " << Num(m.convergence_rate) << "\n"
    << "  tolerance: " << Num(m.tolerance) << "\n";
  return o.str();
}

}  // namespace firestorm
