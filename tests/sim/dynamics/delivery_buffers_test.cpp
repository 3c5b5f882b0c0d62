// DeliveryBuffers: a round's index holds exactly the records filed in that round, whichever
// threads filed them, and nothing left over from earlier rounds.
#include "sim/dynamics/delivery_buffers.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace firestorm {
namespace {

std::vector<AgentId> ReadersOf(const DeliveryBuffers& buffers, std::size_t block) {
  std::vector<AgentId> readers;
  for (const std::span<const SeenPost> list : buffers.Block(block))
    for (const SeenPost& p : list) readers.push_back(p.reader);
  std::sort(readers.begin(), readers.end());
  return readers;
}

TEST(DeliveryBuffers, ARoundHoldsOnlyItsOwnRecords) {
  DeliveryBuffers buffers;
  buffers.BeginRound(3);
  buffers.Local()[1].push_back({7, 1, 0, 0.0f});
  buffers.Local()[2].push_back({9, 1, 0, 0.0f});
  buffers.Seal();
  EXPECT_EQ(ReadersOf(buffers, 0), std::vector<AgentId>{});
  EXPECT_EQ(ReadersOf(buffers, 1), std::vector<AgentId>{7});
  EXPECT_EQ(ReadersOf(buffers, 2), std::vector<AgentId>{9});

  // A round in which this thread files nothing: its lists still hold the old records, but
  // the index must not show them.
  buffers.BeginRound(3);
  buffers.Seal();
  for (std::size_t b = 0; b < 3; ++b) EXPECT_TRUE(ReadersOf(buffers, b).empty()) << "block " << b;

  // Filing again empties the thread's lists first.
  buffers.BeginRound(3);
  buffers.Local()[1].push_back({8, 1, 0, 0.0f});
  buffers.Seal();
  EXPECT_EQ(ReadersOf(buffers, 1), std::vector<AgentId>{8});
  EXPECT_TRUE(ReadersOf(buffers, 2).empty());
}

TEST(DeliveryBuffers, EveryThreadsRecordsAreIndexedOnce) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 4);
  DeliveryBuffers buffers;
  constexpr std::size_t kBlocks = 5;
  constexpr AgentId kRecords = 20000;
  for (int round = 0; round < 3; ++round) {
    buffers.BeginRound(kBlocks);
    const AgentId offset = static_cast<AgentId>(round) * kRecords;
    tbb::parallel_for(AgentId{0}, kRecords, [&](AgentId i) {
      buffers.Local()[i % kBlocks].push_back({offset + i, 0, 0, 0.0f});
    });
    buffers.Seal();
    for (std::size_t b = 0; b < kBlocks; ++b) {
      std::vector<AgentId> expected;
      for (AgentId i = static_cast<AgentId>(b); i < kRecords; i += kBlocks) expected.push_back(offset + i);
      EXPECT_EQ(ReadersOf(buffers, b), expected) << "round " << round << " block " << b;
    }
  }
}

TEST(DeliveryBuffers, CopiesAndAssignmentsStartEmpty) {
  DeliveryBuffers buffers;
  buffers.BeginRound(2);
  buffers.Local()[0].push_back({1, 0, 0, 0.0f});
  buffers.Seal();
  DeliveryBuffers copy(buffers);
  copy.BeginRound(2);
  copy.Seal();
  EXPECT_TRUE(ReadersOf(copy, 0).empty());
  buffers = copy;
  EXPECT_TRUE(buffers.Block(0).empty());
}

}  // namespace
}  // namespace firestorm
