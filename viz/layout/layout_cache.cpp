#include "viz/layout/layout_cache.hpp"

#include <filesystem>
#include <stdexcept>

#include "sim/io/hdf5_reader.hpp"
#include "viz/replay/hdf5_group_patch.hpp"

namespace firestorm::viz {

namespace {

std::string SidecarPath(const std::string& run_path) { return run_path + ".layout.h5"; }

std::optional<Layout> ReadFrom(const std::string& path, AgentId agents, const LayoutOptions& options) {
  try {
    const Hdf5Reader f(path);
    if (!f.IsGroup("/layout")) return std::nullopt;
    if (f.ReadAttribute<std::uint32_t>("/layout", "version") != kLayoutVersion ||
        f.ReadAttribute<std::uint32_t>("/layout", "agents") != agents ||
        f.ReadAttribute<std::uint32_t>("/layout", "force_max_agents") != options.force_max_agents ||
        f.ReadAttribute<std::uint32_t>("/layout", "sample_limit") != options.sample ||
        f.ReadAttribute<std::uint32_t>("/layout", "edge_limit") != options.max_edges)
      return std::nullopt;
    Layout l;
    l.method = f.ReadAttribute<std::string>("/layout", "method");
    l.total_agents = agents;
    l.agent = f.Read<std::uint32_t>("/layout/agent");
    l.x = f.Read<float>("/layout/x");
    l.y = f.Read<float>("/layout/y");
    l.edge_from = f.Read<std::uint32_t>("/layout/edge_from");
    l.edge_to = f.Read<std::uint32_t>("/layout/edge_to");
    l.community_x = f.Read<float>("/layout/community_x");
    l.community_y = f.Read<float>("/layout/community_y");
    l.community_radius = f.Read<float>("/layout/community_radius");
    if (l.x.size() != l.agent.size() || l.y.size() != l.agent.size() ||
        l.edge_from.size() != l.edge_to.size())
      return std::nullopt;
    return l;
  } catch (const std::exception&) {
    return std::nullopt;  // no cache, an old one or a broken one: recompute
  }
}

void Fill(Hdf5GroupWriter& w, const Layout& l, const LayoutOptions& options) {
  w.Attribute("version", kLayoutVersion);
  w.Attribute("method", l.method);
  w.Attribute("agents", l.total_agents);
  w.Attribute("force_max_agents", options.force_max_agents);
  w.Attribute("sample_limit", options.sample);
  w.Attribute("edge_limit", options.max_edges);
  w.Write("agent", std::span<const std::uint32_t>(l.agent));
  w.Write("x", std::span<const float>(l.x));
  w.Write("y", std::span<const float>(l.y));
  w.Write("edge_from", std::span<const std::uint32_t>(l.edge_from));
  w.Write("edge_to", std::span<const std::uint32_t>(l.edge_to));
  w.Write("community_x", std::span<const float>(l.community_x));
  w.Write("community_y", std::span<const float>(l.community_y));
  w.Write("community_radius", std::span<const float>(l.community_radius));
}

}  // namespace

std::optional<Layout> ReadCachedLayout(const std::string& run_path, AgentId agents,
                                       const LayoutOptions& options) {
  if (auto l = ReadFrom(run_path, agents, options)) return l;
  std::error_code ec;
  if (std::filesystem::exists(SidecarPath(run_path), ec))
    return ReadFrom(SidecarPath(run_path), agents, options);
  return std::nullopt;
}

std::string WriteCachedLayout(const std::string& run_path, const Layout& layout,
                              const LayoutOptions& options) {
  const auto fill = [&](Hdf5GroupWriter& w) { Fill(w, layout, options); };
  try {
    PatchHdf5Group(run_path, "/layout", fill);
    return run_path;
  } catch (const std::exception&) {
  }
  try {
    WriteHdf5GroupFile(SidecarPath(run_path), "/layout", fill);
    return SidecarPath(run_path);
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace firestorm::viz
