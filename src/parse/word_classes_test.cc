#include "parse/word_classes.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "parse/model.h"
#include "parse/toy_corpus.h"
#include "parse/train.h"

namespace dyad::parse {
namespace {

namespace fs = std::filesystem;

// A WordNet directory with a handful of entries, in the files' own layout.
class WordClassesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dyad_wordnet_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    Write("index.noun",
          "  1 This software and database is being provided\nwalk n 2 1 @ 2 0 0\n"
          "horse n 1 1 @ 1 0 0\ngoose n 1 1 @ 1 0 0\nice_cream n 1 0 1 0 0\n");
    Write("index.verb",
          "walk v 3 1 @ 3 0 0\nstop v 1 1 @ 1 0 0\nhope v 1 1 @ 1 0 0\n"
          "try v 1 1 @ 1 0 0\ngo v 1 1 @ 1 0 0\n");
    Write("index.adj", "happy a 1 1 & 1 0 0\nlarge a 1 1 & 1 0 0\n");
    Write("index.adv", "quickly r 1 0 1 0 0\n");
    Write("noun.exc", "geese goose\n");
    Write("verb.exc", "went go\n");
    Write("adj.exc", "better good\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  fs::path dir_;
};

TEST_F(WordClassesTest, CategoriesAndInflections) {
  WordClasses wc;
  ASSERT_TRUE(ReadWordNet(dir_.string(), &wc).ok());
  EXPECT_EQ(WordClassBits(wc, "walk"), uint32_t{kLexNoun | kLexVerb});
  EXPECT_EQ(WordClassBits(wc, "walks"), uint32_t{kLexPluralNoun | kLexVerbS});
  EXPECT_EQ(WordClassBits(wc, "horses"), uint32_t{kLexPluralNoun});
  EXPECT_EQ(WordClassBits(wc, "stopped"), uint32_t{kLexVerbEd});
  EXPECT_EQ(WordClassBits(wc, "hoped"), uint32_t{kLexVerbEd});
  EXPECT_EQ(WordClassBits(wc, "tried"), uint32_t{kLexVerbEd});
  EXPECT_EQ(WordClassBits(wc, "hoping"), uint32_t{kLexVerbIng});
  EXPECT_EQ(WordClassBits(wc, "larger"), uint32_t{kLexComparative});
  EXPECT_EQ(WordClassBits(wc, "happiest"), uint32_t{kLexSuperlative});
  EXPECT_EQ(WordClassBits(wc, "happily"), uint32_t{kLexAdverbLy});
  EXPECT_EQ(WordClassBits(wc, "quickly"), uint32_t{kLexAdv});
  EXPECT_EQ(WordClassBits(wc, "geese"), uint32_t{kLexIrregularNoun});
  EXPECT_EQ(WordClassBits(wc, "went"), uint32_t{kLexIrregularVerb});
  EXPECT_EQ(WordClassBits(wc, "better"), uint32_t{kLexIrregularAdj});
  EXPECT_EQ(WordClassBits(wc, "ice_cream"), 0u);  // multi-word lemmas are left out
  EXPECT_EQ(WordClassBits(wc, "xyzzy"), 0u);
  EXPECT_EQ(WordClassBits(WordClasses(), "walk"), 0u);
}

TEST_F(WordClassesTest, MissingDirectoryIsAnError) {
  WordClasses wc;
  Status s = ReadWordNet((dir_ / "nowhere").string(), &wc);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("cannot open WordNet file"), std::string::npos);
}

TEST_F(WordClassesTest, TrainingCopiesThemIntoTheModel) {
  TrainOptions options;
  options.tagger_epochs = 1;
  options.parser_epochs = 1;
  options.folds = 2;
  options.wordnet = dir_.string();
  auto model = TrainModel(ToyCorpus(50, 1), {}, options);
  ASSERT_TRUE(model.ok()) << model.status().message();
  auto back = DeserializeModel(SerializeModel(*model.value()), "m");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back.value()->tagger.word_classes.size(), 13u);
  EXPECT_EQ(WordClassBits(back.value()->tagger.word_classes, "walked"), uint32_t{kLexVerbEd});

  options.wordnet = (dir_ / "nowhere").string();
  EXPECT_FALSE(TrainModel(ToyCorpus(50, 1), {}, options).ok());
}

}  // namespace
}  // namespace dyad::parse
