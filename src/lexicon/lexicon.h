// The compiled dictionaries. Built once by LoadLexicon, then read-only and shared by all coders.
#ifndef DYAD_LEXICON_LEXICON_H_
#define DYAD_LEXICON_LEXICON_H_

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "dyad/coder.h"
#include "dyad/event.h"
#include "dyad/parse.h"
#include "lexicon/vocabulary.h"
#include "peers/dictionary.h"

namespace dyad {

namespace lexicon {

// One word of a dictionary phrase: a name id (actors, agents), a stem id (issues), or a
// case-sensitive exact id ("US", "UN").
struct WordMatcher {
  uint32_t id = kUnknownWord;
  bool exact = false;
  bool capital = false;  // written capitalised: the text word must be capitalised too
};
using Phrase = std::vector<WordMatcher>;

// One row of an actor entry: the code it gives in a date range.
struct ActorRow {
  std::string code;
  Day from = INT32_MIN + 1;  // inclusive; open when undated
  Day to = INT32_MAX;        // inclusive
  bool dated = false;
  std::string role;
  std::string origin;  // "actors/people.txt:12"
};

struct ActorEntry {
  Phrase words;
  std::string name;  // as first written
  bool person = false;
  bool place =
      false;  // a city or region (actors/places*.txt): where things happen, rarely who acts
  std::vector<ActorRow> rows;
  // The row for a document date (dated rows first, then the undated fallback, then the nearest).
  const ActorRow& RowFor(Day date) const;
};

struct AgentEntry {
  Phrase words;
  std::string name;
  std::string role;  // three letters
  std::string origin;
};

struct IssueEntry {
  Phrase words;
  std::string name;
  std::string context;
  std::string origin;
};

enum class ElemKind : uint8_t { kWord, kGap, kTarget, kSource };

struct PatternElem {
  ElemKind kind = ElemKind::kWord;
  bool optional = false;
  std::vector<uint32_t> ids;  // alternatives, for kWord
};

struct Pattern {
  std::string code;
  std::vector<PatternElem> elems;
  size_t head = 0;    // index of the first required word: the verb, for passive detection
  size_t anchor = 0;  // index of the most selective required word: where matching starts
  int literals = 0;   // required words, the specificity used to rank overlapping matches
  std::vector<uint64_t>
      required_bits;  // per required word: its alternatives' ids as bits (id % 64)
  bool has_source = false, has_target = false;
  std::vector<std::string> contexts;
  std::string id;    // "04-consult:42"
  std::string text;  // as written
};

struct CameoInfo {
  std::string code, name;
  double goldstein = 0;
  int quad = 0;
  std::string plover, mode;
  std::vector<std::string> contexts;
};

// Index of phrases by their first word, longest first.
class PhraseIndex {
 public:
  void Add(const Phrase& phrase, uint32_t entry);
  void Finish(
      const std::vector<size_t>& lengths);  // sorts each bucket by phrase length, longest first
  const std::vector<uint32_t>* Candidates(uint32_t first_id) const;

 private:
  std::vector<std::vector<uint32_t>> by_first_;  // indexed by word id
};

// Phrase alternatives: a pattern word "withdraw|pull_back|pull_out" stands for "withdraw",
// "pull back" or "pull out". ExpandPhrases writes one plain pattern body per combination (the
// body itself when it has none); false with *error past kMaxPhraseExpansions combinations.
inline constexpr size_t kMaxPhraseExpansions = 64;
bool ExpandPhrases(const std::string& body, std::vector<std::string>* out, std::string* error);
// The pattern words of a body, without its code and contexts: Pattern::text.
std::string PatternText(const std::string& body);
// A warning when a pattern body looks like phrase alternatives written with blanks
// ("withdraw|pull back|pull out"); empty otherwise.
std::string SuspiciousAlternatives(const std::string& body);

// The role codes agents.txt accepts ("GOV", "MIL", ...) and the contexts issues.txt accepts.
bool IsRoleCode(const std::string& s);
const std::set<std::string>& KnownContexts();

}  // namespace lexicon

class Lexicon {
 public:
  lexicon::Vocabulary vocab;
  std::vector<lexicon::ActorEntry> actors;
  std::vector<lexicon::AgentEntry> agents;
  std::vector<lexicon::IssueEntry> issues;
  std::vector<lexicon::Pattern> patterns;
  lexicon::PhraseIndex actor_index, agent_index, issue_index;
  // Candidates by anchor word id, each with two requirement masks copied from its pattern so that
  // most candidates are rejected without loading the pattern.
  struct AnchorEntry {
    uint32_t pattern;
    uint64_t need0, need1;
  };
  std::vector<std::vector<AnchorEntry>> patterns_by_anchor;  // indexed by word id
  std::unordered_map<std::string, lexicon::CameoInfo> cameo;
  std::string version;  // a hash of every dictionary file's bytes, for provenance
  // Set when the verbs are a peer's (TABARI, PETRARCH-2): the coder then follows that peer's rules
  // with these dictionaries (see src/peers/README.md).
  std::unique_ptr<peers::PeerDictionary> peer;
  size_t vocab_size = 0;  // ids are below this
  // The tagger/parser when the coder uses syntax (LoadOptions::parser_model); null otherwise.
  std::unique_ptr<const Parser> parser;

  const lexicon::CameoInfo* Cameo(const std::string& code) const;
};

}  // namespace dyad

#endif  // DYAD_LEXICON_LEXICON_H_
