#include "viz/drill/drill_record.hpp"

#include "sim/io/config_yaml.hpp"
#include "viz/drill/debrief.hpp"
#include "viz/drill/drill_session.hpp"
#include "viz/replay/hdf5_group_patch.hpp"

namespace firestorm::viz {

void WriteDrillRecord(const std::string& path, const DrillSession& session, const DrillOutcome& outcome) {
  const Simulation& sim = session.simulation();
  const auto& ids = sim.narratives();
  const auto narrative_name = [&](NarrativeId n) {
    return n == kAllNarratives || n >= ids.size() ? std::string("all") : ids[n].id;
  };
  PatchHdf5Group(path, "/drill", [&](Hdf5GroupWriter& w) {
    w.Attribute("format", std::string("firestorm-drill"));
    w.Attribute("format_version", std::uint32_t{1});
    w.Attribute("replicates", static_cast<std::uint32_t>(outcome.replicates));
    w.Attribute("best_playbook", outcome.best >= 0 ? outcome.playbooks[static_cast<std::size_t>(outcome.best)].name
                                                   : std::string());
    w.Attribute("ticks_played", static_cast<std::uint32_t>(sim.ticks_done()));
    w.Attribute("monitoring_sample_rate", session.monitoring().params().sample_rate);
    w.Attribute("monitoring_alert_tick", static_cast<std::uint32_t>(session.monitoring().alert_tick()));

    std::vector<std::uint32_t> tick;
    std::vector<std::string> action, narrative, message;
    for (const ActionSpec& a : session.decisions()) {
      tick.push_back(a.at);
      action.push_back(std::string(kActionTypeNames[static_cast<std::size_t>(a.type)]));
      narrative.push_back(narrative_name(a.narrative));
      message.push_back(a.message);
    }
    w.Write("decision_tick", std::span<const std::uint32_t>(tick));
    w.Write("decision_action", action);
    w.Write("decision_narrative", narrative);
    w.Write("decision_message", message);

    std::vector<std::uint32_t> inject_tick;
    std::vector<std::string> inject_type, inject_narrative, inject_message;
    for (const InjectSpec& i : session.facilitator_injects()) {
      inject_tick.push_back(i.at);
      inject_type.push_back(std::string(kInjectTypeNames[static_cast<std::size_t>(i.type)]));
      inject_narrative.push_back(narrative_name(i.narrative));
      inject_message.push_back(i.message);
    }
    w.Write("inject_tick", std::span<const std::uint32_t>(inject_tick));
    w.Write("inject_type", inject_type);
    w.Write("inject_narrative", inject_narrative);
    w.Write("inject_message", inject_message);

    std::vector<std::uint32_t> m_tick;
    std::vector<double> mentions, negative, poll;
    for (const MonitoringSample& s : session.monitoring().samples()) {
      m_tick.push_back(s.tick);
      mentions.push_back(s.mentions_per_hour);
      negative.push_back(s.negative_share);
      poll.push_back(s.poll_trust);
    }
    w.Write("monitoring_tick", std::span<const std::uint32_t>(m_tick));
    w.Write("monitoring_mentions_per_hour", std::span<const double>(mentions));
    w.Write("monitoring_negative_share", std::span<const double>(negative));
    w.Write("monitoring_poll_trust", std::span<const double>(poll));

    std::vector<const OutcomeStats*> rows = {&outcome.trainee, &outcome.no_response};
    for (const OutcomeStats& p : outcome.playbooks) rows.push_back(&p);
    std::vector<std::string> names;
    std::vector<std::uint32_t> runs;
    std::vector<double> peak, trust, reach, curves_outrage, curves_trust;
    for (const OutcomeStats* o : rows) {
      names.push_back(o == &outcome.trainee ? "trainee" : o == &outcome.no_response ? "no_response"
                                                                                    : "playbook:" + o->name);
      runs.push_back(static_cast<std::uint32_t>(o->runs));
      peak.push_back(o->peak_outrage);
      trust.push_back(o->final_trust);
      reach.push_back(o->reach_share);
      for (std::size_t t = 0; t < sim.ticks_done(); ++t) {
        curves_outrage.push_back(t < o->outrage_curve.size() ? o->outrage_curve[t] : 0.0);
        curves_trust.push_back(t < o->trust_curve.size() ? o->trust_curve[t] : 0.0);
      }
    }
    w.Write("outcome_name", names);
    w.Write("outcome_runs", std::span<const std::uint32_t>(runs));
    w.Write("outcome_peak_outrage", std::span<const double>(peak));
    w.Write("outcome_final_trust", std::span<const double>(trust));
    w.Write("outcome_reach_share", std::span<const double>(reach));
    w.Write("outcome_outrage_curve", std::span<const double>(curves_outrage));
    w.Write("outcome_trust_curve", std::span<const double>(curves_trust));
    w.Write("replay_scenario_yaml", std::vector<std::string>{EmitScenarioYaml(session.ReplayScenario())});
  });
}

}  // namespace firestorm::viz
