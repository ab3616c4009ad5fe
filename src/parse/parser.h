// Greedy arc-eager dependency parsing with an averaged-perceptron model over the rich non-local
// features of Zhang & Nivre (2011): words and tags around the stack and buffer, the distance
// between them, valencies, the labels of the outermost children, and sets of those labels.
#ifndef DYAD_PARSE_PARSER_H_
#define DYAD_PARSE_PARSER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "parse/binary_io.h"
#include "parse/transition.h"
#include "parse/weights.h"

namespace dyad::parse {

// What parser features read of a node: its lower-cased word's hash, its tagger class, the hash of
// its UPOS, its ambiguity class (the tags the word had in training: a second opinion when the
// tagger is wrong), and counts of what lies before it.
struct NodeAtoms {
  uint64_t word = 0;
  uint32_t tag = 0;
  uint64_t upos = 0;
  uint64_t amb = 0;
  // Punctuation marks and verbs among the words before this node, for "between" features.
  uint16_t puncts_before = 0, verbs_before = 0;
  // The tagger's runner-up class (num_tags + 1 if none) and its margin bin (WordAtoms::margin).
  uint32_t tag2 = 0;
  uint32_t margin = 3;
};

struct ParserModel {
  std::vector<std::string> labels;  // dependency relations, subtypes included ("nsubj:pass")
  Transitions transitions;
  WeightTable weights;

  void Write(ByteWriter* out) const;
  bool Read(ByteReader* in);
};

// atoms has n + 1 entries: the n words, then the root. num_tags is the tagger's class count (ids
// num_tags and up stand for the root and for missing nodes).
constexpr size_t kMaxParseFeatures = 128;
size_t ParseFeatures(const State& s, const std::vector<NodeAtoms>& atoms, uint32_t num_tags,
                     uint64_t* keys);
// ParseFeatures in two parts: the keys that read only the first buffer nodes (the same while the
// buffer front is), and the others.
size_t BufferFeatures(const State& s, const std::vector<NodeAtoms>& atoms, uint32_t num_tags,
                      uint64_t* keys);
size_t StackFeatures(const State& s, const std::vector<NodeAtoms>& atoms, uint32_t num_tags,
                     uint64_t* keys);

// Reusable memory for parsing; one per thread.
struct ParseScratch {
  State state;
  std::vector<int16_t> scores;
  std::vector<int16_t> buffer_scores;  // the BufferFeatures rows of the current buffer front
};

// Parses one sentence greedily. heads[i] is the node heading word i (n for the root) and labels[i]
// its label id; words that the transitions leave with a second root are re-attached to the first.
void ParseGreedy(const ParserModel& model, const std::vector<NodeAtoms>& atoms, uint32_t num_tags,
                 ParseScratch* scratch, std::vector<int>* heads, std::vector<int>* labels);

// Keeps one word on the root and hangs any other root's children on it; returns how many were
// moved. heads as ParseGreedy's; `fallback_label` is the label the moved words get.
int SingleRoot(int n, int fallback_label, std::vector<int>* heads, std::vector<int>* labels);

}  // namespace dyad::parse

#endif  // DYAD_PARSE_PARSER_H_
