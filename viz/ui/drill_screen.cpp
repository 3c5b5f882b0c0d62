#include "viz/ui/drill_screen.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "sim/population/agent_kind.hpp"
#include "sim/population/narrative_state.hpp"
#include "viz/drill/scripted_drill.hpp"
#include "viz/layout/graph_layout.hpp"
#include "viz/replay/run_data.hpp"
#include "viz/ui/charts.hpp"
#include "viz/ui/legend.hpp"

namespace firestorm::viz {

namespace {

constexpr ImGuiWindowFlags kPanel = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoSavedSettings;

// The trainee's answers, with their keys 1..8.
struct ResponseButton {
  ActionType type;
  const char* label;
  sf::Keyboard::Key key;
};
constexpr ResponseButton kResponses[] = {
    {ActionType::kAcknowledge, "1 Acknowledge", sf::Keyboard::Num1},
    {ActionType::kApologize, "2 Apologize", sf::Keyboard::Num2},
    {ActionType::kDefend, "3 Defend", sf::Keyboard::Num3},
    {ActionType::kTransparencyUpdate, "4 Transparency update", sf::Keyboard::Num4},
    {ActionType::kDebunk, "5 Debunk", sf::Keyboard::Num5},
    {ActionType::kEngageInfluencers, "6 Engage influencers", sf::Keyboard::Num6},
    {ActionType::kBotTakedown, "7 Request a takedown", sf::Keyboard::Num7},
    {ActionType::kLabel, "8 Label", sf::Keyboard::Num8},
};

std::string Name(ActionType t) { return std::string(kActionTypeNames[static_cast<std::size_t>(t)]); }

bool HasDebunk(const Simulation& sim) {
  for (const NarrativeSpec& n : sim.narratives())
    if (n.kind == NarrativeKind::kDebunk) return true;
  return false;
}

std::vector<std::uint32_t> CrisisNarratives(const Simulation& sim) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t k = 0; k < sim.narratives().size(); ++k)
    if (sim.narratives()[k].kind == NarrativeKind::kRumor || sim.narratives()[k].kind == NarrativeKind::kOutrage)
      out.push_back(k);
  return out;
}

std::vector<float> ToFloat(const std::vector<double>& v) { return {v.begin(), v.end()}; }

}  // namespace

DrillScreen::DrillScreen(DrillController& controller) : controller_(controller) {}

DrillScreen::~DrillScreen() {
  if (worker_.joinable()) worker_.join();
}

void DrillScreen::SubmitDecision(ActionSpec action) {
  if (controller_.finished()) return;
  controller_.Decide(std::move(action));
}

void DrillScreen::SubmitInject(InjectSpec inject) {
  if (controller_.finished()) return;
  controller_.FireInject(std::move(inject));
  graph_.reset();  // the world was rebuilt
}

std::vector<ChartMarker> DrillScreen::DecisionMarkers(bool with_news) const {
  std::vector<ChartMarker> out;
  const DrillSession& s = controller_.session();
  for (const ActionSpec& a : s.decisions())
    out.push_back({static_cast<float>(a.at), MarkerColor("decision"), Name(a.type),
                   ClockLabel(a.at, s.tick_seconds()) + " decision: " + Name(a.type) + "\n" + a.message});
  if (with_news)
    for (const NewsItem& n : controller_.news())
      out.push_back({static_cast<float>(n.tick), MarkerColor("inject"), n.title,
                     ClockLabel(n.tick == 0 ? kNever : n.tick - 1, s.tick_seconds()) + " " + n.title + "\n" + n.message});
  const Tick alert = s.monitoring().alert_tick();
  if (with_news && alert != kNever)
    out.push_back({static_cast<float>(alert), MarkerColor("detection"), "alert",
                   ClockLabel(alert, s.tick_seconds()) + " social listening alert: negative mentions above " +
                       std::to_string(static_cast<long long>(s.monitoring().alert_threshold())) + "/h"});
  std::sort(out.begin(), out.end(), [](const ChartMarker& a, const ChartMarker& b) { return a.tick < b.tick; });
  return out;
}

