#include <gtest/gtest.h>

#include "lexicon/lexicon.h"

namespace dyad::lexicon {
bool ParsePattern(const std::string& body, Vocabulary& vocab, Stemmer& stemmer, Pattern* out,
                  std::string* error);
namespace {

TEST(PatternTest, ParsesElementsAnchorAndContexts) {
  Vocabulary vocab;
  Stemmer stemmer;
  Pattern p;
  std::string error;
  ASSERT_TRUE(ParsePattern("1123 (strongly) accuse + of spy|espionage [intelligence,legal]", vocab,
                           stemmer, &p, &error))
      << error;
  EXPECT_EQ(p.code, "1123");
  ASSERT_EQ(p.elems.size(), 5u);
  EXPECT_TRUE(p.elems[0].optional);
  EXPECT_EQ(p.head, 1u);
  EXPECT_EQ(p.anchor, 1u);  // 'accuse' and 'of' have one alternative each; the first wins
  EXPECT_EQ(p.elems[2].kind, ElemKind::kTarget);
  EXPECT_EQ(p.elems[4].ids.size(), 2u);
  EXPECT_EQ(p.literals, 3);
  EXPECT_TRUE(p.has_target);
  EXPECT_EQ(p.contexts, (std::vector<std::string>{"intelligence", "legal"}));
  // Inflections share an id with the base form.
  EXPECT_EQ(vocab.Lookup("accused", stemmer), p.elems[1].ids[0]);
}

TEST(PatternTest, ReportsErrors) {
  Vocabulary vocab;
  Stemmer stemmer;
  Pattern p;
  std::string error;
  EXPECT_FALSE(ParsePattern("12x visit +", vocab, stemmer, &p, &error));
  EXPECT_NE(error.find("bad CAMEO code"), std::string::npos);
  EXPECT_FALSE(ParsePattern("042 + ...", vocab, stemmer, &p, &error));
  EXPECT_FALSE(ParsePattern("042 (visit +", vocab, stemmer, &p, &error));
  EXPECT_NE(error.find("parentheses"), std::string::npos);
  EXPECT_FALSE(ParsePattern("042 visit [diplomatic", vocab, stemmer, &p, &error));
  EXPECT_FALSE(ParsePattern("042", vocab, stemmer, &p, &error));
}

TEST(PatternTest, PhraseAlternativesExpandIntoOnePatternEach) {
  std::vector<std::string> out;
  std::string error;
  ASSERT_TRUE(ExpandPhrases("0256 urge + to ... withdraw|pull_back|pull_out ... troops [military]",
                            &out, &error))
      << error;
  EXPECT_EQ(out, (std::vector<std::string>{"0256 urge + to ... withdraw ... troops [military]",
                                           "0256 urge + to ... pull back ... troops [military]",
                                           "0256 urge + to ... pull out ... troops [military]"}));
  // Single words stay together in one alternation; combinations multiply.
  ASSERT_TRUE(ExpandPhrases("161 cancel|postpone|call_off ... visit|state_visit", &out, &error));
  EXPECT_EQ(out, (std::vector<std::string>{
                     "161 cancel|postpone ... visit", "161 cancel|postpone ... state visit",
                     "161 call off ... visit", "161 call off ... state visit"}));
  // A body without phrases is left as it is.
  ASSERT_TRUE(ExpandPhrases("042  visit +", &out, &error));
  EXPECT_EQ(out, (std::vector<std::string>{"042  visit +"}));
  EXPECT_EQ(PatternText("0256 urge + to ... withdraw|pull_back [military]"),
            "urge + to ... withdraw|pull_back");
}

TEST(PatternTest, OptionalPhraseAlternatives) {
  std::vector<std::string> out;
  std::string error;
  ASSERT_TRUE(ExpandPhrases("042 (official|state_level) visit +", &out, &error)) << error;
  EXPECT_EQ(out, (std::vector<std::string>{"042 (official) visit +", "042 state level visit +"}));
  // Dropping an optional phrase leaves one gap, never two in a row or one at an end.
  ASSERT_TRUE(ExpandPhrases("125 reject ... (peace_plan) ... offer", &out, &error)) << error;
  EXPECT_EQ(out, (std::vector<std::string>{"125 reject ... offer",
                                           "125 reject ... peace plan ... offer"}));
  ASSERT_TRUE(ExpandPhrases("125 reject ... (in_full)", &out, &error)) << error;
  EXPECT_EQ(out, (std::vector<std::string>{"125 reject", "125 reject ... in full"}));
}

TEST(PatternTest, PhraseAlternativeErrors) {
  std::vector<std::string> out;
  std::string error;
  EXPECT_FALSE(ExpandPhrases("042 visit|pay__visit +", &out, &error));
  EXPECT_NE(error.find("empty word"), std::string::npos) << error;
  // 2^7 combinations are past the cap.
  EXPECT_FALSE(ExpandPhrases("010 a|b_c d|e_f g|h_i j|k_l m|n_o p|q_r s|t_u", &out, &error));
  EXPECT_NE(error.find("more than 64 patterns"), std::string::npos) << error;
  // The plain parser takes no phrases: they must go through ExpandPhrases.
  Vocabulary vocab;
  Stemmer stemmer;
  Pattern p;
  EXPECT_FALSE(ParsePattern("042 pay_visit +", vocab, stemmer, &p, &error));
}

TEST(PatternTest, WarnsAboutPhrasesWrittenWithBlanks) {
  EXPECT_NE(SuspiciousAlternatives("0256 urge + to ... withdraw|pull back|pull out ... troops"),
            "");
  EXPECT_NE(SuspiciousAlternatives("144 set up|erect|build|put up ... barricade"), "");
  EXPECT_NE(SuspiciousAlternatives("0241 urge + to ... resign|step down|quit"), "");
  // A list of verbs sharing their particle, or a list of prepositions, is meant as written.
  EXPECT_EQ(SuspiciousAlternatives("150 chase|drive|drove away +"), "");
  EXPECT_EQ(SuspiciousAlternatives("161 break|broke off ... tie|relations [diplomatic]"), "");
  EXPECT_EQ(SuspiciousAlternatives("012 concern|worry over|about +"), "");
  EXPECT_EQ(SuspiciousAlternatives("040 sit down|together"), "");
  EXPECT_EQ(SuspiciousAlternatives("053 persuade + to back|support|endorse"), "");
  EXPECT_EQ(SuspiciousAlternatives("0256 urge + to ... withdraw|pull_back|pull_out ... troops"),
            "");
}

TEST(VocabularyTest, IrregularFormsAndNames) {
  Vocabulary vocab;
  Stemmer stemmer;
  vocab.AddIrregular("held", "hold");
  vocab.AddIrregular("fishermen", "fisherman");
  uint32_t hold = vocab.Intern("hold", stemmer);
  EXPECT_EQ(vocab.Lookup("held", stemmer), hold);
  EXPECT_EQ(vocab.Lookup("holding", stemmer), hold);
  uint32_t protester = vocab.InternName("protester");
  EXPECT_EQ(vocab.LookupName("protesters"), protester);
  EXPECT_EQ(vocab.LookupName("protest"), kUnknownWord);
  EXPECT_EQ(vocab.LookupName("fishermen"), vocab.InternName("fisherman"));
  EXPECT_EQ(vocab.NameKey("countries"), "country");
  EXPECT_EQ(vocab.NameKey("bus"), "bus");
}

}  // namespace
}  // namespace dyad::lexicon
