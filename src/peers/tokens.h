// Tokens and dictionary matches for the shallow coder (private to src/peers).
#ifndef DYAD_PEERS_TOKENS_H_
#define DYAD_PEERS_TOKENS_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "peers/dictionary.h"
#include "peers/sentence.h"

namespace dyad::peers::detail {

// Splits normalised text into tokens: words (with inner periods, apostrophes, slashes; hyphenated
// parts as joined words), "'S" after a possessive, commas, sentence ends and clause marks (";",
// ":", "--"). Quotes and brackets are dropped. With `split_negation`, "didn't" becomes "did n't"
// as PETRARCH's treebank tokens have it.
void Tokenize(std::string_view text, bool split_negation, std::vector<Tok>* out);

// Per-thread cache: upper-case word -> the dictionary word ids it meets.
class Words {
 public:
  // Call before a sentence's tokens are filled: the cache may be emptied there, never while tokens
  // point into it.
  void StartSentence() {
    if (cache_.size() > 200000) cache_.clear();
  }
  void Fill(const PeerDictionary& dict, Tok* t);

 private:
  struct Entry {
    std::vector<uint32_t> ids;
    uint16_t cls = 0;
    uint8_t starts = 0;  // StartBit flags of its ids
  };
  std::unordered_map<std::string, Entry> cache_;
};

// Actor phrases (longest first, left to right), then agent phrases on the words left.
void FindAtoms(const PeerDictionary& dict, Sentence* s);

// Verb forms on words no actor or agent uses, longest form first.
void FindVerbs(const PeerDictionary& dict, Sentence* s);

}  // namespace dyad::peers::detail

#endif  // DYAD_PEERS_TOKENS_H_