void DrillScreen::Draw(sf::RenderTarget& target, sf::Vector2u size, float dt) {
  (void)dt;
  const auto W = static_cast<float>(size.x), H = static_cast<float>(size.y);
  if (debrief_started_ || debrief_ready_) {
    DrawDebrief(size);
    return;
  }
  DrawTopBar(W);
  const float top = 44, right_w = std::clamp(W * 0.3f, 320.0f, 460.0f);
  if (facilitator_) DrawFacilitator(target, ImVec2(0, top), ImVec2(W - right_w, H - top));
  else DrawMonitoring(ImVec2(0, top), ImVec2(W - right_w, H - top));
  DrawResponsePanel(ImVec2(W - right_w, top), ImVec2(right_w, H - top));
  DrawNewsPopup(size);
}

void DrillScreen::DrawTopBar(float width) {
  const DrillSession& s = controller_.session();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(width, 44));
  ImGui::Begin("##drilltop", nullptr, kPanel);
  ImGui::Text("DRILL  %s", s.scenario().name.c_str());
  ImGui::SameLine();
  ImGui::Text("   T+ %s of %s", ClockLabel(s.ticks_done() == 0 ? kNever : s.ticks_done() - 1, s.tick_seconds()).c_str(),
              ClockLabel(s.num_ticks() - 1, s.tick_seconds()).c_str());
  ImGui::SameLine();
  ImGui::TextColored(controller_.paused() ? ImVec4(1, 0.7f, 0.2f, 1) : ImVec4(0.5f, 0.9f, 0.5f, 1), "  %s  %.0fx",
                     controller_.paused() ? "PAUSED" : "LIVE", controller_.speed());
  ImGui::SameLine(width - 420);
  if (ImGui::Button(controller_.paused() ? "Resume (Space)" : "Pause (Space)")) controller_.SetPaused(!controller_.paused());
  ImGui::SameLine();
  if (ImGui::Button(facilitator_ ? "Trainee view (F2)" : "Facilitator view (F2)")) facilitator_ = !facilitator_;
  ImGui::SameLine();
  if (ImGui::Button("End drill (F10)")) controller_.EndEarly();
  ImGui::End();
}

void DrillScreen::DrawMonitoring(ImVec2 pos, ImVec2 size) {
  const DrillSession& s = controller_.session();
  const MonitoringView& m = s.monitoring();
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::Begin("##monitoring", nullptr, kPanel);
  ImGui::Text("What your monitoring sees: %.0f%% of posts sampled, sentiment by a classifier (%.0f%% error), "
              "an hourly poll of %u people",
              100 * m.params().sample_rate, 100 * m.params().classifier_error, m.params().poll_size);
  if (m.alert_tick() != kNever)
    ImGui::TextColored(ImVec4(0.4f, 0.7f, 1, 1), "ALERT at %s: negative mentions above %.0f per hour",
                       ClockLabel(m.alert_tick(), s.tick_seconds()).c_str(), m.alert_threshold());
  else
    ImGui::TextDisabled("No alert yet (threshold: %.0f negative mentions per hour)", m.alert_threshold());
  const std::size_t ticks = s.num_ticks();
  ChartSeries mentions{"mentions/h (1 h average)", IM_COL32(255, 170, 60, 255), {}};
  ChartSeries raw{"this tick", IM_COL32(255, 170, 60, 90), {}, 1.0f};
  ChartSeries negative{"negative share (1 h)", IM_COL32(230, 70, 60, 255), {}};
  ChartSeries poll{"trust poll", IM_COL32(80, 200, 110, 255), {}};
  float max_mentions = 10, last_poll = std::nanf("");
  for (std::size_t i = 0; i < m.samples().size(); ++i) {
    const auto& x = m.samples()[i];
    mentions.values.push_back(static_cast<float>(m.SmoothedMentions(i)));
    raw.values.push_back(static_cast<float>(x.mentions_per_hour));
    max_mentions = std::max({max_mentions, mentions.values.back() * 1.2f});
    const double share = m.SmoothedNegativeShare(i);
    negative.values.push_back(std::isnan(share) ? (negative.values.empty() ? 0.f : negative.values.back())
                                                : static_cast<float>(share));
    if (!std::isnan(x.poll_trust)) last_poll = static_cast<float>(x.poll_trust);
    poll.values.push_back(std::isnan(last_poll) ? static_cast<float>(s.simulation().record().series.trust_mean.front())
                                                : last_poll);
  }
  const auto markers = DecisionMarkers(true);
  const float playhead = static_cast<float>(s.ticks_done() == 0 ? 0 : s.ticks_done() - 1);
  float head = playhead;
  DrawTimeline("drilltimeline", ImVec2(size.x - 16, 62), ticks, head, markers, s.tick_seconds());
  const float h = (ImGui::GetContentRegionAvail().y - 12) / 3;
  DrawChart("Estimated crisis mentions per hour", ImVec2(size.x - 16, h), {raw, mentions}, 0, max_mentions, ticks,
            playhead, markers, "%.0f");
  DrawChart("Negative share of sampled mentions", ImVec2(size.x - 16, h), {negative}, 0, 1, ticks, playhead, markers,
            "%.2f");
  DrawChart("Trust in the organization (hourly poll)", ImVec2(size.x - 16, h), {poll}, 0, 1, ticks, playhead,
            markers, "%.2f");
  ImGui::End();
}

