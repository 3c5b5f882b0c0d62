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
// (u, rank of v in u's row / 4)[rank % 4]: one Philox block per 4 edges. An edge whose word is
// below floor((1 - beta)^D_u 2^32) cannot transmit (one comparison); for the others T_uv is the
// smallest k with word >= floor((1 - beta)^k 2^32), a binary search in a table of those
// thresholds, so P(T > k) = (1 - beta)^k up to 2^-32 and no logarithm is taken (the table is
// replaced by T = ceil(log U / log(1 - beta)) only for beta so small that it would be huge).
// Transmissions are queued and their atomic minima applied a batch later, after prefetching
// the followers' words, so that the cache misses overlap.
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>

#include <atomic>
#include <cmath>

#include "sim/classic/classic_common.hpp"
#include "sim/core/prefetch.hpp"

namespace firestorm {
namespace {

using classic::ClassicDraw;

enum Compartment : std::uint8_t { kS = 0, kI = 1, kR = 2 };

// A transmission found by the push, applied a batch later so that its cache miss (the
// follower's infection tick, a random word in a large array) overlaps with other work.
struct Proposal {
  Tick when;
  AgentId follower;
};

// What each thread collects during a tick.
struct ThreadLog {
  std::vector<Proposal> proposals;
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
        keep_word_(KeepWords(std::clamp(spec.beta, 0.0, 1.0))),
        use_table_(keep_word_.back() == 0),
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
    row_begin_.resize(f);
    period_.resize(f);
    std::atomic<std::uint64_t> activated{0};
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, f, 1024),
                      [&](const tbb::blocked_range<std::size_t>& r) {
      ThreadLog& log = logs_.local();
      std::uint64_t mine = 0;
      constexpr std::size_t kAhead = 16;
      for (std::size_t i = r.begin(); i != r.end(); ++i) {
        if (i + kAhead < r.end()) {
          RequestLine(&infected_at_[frontier_[i + kAhead]]);
          RequestLine(&g_.offsets[frontier_[i + kAhead]]);
        }
        const AgentId v = frontier_[i];
        if (Load(v) != t) {  // filed earlier for a later tick, then lowered: not its bucket
          degree_[i] = 0;
          continue;
        }
        ++mine;
        const Tick d = InfectiousTicks(v);
        period_[i] = d;
        row_begin_[i] = g_.offsets[v];
        degree_[i] = g_.offsets[v + 1] - row_begin_[i];
        if (d != kNever && std::uint64_t{t} + d <= max_ticks_) log.Recover(t + d);
        if (d != kNever && std::uint64_t{t} + d > max_ticks_) log.beyond_horizon = true;
      }
      activated.fetch_add(mine, std::memory_order_relaxed);
    });
    if (activated.load() > 0) last_activation_ = t;
    edge_visits_ += classic::ForEachFrontierEdge(
        g_.targets, row_begin_, degree_,
        [&](std::size_t i, EdgeIndex first, EdgeIndex last) {
          Push(t, frontier_[i], row_begin_[i], period_[i], first, last);
        },
        [&] { Apply(logs_.local()); });
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

  // Edges [first, last) of u's row (which starts at `row`); u was infected at t and stays
  // infectious for d ticks. Finds the edges that transmit and queues them (see Apply).
  void Push(Tick t, AgentId u, EdgeIndex row, Tick d, EdgeIndex first, EdgeIndex last) {
    if (beta_ <= 0) return;
    ThreadLog& log = logs_.local();
    // Longest delay that still transmits: d, capped by max_ticks. With a complete table
    // (beta not tiny) every delay is at most its last index, so the cap changes nothing.
    const std::uint64_t reach =
        std::min<std::uint64_t>(d, max_ticks_ - std::min<std::uint64_t>(max_ticks_, t));
    const std::uint64_t last_index = keep_word_.size() - 1;
    const auto table_reach = static_cast<Tick>(std::min(reach, last_index));
    const std::uint32_t transmits_from = use_table_ ? keep_word_[table_reach] : 0;
    classic::Words words{};
    EdgeIndex block = ~EdgeIndex{0};
    for (EdgeIndex e = first; e < last; ++e) {
      const EdgeIndex rank = e - row;
      if ((rank >> 2) != block) {
        block = rank >> 2;
        words = classic::Draw(seed_, ClassicDraw::kTransmission, u, static_cast<std::uint32_t>(block), 0);
      }
      const std::uint32_t word = words[rank & 3];
      if (word < transmits_from || reach == 0) continue;  // T > reach: no transmission
      const Tick delay = use_table_ ? DelayByTable(word, table_reach) : DelayByLog(word);
      if (delay > reach) continue;
      const AgentId v = g_.targets[e];
      RequestLineForWrite(&infected_at_[v]);
      log.proposals.push_back({t + delay, v});
      if (log.proposals.size() >= kProposalBatch) Apply(log);
    }
  }

