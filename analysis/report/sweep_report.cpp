// The report of a sweep: strategies compared with fan charts over replicates, a ranked
// table with confidence intervals, and every metric (see report.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <cmath>
#include <filesystem>
#include <optional>

#include "analysis/io/json_writer.hpp"
#include "analysis/io/sweep_file.hpp"
#include "analysis/metrics/distribution.hpp"
#include "analysis/metrics/metric_info.hpp"
#include "analysis/report/html.hpp"
#include "analysis/report/report.hpp"
#include "analysis/report/scenario_summary.hpp"
#include "sim/core/duration.hpp"
#include "sim/core/error.hpp"
#include "sim/io/config_yaml.hpp"

namespace firestorm {
namespace {

constexpr std::size_t kMaxFanPoints = 600;
constexpr std::array<double, 5> kFanQuantiles = {0.05, 0.25, 0.5, 0.75, 0.95};
constexpr std::array<std::string_view, 5> kKeyMetrics = {"peak_outrage", "reach_share", "peak_spreaders_share",
                                                          "final_trust", "trust_drop"};

// Which narratives are crisis narratives: from the stored scenario when it parses, else
// every narrative but the engine's "official" one.
std::vector<bool> CrisisNarratives(const SweepFile& s) {
  std::vector<bool> crisis(s.num_narratives(), true);
  try {
    const Scenario scenario = ParseScenario(s.scenario_yaml, "scenario_yaml", "");
    for (std::size_t k = 0; k < crisis.size(); ++k)
      crisis[k] = k < scenario.narratives.size() && (scenario.narratives[k].kind == NarrativeKind::kRumor ||
                                                     scenario.narratives[k].kind == NarrativeKind::kOutrage);
  } catch (const std::exception&) {
    for (std::size_t k = 0; k < crisis.size(); ++k) crisis[k] = s.narrative_ids[k] != "official";
  }
  return crisis;
}

Better Direction(std::string_view metric) {
  const MetricInfo* info = FindMetricInfo(metric);
  return info && info->better == Better::kHigher ? Better::kHigher : Better::kLower;
}

std::string Label(std::string_view metric) {
  const MetricInfo* info = FindMetricInfo(metric);
  return info ? std::string(info->label) : std::string(metric);
}

std::string_view Unit(std::string_view metric) {
  const MetricInfo* info = FindMetricInfo(metric);
  return info ? info->unit : std::string_view{};
}

std::string WithInterval(const SweepFile& s, std::size_t v, std::size_t m) {
  const std::size_t i = v * s.num_metrics() + m;
  const std::string_view unit = Unit(s.metric_names[m]);
  return fmt::format("{} <span class=\"ci\">[{}, {}]</span>", html::Number(s.mean[i], unit),
                     html::Number(s.ci_low[i], unit), html::Number(s.ci_high[i], unit));
}

// Per variant and tick, the quantiles over replicates of series[v][r][t] (computed by `at`).
template <typename At>
void WriteFan(JsonWriter& j, const SweepFile& s, const std::vector<std::size_t>& rows, At at) {
  j.BeginArray();
  std::vector<double> column(s.replicates);
  for (std::size_t v = 0; v < s.num_variants(); ++v) {
    std::array<std::vector<double>, kFanQuantiles.size()> bands;
    for (std::size_t t : rows) {
      for (std::size_t r = 0; r < s.replicates; ++r) column[r] = at(v, r, t);
      std::erase_if(column, [](double x) { return !std::isfinite(x); });
      std::sort(column.begin(), column.end());
      for (std::size_t q = 0; q < kFanQuantiles.size(); ++q) bands[q].push_back(QuantileOfSorted(column, kFanQuantiles[q]));
      column.resize(s.replicates);
    }
    j.BeginArray();
    for (const auto& band : bands) j.Array(band, 5);
    j.EndArray();
  }
  j.EndArray();
}

}  // namespace

std::string RenderSweepReport(const std::string& path, const ReportOptions& options) {
  const SweepFile s = LoadSweepFile(Hdf5Reader(path));
  const std::size_t V = s.num_variants(), M = s.num_metrics(), T = s.ticks, N = s.num_narratives();
  const auto rank_it = std::find(s.metric_names.begin(), s.metric_names.end(), options.rank_by);
  if (rank_it == s.metric_names.end())
    throw InputError({path, 0, 0}, "no metric '" + options.rank_by + "' in this sweep",
                     "--rank-by takes one of the names in /metrics/names, e.g. peak_outrage");
  const auto rank_metric = static_cast<std::size_t>(rank_it - s.metric_names.begin());
  const std::vector<bool> crisis = CrisisNarratives(s);

  std::vector<std::size_t> rows;
  const std::size_t stride = std::max<std::size_t>(1, (T + kMaxFanPoints - 1) / kMaxFanPoints);
  for (std::size_t t = 0; t < T; t += stride) rows.push_back(t);
  if (T > 0 && rows.back() != T - 1) rows.push_back(T - 1);

  // Ranking: by the mean of the chosen metric, best first (NaN last).
  std::vector<std::size_t> order(V);
  for (std::size_t v = 0; v < V; ++v) order[v] = v;
  const bool higher = Direction(options.rank_by) == Better::kHigher;
  const auto key = [&](std::size_t v) {
    const double x = s.mean[v * M + rank_metric];
    return std::isnan(x) ? std::numeric_limits<double>::infinity() : (higher ? -x : x);
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });

