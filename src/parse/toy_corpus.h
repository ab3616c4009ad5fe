// A tiny generated treebank for tests: "the big dog chases a cat ." and the like, with gold tags,
// lemmas and trees. Test-only.
#ifndef DYAD_PARSE_TOY_CORPUS_H_
#define DYAD_PARSE_TOY_CORPUS_H_

#include <random>
#include <string>
#include <vector>

#include "parse/conllu.h"

namespace dyad::parse {

// `count` sentences of the form DET (ADJ) NOUN VERB DET (ADJ) NOUN (ADV) ".", deterministic for a
// given seed.
inline std::vector<Sentence> ToyCorpus(int count, unsigned seed) {
  struct Entry {
    const char *form, *lemma, *upos, *xpos;
  };
  const std::vector<Entry> dets = {{"the", "the", "DET", "DT"}, {"a", "a", "DET", "DT"}};
  const std::vector<Entry> adjs = {{"big", "big", "ADJ", "JJ"}, {"small", "small", "ADJ", "JJ"}};
  const std::vector<Entry> nouns = {{"dog", "dog", "NOUN", "NN"},
                                    {"cats", "cat", "NOUN", "NNS"},
                                    {"man", "man", "NOUN", "NN"},
                                    {"balls", "ball", "NOUN", "NNS"}};
  const std::vector<Entry> verbs = {{"sees", "see", "VERB", "VBZ"},
                                    {"chased", "chase", "VERB", "VBD"},
                                    {"likes", "like", "VERB", "VBZ"}};
  const std::vector<Entry> advs = {{"today", "today", "ADV", "RB"}};
  std::mt19937 rng(seed);
  auto pick = [&](const std::vector<Entry>& v) { return v[rng() % v.size()]; };
  std::vector<Sentence> out;
  for (int k = 0; k < count; ++k) {
    Sentence s;
    s.comments.push_back("# sent_id = toy-" + std::to_string(k + 1));
    auto add = [&](const Entry& e, int head, const char* rel) {
      Word w;
      w.form = e.form;
      w.lemma = e.lemma;
      w.upos = e.upos;
      w.xpos = e.xpos;
      w.feats = w.deps = w.misc = "_";
      w.head = head;
      w.deprel = rel;
      s.words.push_back(w);
    };
    // Positions are worked out first so heads can be written as the words are added.
    bool adj1 = rng() % 2, adj2 = rng() % 2, adv = rng() % 3 == 0;
    int noun1 = adj1 ? 3 : 2, verb = noun1 + 1, noun2 = verb + (adj2 ? 3 : 2);
    add(pick(dets), noun1, "det");
    if (adj1) add(pick(adjs), noun1, "amod");
    add(pick(nouns), verb, "nsubj");
    add(pick(verbs), 0, "root");
    add(pick(dets), noun2, "det");
    if (adj2) add(pick(adjs), noun2, "amod");
    add(pick(nouns), verb, "obj");
    if (adv) add(advs[0], verb, "advmod");
    add({".", ".", "PUNCT", "."}, verb, "punct");
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace dyad::parse

#endif  // DYAD_PARSE_TOY_CORPUS_H_
