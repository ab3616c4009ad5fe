#include "text/normalize.h"

#include <gtest/gtest.h>

namespace dyad::text {
namespace {

TEST(NormalizeTest, FoldsTypographyAndKeepsByteMap) {
  std::string raw = "\xE2\x80\x9CJapan\xE2\x80\x99s\xE2\x80\x9D \xE2\x80\x94 ok";  // “Japan’s” — ok
  auto n = Normalize(raw);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->text, "\"Japan's\" - ok");
  ASSERT_EQ(n->origin.size(), n->text.size() + 1);
  EXPECT_EQ(n->origin[0], 0u);  // the opening quote starts the original
  EXPECT_EQ(n->origin[1], 3u);  // 'J' follows a 3-byte quote
  EXPECT_EQ(n->origin[6], 8u);  // the apostrophe maps to its 3-byte original
  EXPECT_EQ(n->origin.back(), raw.size());
}

TEST(NormalizeTest, EllipsisExpandsAndMapsToOneCharacter) {
  auto n = Normalize(
      "a\xE2\x80\xA6"
      "b");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->text, "a...b");
  EXPECT_EQ(n->origin[1], 1u);
  EXPECT_EQ(n->origin[3], 1u);
  EXPECT_EQ(n->origin[4], 4u);
}

TEST(NormalizeTest, RejectsInvalidUtf8WithOffset) {
  auto n = Normalize(std::string("ok \xC3\x28 bad", 9));
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.status().message().find("byte 3"), std::string::npos) << n.status().message();
}

TEST(NormalizeTest, RejectsNul) {
  auto n = Normalize(std::string("a\0b", 3));
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.status().message().find("NUL byte at byte 1"), std::string::npos);
}

TEST(NormalizeTest, FoldsControlsAndSeparators) {
  auto n = Normalize(
      "a\xC2\x85"
      "b\xE2\x80\xA8"
      "c\xC2\x9F"
      "d");  // NEL, LINE SEPARATOR, a C1 control
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->text, "a\nb\nc d");
}

TEST(NormalizeTest, KeepsNonLatinLetters) {
  auto n = Normalize("\xE4\xB8\xAD\xE5\x9B\xBD and Japan");  // 中国
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->text, "\xE4\xB8\xAD\xE5\x9B\xBD and Japan");
}

}  // namespace
}  // namespace dyad::text