  // T = the smallest k >= 1 with word >= keep_word_[k], for a word known to give T <= reach:
  // P(T > k) = keep_word_[k] / 2^32 = (1 - beta)^k up to 2^-32 (a binary search in the table,
  // which is non-increasing, instead of a logarithm).
  Tick DelayByTable(std::uint32_t word, Tick reach) const {
    const std::uint32_t* first = keep_word_.data() + 1;
    const std::uint32_t* found = std::partition_point(
        first, first + reach, [word](std::uint32_t keep) { return word < keep; });
    return static_cast<Tick>(found - keep_word_.data());
  }
  // The same law when the table would be too long (tiny beta): T = ceil(log U / log(1 - beta)).
  Tick DelayByLog(std::uint32_t word) const {
    return classic::Geometric(word, beta_, log_keep_);
  }

  // keep_word_[k] = floor((1 - beta)^k 2^32), k = 0 .. until it reaches 0 or kMaxTable.
  static std::vector<std::uint32_t> KeepWords(double beta) {
    constexpr std::size_t kMaxTable = 1 << 14;
    std::vector<std::uint32_t> table;
    double keep = 1.0;
    for (std::size_t k = 0; k < kMaxTable; ++k) {
      const double words = std::floor(keep * 4294967296.0);
      table.push_back(words >= 4294967295.0 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(words));
      if (table.back() == 0) break;
      keep = std::pow(1.0 - beta, static_cast<double>(k + 1));
    }
    return table;
  }

  // Lowers each proposed follower's infection tick (an atomic minimum) and files the follower
  // in that tick's bucket when the proposal won.
  void Apply(ThreadLog& log) {
    for (const Proposal& p : log.proposals) {
      std::atomic_ref<Tick> slot(infected_at_[p.follower]);
      Tick seen = slot.load(std::memory_order_relaxed);
      while (p.when < seen) {
        if (slot.compare_exchange_weak(seen, p.when, std::memory_order_relaxed)) {
          log.File(p.when, p.follower);
          break;
        }
      }
    }
    log.proposals.clear();
  }

  static constexpr std::size_t kProposalBatch = 64;

  const GraphView& g_;
  std::uint64_t seed_;
  double beta_, gamma_, log_keep_, log_stay_;
  std::uint64_t max_ticks_;
  std::vector<std::uint32_t> keep_word_;
  bool use_table_;  // the table reaches 0, so it gives every delay
  HugeArray<Tick> infected_at_;
  tbb::enumerable_thread_specific<ThreadLog> logs_;
  std::vector<AgentId> frontier_;
  std::vector<EdgeIndex> row_begin_, degree_;
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
      classic::InitialAgents(n, spec, seed, options);
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
    if (t >= spec.max_ticks || !run.Pending()) break;
    ++t;
  }
  if (!stopped && !run.Pending()) {
    // No infection left to happen: only recoveries, already counted per tick. The run ends at
    // the last change (or at max_ticks when a recovery falls beyond it), not at the tick the
    // loop stopped: the loop also plays the buckets of stale filings (an agent filed for a
    // tick, then lowered to an earlier one), and which filings go stale depends on the
    // schedule, so ending there would make the length depend on the thread count.
    const Tick end = run.BeyondHorizon() ? static_cast<Tick>(spec.max_ticks) : run.LastEvent();
    newly.resize(std::size_t{end} + 1, 0);
    t = end;
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
