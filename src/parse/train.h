// Training the tagger, lemmatiser and parser from CoNLL-U treebanks. Deterministic: the same data,
// options and seed give the same model, byte for byte (one thread, no clocks, no unordered
// iteration).
#ifndef DYAD_PARSE_TRAIN_H_
#define DYAD_PARSE_TRAIN_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "dyad/status.h"
#include "parse/conllu.h"
#include "parse/model.h"

namespace dyad::parse {

struct TrainOptions {
  int parser_epochs = 15;
  int tagger_epochs = 10;
  // Parser training reads tags predicted by taggers trained on the other folds (jackknifing), so
  // it learns from tags as noisy as at run time. 1 trains the parser on gold tags.
  int folds = 10;
  // Tag twice, the second pass seeing the first's tags to the right. Needs folds > 1.
  bool two_pass_tagger = true;
  uint64_t seed = 1;
  // A WordNet dictionary directory (e.g. /usr/share/wordnet) whose word categories the tagger
  // reads as features (see lexicon.h); empty for none. Copied into the model.
  std::string wordnet;
  // Dynamic-oracle exploration (Goldberg & Nivre 2012): from this epoch on (1-based), a wrong
  // prediction is followed with probability `explore`; before it, the oracle's best move is.
  int explore_from_epoch = 2;
  double explore = 0.9;
  // Features updated fewer times than this are left out of the model: a third of the size, for
  // a few hundredths of a point.
  int tagger_min_updates = 2;
  int parser_min_updates = 3;
  // Frequent words almost always given one class are tagged by lookup, without scoring.
  int tag_dict_min_count = 20;
  double tag_dict_min_share = 0.995;
  // Called with one line per step (epoch scores, counts of skipped sentences); may be empty.
  std::function<void(const std::string&)> log;
};

// Trains on `train`; after each parser epoch scores on `dev` (if non-empty) and keeps the epoch
// with the best dev LAS (the last one without dev). Fails when train has no usable sentence or no
// "root" relation. Sentences whose trees are broken are skipped and counted in the log.
Result<std::unique_ptr<Model>> TrainModel(const std::vector<Sentence>& train,
                                          const std::vector<Sentence>& dev,
                                          const TrainOptions& options);

}  // namespace dyad::parse

#endif  // DYAD_PARSE_TRAIN_H_
