// Part-of-speech tagging: a greedy left-to-right averaged perceptron over joint UPOS+XPOS classes.
#ifndef DYAD_PARSE_TAGGER_H_
#define DYAD_PARSE_TAGGER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parse/binary_io.h"
#include "parse/flat_map.h"
#include "parse/weights.h"
#include "parse/word_classes.h"

namespace dyad::parse {

// What the tagger's features need of one word, computed once per sentence.
struct WordAtoms {
  uint64_t form = 0;   // hash of the word as written
  uint64_t lower = 0;  // hash of the ASCII-lower-cased word
  uint64_t prefix[4] = {};
  uint64_t suffix[4] = {};  // of the lower-cased word, 1 to 4 bytes
  uint64_t shape = 0;       // hash of "Xxx", "dd,dd"-style shape
  uint32_t flags = 0;       // kCapital | kAllCaps | kHyphen | kDigit
  // Tags seen with the word in training; for a word rare or unseen there, a hash of its word_class
  // bits (0 if none).
  uint64_t ambiguity = 0;
  uint32_t word_class = 0;  // WordClassBits of the lower-cased word; kFrequent for dictionary words
  // Set by tagging: the class that came second (-1 if none), and its margin (0 close .. 2 far; 3
  // when the word was tagged by dictionary).
  int runner_up = -1;
  int margin = 3;
  static constexpr uint32_t kCapital = 1, kAllCaps = 2, kHyphen = 4, kDigit = 8;
  static constexpr uint32_t kFrequent = 1 << 20;
};

// Lower-cases ASCII letters only; other bytes are kept. Features need speed, not Unicode case.
std::string AsciiLower(std::string_view s);

// The tagger's model. Classes are (UPOS, XPOS) pairs seen in training.
struct TaggerModel {
  std::vector<std::string> upos, xpos;  // per class
  FlatMap<uint16_t> tag_dict;           // form hash -> class, for frequent unambiguous words
  FlatMap<uint64_t> ambiguity;          // form hash -> hash of the set of tags seen with it
  WordClasses word_classes;             // word categories from WordNet (may be empty)
  WeightTable weights;                  // the first (left-to-right) pass
  // An optional second pass that also sees the first pass's classes of the words to the right.
  WeightTable second;
  std::vector<uint64_t> upos_hash;         // per class, hash of its UPOS (filled by Index())
  std::vector<uint8_t> is_punct, is_verb;  // per class, UPOS PUNCT / VERB or AUX (by Index())

  int num_classes() const { return static_cast<int>(upos.size()); }
  bool two_pass() const { return second.num_features() > 0; }
  // Fills the derived tables; called by Read() and after training.
  void Index();
  void Write(ByteWriter* out) const;
  bool Read(ByteReader* in);
};

// Computes the atoms of each word, ambiguity classes included.
void ComputeAtoms(const TaggerModel& model, const std::vector<std::string_view>& words,
                  std::vector<WordAtoms>* atoms);

// Writes the feature keys of word i given the classes of the two words before it (-1 at the start)
// into keys; returns how many. `first` is null in the first pass, and the first pass's classes in
// the second. keys must have room for kMaxTagFeatures.
constexpr size_t kMaxTagFeatures = 48;
size_t TagFeatures(const std::vector<WordAtoms>& atoms, size_t i, int prev, int prev2,
                   const int* first, uint64_t* keys);

// One greedy left-to-right pass with `weights` (the model's first or second); also sets each
// word's runner_up and margin. In the second pass (`first` non-null), words the first pass tagged
// with margin 2 keep its class without being scored again.
constexpr int kMaxClasses = 1024;
void TagPass(const TaggerModel& model, const WeightTable& weights, std::vector<WordAtoms>* atoms,
             const int* first, std::vector<int>* classes);

// Tags one sentence (both passes when the model has two): (*classes)[i] is the class of words[i].
// Thread-safe for a shared model.
void Tag(const TaggerModel& model, const std::vector<std::string_view>& words,
         std::vector<WordAtoms>* atoms, std::vector<int>* classes);

}  // namespace dyad::parse

#endif  // DYAD_PARSE_TAGGER_H_
