#include "parse/model.h"

#include <gtest/gtest.h>

#include "parse/evaluate.h"
#include "parse/toy_corpus.h"
#include "parse/train.h"

namespace dyad::parse {
namespace {

std::unique_ptr<Model> ToyModel(uint64_t seed) {
  TrainOptions options;
  options.tagger_epochs = 3;
  options.parser_epochs = 3;
  options.folds = 2;
  options.tagger_min_updates = options.parser_min_updates =
      1;  // the toy data is too small to prune
  options.seed = seed;
  auto model = TrainModel(ToyCorpus(150, 1), ToyCorpus(20, 9), options);
  EXPECT_TRUE(model.ok()) << model.status().message();
  return std::move(model).value();
}

std::string AnalyseAll(const Model& model, const std::vector<Sentence>& sentences) {
  Workspace ws;
  Analysis a;
  std::string out;
  for (const Sentence& s : sentences) {
    std::vector<std::string_view> words;
    for (const auto& w : s.words) words.push_back(w.form);
    Analyze(model, words, AnalyzeOptions{}, &ws, &a);
    for (size_t i = 0; i < words.size(); ++i)
      out += model.tagger.xpos[a.tags[i]] + " " + a.lemmas[i] + " " + std::to_string(a.heads[i]) +
             " " + model.parser.labels[a.labels[i]] + "\n";
  }
  return out;
}

TEST(ModelTest, ParserLearnsTheToyTrees) {
  auto model = ToyModel(1);
  ParseScores scores = Evaluate(*model, ToyCorpus(50, 3));
  EXPECT_EQ(scores.uas, scores.words);
  EXPECT_EQ(scores.las, scores.words);
  EXPECT_EQ(scores.lemma, scores.words);
}

TEST(ModelTest, SaveLoadRoundTripGivesIdenticalOutput) {
  auto model = ToyModel(1);
  std::string bytes = SerializeModel(*model);
  auto loaded = DeserializeModel(bytes, "toy");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(SerializeModel(*loaded.value()), bytes);
  auto sentences = ToyCorpus(40, 5);
  EXPECT_EQ(AnalyseAll(*loaded.value(), sentences), AnalyseAll(*model, sentences));
}

TEST(ModelTest, TrainingIsDeterministicForASeed) {
  EXPECT_EQ(SerializeModel(*ToyModel(7)), SerializeModel(*ToyModel(7)));
}

TEST(ModelTest, BadFilesAreErrorsNotCrashes) {
  std::string bytes = SerializeModel(*ToyModel(1));
  auto truncated = DeserializeModel(bytes.substr(0, bytes.size() / 2), "m");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().message(), "m: model file is truncated or corrupt");
  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x40;
  EXPECT_FALSE(DeserializeModel(flipped, "m").ok());
  EXPECT_EQ(DeserializeModel("hello", "m").status().message(), "m: not a dyad parser model");
  std::string other_version = bytes;
  other_version[8] = 99;
  EXPECT_EQ(DeserializeModel(other_version, "m").status().message(),
            "m: model format version 99, this build reads " + std::to_string(kModelFormatVersion));
  EXPECT_EQ(LoadModel("/nonexistent/m.parse").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace dyad::parse