  JsonWriter j;
  j.BeginObject().Member("kind", "sweep").Member("title", s.scenario_name);
  j.Key("variants").Array(s.variants);
  j.Member("replicates", std::uint64_t{s.replicates});
  std::vector<double> hours;
  for (std::size_t t : rows) hours.push_back(s.time_seconds[t] / 3600.0);
  j.Key("hours").Array(hours);
  j.Key("quantiles").Array(std::span<const double>(kFanQuantiles));
  j.Key("fan_outrage");
  WriteFan(j, s, rows, [&](std::size_t v, std::size_t r, std::size_t t) { return s.outrage_mean[(v * s.replicates + r) * T + t]; });
  j.Key("fan_trust");
  WriteFan(j, s, rows, [&](std::size_t v, std::size_t r, std::size_t t) { return s.trust_mean[(v * s.replicates + r) * T + t]; });
  j.Key("fan_spreaders");
  WriteFan(j, s, rows, [&](std::size_t v, std::size_t r, std::size_t t) {
    double sum = 0;
    for (std::size_t k = 0; k < N; ++k)
      if (crisis[k]) sum += s.spreaders[((v * s.replicates + r) * T + t) * N + k];
    return sum;
  });
  j.Key("key_metrics").BeginArray();
  for (const std::string_view name : kKeyMetrics) {
    const auto it = std::find(s.metric_names.begin(), s.metric_names.end(), name);
    if (it == s.metric_names.end()) continue;
    const auto m = static_cast<std::size_t>(it - s.metric_names.begin());
    std::vector<double> mean, low, high;
    for (std::size_t v = 0; v < V; ++v) {
      mean.push_back(s.mean[v * M + m]);
      low.push_back(s.ci_low[v * M + m]);
      high.push_back(s.ci_high[v * M + m]);
    }
    j.BeginObject().Member("name", name).Member("label", Label(name)).Member("unit", Unit(name));
    j.Key("mean").Array(mean).Key("low").Array(low).Key("high").Array(high).EndObject();
  }
  j.EndArray();
  j.EndObject();

