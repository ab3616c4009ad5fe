#include "io/documents.h"

#include <gtest/gtest.h>

#include <sstream>

namespace dyad::io {
namespace {

TEST(DocumentsTest, ReadsAndReportsBadLines) {
  std::istringstream in(
      "{\"id\":\"a\",\"date\":\"2012-09-11\",\"text\":\"Japan bought the islands.\"}\n"
      "\n"
      "{not json\n"
      "{\"id\":\"c\"}\n"
      "{\"id\":\"d\",\"date\":\"2012-13-01\",\"text\":\"x\"}\n"
      "{\"id\":7,\"date\":20120911,\"text\":\"ok\"}\n");
  JsonlReader r(in, "in.jsonl", 1000);
  Document d;
  std::string err;
  ASSERT_TRUE(r.Next(&d, &err));
  EXPECT_EQ(err, "");
  EXPECT_EQ(d.id, "a");
  EXPECT_EQ(FormatDate(d.date), "2012-09-11");
  ASSERT_TRUE(r.Next(&d, &err));
  EXPECT_EQ(err.rfind("in.jsonl:3: invalid JSON", 0), 0u) << err;
  ASSERT_TRUE(r.Next(&d, &err));
  EXPECT_EQ(err, "in.jsonl:4: missing field 'text'");
  ASSERT_TRUE(r.Next(&d, &err));
  EXPECT_EQ(err, "in.jsonl:5: bad date '2012-13-01' (want YYYY-MM-DD or YYYYMMDD)");
  ASSERT_TRUE(r.Next(&d, &err));
  EXPECT_EQ(err, "");
  EXPECT_EQ(d.id, "7");
  EXPECT_EQ(FormatDate(d.date), "2012-09-11");
  EXPECT_FALSE(r.Next(&d, &err));
}

TEST(DocumentsTest, OverlongLineSkippedWithoutBuffering) {
  std::string big(5000, 'x');
  std::istringstream in("{\"text\":\"" + big + "\"}\n{\"text\":\"fine\"}\n");
  JsonlReader r(in, "f", 100);
  Document d;
  std::string err;
  ASSERT_TRUE(r.Next(&d, &err));
  EXPECT_EQ(err, "f:1: line longer than 100 bytes; skipped");
  ASSERT_TRUE(r.Next(&d, &err));
  EXPECT_EQ(err, "");
  EXPECT_EQ(d.text, "fine");
  EXPECT_EQ(d.id, "f:2");
}

}  // namespace
}  // namespace dyad::io
