#include "sim/cli/progress_bar.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include "sim/core/duration.hpp"

namespace firestorm::cli {

ProgressBar::ProgressBar(bool enabled) : enabled_(enabled), terminal_(isatty(STDERR_FILENO) != 0) {}

void ProgressBar::Update(const RunProgress& p) {
  if (!enabled_) return;
  if (p.phase != phase_) {
    if (drawn_ && terminal_) std::fputc('\n', stderr);
    drawn_ = false;
    phase_ = p.phase;
    if (p.phase == "running") run_start_ = p.elapsed_seconds;
    if (p.phase != "running") std::fprintf(stderr, "%s...\n", p.phase.c_str());
    if (p.phase != "running") return;
  }
  if (p.ticks_total == 0) return;
  const double run_seconds = p.elapsed_seconds - run_start_;
  const double rate = run_seconds > 0 ? p.ticks_done / run_seconds : 0;
  const double eta = rate > 0 ? (p.ticks_total - p.ticks_done) / rate : 0;
  const double share = static_cast<double>(p.ticks_done) / p.ticks_total;
  if (terminal_) {
    if (p.ticks_done != p.ticks_total && p.elapsed_seconds - last_draw_ < 0.1) return;
    last_draw_ = p.elapsed_seconds;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(share * kWidth);
    fmt::print(stderr, "\r[{}{}] {}/{} ticks  {:.1f} ticks/s  ETA {}   ", std::string(filled, '#'),
               std::string(kWidth - filled, '.'), p.ticks_done, p.ticks_total, rate,
               FormatDuration(eta));
    drawn_ = true;
  } else {
    const int decile = static_cast<int>(share * 10);
    if (decile == last_decile_) return;
    last_decile_ = decile;
    fmt::print(stderr, "progress: {}/{} ticks ({:.0f}%), {:.1f} ticks/s, ETA {}\n", p.ticks_done,
               p.ticks_total, share * 100, rate, FormatDuration(eta));
  }
  std::fflush(stderr);
}

void ProgressBar::Finish() {
  if (enabled_ && terminal_ && drawn_) std::fputc('\n', stderr);
}

}  // namespace firestorm::cli
