// The report of one run: scenario, headline metrics, timeline with events, cascades,
// polarization and a picture of the network (see report.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "analysis/io/json_writer.hpp"
#include "analysis/metrics/metric_info.hpp"
#include "analysis/report/html.hpp"
#include "analysis/report/network_layout.hpp"
#include "analysis/report/report.hpp"
#include "analysis/report/scenario_summary.hpp"
#include "sim/core/duration.hpp"
#include "sim/population/agent_kind.hpp"
#include "sim/population/narrative_state.hpp"

namespace firestorm {
namespace {

constexpr std::size_t kMaxTimelinePoints = 2000;
constexpr std::size_t kMaxScatterTrees = 3000;
constexpr int kHistogramBins = 40;

bool IsCrisis(NarrativeKind k) { return k == NarrativeKind::kRumor || k == NarrativeKind::kOutrage; }

// Every `stride`-th row, and always the last one.
std::vector<std::size_t> TimelineRows(std::size_t ticks) {
  const std::size_t stride = std::max<std::size_t>(1, (ticks + kMaxTimelinePoints - 1) / kMaxTimelinePoints);
  std::vector<std::size_t> rows;
  for (std::size_t t = 0; t < ticks; t += stride) rows.push_back(t);
  if (!rows.empty() && rows.back() != ticks - 1) rows.push_back(ticks - 1);
  return rows;
}

// The crisis narrative with the largest final reach (narrative 0 when there is none).
std::size_t MainNarrative(const RunFile& run) {
  const TimeSeries& s = run.record.series;
  std::size_t best = 0;
  std::uint64_t best_reach = 0;
  bool found = false;
  for (std::size_t k = 0; k < run.narratives.size() && s.num_ticks() > 0; ++k) {
    if (!IsCrisis(run.narratives[k].kind)) continue;
    const std::uint64_t reach = s.reach[(s.num_ticks() - 1) * s.narratives + k];
    if (!found || reach > best_reach) {
      best = k;
      best_reach = reach;
      found = true;
    }
  }
  return best;
}

std::vector<double> Histogram(std::span<const float> values) {
  std::vector<double> share(kHistogramBins, 0.0);
  for (float v : values) {
    const int bin = std::clamp(static_cast<int>(std::floor((v + 1.0) / 2.0 * kHistogramBins)), 0, kHistogramBins - 1);
    share[static_cast<std::size_t>(bin)] += 1;
  }
  for (double& s : share) s = values.empty() ? 0.0 : 100.0 * s / static_cast<double>(values.size());
  return share;
}

void WriteTimeline(JsonWriter& j, const RunFile& run, std::size_t main) {
  const TimeSeries& s = run.record.series;
  const std::vector<std::size_t> rows = TimelineRows(s.num_ticks());
  const double hours_per_tick = run.hours_per_tick();
  const double n = std::max<double>(1, run.agents);
  std::vector<double> hours;
  for (std::size_t t : rows) hours.push_back((s.tick[t] + 1.0) * hours_per_tick);
  j.Key("hours").Array(hours);

  // States of every crisis narrative, in % of agents.
  const std::size_t per_state = std::size_t{kNumAgentKinds} * s.communities;
  const auto count = [&](std::size_t t, std::size_t k, int state) {
    const auto* first = &s.state_counts[((t * s.narratives + k) * kNumNarrativeStates + state) * per_state];
    return static_cast<double>(std::accumulate(first, first + per_state, std::uint64_t{0}));
  };
  j.Key("states").BeginArray();
  for (std::size_t k = 0; k < run.narratives.size(); ++k) {
    if (!IsCrisis(run.narratives[k].kind) && k != main) continue;
    j.BeginObject().Member("narrative", run.narratives[k].id).Member("main", k == main);
    for (int state = 1; state < kNumNarrativeStates; ++state) {
      std::vector<double> share;
      for (std::size_t t : rows) share.push_back(100.0 * count(t, k, state) / n);
      j.Key(kNarrativeStateNames[static_cast<std::size_t>(state)]).Array(share, 4);
    }
    j.EndObject();
  }
  j.EndArray();

  // Crisis posts in the trailing hour, by author kind.
  const std::size_t window = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(1.0 / hours_per_tick)));
  j.Key("posts_per_hour").BeginObject();
  for (int kind = 0; kind < kNumAgentKinds; ++kind) {
    std::vector<double> per_tick(s.num_ticks(), 0.0);
    for (std::size_t t = 0; t < s.num_ticks(); ++t)
      for (std::size_t k = 0; k < s.narratives && k < run.narratives.size(); ++k)
        if (IsCrisis(run.narratives[k].kind) && !s.posts.empty())
          per_tick[t] += s.posts[(t * s.narratives + k) * kNumAgentKinds + static_cast<std::size_t>(kind)];
    std::vector<double> rate(s.num_ticks());
    double in_window = 0;
    for (std::size_t t = 0; t < s.num_ticks(); ++t) {
      in_window += per_tick[t];
      if (t >= window) in_window -= per_tick[t - window];
      rate[t] = in_window / (static_cast<double>(window) * hours_per_tick);
    }
    if (std::all_of(rate.begin(), rate.end(), [](double r) { return r == 0; })) continue;
    std::vector<double> sampled;
    for (std::size_t t : rows) sampled.push_back(rate[t]);
    j.Key(kAgentKindNames[static_cast<std::size_t>(kind)]).Array(sampled, 5);
  }
  j.EndObject();

