// The effective scenario as YAML: what a run really used, with presets resolved and every key
// written out, for the output file's provenance and for `firestorm --print-scenario`.
// Written by hand rather than with YAML::Emitter to control the layout (one section per block,
// short items on one line) and to write times as durations. Numbers use the shortest text that
// reads back to the same double (std::to_chars), so parsing the output gives an equal Scenario.
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include "sim/core/duration.hpp"
#include "sim/io/config_yaml.hpp"
#include "sim/io/model_section.hpp"
#include "sim/io/scenario_keys.hpp"

namespace firestorm {

namespace {

using namespace scenario_keys;

std::string Num(double v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

// A double-quoted YAML string: safe for any text.
std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (u < 0x20 || u == 0x7f) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\x";
          out += kHex[u >> 4];
          out += kHex[u & 15];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// Ids and playbook names are [a-z0-9_]+; only the YAML null word needs quotes.
std::string Name(std::string_view s) {
  return s.empty() || s == "null" ? Quote(s) : std::string(s);
}

// "2%" such that the parser's percent / 100 gives back exactly `fraction`.
std::string Percent(double fraction) {
  const double p = fraction * 100;
  for (const double direction : {kInf, -kInf}) {
    double candidate = p;
    for (int step = 0; step < 4; ++step) {
      const std::string text = Num(candidate);
      double back = 0;
      std::from_chars(text.data(), text.data() + text.size(), back);
      if (back / 100.0 == fraction) return Quote(text + "%");
      candidate = std::nextafter(candidate, direction);
    }
  }
  return Quote(Num(p) + "%");
}

std::string AmountText(const Amount& a) {
  return a.is_fraction ? Percent(a.value) : std::to_string(static_cast<std::uint64_t>(a.value));
}

std::string SpecialText(const SpecialAccounts& s) {
  return "{count: " + std::to_string(s.count) + ", followers: " + AmountText(s.followers) + "}";
}

template <std::size_t N>
std::string_view EnumName(const std::array<std::string_view, N>& names, auto value) {
  return names[static_cast<std::size_t>(value)];
}

class Writer {
 public:
  explicit Writer(double tick_seconds) : tick_(tick_seconds) {}
  std::string Time(Tick t) const {
    return t == kNever ? "never" : FormatDuration(static_cast<double>(t) * tick_);
  }
  std::ostringstream out;

 private:
  double tick_;
};

void EmitGraph(const GraphSpec& g, std::ostringstream& o) {
  o << "graph:\n"
    << "  generator: " << EnumName(kGeneratorNames, g.generator) << "\n"
    << "  agents: " << g.agents << "\n"
    << "  mean_followers: " << Num(g.mean_followers) << "\n"
    << "  mutual: " << (g.mutual ? "true" : "false") << "\n"
    << "  attach_edges: " << g.attach_edges << "\n"
    << "  rewire_probability: " << Num(g.rewire_probability) << "\n"
    << "  communities: " << g.communities << "\n"
    << "  homophily: " << Num(g.homophily) << "\n"
    << "  degree_exponent: " << Num(g.degree_exponent) << "\n"
    << "  file: " << Quote(g.file) << "\n"
    << "  format: " << EnumName(kGraphFormatNames, g.format) << "\n"
    << "  orientation: " << EnumName(kOrientationNames, g.orientation) << "\n"
    << "  community_attribute: " << Quote(g.community_attribute) << "\n"
    << "  community_file: " << Quote(g.community_file) << "\n"
    << "  cache: " << Quote(g.cache) << "\n";
}

void EmitPopulation(const PopulationSpec& p, std::ostringstream& o) {
  o << "population:\n"
    << "  bots: " << AmountText(p.bots) << "\n"
    << "  influencers: " << AmountText(p.influencers) << "\n"
    << "  media: " << SpecialText(p.media) << "\n"
    << "  fact_checkers: " << SpecialText(p.fact_checkers) << "\n"
    << "  organization: " << SpecialText(p.organization) << "\n"
    << "  bot_follows_bots: " << p.bot_follows_bots << "\n"
    << "  bot_hub_targets: " << p.bot_hub_targets << "\n"
    << "  polarization: " << Num(p.polarization) << "\n"
    << "  opinion_sd: " << Num(p.opinion_sd) << "\n"
    << "  traits:\n";
  for (int k = 0; k < kNumAgentKinds; ++k) {
    const KindTraits& t = p.traits[static_cast<std::size_t>(k)];
    o << "    " << kAgentKindNames[static_cast<std::size_t>(k)]
      << ": {activity_per_hour: " << Num(t.activity_per_hour)
      << ", activity_spread: " << Num(t.activity_spread) << ", credibility: " << Num(t.credibility)
      << ", literacy: {mean: " << Num(t.literacy_mean) << ", sd: " << Num(t.literacy_sd)
      << "}, trust: {mean: " << Num(t.trust_mean) << ", sd: " << Num(t.trust_sd) << "}}\n";
  }
}

void EmitNarratives(const Scenario& s, Writer& w) {
  auto& o = w.out;
  o << "narratives:\n";
  for (const NarrativeSpec& n : s.narratives) {
    o << "  - id: " << Name(n.id) << "\n"
      << "    kind: " << EnumName(kNarrativeKindNames, n.kind) << "\n"
      << "    veracity: " << EnumName(kVeracityNames, n.veracity) << "\n"
      << "    emotional_charge: " << Num(n.emotional_charge) << "\n"
      << "    stance: " << Num(n.stance) << "\n"
      << "    credibility: " << Num(n.credibility) << "\n"
      << "    share_probability: " << Num(n.share_probability) << "\n"
      << "    against_organization: " << (n.against_organization ? "true" : "false") << "\n";
    if (n.kind == NarrativeKind::kDebunk && n.target < s.narratives.size())
      o << "    target: " << Name(s.narratives[n.target].id) << "\n";
    o << "    seeds: {count: " << n.seeds.count << ", kind: " << AgentKindName(n.seeds.kind)
      << ", at: " << w.Time(n.seeds.at) << "}\n";
  }
}

std::string Bool(bool b) { return b ? "true" : "false"; }

// "at: 2h", "when: detected, delay: 30m" or "when: {metric: ..., above: 500, for: 10m}, delay: 0s".
std::string Timing(const Trigger& t, Tick at, const Writer& w) {
  if (t.kind == TriggerKind::kTime) return "at: " + w.Time(at);
  std::string when = "detected";
  if (t.kind == TriggerKind::kCondition)
    when = "{metric: " + std::string(EnumName(kWatchedMetricNames, t.metric)) + ", " +
           (t.above ? "above: " : "below: ") + Num(t.threshold) + ", for: " + w.Time(t.hold) + "}";
  return "when: " + when + ", delay: " + w.Time(t.delay);
}

std::string NarrativeName(const Scenario& s, NarrativeId id) {
  if (id == kAllNarratives || id >= s.narratives.size()) return "all";
  return Name(s.narratives[id].id);
}

void EmitResponse(const Scenario& s, Writer& w) {
  auto& o = w.out;
  o << "playbooks:" << (s.playbooks.empty() ? " {}" : "") << "\n";
  for (const Playbook& p : s.playbooks) {
    o << "  " << Name(p.name) << ":" << (p.actions.empty() ? " []" : "") << "\n";
    for (const ActionSpec& a : p.actions) {
      o << "    - {action: " << EnumName(kActionTypeNames, a.type) << ", "
        << Timing(a.trigger, a.at, w) << ", every: " << (a.every == 0 ? "never" : w.Time(a.every))
        << ", until: " << w.Time(a.until) << ", narrative: " << NarrativeName(s, a.narrative);
      if (a.type == ActionType::kEngageInfluencers)
        o << ", partners: " << a.partners << ", alignment: " << Num(a.alignment);
      if (a.type == ActionType::kBotTakedown)
        o << ", recall: " << Num(a.recall) << ", precision: " << Num(a.precision)
          << ", moderators_per_hour: " << Num(a.moderators_per_hour);
      if (a.type == ActionType::kDebunk) o << ", visual: " << Bool(a.visual);
      if (a.type == ActionType::kForwardLimit) o << ", max_recipients: " << a.max_recipients;
      if (a.type == ActionType::kDownrank) o << ", factor: " << Num(a.factor);
      if (a.type == ActionType::kEmergencyBroadcast) o << ", reach: " << Num(a.reach);
      o << ", message: " << Quote(a.message) << "}\n";
    }
  }
  o << "injects:" << (s.injects.empty() ? " []" : "") << "\n";
  for (const InjectSpec& i : s.injects) {
    o << "  - {event: " << EnumName(kInjectTypeNames, i.type) << ", " << Timing(i.trigger, i.at, w)
      << ", narrative: " << NarrativeName(s, i.narrative);
    if (i.type == InjectType::kBotWave || i.type == InjectType::kInfluencerJoins ||
        i.type == InjectType::kSecondWave)
      o << ", size: " << i.size;
    if (i.type == InjectType::kLeak) o << ", credibility: " << Num(i.credibility);
    if (i.type == InjectType::kOfflineEvent) o << ", outrage: " << Num(i.outrage);
    o << ", message: " << Quote(i.message) << "}\n";
  }
}

}  // namespace

std::string EmitScenarioYaml(const Scenario& s) {
  Writer w(s.run.tick_seconds);
  auto& o = w.out;
  o << "# The effective scenario: every key with its value, presets resolved.\n"
    << "name: " << Quote(s.name) << "\n"
    << "description: " << Quote(s.description) << "\n";
  EmitGraph(s.graph, o);
  o << "platform:\n"
    << "  feed: " << EnumName(kFeedNames, s.platform.feed) << "\n"
    << "  attention: " << Num(s.platform.attention) << "\n"
    << "  engagement_boost: " << Num(s.platform.engagement_boost) << "\n"
    << "  attention_capacity: " << Num(s.platform.attention_capacity) << "\n"
    << "  closed_groups: " << Bool(s.platform.closed_groups) << "\n"
    << "  forward_limit: " << s.platform.forward_limit << "\n";
  EmitPopulation(s.population, o);
  EmitNarratives(s, w);
  o << "dynamics:\n";
  for (const auto& k : kDynamicsKeys)
    o << "  " << k.key << ": " << Num(s.dynamics.*k.member) << "\n";
  EmitResponse(s, w);
  o << "monitoring:\n"
    << "  sample_rate: " << Num(s.monitoring.sample_rate) << "\n"
    << "  sentiment_accuracy: " << Num(s.monitoring.sentiment_accuracy) << "\n"
    << "  detect_above: " << Num(s.monitoring.detect_above) << "\n"
    << "  detect_for: " << w.Time(s.monitoring.detect_hold) << "\n"
    << "response_team:\n"
    << "  spokespeople: " << s.response_team.spokespeople << "\n"
    << "  consistency: " << Num(s.response_team.consistency) << "\n";
  o << "run:\n"
    << "  duration: " << w.Time(s.run.ticks) << "\n"
    << "  tick: " << FormatDuration(s.run.tick_seconds) << "\n"
    << "  seed: " << s.run.seed << "\n"
    << "  snapshot_every: " << (s.run.snapshot_every == 0 ? "never" : w.Time(s.run.snapshot_every))
    << "\n"
    << "  output: " << Quote(s.run.output) << "\n"
    << "  playbook: " << Quote(s.run.playbook) << "\n";
  o << EmitModelSection(s.model);  // only when a classic model is selected
  return o.str();
}

}  // namespace firestorm