  // The ranked table: the ranking metric, then the key metrics, each "mean [95% CI]".
  std::vector<std::size_t> columns = {rank_metric};
  for (const std::string_view name : kKeyMetrics) {
    const auto it = std::find(s.metric_names.begin(), s.metric_names.end(), name);
    if (it != s.metric_names.end() && static_cast<std::size_t>(it - s.metric_names.begin()) != rank_metric)
      columns.push_back(static_cast<std::size_t>(it - s.metric_names.begin()));
  }
  std::vector<std::string> header = {"rank", "strategy"};
  for (std::size_t m : columns) header.push_back(html::Escape(Label(s.metric_names[m])));
  std::vector<std::vector<std::string>> ranked;
  const std::size_t best = order.empty() ? 0 : order.front();
  for (std::size_t i = 0; i < order.size(); ++i) {
    const std::size_t v = order[i];
    // Intervals that overlap the best one's: the data cannot tell these strategies apart.
    const bool overlaps = i > 0 && s.ci_low[v * M + rank_metric] <= s.ci_high[best * M + rank_metric] &&
                          s.ci_high[v * M + rank_metric] >= s.ci_low[best * M + rank_metric];
    std::vector<std::string> row = {fmt::format("{}{}", i + 1, overlaps ? " <span class=\"tie\">≈1</span>" : ""),
                                    "<b>" + html::Escape(s.variants[v]) + "</b><br><small>" +
                                        html::Escape(s.variant_descriptions[v]) + "</small>"};
    for (std::size_t m : columns) row.push_back(WithInterval(s, v, m));
    ranked.push_back(row);
  }
  std::vector<std::string> all_header = {"metric"};
  for (const std::string& v : s.variants) all_header.push_back(html::Escape(v));
  std::vector<std::vector<std::string>> all;
  for (std::size_t m = 0; m < M; ++m) {
    std::vector<std::string> row = {html::Escape(Label(s.metric_names[m])) + "<br><code>" +
                                    html::Escape(s.metric_names[m]) + "</code>"};
    for (std::size_t v = 0; v < V; ++v) row.push_back(WithInterval(s, v, m));
    all.push_back(row);
  }

  ScenarioFacts facts{s.scenario_name, s.scenario_yaml, "", s.seed, s.tick_seconds, T, 0, 0};
  html::Page page;
  page.title = s.scenario_name;
  page.subtitle = fmt::format("Strategy comparison: {} strategies × {} replicates, {} simulated each, base seed {}. "
                              "File <code>{}</code>",
                              V, s.replicates, FormatDuration(static_cast<double>(T) * s.tick_seconds), s.seed,
                              html::Escape(path));
  page.nav = {{"scenario", "Scenario"}, {"strategies", "Strategies"}, {"ranking", "Ranking"}, {"metrics", "All metrics"}};
  page.body += html::Section("scenario", "Scenario", ScenarioSummaryHtml(facts));
  page.body += html::Section(
      "strategies", "Strategies over time",
      fmt::format("<p>Fan charts: the line is the median over the {} replicates of each strategy, the dark band "
                  "holds the middle 50% of replicates and the light band 90% (5th to 95th percentile).</p>",
                  s.replicates) +
          html::Chart("chart-fan-outrage", "Mean outrage.") + html::Chart("chart-fan-trust", "Mean trust.") +
          html::Chart("chart-fan-spreaders", "Spreaders of the crisis narratives (agents).") +
          html::Chart("chart-intervals", "Key metrics: mean (dot) and 95% confidence interval (bar) per strategy."));
  page.body += html::Section(
      "ranking", "Ranking",
      fmt::format("<p>Strategies ranked by <b>{}</b> ({} is better). Each cell: mean over replicates and its 95% "
                  "confidence interval. ≈1: the interval overlaps the best strategy's, so the replicates cannot "
                  "separate the two.</p>",
                  html::Escape(Label(options.rank_by)), higher ? "higher" : "lower") +
          html::Table(header, ranked, "data ranked"));
  page.body += html::Section("metrics", "All metrics", html::Table(all_header, all));
  page.data_json = j.Take();
  return html::RenderPage(page);
}

std::string RenderReport(const std::string& path, const ReportOptions& options) {
  if (IsSweepFile(Hdf5Reader(path))) return RenderSweepReport(path, options);
  return RenderRunReport(path, options);
}

void WriteReportFile(const std::string& path, const std::string& html, bool force) {
  namespace fs = std::filesystem;
  if (fs::exists(path) && !force) throw OutputError(path + " exists; use --force to replace it");
  const std::string tmp = path + ".tmp";
  {
    std::FILE* out = std::fopen(tmp.c_str(), "wb");
    if (!out) throw OutputError("cannot write " + tmp + ": " + std::strerror(errno));
    const bool ok = std::fwrite(html.data(), 1, html.size(), out) == html.size();
    if (std::fclose(out) != 0 || !ok) {
      std::remove(tmp.c_str());
      throw OutputError("cannot write " + tmp + ": disk full or I/O error");
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw OutputError("cannot rename " + tmp + " to " + path + ": " + std::strerror(errno));
  }
}

}  // namespace firestorm
