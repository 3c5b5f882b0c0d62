// The files the HTML report inlines, embedded in the binary at build time by
// analysis/report/embed_assets.cmake: "chart.umd.min.js" (Chart.js, vendor/README.md),
// "report.js" and "report.css".
#pragma once

#include <string_view>

namespace firestorm {

// The bytes of the named asset; empty when there is no such asset.
std::string_view EmbeddedAsset(std::string_view name);

}  // namespace firestorm
