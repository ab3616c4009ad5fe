// Matching TABARI/PETRARCH verb patterns around a verb (private to src/peers).
#ifndef DYAD_PEERS_PATTERNS_H_
#define DYAD_PEERS_PATTERNS_H_

#include <vector>

#include "peers/dictionary.h"
#include "peers/sentence.h"

namespace dyad::peers::detail {

// The actors a pattern's "$", "+", "%" and "^" met (indexes into Sentence::occs, -1 for none).
struct Slots {
  int source = -1, target = -1, compound = -1;
  std::vector<int> skipped;
};

// Matches patterns against one sentence. The words before "*" are matched leftwards from the verb,
// those after it rightwards; "_" asks for the next element at once, a blank lets other tokens
// (commas included) stand between. Tokens in deleted clauses are skipped as if absent.
// Per-thread buffers a PatternMatcher borrows, so that a sentence allocates nothing.
struct MatcherScratch {
  std::vector<uint8_t> present;  // word id -> present in the sentence (all zero between uses)
  std::vector<int> vis, pos_of, occ_start, occ_end;
  std::vector<uint32_t> candidates;
};

class PatternMatcher {
 public:
  PatternMatcher(const PeerDictionary& dict, const Sentence& s, MatcherScratch* scratch);
  ~PatternMatcher();
  // True when `p` fits around verb `v`; *slots gets the actors its slots met and *weight the
  // letters of the literal words it met (words inside synsets do not count): where several
  // patterns fit, the heaviest wins, then the first in the file.
  // `floor` (a token index, or -1): PETRARCH matches the words before the verb in the subject's
  // noun phrase, so none of them may stand before it.
  bool Match(const Pattern& p, const VerbOcc& v, int floor, Slots* slots, int* weight);
  // The words of every literal a pattern requires are in the sentence (a cheap pre-check).
  bool Possible(const Pattern& p) const;

 private:
  class Cont;
  bool Forward(const ElemSeq& seq, size_t k, int pos, bool anchored, const Cont& cont);
  bool Backward(const ElemSeq& seq, int k, int pos, bool anchored, const Cont& cont);
  bool Place(const Elem& e, int pos, bool forward, const Cont& cont);
  bool SlotFits(const Elem& e, int occ) const;

  const PeerDictionary& dict_;
  const Sentence& s_;
  std::vector<int>& vis_;          // visible tokens (not deleted), by position
  std::vector<int>& pos_of_;       // token index -> visible position (-1 when deleted)
  std::vector<int>& occ_start_;    // visible position -> occurrence starting there
  std::vector<int>& occ_end_;      // visible position -> occurrence ending there
  std::vector<uint8_t>& present_;  // word id -> present in the sentence
  const bool tabari_;
  int upper_floor_ = -1;  // visible position: PETRARCH's pre-verb words may not stand before it
  bool Barrier(int pos) const;
  Slots slots_;
  int steps_ = 0;
  int weight_ = 0;                     // letters of the literal words met so far
  std::vector<uint32_t>& candidates_;  // synset members to try (a stack, one frame per synset)
  int synset_depth_ = 0;               // inside a synset member: its words do not weigh
};

}  // namespace dyad::peers::detail

#endif  // DYAD_PEERS_PATTERNS_H_
