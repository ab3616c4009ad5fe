// Per-sentence working state of the coder: tokens with their word ids, actor mentions and clauses.
#ifndef DYAD_CODER_SENTENCE_H_
#define DYAD_CODER_SENTENCE_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dyad/coder.h"
#include "dyad/event.h"
#include "lexicon/lexicon.h"
#include "text/normalize.h"
#include "text/tokenize.h"

namespace dyad::coder {

// Closed-class word classes, computed once per distinct word and cached (see WordCache).
enum WordClass : uint32_t {
  kModifier = 1u << 0,  // may stand inside an actor phrase: "the", "senior", "former"
  kPreposition = 1u << 1,
  kBoundary = 1u << 2,   // starts a clause: "but", "after", "which", ";"
  kReporting = 1u << 3,  // "said", "told", "according"
  kDateWord = 1u << 4,   // weekdays, months, "yesterday", "week"
  kFunction = 1u << 5,   // conjunctions, pronouns, auxiliaries and other closed-class words
};

// The classes of a lower-cased word.
uint32_t ClassesOf(std::string_view lower);

struct Token {
  uint32_t begin = 0, end = 0;  // normalised byte offsets
  std::string_view text;        // surface form (view into the normalised text)
  std::string lower;
  uint32_t id = 0, name = 0, exact = 0;  // vocabulary ids: stem, noun form, exact (0 = unknown)
  uint32_t classes = 0;                  // WordClass bits
  std::array<uint32_t, 2>
      parts{};  // name ids of a hyphenated word's first two parts ("China-Japan")
  // Dictionary entries that may start at this word (by name id / stem id), resolved once per
  // distinct word so that most tokens never touch the large id-indexed tables. Null when there are
  // none.
  const std::vector<uint32_t>* actor_starts = nullptr;
  const std::vector<uint32_t>* agent_starts = nullptr;
  const std::vector<uint32_t>* issue_starts = nullptr;
  const std::vector<Lexicon::AnchorEntry>* anchored = nullptr;
  bool capitalized = false, all_caps = false, punct = false, number = false;
  int mention = -1;  // index of the mention covering this token
  int clause = 0;
  bool boundary = false;  // starts a new clause
};

// An actor mention: a token range and the actor code(s) it stands for (several for "China and
// Japan").
struct Mention {
  uint32_t first = 0, last = 0;  // [first, last)
  std::vector<std::string> codes;
  bool person = false;
  bool has_role = false;
  bool inferred = false;  // the country was guessed from context, not read
  bool place = false;     // a bare city or region, with no role
  bool role_of = false;   // "the leaders of China": the role comes before its state
  std::string why;        // how the code was found, for explanations
};

// What the coder remembers across the sentences of one document.
struct DocumentMemory {
  std::vector<std::string> recent_countries;  // most recent last, distinct
  std::unordered_map<std::string, std::string>
      last_code;  // country -> the last full actor code seen
  std::string last_person;
  std::string last_subject;
  void NoteCountry(const std::string& code);
};

struct Sentence {
  std::vector<Token> tokens;
  std::vector<Mention> mentions;
  int speaker = -1;  // mention that an attribution ("..., the ministry said") names
};

// Per-thread caches: surface word -> vocabulary ids.
class WordCache {
 public:
  // Call between documents: the cache may be emptied there (never while tokens point into it).
  void StartDocument();
  void Fill(const Lexicon& lex, lexicon::Stemmer& stemmer, Token* t);

 private:
  struct Ids {
    uint32_t stem, name, classes;
    std::array<uint32_t, 2> parts;
    const std::vector<uint32_t>* actor_starts;
    const std::vector<uint32_t>* agent_starts;
    const std::vector<uint32_t>* issue_starts;
    const std::vector<Lexicon::AnchorEntry>* anchored;
  };
  std::unordered_map<std::string, Ids> ids_;
};

// A document's text ready for coding: normalised (with its byte map), tokenised and split into
// sentences. Fails on text that is not valid UTF-8, contains NUL bytes or is empty.
struct PreparedText {
  text::NormalizedText norm;
  std::vector<text::RawToken> raw;
  std::vector<text::SentenceRange> ranges;
};
Result<PreparedText> PrepareText(const Document& doc);

// The warning for sentence `index` when it is too long to code (Coder::kMaxSentenceTokens), else
// "".
std::string TooLongWarning(const text::SentenceRange& r, size_t index);

// Finds actor mentions (countries, people, organisations, agents, compounds, references such as
// "the two countries" and simple pronouns) and marks the tokens they cover.
void FindMentions(const Lexicon& lex, Day date, DocumentMemory* memory, Sentence* s,
                  std::vector<std::string>* trace);

// Marks clause boundaries and the attribution speaker.
void MarkClauses(Sentence* s, std::vector<std::string>* trace);

bool IsModifierWord(std::string_view lower);     // slow: for ClassesOf
bool IsPrepositionWord(std::string_view lower);  // slow: for ClassesOf

// Membership in a short constant word list (for lists read once per match, not per token).
template <size_t N>
bool InList(const std::array<std::string_view, N>& list, std::string_view w) {
  for (std::string_view x : list) {
    if (x == w) return true;
  }
  return false;
}

// A fixed set of words, for constant-time membership tests on hot paths.
class WordSet {
 public:
  template <typename Container>
  explicit WordSet(const Container& words) : words_(words.begin(), words.end()) {}
  bool Has(std::string_view w) const { return words_.count(w) > 0; }

 private:
  std::unordered_set<std::string_view> words_;
};

}  // namespace dyad::coder

#endif  // DYAD_CODER_SENTENCE_H_
