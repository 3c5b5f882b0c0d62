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
    for (const SeenPost& p : list) readers.push_back(DeliveryBuffers::Reader(block, p));
  std::sort(readers.begin(), readers.end());
  return readers;
}

// A record for `reader`, filed in the list of the reader's block.
void File(DeliveryBuffers::Lists& lists, AgentId reader) {
  lists[reader >> DeliveryBuffers::kBlockShift].push_back({DeliveryBuffers::Target(0, reader), 1, 0.0f});
}

constexpr AgentId kBlock = AgentId{1} << DeliveryBuffers::kBlockShift;

TEST(DeliveryBuffers, ARecordKeepsItsReaderNarrativeAndKind) {
  for (const AgentId reader : {AgentId{0}, kBlock - 1, kBlock, 5 * kBlock + 77, AgentId{0xFFFFFFFE}})
    for (const int n : {0, 1, 255})
      for (const int kind : {0, 5, 7}) {
        const SeenPost p{DeliveryBuffers::Target(DeliveryBuffers::Tag(static_cast<NarrativeId>(n), kind), reader), 3, 0.5f};
        EXPECT_EQ(DeliveryBuffers::Reader(reader >> DeliveryBuffers::kBlockShift, p), reader);
        EXPECT_EQ(DeliveryBuffers::Narrative(p), n);
        EXPECT_EQ(DeliveryBuffers::Kind(p), kind);
      }
}

TEST(DeliveryBuffers, ARoundHoldsOnlyItsOwnRecords) {
  DeliveryBuffers buffers;
  buffers.BeginRound(3);
  File(buffers.Local(), kBlock + 7);
  File(buffers.Local(), 2 * kBlock + 9);
  buffers.Seal();
  EXPECT_EQ(ReadersOf(buffers, 0), std::vector<AgentId>{});
  EXPECT_EQ(ReadersOf(buffers, 1), std::vector<AgentId>{kBlock + 7});
  EXPECT_EQ(ReadersOf(buffers, 2), std::vector<AgentId>{2 * kBlock + 9});

  // A round in which this thread files nothing: its lists still hold the old records, but
  // the index must not show them.
  buffers.BeginRound(3);
  buffers.Seal();
  for (std::size_t b = 0; b < 3; ++b) EXPECT_TRUE(ReadersOf(buffers, b).empty()) << "block " << b;

  // Filing again empties the thread's lists first.
  buffers.BeginRound(3);
  File(buffers.Local(), kBlock + 8);
  buffers.Seal();
  EXPECT_EQ(ReadersOf(buffers, 1), std::vector<AgentId>{kBlock + 8});
  EXPECT_TRUE(ReadersOf(buffers, 2).empty());
}

TEST(DeliveryBuffers, EveryThreadsRecordsAreIndexedOnce) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 4);
  DeliveryBuffers buffers;
  constexpr AgentId kRecords = 20000;
  constexpr std::size_t kBlocks = 3 * kRecords / kBlock + 1;
  for (int round = 0; round < 3; ++round) {
    buffers.BeginRound(kBlocks);
    const AgentId offset = static_cast<AgentId>(round) * kRecords;
    tbb::parallel_for(AgentId{0}, kRecords, [&](AgentId i) {
      File(buffers.Local(), offset + i);
    });
    buffers.Seal();
    for (std::size_t b = 0; b < kBlocks; ++b) {
      std::vector<AgentId> expected;
      for (AgentId i = 0; i < kRecords; ++i)
        if ((offset + i) >> DeliveryBuffers::kBlockShift == b) expected.push_back(offset + i);
      EXPECT_EQ(ReadersOf(buffers, b), expected) << "round " << round << " block " << b;
    }
  }
}

TEST(DeliveryBuffers, CopiesAndAssignmentsStartEmpty) {
  DeliveryBuffers buffers;
  buffers.BeginRound(2);
  File(buffers.Local(), 1);
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
