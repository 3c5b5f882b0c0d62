// SIR, SI and independent cascade in discrete time, event-driven: one random word per edge for
// the whole epidemic.
//
// Law (graph-tool's SIRState with iterate_sync, Kermack & McKendrick 1927 on a network): in
// tick t a susceptible agent with k infected followees becomes infected with probability
// 1 - (1 - beta)^k, and every agent infected at the start of tick t recovers with probability
// gamma at its end (it still transmits during that tick). SI is gamma = 0; the independent
// cascade (Kempe, Kleinberg & Tardos 2003) is gamma = 1: a newly active agent has exactly one
// tick, its next, to activate each follower, with probability beta.
//
// Approach. Per tick, the k infected followees act through independent beta-coins, so the
// whole run is the same random process as: agent u infected at tick a_u stays infectious for
// D_u ~ Geometric(gamma) ticks (P(D = d) = (1-gamma)^(d-1) gamma, d >= 1), and each edge
// u -> v carries T_uv ~ Geometric(beta), the first tick of u's infectious period at which
// u's coin for v would succeed. The edge transmits iff T_uv <= D_u, at tick a_u + T_uv, and v
// is infected at the earliest such tick over its followees:
//   a_v = min over infected followees u with T_uv <= D_u of (a_u + T_uv).
// Coins after v's infection, or after u's recovery, change nothing, so drawing T_uv once per
// edge reproduces the tick-by-tick law exactly in distribution (a coupling of the two).
// This is a shortest-path computation with integer times, run as a bucket queue
// (Dijkstra with buckets, as in Meyer & Sanders' delta-stepping with delta = 1): tick t
// takes the agents whose a_v = t (bucket t), draws their D, and pushes from them.
//
// Parallel and deterministic. a_v lives in one atomic word per agent; a push proposes
// a_u + T_uv with an atomic minimum and, only when it lowers the word, files v in the bucket
// of that tick (thread-local lists). The final a_v is a minimum of keyed draws, hence the
// same for any schedule; an agent is filed at most once per value and is taken from bucket t
// only if a_v is still t, so each agent is activated exactly once. The push is split by
// edges, not agents, so a hub's row is shared by threads. T_uv comes from the word
// (u, rank of v in u's row / 4)[rank % 4]: one Philox block per 4 edges, and the logarithm
// is taken only for edges that pass a cheap test against (1 - beta)^D_u.
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>

#include <atomic>
#include <cmath>

#include "sim/classic/classic_common.hpp"

