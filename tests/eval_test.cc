// Accuracy tests with floors that only rise: the project's golden files and the public PLOVER
// records.
#include "eval/eval.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "eval/peer_suites.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

// Raise these as the coder improves; never lower them.
constexpr double kGoldenFloor = 0.69;
constexpr double kPloverFullFloor = 0.50;
constexpr double kPloverTypeFloor = 0.62;
// The same with --syntax parse (issue 6 asks PLOVER full accuracy >= 0.85: not reached).
constexpr double kGoldenSyntaxFloor = 0.72;
constexpr double kPloverFullSyntaxFloor = 0.50;
constexpr double kPloverTypeSyntaxFloor = 0.62;
// The peers' own suites with their own dictionaries (issue 3 goals: 0.85 and 0.75).
constexpr double kTabariSuiteFloor = 0.98;    // of the 444 checked validation records
constexpr double kPetrarchSuiteFloor = 0.85;  // of the 284 CAMEO 2.0 unit records

LexiconPtr LoadShipped(bool syntax) {
  std::vector<Problem> problems;
  LoadOptions o{std::string(DYAD_SOURCE_DIR) + "/data", false};
  if (syntax) o.parser_model = std::string(DYAD_SOURCE_DIR) + "/data/models/en-ewt.parse";
  auto r = LoadLexicon(o, &problems);
  EXPECT_TRUE(r.ok()) << r.status().message();
  for (const auto& p : problems) ADD_FAILURE() << "dictionary problem: " << p.ToString();
  return std::move(r).value();
}

const Lexicon& Lex() {
  static LexiconPtr lex = LoadShipped(false);
  return *lex;
}

// With the tagger and parser (--syntax parse).
const Lexicon& LexSyntax() {
  static LexiconPtr lex = LoadShipped(true);
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

std::vector<eval::GoldenCase> GoldenCases() {
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
  return cases;
}

void CheckGolden(const Lexicon& lex, const char* label, double floor) {
  auto cases = GoldenCases();
  ASSERT_GE(cases.size(), 300u);
  Coder coder(lex);
  auto r = eval::RunGolden(cases, coder);
  double rate = double(r.passed) / r.total;
  fmt::print("golden{}: {}/{} cases pass ({:.1f}%), tuples tp={} fp={} fn={}\n", label, r.passed,
             r.total, 100 * rate, r.tp, r.fp, r.fn);
  EXPECT_GE(rate, floor)
      << "golden pass rate fell below its floor; run `dyad eval golden tests/golden -v`";
}

TEST(GoldenTest, ProjectGoldenFiles) { CheckGolden(Lex(), "", kGoldenFloor); }

TEST(GoldenTest, ProjectGoldenFilesWithSyntax) {
  CheckGolden(LexSyntax(), " (--syntax parse)", kGoldenSyntaxFloor);
}

void CheckPlover(const Lexicon& lex, const char* label, double type_floor, double full_floor) {
  fs::path dir;
  if (!SharedEval(&dir)) GTEST_SKIP() << "skipped: ../shared/eval not found";
  Coder coder(lex);
  auto r = eval::RunPlover((dir / "plover" / "gsr.jsonl").string(), coder);
  ASSERT_TRUE(r.ok()) << r.status().message();
  fmt::print("plover gsr{}: {} records, type accuracy {:.3f}, full accuracy {:.3f}\n", label,
             r->total, r->type_accuracy(), r->full_accuracy());
  EXPECT_EQ(r->total, 322);
  EXPECT_GE(r->type_accuracy(), type_floor);
  EXPECT_GE(r->full_accuracy(), full_floor);
}

TEST(PloverTest, GoldStandardRecords) {
  CheckPlover(Lex(), "", kPloverTypeFloor, kPloverFullFloor);
}

TEST(PloverTest, GoldStandardRecordsWithSyntax) {
  CheckPlover(LexSyntax(), " (--syntax parse)", kPloverTypeSyntaxFloor, kPloverFullSyntaxFloor);
}

void PrintSuite(const char* name, const eval::SuiteResult& r) {
  fmt::print("{}: {}/{} records pass ({:.1f}%), tuples P={:.3f} R={:.3f}\n", name, r.passed,
             r.total, 100.0 * r.passed / r.total, r.precision(), r.recall());
  for (const auto& [k, v] : r.by_category) fmt::print("  {:<10} {}/{}\n", k, v.first, v.second);
}

TEST(PeerSuiteTest, TabariValidationRecords) {
  fs::path dir;
  if (!SharedEval(&dir)) GTEST_SKIP() << "skipped: ../shared/eval not found";
  std::vector<Problem> problems;
  auto r = eval::RunTabariSuite((dir / "tabari").string(), {}, &problems);
  ASSERT_TRUE(r.ok()) << r.status().message();
  PrintSuite("TABARI validation", r.value());
  EXPECT_EQ(r->total, 444);
  EXPECT_GE(double(r->passed) / r->total, kTabariSuiteFloor)
      << "run `dyad validate tabari ../shared/eval/tabari` to see each failure";
}

TEST(PeerSuiteTest, PetrarchUnitRecords) {
  fs::path dir;
  if (!SharedEval(&dir)) GTEST_SKIP() << "skipped: ../shared/eval not found";
  std::vector<Problem> problems;
  auto r = eval::RunPetrarchSuite((dir / "petrarch").string(), {}, &problems);
  ASSERT_TRUE(r.ok()) << r.status().message();
  PrintSuite("PETRARCH unit records", r.value());
  EXPECT_EQ(r->total, 284);
  EXPECT_GE(double(r->passed) / r->total, kPetrarchSuiteFloor)
      << "run `dyad validate petrarch ../shared/eval/petrarch` to see each failure";
}

// The Phoenix set (actors, agents, discards, issues and the CAMEO 2.0 verbs) loads in at most a
// second of CPU; PETRARCH-2 takes 2.8 s.
TEST(PeerSuiteTest, PhoenixLoadsInASecond) {
  fs::path dir;
  if (!SharedEval(&dir)) GTEST_SKIP() << "skipped: ../shared/eval not found";
  fs::path p = dir / ".." / "reference" / "phoenix";
  LoadOptions o;
  o.data_dir = std::string(DYAD_SOURCE_DIR) + "/data";
  o.no_default_dictionaries = true;
  for (const char* f : {"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                        "Phoenix.MilNonState.actors.txt"})
    o.actor_files.push_back((p / f).string());
  o.agent_file = (p / "Phoenix.agents.txt").string();
  o.verb_file = (p / "CAMEO.2.0.txt").string();
  o.discard_file = (p / "Phoenix.discards.txt").string();
  o.issue_file = (p / "Phoenix.IssueCoding.txt").string();
  std::vector<Problem> problems;
  std::clock_t start = std::clock();
  auto lex = LoadLexicon(o, &problems);
  double seconds = double(std::clock() - start) / CLOCKS_PER_SEC;
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  auto st = Stats(*lex.value());
  fmt::print(
      "Phoenix: {} actor names, {} agent names, {} patterns and verbs, {} problem lines, "
      "loaded in {:.2f} s of CPU\n",
      st.actor_names, st.agent_names, st.patterns, problems.size(), seconds);
  EXPECT_GT(st.actor_names, 30000u);
  EXPECT_GT(st.patterns, 7000u);
  EXPECT_LE(seconds, 1.0);
}

}  // namespace
}  // namespace dyad
