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
