#include "parse/evaluate.h"

#include <fmt/format.h>

namespace dyad::parse {

std::string_view UniversalRelation(std::string_view deprel) {
  return deprel.substr(0, deprel.find(':'));
}

void ParseScores::Add(const Sentence& gold, const Model& model, const Analysis& pred) {
  ++sentences;
  for (size_t i = 0; i < gold.words.size(); ++i) {
    const Word& g = gold.words[i];
    int t = pred.tags[i];
    ++words;
    upos += model.tagger.upos[t] == g.upos;
    xpos += model.tagger.xpos[t] == g.xpos;
    lemma += i < pred.lemmas.size() && pred.lemmas[i] == g.lemma;
    if (pred.heads[i] != g.head) continue;
    ++uas;
    std::string_view label = model.parser.labels[pred.labels[i]];
    las += UniversalRelation(label) == UniversalRelation(g.deprel);
    las_full += label == g.deprel;
  }
}

void ParseScores::Add(const ParseScores& o) {
  sentences += o.sentences;
  words += o.words;
  upos += o.upos;
  xpos += o.xpos;
  lemma += o.lemma;
  uas += o.uas;
  las += o.las;
  las_full += o.las_full;
}

namespace {

// The tagger classes of gold tags; a pair the model never saw gets class 0.
std::vector<int> GoldClasses(const Model& model, const Sentence& s) {
  std::vector<int> out;
  for (const Word& w : s.words) {
    int cls = 0;
    for (int c = 0; c < model.tagger.num_classes(); ++c)
      if (model.tagger.upos[c] == w.upos && model.tagger.xpos[c] == w.xpos) cls = c;
    out.push_back(cls);
  }
  return out;
}

}  // namespace

ParseScores Evaluate(const Model& model, const std::vector<Sentence>& sentences, bool gold_tags) {
  ParseScores scores;
  Workspace ws;
  Analysis analysis;
  std::vector<std::string_view> words;
  std::vector<int> gold;
  for (const Sentence& s : sentences) {
    words.clear();
    for (const Word& w : s.words) words.push_back(w.form);
    if (gold_tags) gold = GoldClasses(model, s);
    Analyze(model, words, AnalyzeOptions{}, &ws, &analysis, gold_tags ? &gold : nullptr);
    scores.Add(s, model, analysis);
  }
  return scores;
}

std::string ParseScores::Summary() const {
  return fmt::format(
      "UPOS {:.2f}  XPOS {:.2f}  lemma {:.2f}  UAS {:.2f}  LAS {:.2f}  (LAS with subtypes {:.2f}) "
      "on {} words, {} sentences",
      Percent(upos), Percent(xpos), Percent(lemma), Percent(uas), Percent(las), Percent(las_full),
      words, sentences);
}

}  // namespace dyad::parse
