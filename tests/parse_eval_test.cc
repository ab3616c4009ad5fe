// Accuracy of the committed tagger/parser model on UD English EWT test, with floors that only
// rise. The treebanks live beside the checkout (../shared/treebanks): absent in a user's clone (the
// test is skipped) but required under CI.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "parse/evaluate.h"
#include "parse/model.h"

namespace dyad::parse {
namespace {

namespace fs = std::filesystem;

// Raise these as the model improves; never lower them. Gold tokens, punctuation included.
constexpr double kUposFloor = 95.6;
constexpr double kUasFloor = 86.5;
constexpr double kLasFloor = 83.7;

bool Treebanks(fs::path* dir) {
  *dir = fs::path(DYAD_SOURCE_DIR) / ".." / "shared" / "treebanks";
  if (fs::exists(*dir / "UD_English-EWT" / "en_ewt-ud-test.conllu")) return true;
  const char* ci = std::getenv("CI");
  if (ci != nullptr && std::string(ci) == "true")
    ADD_FAILURE() << "../shared/treebanks not found under CI";
  return false;
}

TEST(ParseEvalTest, CommittedModelOnEwtTest) {
  fs::path dir;
  if (!Treebanks(&dir)) {
    fmt::print("skipped: ../shared/treebanks not found\n");
    GTEST_SKIP() << "skipped: ../shared/treebanks not found";
  }
  auto model = LoadModel(std::string(DYAD_SOURCE_DIR) + "/data/models/en-ewt.parse");
  ASSERT_TRUE(model.ok()) << model.status().message();
  auto test = ReadConlluFile((dir / "UD_English-EWT" / "en_ewt-ud-test.conllu").string());
  ASSERT_TRUE(test.ok()) << test.status().message();
  ParseScores s = Evaluate(*model.value(), test.value());
  fmt::print("EWT test: {}\n", s.Summary());
  EXPECT_EQ(s.words, 25094);
  EXPECT_GE(s.Percent(s.upos), kUposFloor);
  EXPECT_GE(s.Percent(s.uas), kUasFloor);
  EXPECT_GE(s.Percent(s.las), kLasFloor);
}

}  // namespace
}  // namespace dyad::parse
