#include "parse/train.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "parse/evaluate.h"
#include "parse/hashing.h"

namespace dyad::parse {
namespace {

// One training sentence, with gold and (jackknifed) predicted tagger classes.
struct Example {
  std::vector<std::string> forms;
  std::vector<std::string_view> words;  // views of forms
  std::vector<int> gold_tags, pred_tags;
  std::vector<int> first_tags;  // the first tagger pass's (jackknifed), for training the second
  std::vector<int> runner_up, margin;  // from the jackknifed tagging (see WordAtoms)
  GoldTree tree;                       // projectivised; node n is the root
};

struct Inventory {
  std::vector<std::string> upos, xpos, labels;
  std::map<std::pair<std::string, std::string>, int> tag_ids;
  std::map<std::string, int> label_ids;
  WordClasses word_classes;  // from TrainOptions::wordnet, for every tagger trained
};

// Fisher-Yates with the generator's raw output: the same order on every platform (std::shuffle's
// algorithm is not specified).
void Shuffle(std::vector<size_t>* v, std::mt19937_64* rng) {
  for (size_t i = v->size(); i > 1; --i) std::swap((*v)[i - 1], (*v)[(*rng)() % i]);
}

Inventory BuildInventory(const std::vector<Sentence>& train) {
  Inventory inv;
  std::set<std::pair<std::string, std::string>> tags;
  std::set<std::string> labels;
  for (const auto& s : train) {
    for (const auto& w : s.words) {
      tags.emplace(w.upos, w.xpos);
      labels.insert(w.deprel);
    }
  }
  for (const auto& t : tags) {
    inv.tag_ids[t] = static_cast<int>(inv.upos.size());
    inv.upos.push_back(t.first);
    inv.xpos.push_back(t.second);
  }
  for (const auto& l : labels) {
    inv.label_ids[l] = static_cast<int>(inv.labels.size());
    inv.labels.push_back(l);
  }
  return inv;
}

struct ExampleCounts {
  int skipped = 0, nonprojective = 0, lifted = 0;
};

std::vector<Example> BuildExamples(const std::vector<Sentence>& train, const Inventory& inv,
                                   const TrainOptions& options, ExampleCounts* counts) {
  std::vector<Example> out;
  for (const auto& s : train) {
    if (std::string bad = CheckTree(s); !bad.empty()) {
      ++counts->skipped;
      if (options.log) options.log(fmt::format("line {}: {}; skipped", s.line, bad));
      continue;
    }
    Example e;
    int n = static_cast<int>(s.words.size());
    for (const auto& w : s.words) {
      e.forms.push_back(w.form);
      e.gold_tags.push_back(inv.tag_ids.at({w.upos, w.xpos}));
      e.tree.head.push_back(w.head == 0 ? n : w.head - 1);
      e.tree.label.push_back(inv.label_ids.at(w.deprel));
    }
    e.tree.head.push_back(-1);  // the root
    e.tree.label.push_back(-1);
    std::vector<int> heads(e.tree.head.begin(), e.tree.head.end() - 1);
    if (int lifted = Projectivize(&heads); lifted > 0) {
      ++counts->nonprojective;
      counts->lifted += lifted;
      std::copy(heads.begin(), heads.end(), e.tree.head.begin());
    }
    e.tree.Index();
    e.pred_tags = e.gold_tags;
    out.push_back(std::move(e));
  }
  for (auto& e : out) e.words.assign(e.forms.begin(), e.forms.end());
  return out;
}

// ---- tagger ----

// Tag dictionary and ambiguity classes from the words of `data`.
void BuildTagLexicon(const std::vector<const Example*>& data, const TrainOptions& options,
                     TaggerModel* model) {
  std::map<std::string_view, std::map<int, int>> counts;
  for (const Example* e : data)
    for (size_t i = 0; i < e->words.size(); ++i) ++counts[e->words[i]][e->gold_tags[i]];
  for (const auto& [word, tags] : counts) {
    int total = 0, best = -1, best_count = 0;
    for (const auto& [t, c] : tags) {
      total += c;
      if (c > best_count) best = t, best_count = c;
    }
    uint64_t key = HashBytes(word);
    if (total >= options.tag_dict_min_count && best_count >= options.tag_dict_min_share * total)
      model->tag_dict.Insert(key, static_cast<uint16_t>(best));
    if (total < 3) continue;  // rare words look like unseen ones, as they will at run time
    uint64_t amb = 0x616d62ULL;
    for (const auto& [t, c] : tags)
      if (c * 20 >= total) amb = Mix64(amb ^ static_cast<uint64_t>(t + 1));
    model->ambiguity.Insert(key, amb);
  }
}

// Trains one tagger pass over `data`. The second pass also reads each example's first_tags, which
// must come from taggers that did not see the example (jackknifed), as at run time.
WeightTable TrainTaggerPass(const std::vector<const Example*>& data, const TaggerModel& model,
                            bool second, const TrainOptions& options, uint64_t seed) {
  Perceptron p(model.num_classes());
  std::mt19937_64 rng(seed);
  std::vector<size_t> order(data.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<WordAtoms> atoms;
  std::vector<uint64_t> keys;
  std::vector<int64_t> scores;
  uint64_t buf[kMaxTagFeatures];
  for (int epoch = 0; epoch < options.tagger_epochs; ++epoch) {
    Shuffle(&order, &rng);
    for (size_t idx : order) {
      const Example& e = *data[idx];
      ComputeAtoms(model, e.words, &atoms);
      const int* first = second ? e.first_tags.data() : nullptr;
      int prev = -1, prev2 = -1;
      for (size_t i = 0; i < e.words.size(); ++i) {
        int guess;
        if (const uint16_t* c = model.tag_dict.Find(atoms[i].form)) {
          guess = *c;
        } else {
          keys.assign(buf, buf + TagFeatures(atoms, i, prev, prev2, first, buf));
          p.Score(keys, &scores);
          guess = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
          p.Update(keys, e.gold_tags[i], guess);
          p.Tick();
        }
        prev2 = prev;
        prev = guess;
      }
    }
  }
  return p.Freeze(kMaxTagFeatures, options.tagger_min_updates);
}

// A tagger trained on `data`: one pass, or two when `second` (see TrainTaggerPass).
TaggerModel TrainTagger(const std::vector<const Example*>& data, const Inventory& inv,
                        const TrainOptions& options, uint64_t seed, bool second) {
  TaggerModel model;
  model.upos = inv.upos;
  model.xpos = inv.xpos;
  model.word_classes = inv.word_classes;
  BuildTagLexicon(data, options, &model);
  model.weights = TrainTaggerPass(data, model, false, options, seed);
  if (second) model.second = TrainTaggerPass(data, model, true, options, seed + 1);
  model.Index();
  return model;
}

// "; dev UPOS .. XPOS .." for the tagger alone, or "" without dev sentences.
std::string TagScores(const TaggerModel& tagger, const std::vector<Sentence>& dev) {
  if (dev.empty()) return "";
  int64_t upos = 0, xpos = 0, total = 0;
  std::vector<WordAtoms> atoms;
  std::vector<std::string_view> words;
  std::vector<int> tags;
  for (const auto& s : dev) {
    words.clear();
    for (const auto& w : s.words) words.push_back(w.form);
    Tag(tagger, words, &atoms, &tags);
    for (size_t i = 0; i < words.size(); ++i, ++total) {
      upos += tagger.upos[tags[i]] == s.words[i].upos;
      xpos += tagger.xpos[tags[i]] == s.words[i].xpos;
    }
  }
  return fmt::format("; dev UPOS {:.2f} XPOS {:.2f}", 100.0 * upos / total, 100.0 * xpos / total);
}

// The examples of every fold but `fold`.
std::vector<const Example*> AllBut(const std::vector<Example>& examples, int folds, int fold) {
  std::vector<const Example*> rest;
  for (size_t i = 0; i < examples.size(); ++i)
    if (static_cast<int>(i % folds) != fold) rest.push_back(&examples[i]);
  return rest;
}

void KeepRunnerUps(const std::vector<WordAtoms>& atoms, Example* e) {
  e->runner_up.clear();
  e->margin.clear();
  for (const WordAtoms& a : atoms) {
    e->runner_up.push_back(a.runner_up);
    e->margin.push_back(a.margin);
  }
}

// Sets every example's first_tags and pred_tags from taggers trained without the example's fold.
// For a two-pass tagger this takes two rounds: the second pass learns from jackknifed first-pass
// tags, so those must all exist before any second pass is trained.
void Jackknife(std::vector<Example>* examples, const Inventory& inv, const TrainOptions& options) {
  int folds = options.folds;
  if (folds <= 1) return;
  std::vector<WordAtoms> atoms;
  std::vector<TaggerModel> first_pass;
  for (int fold = 0; fold < folds; ++fold) {
    first_pass.push_back(TrainTagger(AllBut(*examples, folds, fold), inv, options,
                                     options.seed + 1000 + fold, false));
    for (size_t i = fold; i < examples->size(); i += folds) {
      Example& e = (*examples)[i];
      Tag(first_pass.back(), e.words, &atoms, &e.first_tags);
      e.pred_tags = e.first_tags;
      KeepRunnerUps(atoms, &e);
    }
  }
  for (int fold = 0; fold < folds && options.two_pass_tagger; ++fold) {
    TaggerModel& tagger = first_pass[fold];
    tagger.second = TrainTaggerPass(AllBut(*examples, folds, fold), tagger, true, options,
                                    options.seed + 2000 + fold);
    for (size_t i = fold; i < examples->size(); i += folds) {
      Example& e = (*examples)[i];
      Tag(tagger, e.words, &atoms, &e.pred_tags);
      KeepRunnerUps(atoms, &e);
    }
  }
  int64_t right = 0, total = 0;
  for (const Example& e : *examples)
    for (size_t k = 0; k < e.words.size(); ++k, ++total) right += e.pred_tags[k] == e.gold_tags[k];
  if (options.log)
    options.log(fmt::format("jackknifed tags ({} folds): class accuracy {:.2f}", folds,
                            100.0 * right / std::max<int64_t>(total, 1)));
}

// ---- parser ----

struct ParserTrainer {
  const Transitions& t;
  uint32_t num_tags;
  Perceptron perceptron;
  std::mt19937_64 rng;
  State state;
  std::vector<NodeAtoms> atoms;
  std::vector<WordAtoms> word_atoms;
  std::vector<int> cost;
  std::vector<int64_t> scores;
  std::vector<uint64_t> keys;
  int64_t moves = 0, wrong = 0;

  ParserTrainer(const Transitions& tr, uint32_t tags, uint64_t seed)
      : t(tr), num_tags(tags), perceptron(tr.num_classes()), rng(seed) {}

  int Best(bool zero_cost_only) const {
    int best = -1;
    for (int c = 0; c < t.num_classes(); ++c) {
      if (cost[c] < 0 || (zero_cost_only && cost[c] != 0)) continue;
      if (best < 0 || scores[c] > scores[best]) best = c;
    }
    return best;
  }

  // The best zero-cost class, or the cheapest if none costs 0 (only for non-projective gold).
  int BestGold() const {
    int best = Best(true);
    if (best >= 0) return best;
    for (int c = 0; c < t.num_classes(); ++c)
      if (cost[c] >= 0 && (best < 0 || cost[c] < cost[best])) best = c;
    return best;
  }

  void Train(const Example& e, const TaggerModel& tagger, bool explore, double p_explore) {
    ComputeAtoms(tagger, e.words, &word_atoms);
    for (size_t i = 0; i < e.runner_up.size(); ++i) {
      word_atoms[i].runner_up = e.runner_up[i];
      word_atoms[i].margin = e.margin[i];
    }
    NodeAtomsFor(tagger, word_atoms, e.pred_tags, &atoms);
    state.Init(static_cast<int>(e.words.size()));
    uint64_t buf[kMaxParseFeatures];
    while (!state.Terminal()) {
      keys.assign(buf, buf + ParseFeatures(state, atoms, num_tags, buf));
      perceptron.Score(keys, &scores);
      Costs(state, t, e.tree, &cost);
      int guess = Best(false), gold = BestGold();
      ++moves;
      int next = guess;
      if (cost[guess] > 0) {
        ++wrong;
        perceptron.Update(keys, gold, guess);
        double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
        if (!explore || u >= p_explore) next = gold;
      }
      perceptron.Tick();
      Apply(&state, t, next);
    }
  }
};

}  // namespace

Result<std::unique_ptr<Model>> TrainModel(const std::vector<Sentence>& train,
                                          const std::vector<Sentence>& dev,
                                          const TrainOptions& options) {
  auto log = [&](const std::string& line) {
    if (options.log) options.log(line);
  };
  Inventory inv = BuildInventory(train);
  if (!options.wordnet.empty()) {
    if (Status s = ReadWordNet(options.wordnet, &inv.word_classes); !s.ok()) return s;
    log(fmt::format("word classes: {} words from {}", inv.word_classes.size(), options.wordnet));
  }
  if (!inv.label_ids.count("root"))
    return Status::InvalidInput("training data has no word with relation \"root\"");
  if (inv.upos.size() > WeightTable::kMaxClasses ||
      Transitions{static_cast<int>(inv.labels.size()), 0}.num_classes() > WeightTable::kMaxClasses)
    return Status::InvalidInput(
        fmt::format("{} UPOS+XPOS pairs and {} relations: more than this model format holds",
                    inv.upos.size(), inv.labels.size()));
  ExampleCounts counts;
  std::vector<Example> examples = BuildExamples(train, inv, options, &counts);
  if (examples.empty()) return Status::InvalidInput("no usable training sentence");
  log(fmt::format(
      "train: {} sentences used, {} skipped (broken trees); {} non-projective, made projective by "
      "lifting {} arcs; {} tagger classes, {} relations",
      examples.size(), counts.skipped, counts.nonprojective, counts.lifted, inv.upos.size(),
      inv.labels.size()));

  auto model = std::make_unique<Model>();
  Jackknife(&examples, inv, options);
  std::vector<const Example*> all;
  for (const auto& e : examples) all.push_back(&e);
  model->tagger =
      TrainTagger(all, inv, options, options.seed, options.two_pass_tagger && options.folds > 1);
  log(fmt::format("tagger: {} features, {} weights, {} dictionary words{}",
                  model->tagger.weights.num_features(), model->tagger.weights.num_weights(),
                  model->tagger.tag_dict.size(), TagScores(model->tagger, dev)));

  std::vector<LemmaExample> lemma_examples;
  for (const auto& s : train)
    for (const auto& w : s.words)
      lemma_examples.push_back({w.form, inv.tag_ids.at({w.upos, w.xpos}), w.upos, w.lemma});
  model->lemmatizer = Lemmatizer::Train(lemma_examples);
  log(fmt::format("lemmatizer: {} suffix rules, {} table entries", model->lemmatizer.num_rules(),
                  model->lemmatizer.num_exceptions()));

  model->parser.labels = inv.labels;
  model->parser.transitions = {static_cast<int>(inv.labels.size()), inv.label_ids.at("root")};
  uint32_t num_tags = static_cast<uint32_t>(inv.upos.size());
  ParserTrainer trainer(model->parser.transitions, num_tags, options.seed);
  std::mt19937_64 rng(options.seed * 7919 + 17);
  std::vector<size_t> order(examples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  WeightTable best;
  double best_las = -1;
  for (int epoch = 1; epoch <= options.parser_epochs; ++epoch) {
    Shuffle(&order, &rng);
    trainer.moves = trainer.wrong = 0;
    for (size_t i : order)
      trainer.Train(examples[i], model->tagger, epoch >= options.explore_from_epoch,
                    options.explore);
    model->parser.weights =
        trainer.perceptron.Freeze(kMaxParseFeatures, options.parser_min_updates);
    std::string line = fmt::format("epoch {}: train moves wrong {:.2f}%, {} features", epoch,
                                   100.0 * trainer.wrong / std::max<int64_t>(trainer.moves, 1),
                                   model->parser.weights.num_features());
    double las = epoch;  // without dev, the last epoch wins
    if (!dev.empty()) {
      ParseScores scores = Evaluate(*model, dev);
      las = scores.Percent(scores.las);
      line += fmt::format("; dev UPOS {:.2f} UAS {:.2f} LAS {:.2f}", scores.Percent(scores.upos),
                          scores.Percent(scores.uas), las);
    }
    log(line);
    if (las > best_las) {
      best_las = las;
      best = model->parser.weights;
    }
  }
  model->parser.weights = std::move(best);
  return model;
}

}  // namespace dyad::parse
