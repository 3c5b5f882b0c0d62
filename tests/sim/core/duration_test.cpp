#include "sim/core/duration.hpp"

#include <gtest/gtest.h>

namespace firestorm {
namespace {

TEST(ParseDurationSeconds, ReadsEveryUnit) {
  EXPECT_EQ(ParseDurationSeconds("30s"), 30.0);
  EXPECT_EQ(ParseDurationSeconds("15m"), 900.0);
  EXPECT_EQ(ParseDurationSeconds("2h"), 7200.0);
  EXPECT_EQ(ParseDurationSeconds("3d"), 3 * 86400.0);
  EXPECT_EQ(ParseDurationSeconds("1w"), 7 * 86400.0);
}

TEST(ParseDurationSeconds, ReadsCompoundsFractionsAndSpaces) {
  EXPECT_EQ(ParseDurationSeconds("1h30m"), 5400.0);
  EXPECT_EQ(ParseDurationSeconds(" 1d 2h "), 93600.0);
  EXPECT_EQ(ParseDurationSeconds("1.5h"), 5400.0);
  EXPECT_EQ(ParseDurationSeconds("1_000s"), 1000.0);
}

TEST(ParseDurationSeconds, RejectsWhatIsNotADuration) {
  EXPECT_FALSE(ParseDurationSeconds(""));
  EXPECT_FALSE(ParseDurationSeconds("30"));     // a bare number has no unit
  EXPECT_FALSE(ParseDurationSeconds("h"));
  EXPECT_FALSE(ParseDurationSeconds("3 parsecs"));
  EXPECT_FALSE(ParseDurationSeconds("-5m"));
  EXPECT_FALSE(ParseDurationSeconds("1..5h"));
}

TEST(FormatDuration, RoundTripsThroughTheParser) {
  for (double s : {0.0, 59.0, 60.0, 3600.0, 5400.0, 93600.0, 86400.0 * 3 + 61})
    EXPECT_EQ(ParseDurationSeconds(FormatDuration(s)).value_or(-1), s) << FormatDuration(s);
  EXPECT_EQ(FormatDuration(5400), "1h30m");
}

}  // namespace
}  // namespace firestorm
