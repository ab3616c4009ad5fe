// Accuracy tests with floors that only rise: the project's golden files and the public PLOVER
// records.
#include "eval/eval.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace dyad {
namespace {

namespace fs = std::filesystem;

// Raise these as the coder improves; never lower them.
constexpr double kGoldenFloor = 0.62;
constexpr double kPloverFullFloor = 0.46;
constexpr double kPloverTypeFloor = 0.57;

const Lexicon& Lex() {
  static LexiconPtr lex = [] {
    std::vector<Problem> problems;
    auto r = LoadLexicon({std::string(DYAD_SOURCE_DIR) + "/data", false}, &problems);
    EXPECT_TRUE(r.ok());
    for (const auto& p : problems) ADD_FAILURE() << "dictionary problem: " << p.ToString();
    return std::move(r).value();
  }();
  return *lex;
}

// ../shared/eval beside the checkout; absent in a user's clone (skip) but required under CI.
bool SharedEval(fs::path* dir) {
  *dir = fs::path(DYAD_SOURCE_DIR) / ".." / "shared" / "eval";
  if (fs::exists(*dir / "README.md")) return true;
  const char* ci = std::getenv("CI");
  if (ci != nullptr && std::string(ci) == "true")
    ADD_FAILURE() << "../shared/eval not found under CI";
  return false;
}

TEST(DictionaryTest, ShippedDictionariesHaveNoProblems) {
  std::vector<Problem> problems;
  auto r = LoadLexicon({std::string(DYAD_SOURCE_DIR) + "/data", true}, &problems);
  for (const auto& p : problems) ADD_FAILURE() << p.ToString();
  ASSERT_TRUE(r.ok()) << r.status().message();
  auto st = Stats(*r.value());
  EXPECT_GE(st.patterns, 3000u);
  EXPECT_GE(st.cameo_codes, 300u);
}

TEST(GoldenTest, ProjectGoldenFiles) {
  std::vector<eval::GoldenCase> cases;
  std::vector<std::string> problems;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(DYAD_SOURCE_DIR) / "tests" / "golden")) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    auto c = eval::ReadGolden(f.string(), &problems);
    cases.insert(cases.end(), c.begin(), c.end());
  }
  for (const auto& p : problems) ADD_FAILURE() << p;
  ASSERT_GE(cases.size(), 300u);
  Coder coder(Lex());
  auto r = eval::RunGolden(cases, coder);
  double rate = double(r.passed) / r.total;
  fmt::print("golden: {}/{} cases pass ({:.1f}%), tuples tp={} fp={} fn={}\n", r.passed, r.total,
             100 * rate, r.tp, r.fp, r.fn);
  EXPECT_GE(rate, kGoldenFloor)
      << "golden pass rate fell below its floor; run `dyad eval golden tests/golden -v`";
}

TEST(PloverTest, GoldStandardRecords) {
  fs::path dir;
  if (!SharedEval(&dir)) GTEST_SKIP() << "skipped: ../shared/eval not found";
  Coder coder(Lex());
  auto r = eval::RunPlover((dir / "plover" / "gsr.jsonl").string(), coder);
  ASSERT_TRUE(r.ok()) << r.status().message();
  fmt::print("plover gsr: {} records, type accuracy {:.3f}, full accuracy {:.3f}\n", r->total,
             r->type_accuracy(), r->full_accuracy());
  EXPECT_EQ(r->total, 322);
  EXPECT_GE(r->type_accuracy(), kPloverTypeFloor);
  EXPECT_GE(r->full_accuracy(), kPloverFullFloor);
}

}  // namespace
}  // namespace dyad
