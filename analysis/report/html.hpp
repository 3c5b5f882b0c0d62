// Building blocks of the HTML report: escaping, number formatting for people, tables, and
// the page skeleton that inlines the style sheet, Chart.js, the data and the drawing script.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace firestorm::html {

std::string Escape(std::string_view text);

// "12.3%", "4.50 h", "0.0273", "1,234", "n/a", "not reached" as a reader expects them.
std::string Number(double v, std::string_view unit = {});
std::string Count(std::uint64_t v);  // thousands separated by commas

// A table: header cells and rows of already-escaped HTML cells. `css_class` on <table>.
std::string Table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                  std::string_view css_class = "data");

// A section: <section id="..."><h2>title</h2>body</section>.
std::string Section(std::string_view id, std::string_view title, std::string_view body);

// A chart placeholder filled by report.js: <figure class="chart"><canvas id="..."></figure>.
// `shape` adds a class: "tall" (a higher box) or "square" (height follows the width).
std::string Chart(std::string_view id, std::string_view caption = {}, std::string_view shape = {});

struct Page {
  std::string title;
  std::string subtitle;                   // under the title (escaped HTML)
  std::vector<std::pair<std::string, std::string>> nav;  // (section id, label)
  std::string body;                       // the sections
  std::string data_json;                  // what report.js draws
};

// The complete, self-contained document: no external resource is referenced.
std::string RenderPage(const Page& page);

}  // namespace firestorm::html