namespace firestorm {
namespace {

using classic::ClassicDraw;

enum Compartment : std::uint8_t { kS = 0, kI = 1, kR = 2 };

// What each thread collects during a tick.
struct ThreadLog {
  std::vector<std::vector<AgentId>> bucket;  // bucket[t]: agents whose a_v was lowered to t
  std::vector<std::uint64_t> recoveries;     // recoveries[t]: agents recovering at end of tick t
  std::uint64_t filed = 0;
  Tick last_event = 0;
  bool beyond_horizon = false;  // an agent recovers only after max_ticks
  void File(Tick t, AgentId v) {
    if (t >= bucket.size()) bucket.resize(std::size_t{t} + 1);
    bucket[t].push_back(v);
    ++filed;
  }
  void Recover(Tick t) {
    if (t >= recoveries.size()) recoveries.resize(std::size_t{t} + 1, 0);
    ++recoveries[t];
    last_event = std::max(last_event, t);
  }
};

class SirRun {
 public:
  SirRun(const GraphView& graph, const ClassicModelSpec& spec, std::uint64_t seed)
      : g_(graph),
        seed_(seed),
        beta_(spec.beta),
        gamma_(spec.gamma),
        log_keep_(std::log1p(-std::min(spec.beta, 1.0))),
        log_stay_(std::log1p(-std::min(spec.gamma, 1.0))),
        max_ticks_(spec.max_ticks),
        infected_at_(graph.num_agents) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, g_.num_agents, 1 << 16),
                      [&](const tbb::blocked_range<std::size_t>& r) {
      std::fill(infected_at_.data() + r.begin(), infected_at_.data() + r.end(), kNever);
    });
  }

  // D_v, the ticks agent v stays infectious (kNever when gamma = 0).
  Tick InfectiousTicks(AgentId v) const {
    const classic::Words w = classic::Draw(seed_, ClassicDraw::kRecovery, v, 0, 0);
    return classic::Geometric(w[0], gamma_, log_stay_);
  }

  void Seed(std::span<const AgentId> seeds) {
    for (AgentId v : seeds) {
      infected_at_[v] = 0;
      logs_.local().File(0, v);
    }
  }

  // Plays tick t: activates bucket t and pushes from it. Returns the number activated.
  std::uint64_t Step(Tick t) {
    frontier_.clear();
    for (ThreadLog& log : logs_) {
      if (t < log.bucket.size()) {
        frontier_.insert(frontier_.end(), log.bucket[t].begin(), log.bucket[t].end());
        std::vector<AgentId>().swap(log.bucket[t]);
      }
    }
    taken_ += frontier_.size();
    const std::size_t f = frontier_.size();
    degree_.resize(f);
    period_.resize(f);
    std::atomic<std::uint64_t> activated{0};
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, f, 1024),
                      [&](const tbb::blocked_range<std::size_t>& r) {
      ThreadLog& log = logs_.local();
      std::uint64_t mine = 0;
      for (std::size_t i = r.begin(); i != r.end(); ++i) {
        const AgentId v = frontier_[i];
        if (Load(v) != t) {  // filed earlier for a later tick, then lowered: not its bucket
          degree_[i] = 0;
          continue;
        }
        ++mine;
        const Tick d = InfectiousTicks(v);
        period_[i] = d;
        degree_[i] = g_.follower_count(v);
        if (d != kNever && std::uint64_t{t} + d <= max_ticks_) log.Recover(t + d);
        if (d != kNever && std::uint64_t{t} + d > max_ticks_) log.beyond_horizon = true;
      }
      activated.fetch_add(mine, std::memory_order_relaxed);
    });
    if (activated.load() > 0) last_activation_ = t;
    edge_visits_ += classic::ForEachFrontierEdge(
        g_, frontier_, degree_, [&](std::size_t i, EdgeIndex first, EdgeIndex last) {
          Push(t, frontier_[i], period_[i], first, last);
        });
    return activated.load();
  }

  // Whether any agent is filed for a tick not played yet.
  bool Pending() const {
    std::uint64_t filed = 0;
    for (const ThreadLog& log : logs_) filed += log.filed;
    return filed > taken_;
  }
  // Whether an infected agent recovers only after max_ticks.
  bool BeyondHorizon() const {
    for (const ThreadLog& log : logs_)
      if (log.beyond_horizon) return true;
    return false;
  }
  Tick LastEvent() const {
    Tick last = last_activation_;
    for (const ThreadLog& log : logs_) last = std::max(last, log.last_event);
    return last;
  }
  std::uint64_t RecoveriesAt(Tick t) const {
    std::uint64_t sum = 0;
    for (const ThreadLog& log : logs_) sum += t < log.recoveries.size() ? log.recoveries[t] : 0;
    return sum;
  }
  Tick InfectedAt(AgentId v) const { return infected_at_[v]; }
  std::uint64_t edge_visits() const { return edge_visits_; }

 private:
  Tick Load(AgentId v) {
    return std::atomic_ref<Tick>(infected_at_[v]).load(std::memory_order_relaxed);
  }

  // Edges [first, last) of u's row; u was infected at t and stays infectious for d ticks.
  void Push(Tick t, AgentId u, Tick d, EdgeIndex first, EdgeIndex last) {
    ThreadLog& log = logs_.local();
    const EdgeIndex row = g_.offsets[u];
    // Words below `surely_late` give T > d without a logarithm: U < (1 - beta)^d means no
    // success within d tries. The margin of 2 words keeps the test exact under rounding.
    const double keep_all = d == kNever ? 0.0 : std::exp(static_cast<double>(d) * log_keep_);
    const double late_words = std::floor(keep_all * 4294967296.0) - 2.0;
    const std::uint32_t surely_late =
        late_words <= 0 ? 0u : static_cast<std::uint32_t>(std::min(late_words, 4294967295.0));
    const Tick horizon = static_cast<Tick>(std::min<std::uint64_t>(
        max_ticks_, d == kNever ? kNever - 1 : std::uint64_t{t} + d));
    classic::Words words{};
    EdgeIndex block = ~EdgeIndex{0};
    constexpr EdgeIndex kAhead = 16;
    for (EdgeIndex e = first; e < last; ++e) {
      if (e + kAhead < last) __builtin_prefetch(&infected_at_[g_.targets[e + kAhead]]);
      const EdgeIndex rank = e - row;
      if ((rank >> 2) != block) {
        block = rank >> 2;
        words = classic::Draw(seed_, ClassicDraw::kTransmission, u, static_cast<std::uint32_t>(block), 0);
      }
      const std::uint32_t word = words[rank & 3];
      if (word < surely_late) continue;
      const Tick delay = classic::Geometric(word, beta_, log_keep_);
      if (delay > d || delay == kNever || std::uint64_t{t} + delay > horizon) continue;
      const Tick when = t + delay;
      const AgentId v = g_.targets[e];
      std::atomic_ref<Tick> slot(infected_at_[v]);
      Tick seen = slot.load(std::memory_order_relaxed);
      while (when < seen) {
        if (slot.compare_exchange_weak(seen, when, std::memory_order_relaxed)) {
          log.File(when, v);
          break;
        }
      }
    }
  }

  const GraphView& g_;
  std::uint64_t seed_;
  double beta_, gamma_, log_keep_, log_stay_;
  std::uint64_t max_ticks_;
  HugeArray<Tick> infected_at_;
  tbb::enumerable_thread_specific<ThreadLog> logs_;
  std::vector<AgentId> frontier_;
  std::vector<EdgeIndex> degree_;
  std::vector<Tick> period_;
  Tick last_activation_ = 0;
  std::uint64_t taken_ = 0;
  std::uint64_t edge_visits_ = 0;
};

}  // namespace

