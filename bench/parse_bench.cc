// Tagger + parser speed through the public API, on one core: model load time, and sentences/s over
// the EWT test sentences (gold tokens). Needs data/models/en-ewt.parse and ../shared/treebanks.
//   build/dyad_parse_bench [--benchmark_repetitions=5]
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <filesystem>

#include "dyad/parse.h"
#include "parse/conllu.h"

namespace {

namespace fs = std::filesystem;

std::string ModelPath() { return std::string(DYAD_SOURCE_DIR) + "/data/models/en-ewt.parse"; }

// The EWT test sentences as word lists (empty when the treebank is missing).
std::vector<std::vector<std::string>> LoadSentences() {
  std::vector<std::vector<std::string>> out;
  fs::path path = fs::path(DYAD_SOURCE_DIR) / ".." / "shared" / "treebanks" / "UD_English-EWT" /
                  "en_ewt-ud-test.conllu";
  auto r = dyad::parse::ReadConlluFile(path.string());
  if (!r.ok()) return out;
  for (const auto& s : r.value()) {
    out.emplace_back();
    for (const auto& w : s.words) out.back().push_back(w.form);
  }
  return out;
}

const std::vector<std::vector<std::string>>& Sentences() {
  static const std::vector<std::vector<std::string>> sentences = LoadSentences();
  return sentences;
}

void BM_LoadModel(benchmark::State& state) {
  for (auto _ : state) {
    auto parser = dyad::LoadParserModel(ModelPath());
    if (!parser.ok()) {
      state.SkipWithError(parser.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(parser.value());
  }
  state.counters["model_MB"] = fs::file_size(ModelPath()) / 1e6;
}
BENCHMARK(BM_LoadModel)->Unit(benchmark::kMillisecond)->UseRealTime();

// Tags, lemmatises and (with parse) parses every EWT test sentence once per iteration.
void Run(benchmark::State& state, bool parse) {
  auto parser = dyad::LoadParserModel(ModelPath());
  if (!parser.ok()) {
    state.SkipWithError(parser.status().message().c_str());
    return;
  }
  if (Sentences().empty()) {
    state.SkipWithError("skipped: ../shared/treebanks not found");
    return;
  }
  std::vector<std::vector<std::string_view>> views;
  size_t words = 0;
  for (const auto& s : Sentences()) {
    views.emplace_back(s.begin(), s.end());
    words += s.size();
  }
  dyad::ParserWorkspace ws;
  std::vector<dyad::ParsedWord> out;
  for (auto _ : state) {
    for (const auto& v : views) {
      if (parse)
        parser.value()->Parse(v, &out, &ws);
      else
        parser.value()->Tag(v, &out, &ws);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.counters["sentences/s"] =
      benchmark::Counter(double(views.size()) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["words/s"] =
      benchmark::Counter(double(words) * state.iterations(), benchmark::Counter::kIsRate);
}

void BM_TagAndParse(benchmark::State& state) { Run(state, true); }
BENCHMARK(BM_TagAndParse)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_TagOnly(benchmark::State& state) { Run(state, false); }
BENCHMARK(BM_TagOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
