// What `firestorm-view drill` was asked to do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/core/types.hpp"

namespace firestorm::viz {

struct DrillOptions {
  std::string scenario_path;
  std::string output;                  // "" = <scenario stem>-drill.h5 in the working directory
  bool force = false;
  std::optional<std::uint64_t> agents, seed;
  std::optional<Tick> ticks;
  int threads = 0;                     // 0 = all cores
  double speed = 60;                   // simulated seconds per real second (live)
  std::string script;                  // decisions file, "-" = standard input: no window
  std::string live_input;              // window: decisions typed into the UI at their ticks
  int replicates = 3;                  // runs per baseline in the debrief
  std::string debrief_png;             // render the debrief screen to a PNG
  std::string dashboard_png;           // scripted: render the trainee's screen at the end
  std::string facilitator_png;         // scripted: render the facilitator's view at the end
  unsigned width = 1600, height = 900;
  bool quiet = false;
};

}  // namespace firestorm::viz
