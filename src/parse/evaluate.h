// Accuracy of predicted analyses against gold CoNLL-U, the CoNLL 2018 way: every word counts,
// punctuation included; gold tokenisation.
#ifndef DYAD_PARSE_EVALUATE_H_
#define DYAD_PARSE_EVALUATE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "parse/conllu.h"
#include "parse/model.h"

namespace dyad::parse {

struct ParseScores {
  int64_t sentences = 0, words = 0;
  int64_t upos = 0, xpos = 0, lemma = 0;
  int64_t uas = 0;       // head right
  int64_t las = 0;       // head and universal relation right ("nsubj" for "nsubj:pass")
  int64_t las_full = 0;  // head and full relation, subtype included

  // Adds one sentence: `pred` must come from `model` for gold's words.
  void Add(const Sentence& gold, const Model& model, const Analysis& pred);
  void Add(const ParseScores& other);
  double Percent(int64_t correct) const { return words ? 100.0 * correct / words : 0.0; }
  // "UPOS 95.12 XPOS ... LAS 84.01 (LAS with subtypes 83.50) on N words, M sentences"
  std::string Summary() const;
};

// Tags, lemmatises and parses the words of `sentences` with `model` and scores the result. With
// `gold_tags`, parses with the gold UPOS+XPOS instead of predicted ones (to measure what tagging
// errors cost the parser).
ParseScores Evaluate(const Model& model, const std::vector<Sentence>& sentences,
                     bool gold_tags = false);

// The part of a relation before any ':' ("obl:agent" -> "obl").
std::string_view UniversalRelation(std::string_view deprel);

}  // namespace dyad::parse

#endif  // DYAD_PARSE_EVALUATE_H_
