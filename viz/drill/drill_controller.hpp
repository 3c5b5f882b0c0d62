// The drill's clock: plays the session's ticks at the chosen speed (simulated seconds per
// real second), pauses on the scenario's injects to show their message, and lets the
// facilitator pause, change speed and fire injects. No window code: the live window drives
// it with real frame times, the tests with any times they like; decisions and injects go to
// the same DrillSession calls either way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "viz/drill/drill_session.hpp"

namespace firestorm::viz {

class DrillController {
 public:
  DrillController(DrillSession& session, double speed);

  // Plays the ticks that `real_seconds` buys at the current speed (at most `max_ticks`).
  void Advance(double real_seconds, int max_ticks = 60);
  void PlayOneTick();

  void Decide(ActionSpec action) { session_.Decide(std::move(action)); }
  void FireInject(InjectSpec inject);

  bool paused() const { return paused_ || pending_.has_value(); }
  void SetPaused(bool paused) { paused_ = paused; }
  double speed() const { return speed_; }
  void SetSpeed(double speed) { speed_ = speed; }
  // Never plays tick `t` or later until told otherwise (kNever = no hold).
  void HoldAt(Tick t) { hold_ = t; }
  void EndEarly() { ended_ = true; }
  bool finished() const { return ended_ || session_.done(); }

  const std::vector<NewsItem>& news() const { return session_.news(); }
  const std::optional<NewsItem>& pending() const { return pending_; }  // shown, drill paused
  void Dismiss() { pending_.reset(); }

  DrillSession& session() { return session_; }

 private:
  DrillSession& session_;
  double speed_;
  double budget_ticks_ = 0;
  bool paused_ = false, ended_ = false;
  Tick hold_ = kNever;
  std::optional<NewsItem> pending_;
};

}  // namespace firestorm::viz
