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

ParseScores Evaluate(const Model& model, const std::vector<Sentence>& sentences) {
  ParseScores scores;
  Workspace ws;
  Analysis analysis;
  std::vector<std::string_view> words;
  for (const Sentence& s : sentences) {
    words.clear();
    for (const Word& w : s.words) words.push_back(w.form);
    Analyze(model, words, AnalyzeOptions{}, &ws, &analysis);
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
