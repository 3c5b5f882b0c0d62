// `firestorm report`: one self-contained HTML page about a run file or a sweep file, which
// opens offline in any browser and can be mailed as is. Chart.js, the drawing script and the
// style sheet are inlined (embedded in the binary at build time); the numbers travel as a JSON
// block in the page. What each section shows: docs/report.md.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "analysis/analyze/run_analysis.hpp"

namespace firestorm {

struct ReportOptions {
  std::size_t network_agents = 2000;   // agents drawn in the network picture
  std::size_t network_edges = 3000;    // follower edges drawn between them
  std::string rank_by = "peak_outrage";  // sweep: the metric the strategies are ranked by
  AnalysisOptions analysis;
};

// The ids of the sections (<section id=...>) of each kind of report, in page order.
inline constexpr std::array<std::string_view, 6> kRunReportSections = {
    "scenario", "metrics", "timeline", "cascades", "polarization", "network"};
inline constexpr std::array<std::string_view, 4> kSweepReportSections = {"scenario", "strategies", "ranking",
                                                                        "metrics"};

// Throw InputError when the file is not a run file (resp. a sweep file) or is malformed.
std::string RenderRunReport(const std::string& path, const ReportOptions& options = {});
std::string RenderSweepReport(const std::string& path, const ReportOptions& options = {});
// Either, by the file's root attribute `format`.
std::string RenderReport(const std::string& path, const ReportOptions& options = {});

// Writes `html` to `path` through `path.tmp` and a rename; refuses to replace an existing
// file unless `force`. Throws OutputError.
void WriteReportFile(const std::string& path, const std::string& html, bool force);

}  // namespace firestorm