void DrillScreen::DrawFacilitator(sf::RenderTarget& target, ImVec2 pos, ImVec2 size) {
  DrillSession& s = controller_.session();
  const Simulation& sim = s.simulation();
  const World& world = sim.world();
  if (!graph_) {
    LayoutGraph g;
    g.agents = world.population.num_agents();
    g.offsets = world.graph.offsets();
    g.followers = world.graph.targets();
    g.community = world.population.community;
    std::vector<AgentId> special;
    for (const auto* list : {&world.organization_accounts, &world.media_accounts, &world.fact_checker_accounts,
                             &world.influencers, &world.bots})
      special.insert(special.end(), list->begin(), list->end());
    std::sort(special.begin(), special.end());
    g.must_show = special;
    LayoutOptions options;
    options.sample = 20000;
    std::vector<std::uint8_t> kind(world.population.kind.size());
    std::vector<std::uint32_t> followers(kind.size());
    for (AgentId v = 0; v < kind.size(); ++v) {
      kind[v] = static_cast<std::uint8_t>(world.population.kind[v]);
      followers[v] = static_cast<std::uint32_t>(world.graph.follower_count(v));
    }
    graph_ = std::make_unique<GraphView>(ComputeLayout(g, options), kind, followers);
  }
  const float chart_h = 170;
  graph_->SetViewport({pos.x, pos.y, size.x, size.y - chart_h - 150});
  AgentView view;
  for (const NarrativeColumns& c : sim.population().narratives)
    view.state.emplace_back(reinterpret_cast<const std::uint8_t*>(c.state.data()), c.state.size());
  view.outrage = sim.population().outrage;
  view.trust = sim.population().trust;
  view.opinion = sim.population().opinion;
  view.removed = sim.population().removed;
  GraphStyle style;
  const auto crisis = CrisisNarratives(sim);
  style.narrative = crisis.empty() ? 0 : crisis.front();
  style.show_cascade = false;
  style.show_edges = true;
  style.playhead = sim.ticks_done();
  style.frame_id = sim.ticks_done();
  graph_->Draw(target, view, style, nullptr, std::nullopt);

  ImGui::SetNextWindowPos(ImVec2(pos.x, pos.y + size.y - chart_h - 150));
  ImGui::SetNextWindowSize(ImVec2(size.x, chart_h + 150));
  ImGui::Begin("##facilitator", nullptr, kPanel);
  const auto& series = sim.record().series;
  ImGui::TextColored(ImVec4(1, 0.75f, 0.3f, 1), "FACILITATOR VIEW: the true state (the trainee does not see this)");
  if (!series.tick.empty()) {
    const std::size_t last = series.tick.size() - 1;
    std::uint64_t reach = 0;
    for (std::uint32_t k : crisis) reach = std::max(reach, series.reach[last * sim.narratives().size() + k]);
    ImGui::Text("mean outrage %.3f   mean trust %.3f   reach %.1f%% of %u agents", series.outrage_mean[last],
                series.trust_mean[last], 100.0 * static_cast<double>(reach) / sim.population().num_agents(),
                sim.population().num_agents());
  }
  float speed = static_cast<float>(controller_.speed());
  ImGui::SetNextItemWidth(220);
  if (ImGui::SliderFloat("speed (x)", &speed, 10, 3600, "%.0fx", ImGuiSliderFlags_Logarithmic)) controller_.SetSpeed(speed);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(150);
  const char* inject_names[kNumInjectTypes];
  for (int i = 0; i < kNumInjectTypes; ++i) inject_names[i] = kInjectTypeNames[static_cast<std::size_t>(i)].data();
  ImGui::Combo("##injecttype", &inject_type_, inject_names, kNumInjectTypes);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90);
  ImGui::InputInt("size", &inject_size_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90);
  ImGui::InputFloat("credibility", &inject_credibility_, 0, 0, "%.2f");
  ImGui::SetNextItemWidth(size.x - 200);
  ImGui::InputText("message##inject", inject_message_, sizeof inject_message_);
  ImGui::SameLine();
  if (ImGui::Button("Fire inject") && !crisis.empty()) {
    InjectSpec inject;
    inject.type = static_cast<InjectType>(inject_type_);
    inject.narrative = static_cast<NarrativeId>(crisis.front());
    inject.size = static_cast<std::uint64_t>(std::max(0, inject_size_));
    inject.credibility = inject_credibility_;
    inject.message = inject_message_;
    SubmitInject(inject);
  }
  const std::size_t ticks = s.num_ticks();
  const auto markers = DecisionMarkers(true);
  const float playhead = static_cast<float>(sim.ticks_done() == 0 ? 0 : sim.ticks_done() - 1);
  DrawChart("true mean outrage and trust", ImVec2(size.x - 16, ImGui::GetContentRegionAvail().y - 4),
            {{"outrage", IM_COL32(240, 120, 40, 255), ToFloat(series.outrage_mean)},
             {"trust", IM_COL32(70, 190, 100, 255), ToFloat(series.trust_mean)}},
            0, 1, ticks, playhead, markers, "%.2f");
  ImGui::End();
}

