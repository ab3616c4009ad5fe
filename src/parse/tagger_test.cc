#include "parse/tagger.h"

#include <gtest/gtest.h>

#include "parse/lemmatizer.h"
#include "parse/toy_corpus.h"
#include "parse/train.h"

namespace dyad::parse {
namespace {

std::vector<std::string_view> Words(const Sentence& s) {
  std::vector<std::string_view> out;
  for (const auto& w : s.words) out.push_back(w.form);
  return out;
}

TEST(TaggerTest, LearnsAToyCorpus) {
  TrainOptions options;
  options.tagger_epochs = 4;
  options.parser_epochs = 1;
  options.folds = 2;
  options.tagger_min_updates = options.parser_min_updates =
      1;                                 // the toy data is too small to prune
  options.tag_dict_min_count = 1 << 30;  // make the perceptron do all the work
  auto model = TrainModel(ToyCorpus(200, 1), {}, options);
  ASSERT_TRUE(model.ok()) << model.status().message();
  const TaggerModel& tagger = model.value()->tagger;
  EXPECT_TRUE(tagger.two_pass());
  std::vector<WordAtoms> atoms;
  std::vector<int> tags;
  for (const Sentence& s : ToyCorpus(50, 2)) {  // sentences not trained on
    Tag(tagger, Words(s), &atoms, &tags);
    for (size_t i = 0; i < s.words.size(); ++i) {
      EXPECT_EQ(tagger.upos[tags[i]], s.words[i].upos) << s.words[i].form;
      EXPECT_EQ(tagger.xpos[tags[i]], s.words[i].xpos) << s.words[i].form;
    }
  }
}

TEST(TaggerTest, AsciiLowerLeavesOtherBytesAlone) {
  EXPECT_EQ(AsciiLower("Caf\xC3\x89 ABC"), "caf\xC3\x89 abc");
}

TEST(LemmatizerTest, TablesFirstThenSuffixRules) {
  std::vector<LemmaExample> examples = {
      {"dogs", 1, "NOUN", "dog"},     {"cats", 1, "NOUN", "cat"},       {"rats", 1, "NOUN", "rat"},
      {"flies", 1, "NOUN", "fly"},    {"spies", 1, "NOUN", "spy"},      {"men", 1, "NOUN", "man"},
      {"walked", 2, "VERB", "walk"},  {"talked", 2, "VERB", "talk"},    {"went", 2, "VERB", "go"},
      {"Paris", 3, "PROPN", "Paris"}, {"London", 3, "PROPN", "London"}, {"The", 4, "DET", "the"},
      {"the", 4, "DET", "the"}};
  Lemmatizer lem = Lemmatizer::Train(examples);
  EXPECT_EQ(lem.Lemmatize("men", 1, "NOUN"), "man");      // table
  EXPECT_EQ(lem.Lemmatize("went", 2, "VERB"), "go");      // table
  EXPECT_EQ(lem.Lemmatize("hats", 1, "NOUN"), "hat");     // rule -s
  EXPECT_EQ(lem.Lemmatize("cries", 1, "NOUN"), "cry");    // rule -ies
  EXPECT_EQ(lem.Lemmatize("jumped", 2, "VERB"), "jump");  // rule -ed
  EXPECT_EQ(lem.Lemmatize("Berlin", 3, "PROPN"), "Berlin");
  EXPECT_EQ(lem.Lemmatize("THE", 4, "DET"), "the");  // lower-cased table
  ByteWriter w;
  lem.Write(&w);
  Lemmatizer back;
  ByteReader r(w.bytes());
  ASSERT_TRUE(back.Read(&r));
  EXPECT_EQ(back.Lemmatize("cries", 1, "NOUN"), "cry");
}

}  // namespace
}  // namespace dyad::parse
