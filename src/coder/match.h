// Matching verb patterns against a sentence and choosing the ones that code events.
#ifndef DYAD_CODER_MATCH_H_
#define DYAD_CODER_MATCH_H_

#include <array>
#include <string>
#include <vector>

#include "coder/sentence.h"

namespace dyad::coder {

inline constexpr int kNoMention = -1;
inline constexpr int kSubjectMention = -2;  // a passive's target slot: the subject fills it

struct Match {
  uint32_t pattern = 0;
  uint32_t start = 0, end = 0;  // token span of the whole match, slots included
  uint32_t anchor = 0;
  uint32_t head = 0;  // token of the pattern's first required word (its verb)
  int source = kNoMention, target = kNoMention;
  bool passive = false;
  int inner = kNoMention;  // a bare country adjective inside a gap ("entered Japanese waters")
  // Tokens matched by literal words (a fixed array: matching runs for every candidate pattern, and
  // a heap allocation each time would dominate).
  static constexpr size_t kMaxWords = 24;
  std::array<uint32_t, kMaxWords> words{};
  uint32_t word_count = 0;
  bool Push(uint32_t w) {
    if (word_count == kMaxWords) return false;
    words[word_count++] = w;
    return true;
  }
};

// A role phrase with no known country ("military", "two patrol vessels"): an actor only weakly.
bool IsWeak(const Mention& m);

// Reusable per-thread scratch for FindMatches.
struct MatchScratch {
  std::vector<uint8_t> present;  // by word id: does the sentence contain it?
};

// Every match of every pattern in the sentence, in no particular order.
std::vector<Match> FindMatches(const Lexicon& lex, const Sentence& s, MatchScratch* scratch);

// Keeps the most specific matches that share no literal word, in text order.
std::vector<Match> SelectMatches(const Lexicon& lex, std::vector<Match> matches);

}  // namespace dyad::coder

#endif  // DYAD_CODER_MATCH_H_