ClassicRunResult RunSir(const GraphView& graph, const ClassicModelSpec& spec, std::uint64_t seed,
                        const ClassicRunOptions& options) {
  const AgentId n = graph.num_agents;
  const bool si = spec.kind == ClassicModelKind::kSi;
  const bool cascade = spec.kind == ClassicModelKind::kIndependentCascade;
  ClassicModelSpec law = spec;
  if (si) law.gamma = 0.0;
  if (cascade) law.gamma = 1.0;

  SirRun run(graph, law, seed);
  const std::vector<AgentId> seeds =
      classic::PickSeeds(n, spec.initial_infected, seed, ClassicDraw::kSeeds);
  run.Seed(seeds);

  std::vector<std::uint64_t> newly;  // activations per tick
  Tick t = 0;
  bool stopped = false;
  while (true) {
    newly.push_back(run.Step(t));
    if (options.progress) options.progress(t);
    if (options.stop != nullptr && options.stop->load(std::memory_order_relaxed)) {
      stopped = true;
      break;
    }
    if (t >= spec.max_ticks) break;
    if (!run.Pending()) {
      // No infection left to happen: only recoveries, already counted per tick. Jump to the
      // last of them (or to max_ticks when some fall beyond it).
      const Tick end = run.BeyondHorizon() ? spec.max_ticks : std::max(t, run.LastEvent());
      newly.resize(std::size_t{end} + 1, 0);
      t = end;
      break;
    }
    ++t;
  }
  const Tick ticks = t;

  ClassicRunResult result;
  result.model = std::string(ClassicModelName(spec.kind));
  result.ticks = ticks;
  result.finished = !stopped && !run.Pending() && !run.BeyondHorizon() && run.LastEvent() <= ticks;
  result.edge_visits = run.edge_visits();
  classic::CountTable table(si ? std::vector<std::string>{"S", "I"}
                            : cascade ? std::vector<std::string>{"inactive", "active", "spent"}
                                      : std::vector<std::string>{"S", "I", "R"});
  std::uint64_t ever = 0, recovered = 0;
  for (Tick r = 0; r <= ticks; ++r) {
    ever += newly[r];
    recovered += run.RecoveriesAt(r);
    if (si) {
      table.AddRow(std::array<std::uint64_t, 2>{n - ever, ever});
    } else {
      table.AddRow(std::array<std::uint64_t, 3>{n - ever, ever - recovered, recovered});
    }
  }
  table.MoveInto(result);

  if (options.keep_agent_state) {
    result.final_state.resize(n);
    result.event_tick.resize(n);
    tbb::parallel_for(tbb::blocked_range<AgentId>(0, n, classic::kAgentGrain),
                      [&](const tbb::blocked_range<AgentId>& r) {
      for (AgentId v = r.begin(); v != r.end(); ++v) {
        const Tick a = run.InfectedAt(v);
        const bool infected = a <= ticks;
        result.event_tick[v] = infected ? a : kNever;
        std::uint8_t state = kS;
        if (infected) {
          const Tick d = si ? kNever : run.InfectiousTicks(v);
          state = (d != kNever && std::uint64_t{a} + d <= ticks) ? kR : kI;
        }
        result.final_state[v] = state;
      }
    });
  }
  return result;
}

}  // namespace firestorm