void DrillScreen::DrawResponsePanel(ImVec2 pos, ImVec2 size) {
  const DrillSession& s = controller_.session();
  const Simulation& sim = s.simulation();
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::Begin("##respond", nullptr, kPanel);
  ImGui::Text("Respond (keys 1-8): takes effect at the next tick");
  ImGui::SetNextItemWidth(size.x - 90);
  ImGui::InputText("message", message_, sizeof message_);
  const auto crisis = CrisisNarratives(sim);
  std::vector<std::string> names = {"all crisis narratives"};
  for (std::uint32_t k : crisis) names.push_back(sim.narratives()[k].id);
  narrative_choice_ = std::clamp(narrative_choice_, 0, static_cast<int>(names.size()) - 1);
  ImGui::SetNextItemWidth(size.x - 90);
  if (ImGui::BeginCombo("target", names[static_cast<std::size_t>(narrative_choice_)].c_str())) {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (ImGui::Selectable(names[i].c_str(), static_cast<int>(i) == narrative_choice_)) narrative_choice_ = static_cast<int>(i);
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(100);
  ImGui::InputInt("partners", &partners_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(100);
  ImGui::SliderFloat("recall", &recall_, 0.05f, 1.0f, "%.2f");
  const bool debunk_ok = HasDebunk(sim);
  const float bw = (size.x - 24) / 2;
  int i = 0;
  for (const ResponseButton& b : kResponses) {
    const bool disabled = b.type == ActionType::kDebunk && !debunk_ok;
    if (disabled) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.4f);
    if (ImGui::Button(b.label, ImVec2(bw, 30)) && !disabled) SubmitDecision(FromPanel(b.type));
    if (disabled) {
      ImGui::PopStyleVar();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("this scenario has no debunk narrative");
    }
    if (++i % 2 == 1) ImGui::SameLine();
  }
  ImGui::Separator();
  ImGui::Text("Decision log");
  ImGui::BeginChild("log", ImVec2(0, (ImGui::GetContentRegionAvail().y) * 0.5f), true);
  for (const ActionSpec& a : s.decisions())
    ImGui::TextWrapped("%s  %s  %s", ClockLabel(a.at == 0 ? kNever : a.at - 1, s.tick_seconds()).c_str(),
                       Name(a.type).c_str(), a.message.c_str());
  if (s.decisions().empty()) ImGui::TextDisabled("no decision yet: silence is a decision too");
  ImGui::EndChild();
  ImGui::Text("News and events");
  ImGui::BeginChild("news", ImVec2(0, 0), true);
  for (const NewsItem& n : controller_.news())
    ImGui::TextWrapped("%s  %s%s%s", ClockLabel(n.tick == 0 ? kNever : n.tick - 1, s.tick_seconds()).c_str(), n.title.c_str(),
                       n.message.empty() ? "" : ": ", n.message.c_str());
  if (s.monitoring().alert_tick() != kNever)
    ImGui::TextColored(ImVec4(0.4f, 0.7f, 1, 1), "%s  social listening alert",
                       ClockLabel(s.monitoring().alert_tick(), s.tick_seconds()).c_str());
  ImGui::EndChild();
  ImGui::End();
}

void DrillScreen::DrawNewsPopup(sf::Vector2u size) {
  const auto& pending = controller_.pending();
  if (!pending) return;
  ImGui::SetNextWindowPos(ImVec2(static_cast<float>(size.x) / 2, static_cast<float>(size.y) / 3), 0, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(520, 0));
  ImGui::Begin("Breaking", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoResize | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::TextColored(ImVec4(1, 0.45f, 0.35f, 1), "%s  %s",
                     ClockLabel(pending->tick == 0 ? kNever : pending->tick - 1, controller_.session().tick_seconds()).c_str(), pending->title.c_str());
  ImGui::TextWrapped("%s", pending->message.empty() ? "(no message)" : pending->message.c_str());
  ImGui::Spacing();
  ImGui::TextDisabled("The drill is paused. You may respond now.");
  if (ImGui::Button("Continue (Enter)")) controller_.Dismiss();
  ImGui::End();
}

void DrillScreen::StartDebrief(int replicates) {
  if (debrief_started_ || debrief_ready_) return;
  debrief_started_ = true;
  DrillSession& session = controller_.session();
  worker_ = std::thread([this, &session, replicates] {
    try {
      outcome_ = FinishDrill(session, replicates, [this](int done, int total) {
        progress_total_ = total;
        progress_done_ = done;
      });
      saved_to_ = session.output();
    } catch (const std::exception& e) {
      error_ = e.what();
    }
    debrief_ready_ = true;
  });
}

void DrillScreen::ShowDebrief(DrillOutcome outcome, std::string saved_to) {
  outcome_ = std::move(outcome);
  saved_to_ = std::move(saved_to);
  debrief_ready_ = true;
}

void DrillScreen::DrawDebrief(sf::Vector2u size) {
  const auto W = static_cast<float>(size.x), H = static_cast<float>(size.y);
  const DrillSession& s = controller_.session();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(W, H));
  ImGui::Begin("##debrief", nullptr, kPanel);
  ImGui::Text("DEBRIEF  %s", s.scenario().name.c_str());
  if (!debrief_ready_) {
    ImGui::Text("Playing the baselines: %d of %d runs...", progress_done_.load(), progress_total_.load());
    ImGui::ProgressBar(static_cast<float>(progress_done_) / static_cast<float>(std::max(1, progress_total_.load())));
    ImGui::End();
    return;
  }
  if (!error_.empty()) ImGui::TextColored(ImVec4(1, 0.3f, 0.3f, 1), "error: %s", error_.c_str());
  ImGui::TextDisabled("%u ticks played (%s), %zu decisions; baselines: %d runs each (seeds %llu..), same injects",
                      s.ticks_done(), ClockLabel(s.ticks_done() - 1, s.tick_seconds()).c_str(), s.decisions().size(),
                      outcome_.replicates, static_cast<unsigned long long>(s.scenario().run.seed));
  const OutcomeStats* best = outcome_.best >= 0 ? &outcome_.playbooks[static_cast<std::size_t>(outcome_.best)] : nullptr;
  std::vector<const OutcomeStats*> rows = {&outcome_.trainee, &outcome_.no_response};
  if (best) rows.push_back(best);
  for (const OutcomeStats& p : outcome_.playbooks)
    if (&p != best) rows.push_back(&p);
  if (ImGui::BeginTable("outcomes", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg, ImVec2(W * 0.62f, 0))) {
    ImGui::TableSetupColumn("response");
    ImGui::TableSetupColumn("peak outrage (lower is better)");
    ImGui::TableSetupColumn("final trust (higher)");
    ImGui::TableSetupColumn("reach (lower)");
    ImGui::TableSetupColumn("score");
    ImGui::TableHeadersRow();
    for (const OutcomeStats* o : rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const std::string label = o == &outcome_.trainee ? "YOU (trainee)"
                                : o == &outcome_.no_response ? "no response (baseline)"
                                : o == best ? "best playbook: " + o->name
                                            : "playbook: " + o->name;
      if (o == &outcome_.trainee) ImGui::TextColored(ImVec4(0.5f, 0.95f, 0.8f, 1), "%s", label.c_str());
      else ImGui::TextUnformatted(label.c_str());
      const auto cell = [&](double mean, double lo, double hi, bool pct) {
        ImGui::TableNextColumn();
        const double k = pct ? 100 : 1;
        if (o->runs > 1) ImGui::Text(pct ? "%.1f%%  [%.1f-%.1f]" : "%.3f  [%.3f-%.3f]", mean * k, lo * k, hi * k);
        else ImGui::Text(pct ? "%.1f%%" : "%.3f", mean * k);
      };
      cell(o->peak_outrage, o->peak_outrage_min, o->peak_outrage_max, false);
      cell(o->final_trust, o->final_trust_min, o->final_trust_max, false);
      cell(o->reach_share, o->reach_share_min, o->reach_share_max, true);
      ImGui::TableNextColumn();
      ImGui::Text("%.3f", o->score());
    }
    ImGui::EndTable();
  }
  // Verdict.
  const double you = outcome_.trainee.score();
  std::string verdict = "score = peak outrage + reach - final trust (lower is better). ";
  verdict += you < outcome_.no_response.score() ? "You did better than doing nothing"
                                                 : "Doing nothing would have done at least as well";
  if (best) verdict += you <= best->score() ? ", and as well as or better than the best playbook (" + best->name + ")."
                                            : ", but not as well as the best playbook (" + best->name + ").";
  else verdict += ".";
  ImGui::PushTextWrapPos(W * 0.62f);
  ImGui::TextWrapped("%s", verdict.c_str());
  ImGui::PopTextWrapPos();
  ImGui::Text("Saved: %s   (replay it: firestorm-view %s)", saved_to_.c_str(), saved_to_.c_str());

  const std::size_t ticks = s.ticks_done();
  const auto markers = DecisionMarkers(true);
  const float chart_w = W * 0.62f - 8;
  const float chart_h = (ImGui::GetContentRegionAvail().y - 8) / 2;
  const ImVec2 charts_at = ImGui::GetCursorPos();
  const auto curves = [&](bool outrage) {
    std::vector<ChartSeries> out;
    out.push_back({"you", IM_COL32(120, 240, 200, 255), ToFloat(outrage ? outcome_.trainee.outrage_curve : outcome_.trainee.trust_curve), 2.5f});
    out.push_back({"no response", IM_COL32(200, 90, 80, 255), ToFloat(outrage ? outcome_.no_response.outrage_curve : outcome_.no_response.trust_curve)});
    if (best) out.push_back({best->name, IM_COL32(150, 160, 255, 255), ToFloat(outrage ? best->outrage_curve : best->trust_curve)});
    return out;
  };
  const float end = static_cast<float>(ticks > 0 ? ticks - 1 : 0);
  DrawChart("mean outrage", ImVec2(chart_w, chart_h), curves(true), 0, 1, ticks, end, markers, "%.2f");
  DrawChart("mean trust", ImVec2(chart_w, chart_h), curves(false), 0, 1, ticks, end, markers, "%.2f");
  ImGui::SetCursorPos(ImVec2(W * 0.62f + 12, charts_at.y - 120));
  ImGui::BeginChild("decisions", ImVec2(W * 0.38f - 24, H - charts_at.y + 110), true);
  ImGui::Text("Decision log (on the timeline in green)");
  for (const ActionSpec& a : s.decisions())
    ImGui::TextWrapped("%s  %s  %s", ClockLabel(a.at == 0 ? kNever : a.at - 1, s.tick_seconds()).c_str(),
                       Name(a.type).c_str(), a.message.c_str());
  if (s.decisions().empty()) ImGui::TextDisabled("(no decision)");
  ImGui::Separator();
  ImGui::Text("News during the drill");
  for (const NewsItem& n : controller_.news())
    ImGui::TextWrapped("%s  %s%s%s", ClockLabel(n.tick == 0 ? kNever : n.tick - 1, s.tick_seconds()).c_str(), n.title.c_str(),
                       n.message.empty() ? "" : ": ", n.message.c_str());
  ImGui::EndChild();
  ImGui::End();
}

void DrillScreen::HandleEvent(const sf::Event& e, bool imgui_wants_keyboard) {
  if (e.type != sf::Event::KeyPressed || imgui_wants_keyboard) return;
  using K = sf::Keyboard;
  if (debrief_started_ || debrief_ready_) {
    if (debrief_ready_ && (e.key.code == K::Escape || e.key.code == K::Q)) quit_ = true;
    return;
  }
  switch (e.key.code) {
    case K::Space: controller_.SetPaused(!controller_.paused()); return;
    case K::Enter: controller_.Dismiss(); return;
    case K::F2: facilitator_ = !facilitator_; return;
    case K::F10: controller_.EndEarly(); return;
    case K::Add:
    case K::Equal: controller_.SetSpeed(std::min(36000.0, controller_.speed() * 2)); return;
    case K::Subtract:
    case K::Hyphen: controller_.SetSpeed(std::max(1.0, controller_.speed() / 2)); return;
    default: break;
  }
  const Simulation& sim = controller_.session().simulation();
  for (const ResponseButton& b : kResponses)
    if (e.key.code == b.key) {
      if (b.type == ActionType::kDebunk && !HasDebunk(sim)) return;
      SubmitDecision(FromPanel(b.type));
    }
}

ActionSpec DrillScreen::FromPanel(ActionType type) const {
  const auto crisis = CrisisNarratives(controller_.session().simulation());
  ActionSpec a;
  a.type = type;
  a.message = message_;
  a.narrative = narrative_choice_ <= 0 || static_cast<std::size_t>(narrative_choice_) > crisis.size()
                    ? kAllNarratives
                    : static_cast<NarrativeId>(crisis[static_cast<std::size_t>(narrative_choice_ - 1)]);
  a.partners = static_cast<std::uint32_t>(std::max(1, partners_));
  a.recall = recall_;
  return a;
}

}  // namespace firestorm::viz
