// firestorm-view: replay a run file in a window or headless, or play a crisis drill.
//
//   firestorm-view RUN.h5                                  window
//   firestorm-view RUN.h5 --screenshot OUT.png --at 6h     headless picture
//   firestorm-view RUN.h5 --frames DIR --every 10m         headless frames
//   firestorm-view drill SCENARIO.yaml [--speed 60x]       live drill (window)
//   firestorm-view drill SCENARIO.yaml --script D.yaml     scripted drill, no window
//
// Headless rendering needs an OpenGL context, hence an X display; without $DISPLAY the
// program re-runs itself under `xvfb-run -a` when that is installed. docs/viewer.md.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "git_revision.h"
#include "sim/core/duration.hpp"
#include "sim/core/error.hpp"
#include "viz/drill/drill_options.hpp"
#include "viz/ui/drill_app.hpp"
#include "viz/ui/replay_app.hpp"

namespace {

using firestorm::ExitCode;

double Duration(const std::string& text, const char* option) {
  const auto s = firestorm::ParseDurationSeconds(text);
  if (!s) throw CLI::ValidationError(option, "'" + text + "' is not a duration (e.g. 45m, 6h, 1h30m)");
  return *s;
}

// Runs under Xvfb when a GL context is needed and there is no display; returns only if it
// cannot (then SFML reports the missing display).
void EnsureDisplay(int argc, char** argv) {
  const char* display = std::getenv("DISPLAY");
  if ((display != nullptr && *display != '\0') || std::getenv("FIRESTORM_VIEW_IN_XVFB") != nullptr) return;
  setenv("FIRESTORM_VIEW_IN_XVFB", "1", 1);
  std::vector<char*> args = {const_cast<char*>("xvfb-run"), const_cast<char*>("-a"),
                             const_cast<char*>("-s"), const_cast<char*>("-screen 0 1920x1200x24")};
  for (int i = 0; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  execvp("xvfb-run", args.data());
  std::cerr << "note: no $DISPLAY and no xvfb-run; rendering will fail (apt-get install xvfb)\n";
}

firestorm::viz::ColorBy ParseColorBy(const std::string& s) {
  for (int i = 0; i < firestorm::viz::kNumColorBy; ++i)
    if (firestorm::viz::kColorByNames[static_cast<std::size_t>(i)] == s) return static_cast<firestorm::viz::ColorBy>(i);
  throw CLI::ValidationError("--color-by", "'" + s + "': choose state, opinion, outrage or trust");
}

void ParseSize(const std::string& s, unsigned& w, unsigned& h) {
  if (std::sscanf(s.c_str(), "%ux%u", &w, &h) != 2 || w < 320 || h < 240 || w > 8192 || h > 8192)
    throw CLI::ValidationError("--size", "'" + s + "': write WIDTHxHEIGHT, e.g. 1600x900");
}

int Replay(int argc, char** argv) {
  firestorm::viz::ReplayOptions o;
  std::string screenshot, frames, every, at, color_by = "state", size = "1600x900", positions;
  std::optional<std::uint32_t> select;
  CLI::App app{"firestorm-view: replay a Firestorm run file (docs/viewer.md).\n"
               "Also: firestorm-view drill SCENARIO.yaml (see firestorm-view drill --help)"};
  app.add_option("run", o.run, "run file written by `firestorm run`")->required()->check(CLI::ExistingFile);
  app.add_option("--screenshot", screenshot, "render one PNG without a window and exit");
  app.add_option("--frames", frames, "render one PNG per --every into this folder and exit");
  app.add_option("--every", every, "time between frames, e.g. 10m")->default_str("10m");
  app.add_option("--at", at, "playhead position, e.g. 6h or 1h30m (default: the start)");
  app.add_option("--color-by", color_by, "state, opinion, outrage or trust")->default_str("state");
  app.add_option("--narrative", o.narrative, "narrative whose states and cascade are shown");
  app.add_option("--select", select, "select an agent: details and cascade highlighted");
  app.add_option("--size", size, "window or picture size")->default_str("1600x900");
  app.add_option("--sample", o.layout.sample, "agents drawn for large graphs")->default_val(o.layout.sample);
  app.add_option("--force-layout-max", o.layout.force_max_agents,
                 "largest graph drawn whole with the force-directed layout")->default_val(o.layout.force_max_agents);
  app.add_flag("--no-cache", [&](std::int64_t) { o.use_cache = false; }, "do not read or store the layout cache");
  app.add_flag("--no-edges", [&](std::int64_t) { o.show_edges = false; }, "hide follower edges");
  app.add_option("--dump-positions", positions, "with --screenshot: CSV of each drawn agent's pixel position and colour");
  app.add_option("--benchmark", o.benchmark_seconds, "window: play for N seconds, print frames per second, exit");
  app.add_flag("--benchmark-pan", o.benchmark_pan, "with --benchmark: pan every frame");
  app.add_flag("--benchmark-redraw", o.benchmark_redraw, "with --benchmark: redraw the whole graph every frame");
  app.add_flag("-q,--quiet", o.quiet, "no messages");
  app.set_version_flag("--version", "firestorm-view " FIRESTORM_VERSION " (" FIRESTORM_GIT_REVISION ")");
  try {
    app.parse(argc, argv);
    o.color_by = ParseColorBy(color_by);
    ParseSize(size, o.width, o.height);
    if (!at.empty()) o.at_seconds = Duration(at, "--at");
    if (select) o.select = *select;
    if (!positions.empty() && screenshot.empty())
      throw CLI::ValidationError("--dump-positions", "needs --screenshot");
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::kUsage);
  }
  if (!screenshot.empty() || !frames.empty()) EnsureDisplay(argc + 0, argv);
  if (!screenshot.empty()) return firestorm::viz::RenderReplayScreenshot(o, screenshot, positions);
  if (!frames.empty()) return firestorm::viz::RenderReplayFrames(o, frames, Duration(every, "--every"));
  return firestorm::viz::RunReplayWindow(o);
}

int Drill(int argc, char** argv) {
  firestorm::viz::DrillOptions o;
  std::string speed = "60x", size = "1600x900";
  CLI::App app{"firestorm-view drill: play a crisis live and answer it (docs/viewer.md).\n"
               "With --script, the decisions come from a file and no window opens.",
               "firestorm-view drill"};
  app.add_option("scenario", o.scenario_path, "scenario file")->required()->check(CLI::ExistingFile);
  app.add_option("--speed", speed, "simulated time per real second, e.g. 60x (one minute per second)")->default_str("60x");
  app.add_option("--script", o.script, "decisions file (docs/viewer.md), or - for standard input: no window");
  app.add_option("-o,--output", o.output, "run file to write (default: <scenario>-drill.h5)");
  app.add_flag("--force", o.force, "overwrite the output");
  app.add_option("--agents", o.agents, "resize a generated graph");
  app.add_option("--ticks", o.ticks, "play N ticks");
  app.add_option("--seed", o.seed, "random seed");
  app.add_option("--replicates", o.replicates, "runs per baseline in the debrief")->default_val(o.replicates);
  app.add_option("--threads", o.threads, "worker threads (0 = all cores)");
  app.add_option("--debrief-png", o.debrief_png, "render the debrief screen to this PNG (no window)");
  app.add_option("--dashboard-png", o.dashboard_png, "with --script: render the trainee's screen at the end to this PNG");
  app.add_option("--facilitator-png", o.facilitator_png, "with --script: render the facilitator's view at the end to this PNG");
  app.add_option("--live-input", o.live_input, "window: type this decisions file's decisions into the UI at their ticks (for tests)");
  app.add_option("--size", size, "window or picture size")->default_str("1600x900");
  app.add_flag("-q,--quiet", o.quiet, "no messages");
  try {
    app.parse(argc, argv);
    if (speed.empty() || (speed.back() != 'x' && speed.back() != 'X'))
      throw CLI::ValidationError("--speed", "'" + speed + "': write e.g. 60x");
    o.speed = std::stod(speed.substr(0, speed.size() - 1));
    if (!(o.speed > 0)) throw CLI::ValidationError("--speed", "must be positive");
    ParseSize(size, o.width, o.height);
    if (!o.script.empty() && !o.live_input.empty())
      throw CLI::ValidationError("--live-input", "use either --script or --live-input");
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::kUsage);
  } catch (const std::invalid_argument&) {
    std::cerr << "--speed: '" << speed << "' is not a number followed by x\n";
    return static_cast<int>(ExitCode::kUsage);
  }
  if (o.script.empty() || !o.debrief_png.empty() || !o.dashboard_png.empty() || !o.facilitator_png.empty()) EnsureDisplay(argc + 1, argv - 1);
  if (!o.script.empty()) return firestorm::viz::RunScriptedDrill(o);
  return firestorm::viz::RunDrillWindow(o);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc >= 2 && std::string(argv[1]) == "drill") return Drill(argc - 1, argv + 1);
    return Replay(argc, argv);
  } catch (const firestorm::InputError& e) {
    std::cerr << e.what() << '\n';
    return static_cast<int>(ExitCode::kInvalidInput);
  } catch (const firestorm::OutputError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::kOutputError);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::kRuntimeFailure);
  }
}