  const auto pick = [&](const std::vector<double>& v) {
    std::vector<double> out;
    for (std::size_t t : rows) out.push_back(t < v.size() ? v[t] : std::nan(""));
    return out;
  };
  j.Key("outrage").Array(pick(s.outrage_mean), 5);
  j.Key("trust").Array(pick(s.trust_mean), 5);

  j.Key("events").BeginArray();
  for (const EventRecord& e : run.record.events) {
    j.BeginObject().Member("hours", e.tick * hours_per_tick).Member("category", e.category).Member("type", e.type);
    j.Member("narrative", e.narrative).Member("detail", e.detail).EndObject();
  }
  j.EndArray();
}

void WriteCascades(JsonWriter& j, const RunAnalysis& a) {
  j.Key("cascades").BeginArray();
  for (const NarrativeCascades& c : a.cascades) {
    if (c.trees.empty()) continue;
    j.BeginObject().Member("narrative", c.narrative).Member("crisis", IsCrisis(c.kind));
    // Complementary cumulative distribution of sizes: P(size >= s) at each distinct size.
    std::vector<double> sizes;
    for (const TreeStats& t : c.trees) sizes.push_back(static_cast<double>(t.size));
    std::sort(sizes.begin(), sizes.end());
    std::vector<double> ccdf_x, ccdf_y;
    for (std::size_t i = 0; i < sizes.size(); ++i)
      if (i == 0 || sizes[i] != sizes[i - 1]) {
        ccdf_x.push_back(sizes[i]);
        ccdf_y.push_back(static_cast<double>(sizes.size() - i) / static_cast<double>(sizes.size()));
      }
    j.Key("ccdf_size").Array(ccdf_x).Key("ccdf_share").Array(ccdf_y, 5);
    std::map<std::uint32_t, std::uint64_t> depth_counts;
    for (const TreeStats& t : c.trees) ++depth_counts[t.depth];
    j.Key("depth_counts").BeginArray();
    for (const auto& [depth, count] : depth_counts) j.BeginArray().Value(std::uint64_t{depth}).Value(count).EndArray();
    j.EndArray();
    // The largest trees for the size-virality scatter.
    std::vector<const TreeStats*> largest;
    for (const TreeStats& t : c.trees) largest.push_back(&t);
    std::stable_sort(largest.begin(), largest.end(), [](const TreeStats* x, const TreeStats* y) { return x->size > y->size; });
    largest.resize(std::min(largest.size(), kMaxScatterTrees));
    std::vector<double> size, virality;
    for (const TreeStats* t : largest) {
      size.push_back(static_cast<double>(t->size));
      virality.push_back(t->structural_virality);
    }
    j.Key("scatter_size").Array(size).Key("scatter_virality").Array(virality, 4);
    j.EndObject();
  }
  j.EndArray();
}

std::string MetricsSection(const RunAnalysis& a) {
  const auto values = AsArray(a.crisis);
  std::string cards = "<div class=\"cards\">";
  for (const std::string_view name : {"peak_outrage", "reach_share", "trust_drop", "time_to_first_response_h"}) {
    const auto i = static_cast<std::size_t>(std::find(kCrisisMetricNames.begin(), kCrisisMetricNames.end(), name) -
                                            kCrisisMetricNames.begin());
    cards += fmt::format("<div class=\"card\"><div class=\"value\">{}</div><div class=\"label\">{}</div></div>",
                         html::Number(values[i], kCrisisMetricInfo[i].unit), kCrisisMetricInfo[i].label);
  }
  cards += "</div>\n";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const MetricInfo& m = kCrisisMetricInfo[i];
    rows.push_back({std::string(m.label), html::Number(values[i], m.unit), "<code>" + std::string(m.name) + "</code>",
                    m.better == Better::kLower ? "lower" : m.better == Better::kHigher ? "higher" : ""});
  }
  return cards + html::Table({"metric", "value", "name", "better"}, rows) +
         "<p class=\"note\">Times are hours since the start of the run. n/a: nothing to measure (no detection "
         "event, no crisis post). Definitions: docs/metrics.md.</p>";
}

