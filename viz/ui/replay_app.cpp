#include "viz/ui/replay_app.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <sys/resource.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "sim/core/error.hpp"
#include "viz/layout/run_layout.hpp"
#include "viz/ui/imgui_layer.hpp"
#include "viz/ui/replay_scene.hpp"

namespace firestorm::viz {

namespace {

ReplayScene LoadScene(const ReplayOptions& o) {
  RunData run = RunData::Load(o.run);
  LayoutSource source;
  Layout layout = LayoutForRun(run, o.layout, o.use_cache, &source);
  if (!o.quiet)
    std::cerr << "layout: " << layout.method << ", " << layout.size() << " of " << run.agents()
              << " agents drawn, " << (source.from_cache ? "read from cache" : "computed") << " in "
              << source.seconds << " s"
              << (source.stored_in.empty() ? "" : ", cached in " + source.stored_in) << '\n';
  ReplayScene scene(std::move(run), std::move(layout));
  scene.style().color_by = o.color_by;
  scene.style().show_edges = o.show_edges;
  if (!o.narrative.empty()) {
    const auto& ids = scene.run().narrative_ids();
    const auto it = std::find(ids.begin(), ids.end(), o.narrative);
    if (it == ids.end())
      throw InputError({o.run, 0, 0}, "no narrative '" + o.narrative + "' in this run",
                       "the run's narratives are listed in /labels/narrative_ids");
    scene.style().narrative = static_cast<std::uint32_t>(it - ids.begin());
  }
  if (o.at_seconds)
    scene.SetPlayhead(TickAtSeconds(*o.at_seconds, scene.run().tick_seconds(), scene.run().ticks()));
  if (o.select) {
    if (*o.select >= scene.run().agents())
      throw InputError({o.run, 0, 0}, "--select " + std::to_string(*o.select) + " is not an agent",
                       "agents are 0.." + std::to_string(scene.run().agents() - 1));
    scene.Select(*o.select);
  }
  return scene;
}

// Renders one frame offscreen. ImGui lays out auto-sized content over two frames, so the
// first is drawn and thrown away.
sf::Image RenderOffscreen(ReplayScene& scene, ImGuiLayer& imgui, sf::RenderTexture& target) {
  for (int pass = 0; pass < 2; ++pass) {
    target.setActive(true);
    target.clear(sf::Color(12, 13, 17));
    imgui.NewFrame(target.getSize(), 1.0f / 60.0f);
    scene.Draw(target, target.getSize(), 0);
    imgui.Render(target);
    target.display();
  }
  return target.getTexture().copyToImage();
}

void CreateTarget(sf::RenderTexture& target, const ReplayOptions& o) {
  if (!target.create(o.width, o.height))
    throw OutputError("cannot create an offscreen OpenGL target (" + std::to_string(o.width) + "x" +
                      std::to_string(o.height) + "); is there an X display? try: xvfb-run -a firestorm-view ...");
}

void SavePng(const sf::Image& image, const std::string& path) {
  const std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  if (!image.saveToFile(path)) throw OutputError("cannot write " + path);
}

}  // namespace

int RenderReplayScreenshot(const ReplayOptions& o, const std::string& png, const std::string& positions_csv) {
  ReplayScene scene = LoadScene(o);
  sf::RenderTexture target;
  CreateTarget(target, o);
  ImGuiLayer imgui(target);
  SavePng(RenderOffscreen(scene, imgui, target), png);
  if (!positions_csv.empty()) {
    std::ofstream out(positions_csv);
    if (!out) throw OutputError("cannot write " + positions_csv);
    out << "agent,x,y,radius,r,g,b\n";
    const AgentView view = scene.run().FrameAt(scene.playhead()).View();
    for (AgentId v : scene.graph().layout().agent) {
      const auto c = scene.graph().ScreenCircle(v);
      const Rgb rgb = AgentColor(scene.style().color_by, view, scene.style().narrative, v);
      out << v << ',' << c->x << ',' << c->y << ',' << c->z << ',' << int{rgb.r} << ','
          << int{rgb.g} << ',' << int{rgb.b} << '\n';
    }
  }
  if (!o.quiet)
    std::cerr << "wrote " << png << " at " << ClockLabel(scene.playhead(), scene.run().tick_seconds()) << '\n';
  return 0;
}

int RenderReplayFrames(const ReplayOptions& o, const std::string& dir, double every_seconds) {
  if (every_seconds <= 0) throw InputError({}, "--every must be a positive duration", "e.g. --every 10m");
  ReplayScene scene = LoadScene(o);
  sf::RenderTexture target;
  CreateTarget(target, o);
  ImGuiLayer imgui(target);
  std::filesystem::create_directories(dir);
  const double end = static_cast<double>(scene.run().ticks()) * scene.run().tick_seconds();
  int frame = 0;
  for (double t = every_seconds; t <= end + 1e-6; t += every_seconds, ++frame) {
    scene.SetPlayhead(TickAtSeconds(t, scene.run().tick_seconds(), scene.run().ticks()));
    char name[32];
    std::snprintf(name, sizeof name, "frame_%05d.png", frame);
    SavePng(RenderOffscreen(scene, imgui, target), (std::filesystem::path(dir) / name).string());
  }
  if (!o.quiet) std::cerr << "wrote " << frame << " frames to " << dir << '\n';
  return 0;
}

int RunReplayWindow(const ReplayOptions& o) {
  ReplayScene scene = LoadScene(o);
  sf::ContextSettings settings;
  settings.antialiasingLevel = 0;
  sf::RenderWindow window(sf::VideoMode(o.width, o.height), "firestorm-view: " + scene.run().scenario_name(),
                          sf::Style::Default, settings);
  const bool benchmark = o.benchmark_seconds > 0;
  if (benchmark) {
    scene.playback().playing = true;
    scene.playback().loop = true;
    scene.playback().speed = 3600;
  } else {
    window.setFramerateLimit(60);
  }
  ImGuiLayer imgui(window);
  sf::Clock clock;
  double fps = 0;
  std::size_t frames = 0;
  const auto start = std::chrono::steady_clock::now();
  std::size_t vertices = 0;
  while (window.isOpen()) {
    sf::Event event;
    while (window.pollEvent(event)) {
      imgui.ProcessEvent(event);
      if (event.type == sf::Event::Closed) window.close();
      if (event.type == sf::Event::Resized)
        window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(event.size.width),
                                              static_cast<float>(event.size.height))));
      scene.HandleEvent(event, imgui.WantsMouse(), imgui.WantsKeyboard());
    }
    if (scene.quit_requested()) window.close();
    if (!window.isOpen()) break;
    const float dt = clock.restart().asSeconds();
    fps = fps == 0 ? 1.0 / std::max(dt, 1e-4f) : 0.95 * fps + 0.05 / std::max(dt, 1e-4f);
    scene.playback().Advance(dt, scene.run().tick_seconds(), scene.run().ticks());
    if (benchmark && o.benchmark_pan) scene.graph().Pan({(frames / 60) % 2 == 0 ? 1.0f : -1.0f, 0.0f});
    if (benchmark && o.benchmark_redraw) scene.graph().Invalidate();
    window.clear(sf::Color(12, 13, 17));
    imgui.NewFrame(window.getSize(), dt);
    scene.Draw(window, window.getSize(), fps);
    imgui.Render(window);
    window.display();
    vertices = scene.graph().vertices_drawn();
    ++frames;
    if (scene.screenshot_requested()) {
      sf::Texture grab;
      grab.create(window.getSize().x, window.getSize().y);
      grab.update(window);
      const std::string name = "firestorm-view-" + std::to_string(scene.playhead()) + ".png";
      if (grab.copyToImage().saveToFile(name)) std::cerr << "wrote " << name << '\n';
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (benchmark && elapsed >= o.benchmark_seconds) {
      rusage usage{};
      getrusage(RUSAGE_SELF, &usage);
      const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                         1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
      std::printf("cpu_seconds %.2f (whole process, load included) ", cpu);
      std::printf("frames %zu seconds %.2f fps %.1f graph_redraws %zu agents_drawn %zu edges_drawn %zu vertices %zu size %ux%u\n",
                  frames, elapsed, static_cast<double>(frames) / elapsed, scene.graph().layer_redraws(),
                  scene.graph().layout().size(), o.show_edges ? scene.graph().layout().edge_from.size() : 0,
                  vertices, o.width, o.height);
      window.close();
    }
  }
  return 0;
}

}  // namespace firestorm::viz
