// HTML helpers and the page skeleton (see html.hpp).
#include "analysis/report/html.hpp"

#include <fmt/format.h>

#include <cmath>

#include "analysis/report/report_assets.hpp"

namespace firestorm::html {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Count(std::uint64_t v) {
  std::string digits = std::to_string(v), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Number(double v, std::string_view unit) {
  if (std::isnan(v)) return "n/a";
  if (std::isinf(v)) return "not reached";
  if (unit == "share") return fmt::format("{:.1f}%", 100 * v);
  if (unit == "h") return fmt::format("{:.2f} h", v);
  if (unit == "posts/h") return fmt::format("{:.0f} /h", v);
  if (v != 0 && std::abs(v) < 1e-3) return fmt::format("{:.2e}", v);
  if (std::abs(v) >= 1e4) {
    std::string out = Count(static_cast<std::uint64_t>(std::llround(std::abs(v))));
    if (v < 0) out.insert(out.begin(), '-');
    return out;
  }
  return fmt::format("{:.4g}", v);
}

std::string Table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                  std::string_view css_class) {
  std::string out = fmt::format("<table class=\"{}\"><thead><tr>", css_class);
  for (const std::string& h : header) out += "<th>" + h + "</th>";
  out += "</tr></thead><tbody>";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const std::string& cell : row) out += "<td>" + cell + "</td>";
    out += "</tr>";
  }
  return out + "</tbody></table>";
}

std::string Section(std::string_view id, std::string_view title, std::string_view body) {
  return fmt::format("<section id=\"{}\"><h2>{}</h2>\n{}\n</section>\n", id, title, body);
}

std::string Chart(std::string_view id, std::string_view caption, std::string_view shape) {
  std::string out = fmt::format("<figure class=\"chart{}{}\"><div class=\"canvas-box\"><canvas id=\"{}\"></canvas></div>",
                                shape.empty() ? "" : " ", shape, id);
  if (!caption.empty()) out += fmt::format("<figcaption>{}</figcaption>", caption);
  return out + "</figure>";
}

std::string RenderPage(const Page& page) {
  // Chart.js ends with a source-map comment; the map is not shipped, so drop the line
  // (a browser's developer tools would otherwise try to fetch it).
  std::string_view chart = EmbeddedAsset("chart.umd.min.js");
  if (const std::size_t map = chart.rfind("//# sourceMappingURL"); map != std::string_view::npos)
    chart = chart.substr(0, map);
  std::string nav;
  for (const auto& [id, label] : page.nav) nav += fmt::format("<a href=\"#{}\">{}</a>", id, Escape(label));
  std::string out;
  out.reserve(chart.size() + page.body.size() + page.data_json.size() + 64 * 1024);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"firestorm " FIRESTORM_VERSION "\">\n";
  out += "<title>" + Escape(page.title) + "</title>\n<style>\n";
  out += EmbeddedAsset("report.css");
  out += "</style>\n</head>\n<body data-report-status=\"loading\">\n<header>\n<h1>" + Escape(page.title) + "</h1>\n";
  out += "<p class=\"subtitle\">" + page.subtitle + "</p>\n<nav>" + nav + "</nav>\n</header>\n<main>\n";
  out += "<div id=\"report-errors\" class=\"errors\" hidden></div>\n";
  out += page.body;
  out += "</main>\n<footer>Written by <code>firestorm report</code> " FIRESTORM_VERSION
         ". Charts: Chart.js 4 (MIT license), inlined; this page needs no network.</footer>\n";
  // The error hook comes first so that a failure anywhere below is reported on the page.
  out += "<script>window.addEventListener('error',function(e){var b=document.body;"
         "b.setAttribute('data-report-status','error');var d=document.getElementById('report-errors');"
         "d.hidden=false;d.textContent+='Error: '+e.message+'\\n';});</script>\n";
  out += "<script>\n";
  out += chart;
  out += "\n</script>\n<script id=\"report-data\" type=\"application/json\">";
  out += page.data_json;
  out += "</script>\n<script>\n";
  out += EmbeddedAsset("report.js");
  out += "\n</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace firestorm::html
