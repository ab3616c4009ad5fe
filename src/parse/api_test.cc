// The public API (include/dyad/parse.h) over the committed model.
#include <gtest/gtest.h>

#include <thread>

#include "dyad/parse.h"

namespace dyad {
namespace {

const Parser& TheParser() {
  static const ParserPtr parser = [] {
    auto r = LoadParserModel(std::string(DYAD_SOURCE_DIR) + "/data/models/en-ewt.parse");
    EXPECT_TRUE(r.ok()) << r.status().message();
    return std::move(r).value();
  }();
  return *parser;
}

const std::vector<std::string_view> kSentence = {"China", "was", "criticized", "by",
                                                 "Japan", "on",  "Friday",     "."};

TEST(ParserApiTest, ParsesASentenceIntoOneTree) {
  std::vector<ParsedWord> out;
  TheParser().Parse(kSentence, &out);
  ASSERT_EQ(out.size(), kSentence.size());
  int roots = 0;
  for (const auto& w : out) roots += w.head == 0;
  EXPECT_EQ(roots, 1);
  EXPECT_EQ(out[2].deprel, "root");
  EXPECT_EQ(out[2].upos, "VERB");
  EXPECT_EQ(out[2].xpos, "VBN");
  EXPECT_EQ(out[2].lemma, "criticize");
  EXPECT_EQ(out[0].deprel, "nsubj:pass");
  EXPECT_EQ(out[0].head, 3);
  EXPECT_EQ(out[4].deprel, "obl:agent");
  EXPECT_EQ(out[1].lemma, "be");
}

TEST(ParserApiTest, TagOnlyLeavesTheTreeOut) {
  std::vector<ParsedWord> out;
  TheParser().Tag(kSentence, &out);
  ASSERT_EQ(out.size(), kSentence.size());
  EXPECT_EQ(out[4].upos, "PROPN");
  EXPECT_EQ(out[4].head, -1);
  EXPECT_TRUE(out[4].deprel.empty());
}

TEST(ParserApiTest, EmptyAndOddInputNeverCrash) {
  std::vector<ParsedWord> out;
  TheParser().Parse({}, &out);
  EXPECT_TRUE(out.empty());
  std::vector<std::string_view> odd = {"\xC3", "", "\t", std::string_view("\0x", 2), "...."};
  TheParser().Parse(odd, &out);
  EXPECT_EQ(out.size(), odd.size());
  std::vector<std::string_view> many(3000, "word");
  TheParser().Parse(many, &out);
  EXPECT_EQ(out.size(), many.size());
}

TEST(ParserApiTest, ConcurrentCallsGiveTheSameAnswers) {
  std::vector<ParsedWord> expected;
  TheParser().Parse(kSentence, &expected);
  auto work = [&](bool* same) {
    ParserWorkspace ws;
    std::vector<ParsedWord> out;
    *same = true;
    for (int i = 0; i < 200; ++i) {
      TheParser().Parse(kSentence, &out, &ws);
      for (size_t k = 0; k < out.size(); ++k)
        *same &= out[k].head == expected[k].head && out[k].deprel == expected[k].deprel;
    }
  };
  bool a = false, b = false;
  std::thread t1(work, &a), t2(work, &b);
  t1.join();
  t2.join();
  EXPECT_TRUE(a);
  EXPECT_TRUE(b);
}

TEST(ParserApiTest, MissingModelIsNotFound) {
  auto r = LoadParserModel("/nonexistent/en.parse");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("/nonexistent/en.parse"), std::string::npos);
}

}  // namespace
}  // namespace dyad
