// Progress on stderr: a redrawn bar (ticks, ticks/s, ETA) on a terminal, plain lines at
// every 10% otherwise (logs and CI stay readable).
#pragma once

#include <cstdio>
#include <string>

#include "sim/io/run_scenario.hpp"

namespace firestorm::cli {

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled);
  void Update(const RunProgress& p);
  void Finish();

 private:
  bool enabled_;
  bool terminal_;
  std::string phase_;
  int last_decile_ = -1;
  double last_draw_ = -1;
  double run_start_ = 0;
  bool drawn_ = false;
};

}  // namespace firestorm::cli
