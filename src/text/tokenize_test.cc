#include "text/tokenize.h"

#include <gtest/gtest.h>

namespace dyad::text {
namespace {

std::vector<std::string> Words(const std::string& s) {
  bool truncated = false;
  std::vector<std::string> out;
  for (const auto& t : Tokenize(s, 1000, &truncated))
    out.push_back(s.substr(t.begin, t.end - t.begin));
  return out;
}

std::vector<std::string> Sentences(const std::string& s) {
  bool truncated = false;
  auto toks = Tokenize(s, 1000, &truncated);
  std::vector<std::string> out;
  for (const auto& r : SplitSentences(s, toks))
    out.push_back(s.substr(toks[r.first].begin, toks[r.last - 1].end - toks[r.first].begin));
  return out;
}

TEST(TokenizeTest, ClitcsAbbreviationsHyphens) {
  EXPECT_EQ(Words("Japan's U.S. ally didn't sign."),
            (std::vector<std::string>{"Japan", "'s", "U.S.", "ally", "did", "n't", "sign", "."}));
  EXPECT_EQ(Words("high-level talks cost 1,200.5 yen"),
            (std::vector<std::string>{"high-level", "talks", "cost", "1,200.5", "yen"}));
  EXPECT_EQ(Words("Mr. Abe met O'Brien..."),
            (std::vector<std::string>{"Mr.", "Abe", "met", "O'Brien", "..."}));
  EXPECT_EQ(Words("the countries' ties"),
            (std::vector<std::string>{"the", "countries", "'", "ties"}));
}

TEST(TokenizeTest, CaseFlags) {
  bool truncated = false;
  auto t = Tokenize("NATO and China", 10, &truncated);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_TRUE(t[0].all_caps);
  EXPECT_TRUE(t[2].capitalized);
  EXPECT_FALSE(t[2].all_caps);
  EXPECT_FALSE(t[1].capitalized);
}

TEST(TokenizeTest, BoundsTokenCount) {
  bool truncated = false;
  auto t = Tokenize("a b c d e f", 3, &truncated);
  EXPECT_EQ(t.size(), 3u);
  EXPECT_TRUE(truncated);
}

TEST(SentenceTest, SurvivesAbbreviations) {
  EXPECT_EQ(Sentences("Mr. Abe met Xi on Jan. 5 in Beijing. The talks lasted No. 2 hours."),
            (std::vector<std::string>{"Mr. Abe met Xi on Jan. 5 in Beijing.",
                                      "The talks lasted No. 2 hours."}));
}

TEST(SentenceTest, UsAtSentenceEnd) {
  EXPECT_EQ(Sentences("Tokyo relies on the U.S. The alliance is old."),
            (std::vector<std::string>{"Tokyo relies on the U.S.", "The alliance is old."}));
  EXPECT_EQ(Sentences("The U.S. Navy sailed."),
            (std::vector<std::string>{"The U.S. Navy sailed."}));
}

TEST(SentenceTest, QuotesAndEllipses) {
  EXPECT_EQ(Sentences("\"We protest.\" Japan said so... and left! Why?"),
            (std::vector<std::string>{"\"We protest.\"", "Japan said so... and left!", "Why?"}));
}

TEST(SentenceTest, BlankLineSplits) {
  EXPECT_EQ(Sentences("Headline without period\n\nBody starts here."),
            (std::vector<std::string>{"Headline without period", "Body starts here."}));
}

}  // namespace
}  // namespace dyad::text
