#include "text/dates.h"

#include <gtest/gtest.h>

namespace dyad::text {
namespace {

std::string Resolve(std::vector<std::string_view> words, const std::string& doc) {
  Day d;
  EXPECT_TRUE(ParseDate(doc, &d));
  std::string cue;
  return FormatDate(ResolveDate(words, d, &cue));
}

TEST(DatesTest, CalendarRoundTrip) {
  Day d;
  ASSERT_TRUE(ParseDate("2012-09-11", &d));
  EXPECT_EQ(FormatDate(d), "2012-09-11");
  ASSERT_TRUE(ParseDate("19721029", &d));
  EXPECT_EQ(FormatDate(d), "1972-10-29");
  ASSERT_TRUE(ParseDate("950103", &d));
  EXPECT_EQ(FormatDate(d), "1995-01-03");
  EXPECT_FALSE(ParseDate("2023-02-30", &d));
  EXPECT_FALSE(ParseDate("yesterday", &d));
  ASSERT_TRUE(ParseDate("2018-10-26", &d));
  EXPECT_EQ(Weekday(d), 5);  // a Friday
}

TEST(DatesTest, Weekdays) {
  // 2018-10-26 is a Friday.
  EXPECT_EQ(Resolve({"met", "on", "friday"}, "2018-10-26"), "2018-10-26");
  EXPECT_EQ(Resolve({"met", "on", "thursday"}, "2018-10-26"), "2018-10-25");
  EXPECT_EQ(Resolve({"met", "on", "saturday"}, "2018-10-26"), "2018-10-20");
  EXPECT_EQ(Resolve({"will", "visit", "on", "monday"}, "2018-10-26"), "2018-10-29");
}

TEST(DatesTest, RelativeAndAbsolute) {
  EXPECT_EQ(Resolve({"yesterday"}, "2010-09-08"), "2010-09-07");
  EXPECT_EQ(Resolve({"last", "week"}, "2010-09-08"), "2010-09-01");
  EXPECT_EQ(Resolve({"next", "month"}, "2010-01-31"), "2010-02-28");
  EXPECT_EQ(Resolve({"on", "september", "7"}, "2010-09-08"), "2010-09-07");
  EXPECT_EQ(Resolve({"on", "7", "september", "2010"}, "2012-01-01"), "2010-09-07");
  EXPECT_EQ(Resolve({"on", "december", "28"}, "2016-01-03"), "2015-12-28");
  EXPECT_EQ(Resolve({"in", "may"}, "2016-01-03"), "");
}

}  // namespace
}  // namespace dyad::text