std::string CascadeTable(const RunAnalysis& a) {
  std::vector<std::vector<std::string>> rows;
  for (const NarrativeCascades& c : a.cascades)
    rows.push_back({html::Escape(c.narrative), html::Count(c.trees.size()), html::Count(c.exposures),
                    html::Number(c.size.mean), html::Number(c.size.max), html::Number(c.depth.mean),
                    html::Number(c.depth.max), html::Number(c.max_breadth.max),
                    html::Number(c.structural_virality.mean), html::Number(c.structural_virality.max),
                    html::Number(c.ei.index)});
  return html::Table({"narrative", "trees", "exposed", "size mean", "size max", "depth mean", "depth max",
                      "breadth max", "virality mean", "virality max", "E-I index"},
                     rows);
}

}  // namespace

std::string RenderRunReport(const std::string& path, const ReportOptions& options) {
  const Hdf5Reader file = Hdf5Reader::OpenRun(path);
  const RunFile run = LoadRunFile(file);
  const FollowerGraph graph = LoadFollowerGraph(file);
  const RunAnalysis a = AnalyzeRun(file, run, graph, options.analysis);
  const std::size_t main = MainNarrative(run);

  JsonWriter j;
  j.BeginObject().Member("kind", "run").Member("title", run.scenario_name);
  j.Member("main_narrative", run.narratives.empty() ? std::string() : run.narratives[main].id);
  WriteTimeline(j, run, main);
  WriteCascades(j, a);

  const PolarizationSeries& p = a.polarization;
  j.Key("polarization").BeginObject();
  j.Key("hours").Array(p.hours).Key("opinion_variance").Array(p.opinion_variance, 5);
  j.Key("bimodality").Array(p.bimodality, 5).Key("esteban_ray").Array(p.esteban_ray, 5);
  j.Key("neighbour_correlation").Array(p.neighbour_correlation, 5);
  const std::vector<float> initial = file.Read<float>("/agents/initial_opinion");
  j.Key("histogram_start").Array(Histogram(initial), 4);
  std::vector<float> last_opinion;
  std::vector<std::uint8_t> last_state;
  if (!run.snapshot_ticks.empty()) {
    last_opinion = ReadSnapshotColumn(file, "opinion", run.snapshot_ticks.size() - 1);
    last_state = ReadSnapshotStates(file, run.snapshot_ticks.size() - 1);
    j.Key("histogram_end").Array(Histogram(last_opinion), 4);
    j.Member("histogram_end_hours", (run.snapshot_ticks.back() + 1.0) * run.hours_per_tick());
  }
  j.EndObject();

  const FollowerGraphView view{graph.offsets, graph.followers};
  const NetworkPicture picture =
      LayoutNetwork(view, run.community, options.network_agents, options.network_edges, run.seed);
  j.Key("network").BeginObject();
  j.Key("x").Array(picture.x, 4).Key("y").Array(picture.y, 4);
  std::vector<std::uint32_t> community, state, edges;
  // Final state of the main narrative: from the last snapshot, or else from the cascade
  // (exposed at some point or not).
  std::vector<std::uint8_t> exposed(run.agents, 0);
  if (last_state.empty())
    for (std::size_t r = 0; r < run.cascade.child.size(); ++r)
      if (run.cascade.narrative[r] == main && run.cascade.child[r] < run.agents) exposed[run.cascade.child[r]] = 1;
  for (AgentId v : picture.agents) {
    community.push_back(run.community[v]);
    state.push_back(last_state.empty() ? exposed[v] : last_state[main * run.agents + v]);
  }
  for (const auto& [from, to] : picture.edges) edges.insert(edges.end(), {from, to});
  j.Key("community").IntArray(std::span<const std::uint32_t>(community));
  j.Key("state").IntArray(std::span<const std::uint32_t>(state));
  j.Key("edges").IntArray(std::span<const std::uint32_t>(edges));
  j.Member("communities", std::uint64_t{run.communities});
  j.Member("state_source", last_state.empty() ? "cascade" : "snapshot");
  j.Member("state_hours", run.snapshot_ticks.empty() ? 0.0 : (run.snapshot_ticks.back() + 1.0) * run.hours_per_tick());
  j.EndObject();
  j.EndObject();

  ScenarioFacts facts{run.scenario_name, run.scenario_yaml, run.playbook, run.seed, run.tick_seconds,
                      run.record.series.num_ticks(), run.agents, run.edges};
  html::Page page;
  page.title = run.scenario_name;
  page.subtitle = fmt::format("Run report: playbook <b>{}</b>, seed {}, {} agents, {} simulated. File <code>{}</code>",
                              html::Escape(run.playbook.empty() ? "none" : run.playbook), run.seed,
                              html::Count(run.agents),
                              FormatDuration(static_cast<double>(run.record.series.num_ticks()) * run.tick_seconds),
                              html::Escape(path));
  page.nav = {{"scenario", "Scenario"}, {"metrics", "Metrics"}, {"timeline", "Timeline"},
              {"cascades", "Cascades"}, {"polarization", "Polarization"}, {"network", "Network"}};
  const std::string main_id = run.narratives.empty() ? std::string() : html::Escape(run.narratives[main].id);
  page.body += html::Section("scenario", "Scenario", ScenarioSummaryHtml(facts));
  page.body += html::Section("metrics", "Crisis metrics", MetricsSection(a));
  std::vector<std::vector<std::string>> events;
  for (const EventRecord& e : run.record.events)
    events.push_back({FormatDuration(e.tick * run.tick_seconds), html::Escape(e.category), html::Escape(e.type),
                      html::Escape(e.narrative), html::Escape(e.detail)});
  page.body += html::Section(
      "timeline", "Timeline",
      html::Chart("chart-states", "Agents in each state of the crisis narrative <b>" + main_id +
                                      "</b> (% of all agents), and spreaders of the other crisis narratives. "
                                      "Vertical lines: responses (dark), injects (purple), detection (green).") +
          html::Chart("chart-posts", "Crisis posts in the trailing hour, by author kind (stacked).") +
          html::Chart("chart-mood", "Mean outrage and mean trust over all agents.") +
          "<details><summary>Event log</summary>" +
          html::Table({"time", "category", "type", "narrative", "detail"}, events) + "</details>");
  page.body += html::Section(
      "cascades", "Cascades",
      "<p>Each seed roots a tree of who exposed whom (<code>/cascade</code>). Structural virality is the mean "
      "distance between two nodes of a tree (Goel et al. 2016): about 2 for a broadcast, larger for "
      "person-to-person chains. The E-I index counts exposures across communities against those within: "
      "−1 means every exposure stayed inside an echo chamber.</p>" +
          CascadeTable(a) + "<div class=\"grid\">" +
          html::Chart("chart-ccdf", "Share of trees at least this large (log–log).") +
          html::Chart("chart-depth", "Trees by depth.") + "</div>" +
          html::Chart("chart-virality", "Size and structural virality of the largest trees."));
  page.body += html::Section(
      "polarization", "Polarization and echo chambers",
      fmt::format("<p>Community assortativity of the follower graph: <b>{}</b> (1: every follow stays inside a "
                  "community, 0: as random). E-I index of crisis exposures: <b>{}</b>.</p>",
                  html::Number(a.community_assortativity), html::Number(a.crisis_ei.index)) +
          (p.tick.empty() ? std::string("<p>This run has no snapshots (run.snapshot_every: 0): no opinion "
                                        "measures over time.</p>")
                          : html::Chart("chart-polarization",
                                        "Opinion variance, bimodality coefficient, Esteban–Ray polarization "
                                        "(α = " + html::Number(options.analysis.esteban_ray_alpha) +
                                            ") and neighbour-opinion correlation at each snapshot.")) +
          html::Chart("chart-opinions", "Distribution of opinions at the start and at the last snapshot (% of agents)."));
  page.body += html::Section(
      "network", "Network",
      fmt::format("<p>{} agents drawn at random, {} of the follower edges between them. Communities sit on a "
                  "circle; an agent is pulled toward the communities it follows. Left: coloured by community; "
                  "right: by state in <b>{}</b> at {}.</p>",
                  html::Count(picture.agents.size()), html::Count(picture.edges.size()), main_id,
                  last_state.empty() ? std::string("the end (exposed or not)")
                                     : FormatDuration((run.snapshot_ticks.back() + 1.0) * run.tick_seconds)) +
          "<div class=\"grid\">" + html::Chart("chart-network-community", "", "square") +
          html::Chart("chart-network-state", "", "square") + "</div>");
  page.data_json = j.Take();
  return html::RenderPage(page);
}

}  // namespace firestorm
