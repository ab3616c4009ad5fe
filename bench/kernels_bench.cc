// Kernel benchmarks: normalisation, tokenisation, and coding one sentence with the shipped
// dictionaries.
#include <benchmark/benchmark.h>

#include "dyad/coder.h"
#include "text/normalize.h"
#include "text/tokenize.h"

namespace {

const char* kSentence =
    "Japanese Prime Minister Shinzo Abe and Chinese President Xi Jinping agreed on Friday to open "
    "a new chapter "
    "in relations, after Japan lodged a protest over Chinese coast guard ships near the Senkaku "
    "Islands.";

void BM_Normalize(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(dyad::text::Normalize(kSentence));
}
BENCHMARK(BM_Normalize);

void BM_Tokenize(benchmark::State& state) {
  std::string s = kSentence;
  bool truncated;
  for (auto _ : state) benchmark::DoNotOptimize(dyad::text::Tokenize(s, 1000, &truncated));
}
BENCHMARK(BM_Tokenize);

void BM_CodeSentence(benchmark::State& state) {
  std::vector<dyad::Problem> problems;
  static auto lex = dyad::LoadLexicon({std::string(DYAD_SOURCE_DIR) + "/data", false}, &problems);
  dyad::Coder coder(*lex.value());
  dyad::Document doc{"b", dyad::kNoDate, kSentence};
  dyad::ParseDate("2018-10-26", &doc.date);
  for (auto _ : state) benchmark::DoNotOptimize(coder.Code(doc));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CodeSentence);

}  // namespace

BENCHMARK_MAIN();
