// Sample summaries, quantiles, the KS distance and the JSON writer, on hand-checked inputs.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "analysis/io/json_writer.hpp"
#include "analysis/metrics/distribution.hpp"

namespace firestorm {
namespace {

TEST(Summarize, FiveValues) {
  const std::vector<double> v = {4, 1, 3, 2, 10};
  const SampleSummary s = Summarize(v);
  EXPECT_EQ(s.count, 5u);
  EXPECT_DOUBLE_EQ(s.mean, 4.0);
  EXPECT_DOUBLE_EQ(s.median, 3.0);
  EXPECT_DOUBLE_EQ(s.p90, 4 + 0.6 * 6);  // position 3.6 between 4 and 10
  EXPECT_DOUBLE_EQ(s.max, 10.0);
  EXPECT_TRUE(std::isnan(Summarize(std::vector<double>{}).mean));
}

TEST(KolmogorovSmirnovDistance, HandCases) {
  EXPECT_DOUBLE_EQ(KolmogorovSmirnovDistance(std::vector<double>{1, 2, 3}, std::vector<double>{3, 2, 1}), 0.0);
  EXPECT_DOUBLE_EQ(KolmogorovSmirnovDistance(std::vector<double>{1, 2}, std::vector<double>{3, 4}), 1.0);
  // F_a jumps to 1/2 at 1 and 1 at 3; F_b to 1/4 at 2, 1 at 4 (three 4s): largest gap 3/4 at 3.
  EXPECT_DOUBLE_EQ(KolmogorovSmirnovDistance(std::vector<double>{1, 3}, std::vector<double>{2, 4, 4, 4}), 0.75);
  // Ties across samples: at 2, F_a = 1 and F_b = 1/2.
  EXPECT_DOUBLE_EQ(KolmogorovSmirnovDistance(std::vector<double>{2, 2}, std::vector<double>{2, 5}), 0.5);
  EXPECT_DOUBLE_EQ(KolmogorovSmirnovDistance(std::vector<double>{}, std::vector<double>{1}), 1.0);
}

TEST(JsonWriter, NestedValuesEscapesAndNonFiniteNumbers) {
  JsonWriter j;
  j.BeginObject();
  j.Member("a", 1.5).Member("n", std::numeric_limits<double>::quiet_NaN());
  j.Member("s", std::string("x\"</script>\n"));
  j.Key("v").Array(std::vector<double>{1, 2.25});
  j.Key("e").BeginArray().EndArray();
  j.EndObject();
  EXPECT_EQ(j.str(), R"({"a":1.5,"n":null,"s":"x\"\u003c/script\u003e\n","v":[1,2.25],"e":[]})");
}

}  // namespace
}  // namespace firestorm
