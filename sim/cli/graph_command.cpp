// `firestorm graph stats FILE`: summarise a graph file, or the graph a scenario generates.
#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/dynamics/simulation.hpp"
#include "sim/graph/graph_readers.hpp"
#include "sim/graph/graph_stats.hpp"
#include "sim/io/config_yaml.hpp"

namespace firestorm::cli {

void AddGraphCommand(CLI::App& app, Registry& registry) {
  struct Args {
    GraphSpec spec;
    std::string orientation = "follows";
  };
  auto args = std::make_shared<Args>();
  CLI::App* graph = app.add_subcommand("graph", "Graph tools");
  graph->require_subcommand(1);
  CLI::App* stats = graph->add_subcommand(
      "stats", "Agents, edges, degree summary and communities of a graph file or a scenario's graph");
  stats->add_option("FILE", args->spec.file,
                    "Edge list (.txt, .tsv, .edgelist, .gz), GraphML (.graphml), GML (.gml), or a scenario (.yaml)")
      ->required()->check(CLI::ExistingFile);
  stats->add_option("--orientation", args->orientation, "Edge lists: 'follows' (a follows b) or 'reaches' (a reaches b)")
      ->check(CLI::IsMember({"follows", "reaches"}));
  stats->add_flag("--mutual", args->spec.mutual, "Edge lists: every edge goes both ways");
  stats->add_option("--community-attribute", args->spec.community_attribute,
                    "GraphML/GML node attribute holding the community");
  stats->add_option("--communities", args->spec.community_file, "Edge lists: file of 'agent community' lines");
  stats->footer(
      "Examples:\n"
      "  firestorm graph stats ../shared/data/karate_club/karate.gml\n"
      "  firestorm graph stats ../shared/data/polblogs/polblogs.gml --community-attribute value\n"
      "  firestorm graph stats scenarios/default.yaml");
  registry.Add(stats, [args] {
    const std::string& file = args->spec.file;
    const bool scenario = file.ends_with(".yaml") || file.ends_with(".yml");
    World world;
    if (scenario) {
      world = BuildScenarioWorld(LoadScenario(file));
    } else {
      GraphSpec spec = args->spec;
      spec.generator = GraphGenerator::kFile;
      spec.orientation = args->orientation == "reaches" ? EdgeOrientation::kReaches : EdgeOrientation::kFollows;
      EdgeList edges = ReadGraphFile(spec);
      world.population.community.assign(edges.community.begin(), edges.community.end());
      world.graph = BuildFollowerGraph(edges.num_agents, edges.edges);
    }
    PrintGraphStats(std::cout, ComputeGraphStats(world.graph, world.population.community));
    return 0;
  });
}

}  // namespace firestorm::cli
