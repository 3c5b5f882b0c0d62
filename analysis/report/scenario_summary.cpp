// The scenario section of the report (see scenario_summary.hpp).
#include "analysis/report/scenario_summary.hpp"

#include <fmt/format.h>

#include <exception>
#include <optional>

#include "analysis/report/html.hpp"
#include "sim/core/duration.hpp"
#include "sim/io/config_yaml.hpp"

namespace firestorm {
namespace {

std::optional<Scenario> TryParse(const std::string& yaml) {
  if (yaml.empty()) return std::nullopt;
  try {
    return ParseScenario(yaml, "scenario_yaml", "");
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string_view GeneratorName(GraphGenerator g) {
  switch (g) {
    case GraphGenerator::kErdosRenyi: return "Erdős–Rényi";
    case GraphGenerator::kBarabasiAlbert: return "Barabási–Albert";
    case GraphGenerator::kWattsStrogatz: return "Watts–Strogatz";
    case GraphGenerator::kEchoChambers: return "echo chambers (degree-corrected SBM)";
    case GraphGenerator::kFile: return "read from a file";
  }
  return "?";
}

std::string At(Tick tick, double tick_seconds) { return FormatDuration(static_cast<double>(tick) * tick_seconds); }

std::string KeyFacts(const Scenario& s, const ScenarioFacts& f) {
  const std::uint64_t agents = f.agents ? f.agents : s.graph.agents;
  const auto count = [&](const Amount& a) { return html::Count(a.Resolve(agents)); };
  std::vector<std::vector<std::string>> rows = {
      {"Platform", fmt::format("{} agents{}; graph: {}", html::Count(agents),
                               f.edges ? ", " + html::Count(f.edges) + " follower edges" : "",
                               html::Escape(GeneratorName(s.graph.generator)))},
      {"Echo chambers", s.graph.generator == GraphGenerator::kEchoChambers
                            ? fmt::format("{} communities, homophily {}, mean followers {}", s.graph.communities,
                                          s.graph.homophily, s.graph.mean_followers)
                            : std::string("from the graph")},
      {"Feed", fmt::format("{}; a follower sees a post with probability {}",
                           s.platform.feed == FeedRanking::kEngagement ? "engagement-ranked" : "chronological",
                           s.platform.attention)},
      {"Accounts", fmt::format("{} bots, {} influencers, {} media, {} fact-checkers, {} organization accounts",
                               count(s.population.bots), count(s.population.influencers), s.population.media.count,
                               s.population.fact_checkers.count, s.population.organization.count)},
      {"Run", fmt::format("{} ticks of {} ({}), seed {}", html::Count(f.ticks), FormatDuration(f.tick_seconds),
                          FormatDuration(static_cast<double>(f.ticks) * f.tick_seconds), f.seed)},
  };
  return html::Table({"", ""}, rows, "facts");
}

std::string Narratives(const Scenario& s) {
  std::vector<std::vector<std::string>> rows;
  for (const NarrativeSpec& n : s.narratives)
    rows.push_back({"<b>" + html::Escape(n.id) + "</b>", std::string(kNarrativeKindNames[static_cast<int>(n.kind)]),
                    std::string(kVeracityNames[static_cast<int>(n.veracity)]), html::Number(n.emotional_charge),
                    html::Number(n.stance), html::Number(n.share_probability),
                    n.seeds.count ? fmt::format("{} {} at {}", n.seeds.count, AgentKindName(n.seeds.kind),
                                                At(n.seeds.at, s.run.tick_seconds))
                                  : std::string("none")});
  return html::Table({"narrative", "kind", "veracity", "emotional charge", "stance", "share probability", "seeds"},
                     rows);
}

std::string Response(const Scenario& s, const std::string& played) {
  std::string out;
  for (const Playbook& p : s.playbooks) {
    if (!played.empty() && p.name != played) continue;
    std::vector<std::string> steps;
    for (const ActionSpec& a : p.actions) {
      std::string step = fmt::format("<b>{}</b> at {}", kActionTypeNames[static_cast<int>(a.type)],
                                     At(a.at, s.run.tick_seconds));
      if (a.every) step += " then every " + FormatDuration(static_cast<double>(a.every) * s.run.tick_seconds);
      if (!a.message.empty()) step += ": “" + html::Escape(a.message) + "”";
      steps.push_back(step);
    }
    out += fmt::format("<p>Playbook <b>{}</b>: {}</p>\n", html::Escape(p.name),
                       steps.empty() ? std::string("no actions") : fmt::format("{}", fmt::join(steps, "; ")));
  }
  std::vector<std::string> injects;
  for (const InjectSpec& e : s.injects) {
    std::string text = fmt::format("<b>{}</b> at {}", kInjectTypeNames[static_cast<int>(e.type)],
                                   At(e.at, s.run.tick_seconds));
    if (e.narrative < s.narratives.size()) text += " (" + html::Escape(s.narratives[e.narrative].id) + ")";
    if (!e.message.empty()) text += ": “" + html::Escape(e.message) + "”";
    injects.push_back(text);
  }
  if (!injects.empty()) out += fmt::format("<p>Injects: {}</p>\n", fmt::join(injects, "; "));
  return out;
}

}  // namespace

std::string ScenarioDescription(const std::string& yaml) {
  const std::optional<Scenario> s = TryParse(yaml);
  return s ? s->description : std::string();
}

std::string ScenarioSummaryHtml(const ScenarioFacts& f) {
  std::string out;
  const std::optional<Scenario> s = TryParse(f.yaml);
  if (s) {
    if (!s->description.empty()) out += "<p class=\"description\">" + html::Escape(s->description) + "</p>\n";
    out += KeyFacts(*s, f);
    out += "<h3>Narratives</h3>\n" + Narratives(*s);
    out += "<h3>Response and events</h3>\n" + Response(*s, f.played);
  } else {
    out += "<p>The stored scenario could not be read by this version of Firestorm; it is shown as stored.</p>\n";
  }
  out += "<details><summary>Effective scenario (YAML, as stored in the file)</summary><pre>" + html::Escape(f.yaml) +
         "</pre></details>\n";
  return out;
}

}  // namespace firestorm
