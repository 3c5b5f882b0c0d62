// `firestorm-view drill`: the live drill in a window, or the scripted drill without one.
#pragma once

#include "viz/drill/drill_options.hpp"

namespace firestorm::viz {

// Live: the window plays the drill at options.speed; at the end the debrief is computed and
// shown, and the run file written. With options.live_input, the decisions of that file are
// submitted through the response panel's own handler at their ticks (as if typed), the news
// popups are dismissed, and the window closes once the file is written (tests use this).
int RunDrillWindow(const DrillOptions& options);
// Scripted (options.script): no window; with options.debrief_png, the debrief screen is
// rendered offscreen to that file.
int RunScriptedDrill(const DrillOptions& options);

}  // namespace firestorm::viz
