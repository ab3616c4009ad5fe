// Working state of the shallow coder for one sentence (private to src/peers).
#ifndef DYAD_PEERS_SENTENCE_H_
#define DYAD_PEERS_SENTENCE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "peers/dictionary.h"

namespace dyad::peers::detail {

enum class TokKind : uint8_t { kWord, kNumber, kComma, kEnd, kPunct, kPossessive };

// Closed-class words the rules name (bits of Tok::cls).
enum WordBit : uint16_t {
  kDeterminer = 1 << 0,   // THE, A, AN
  kConjunction = 1 << 1,  // AND, OR, BUT, NOR
  kPronoun = 1 << 2,      // HE, SHE, IT, THEY, HIM, HER, THEM, ITS, THEIR, HIS
  kBeForm = 1 << 3,       // IS, ARE, WAS, WERE, BE, BEEN, BEING
  kBy = 1 << 4,
  kFormer = 1 << 5,
  kLink = 1 << 6,        // OF, IN, FROM, AT: "the ambassadors of Norland"
  kNoun = 1 << 7,        // a TABARI <NOUN> word
  kAdjective = 1 << 8,   // a TABARI <ADJECTIVE> word
  kAdverb = 1 << 9,      // THEN, ALSO, ...: may stand between a conjunction and its clause
  kPlural = 1 << 10,     // THEY, THEM, THEIR
  kOpener = 1 << 11,     // THAT, WHICH, WHO, ...: opens an embedded clause
  kModal = 1 << 12,      // WILL, WOULD, CAN, ...
  kPossessor = 1 << 13,  // ITS, THEIR, HIS, ...
};

struct Tok {
  uint32_t begin = 0, end = 0;                 // bytes in the normalised text
  std::string up;                              // upper case
  const std::vector<uint32_t>* ids = nullptr;  // dictionary words it meets
  TokKind kind = TokKind::kWord;
  uint16_t cls = 0;
  uint8_t starts = 0;         // what its words may start (StartBit flags)
  bool cap = false;           // written with a capital
  bool joined = false;        // a later part of a hyphenated word: not a word of its own
  bool possessive = false;    // followed by "'S": an actor's word, never a verb or pattern word
  bool deleted = false;       // in a comma clause that is not coded
  bool clause_break = false;  // a comma that starts a clause of its own (PETRARCH's ", X said")
  int clause = 0;
  int atom = -1;  // the actor or agent match that uses this token
  int occ = -1;   // the actor occurrence that covers this token
  int verb = -1;  // the verb occurrence that uses this token
  bool Has(uint32_t id) const;
  bool IsWord() const { return kind == TokKind::kWord || kind == TokKind::kNumber; }
};

// One dictionary match: an actor phrase or an agent phrase.
struct Atom {
  std::vector<uint32_t> toks;  // the tokens matched (not the gaps)
  bool actor = true;
  uint32_t entry = 0;  // ActorEntry or AgentEntry index
  bool used = false;   // an agent already attached to an actor
};

// An actor as the rules see it: a phrase with its agents, a pronoun, or a compound.
struct Occ {
  uint32_t first = 0, last = 0;        // token span, both inclusive
  std::vector<std::string> codes;      // one per member
  std::vector<std::string> base;       // the actors' own codes, without agents (for FORWARD)
  std::vector<uint32_t> member_first;  // first token of each member (for splitting compounds)
  bool pronoun = false;
  bool compound = false;
  bool cancelled = false;  // its head or tail is in a deleted clause
  // PETRARCH: the agents linked before it ("lawmakers [and officials] in Norland and Sudria"),
  // which a list it heads passes on to its other members.
  std::vector<const AgentEntry*> linked;
  std::string why;
};

struct VerbOcc {
  uint32_t form = 0;
  uint32_t first = 0, last = 0;  // token span, inclusive
  uint32_t verb_tok = 0;
  bool noun = false;  // used as a noun ("the restore"), so not coded
  std::string why_noun;
};

struct Sentence {
  // Empties it for the next sentence, keeping the memory its vectors hold.
  void Clear() {
    toks.clear();
    atoms.clear();
    occs.clear();
    verbs.clear();
    all_caps = discard = complex = false;
    words = shift = 0;
    why.clear();
  }
  std::vector<Tok> toks;
  std::vector<Atom> atoms;
  std::vector<Occ> occs;       // in text order
  std::vector<VerbOcc> verbs;  // in text order
  bool all_caps = false;
  int words = 0;
  bool discard = false, complex = false;
  std::string why;
  int shift = 0;
  bool explain = false;  // build the actors' `why` strings (only when the coding is traced)
};

}  // namespace dyad::peers::detail

#endif  // DYAD_PEERS_SENTENCE_H_
