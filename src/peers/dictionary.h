// The peers' dictionaries (TABARI and PETRARCH-2 formats) compiled for the shallow coder.
//
// Reading: each Read* function parses one file, appends what it understood to a PeerDictionary and
// reports every line it could not carry (and every feature it knows but does not implement) as a
// Problem naming the file and line. Compile() then indexes everything; after that the dictionary
// is immutable and may be shared by any number of coders on any threads.
#ifndef DYAD_PEERS_DICTIONARY_H_
#define DYAD_PEERS_DICTIONARY_H_

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/coder.h"
#include "dyad/event.h"
#include "peers/options.h"

namespace dyad::peers {

// Whose rules a dictionary file was written for. TABARI stems bare words ("ARGENTIN" meets
// "ARGENTINA") and allows gaps between blank-separated words; PETRARCH-2 matches whole words and
// generates regular verb forms and noun plurals itself.
enum class Flavor : uint8_t { kTabari, kPetrarch };  // declared in options.h

// The format of a dictionary file, detected from its content.
enum class Format : uint8_t { kUnknown, kDyad, kTabari, kPetrarch };
const char* FormatName(Format f);

enum class Kind : uint8_t { kActors, kVerbs, kAgents, kDiscards, kIssues, kOptions };
const char* KindName(Kind k);

// Looks at the text of a dictionary of the given kind and says whose format it is.
Format DetectFormat(Kind kind, std::string_view content);

// How a dictionary word meets a text word (both upper case).
enum class WordMode : uint8_t {
  kExact,       // the word itself only (TABARI "WORD=", "WORD_" in patterns; PETRARCH words)
  kEnding,      // a verb with a regular ending: S, ES, ED, D, EN, ING (TABARI verb "WORD_")
  kStem,        // any text word that starts with it (TABARI "WORD")
  kNounEnding,  // a noun with a plural or possessive ending: S, ES (TABARI actor "WORD_")
  kForms,       // the word and the spellings added with AddSpelling (PETRARCH's noun plurals)
  kVerbForms,   // the same for PETRARCH's verbs and their regular forms, kept apart from nouns
};

// One word of a phrase. `next_adjacent`: the following element must stand right after this one
// (TABARI "_" connector); otherwise other words may come between.
struct PhraseWord {
  uint32_t id = 0;
  bool next_adjacent = true;
};
using Phrase = std::vector<PhraseWord>;

// A dictionary code with its TABARI/PETRARCH decorations.
struct CodeSpec {
  enum Kind : uint8_t { kNull, kEvent, kDiscard, kComplex };
  Kind kind = kNull;
  std::string code;          // the event code for source -> target ("" unless kEvent)
  std::string paired;        // "013:012": the code for target -> source ("" when none)
  bool subordinate = false;  // "023?": yields to a later verb that codes
  bool dominant = false;     // "031!": when coding everything, the only event of its sentence
};

// Parses "[013:012]", "[---]", "[###]", "[+++]", "[023?]" (brackets optional). False on junk.
bool ParseCode(std::string_view text, CodeSpec* out);

// A code of an actor in a date range.
struct CodeRow {
  std::string
      code;  // "###" discard, "+++" complex, "---" null, or an actor code ("GON", "FRO/BIL")
  Day from = INT32_MIN + 1, to = INT32_MAX;
  bool dated = false;
};

struct ActorEntry {
  std::string name;           // the primary phrase as written
  std::string origin;         // "file:line"
  std::vector<CodeRow> rows;  // dated rows first in file order, undated rows are fallbacks
  // The row in force on `date`; nullptr when no row applies (a null-coded actor).
  const CodeRow* RowFor(Day date) const;
};

struct ActorPhrase {
  Phrase words;
  uint32_t entry = 0;
};

struct AgentEntry {
  Phrase words;
  std::string code;     // without the "~"
  bool prefix = false;  // "NGO~": written before the actor's code
  std::string name, origin;
};

// One element of a verb pattern or of a synset member.
struct Elem {
  enum Kind : uint8_t { kWord, kSynset, kAlternatives, kSource, kTarget, kCompound, kSkip };
  Kind kind = kWord;
  uint32_t id = 0;                              // word id (kWord) or synset index (kSynset)
  std::vector<std::vector<Elem>> alternatives;  // kAlternatives: "{ A B | C }"
  bool next_adjacent = false;  // the next element (or the verb) must follow right after
};
using ElemSeq = std::vector<Elem>;

struct Pattern {
  ElemSeq upper;                     // before the verb, in text order
  ElemSeq lower;                     // after the verb
  bool verb_adjacent_lower = false;  // "*_WORD": the first lower element follows the verb at once
  CodeSpec code;
  int weight = 0;  // the most it can weigh when it matches (see PatternMatcher::Match)
  std::vector<uint32_t> required;  // its literal words outside synsets and alternatives
  std::string text, origin;
};

// A verb form: the verb word with the words that stand with it ("BREAK_DOWN", "WIRE_+TAP").
struct VerbForm {
  Phrase before;  // words before the verb word
  uint32_t verb = 0;
  Phrase after;                 // words after it ("DOWN", "ASIDE REPORTS")
  bool before_adjacent = true;  // the verb word follows `before` at once
  bool after_adjacent = true;   // `after` follows the verb word at once
  uint32_t block = 0;
  CodeSpec code;  // the verb's own code (the block's unless given)
  std::string name, origin;
};

struct VerbBlock {
  std::string name;
  CodeSpec code;
  std::vector<uint32_t> patterns;  // heaviest possible first, then file order
};

struct Synset {
  std::string name;
  std::vector<ElemSeq> members;
  // Built by Compile: members by the word they start (end) with, so that a text word is tried only
  // against the members it can begin (end); members that start (end) otherwise are always tried.
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_first, by_last;
  std::vector<uint32_t> other_first, other_last;
};

struct TimeEntry {  // TABARI <TIME>: "YESTERDAY [-1]", "KAN_WA_MA_KAN [###]"
  ElemSeq words;
  int shift = 0;
  CodeSpec::Kind kind = CodeSpec::kEvent;  // kDiscard, kComplex, or kEvent for a plain shift
};

struct DiscardEntry {  // PETRARCH discards: consecutive words, the last a stem unless "WORD_"
  Phrase words;
  std::string text;    // as written, upper case
  bool story = false;  // "+PHRASE": the whole story
  std::string origin;
};

struct IssueEntry {
  std::string code;         // "" for an ignore phrase ("~phrase")
  bool ignore_all = false;  // "~~phrase": no issues at all for the sentence
  std::string origin;
};

struct IssuePhrase {  // one expanded form of an issue ("n:crime" -> CRIME, CRIMES)
  Phrase words;
  uint32_t issue = 0;
};

// Phrases indexed by their first word, and by their first two words when the second follows the
// first at once: a common first word ("THE", "JOHN") then offers only the phrases that can match.
class PhraseIndex {
 public:
  // `phrases[i]` is the phrase of entry i.
  void Build(const std::vector<const Phrase*>& phrases);
  // Calls f(entry) for each phrase that may start with `first` followed by a word meeting
  // `next_ids` (may be null), longer phrases first within each list.
  template <typename F>
  void ForEach(uint32_t first, const std::vector<uint32_t>* next_ids, F f) const {
    if (!Starts(first)) return;
    const Head& h = heads_[first];
    for (uint32_t k = h.one_begin; k < h.one_end; ++k) f(one_list_[k]);
    if (next_ids == nullptr || h.two_begin == h.two_end) return;
    const uint32_t* keys_begin = two_keys_.data() + h.two_begin;
    const uint32_t* keys_end = two_keys_.data() + h.two_end;
    for (uint32_t second : *next_ids) {
      if (second >= marks_.size() || !(marks_[second] & kSecond)) continue;
      const uint32_t* it = std::lower_bound(keys_begin, keys_end, second);
      if (it == keys_end || *it != second) continue;
      size_t k = static_cast<size_t>(it - two_keys_.data());
      for (uint32_t j = two_start_[k]; j < two_start_[k + 1]; ++j) f(two_list_[j]);
    }
  }
  // Whether some phrase starts with word `id` (a byte per word: cheap to ask for every word).
  bool Starts(uint32_t id) const { return id < marks_.size() && (marks_[id] & kFirst); }

 private:
  // Flat arrays (a few bytes per word) rather than a vector per word: the lookups run for every
  // token, and with tens of thousands of actors the index has to stay small to stay in cache.
  enum : uint8_t { kFirst = 1, kSecond = 2 };
  struct Head {
    uint32_t one_begin = 0, one_end = 0;  // one_list_: phrases keyed by the first word alone
    uint32_t two_begin = 0, two_end = 0;  // two_keys_: the second words keyed with it
  };
  std::vector<uint8_t> marks_;  // by word: kFirst, kSecond (the second word of a two-word key)
  std::vector<Head> heads_;     // by word (meaningful where kFirst is marked)
  std::vector<uint32_t> one_list_;
  std::vector<uint32_t> two_keys_;   // sorted within each head
  std::vector<uint32_t> two_start_;  // two_keys_[k]'s phrases: two_list_[two_start_[k]..[k+1])
  std::vector<uint32_t> two_list_;
};

// What a word may start (PeerDictionary::StartsMask): tokens that start nothing are passed over
// without touching the indexes.
enum StartBit : uint8_t {
  kStartsActor = 1,
  kStartsAgent = 2,
  kStartsDiscard = 4,
  kStartsIssue = 8,
  kStartsVerb = 16,
};

// Everything read from the peers' files, compiled. Immutable after Compile().
class PeerDictionary {
 public:
  PeerDictionary();
  ~PeerDictionary();

  Flavor flavor = Flavor::kTabari;  // whose coding rules apply (set from the verbs file)
  Options options;

  std::vector<ActorEntry> actors;
  std::vector<ActorPhrase> actor_phrases;
  std::vector<AgentEntry> agents;
  std::vector<VerbBlock> blocks;
  std::vector<VerbForm> verbs;
  std::vector<Pattern> patterns;
  std::vector<Synset> synsets;
  std::vector<TimeEntry> times;
  std::vector<DiscardEntry> discards;
  std::vector<IssueEntry> issues;
  std::vector<IssuePhrase> issue_phrases;
  std::vector<uint32_t> nouns, adjectives;  // TABARI <NOUN> and <ADJECTIVE> word ids

  // Word ids. A dictionary word is interned with its match mode; a text word is resolved to every
  // id it meets (see TextIds).
  uint32_t Intern(std::string_view upper, WordMode mode);
  // Every dictionary word id the upper-case text word meets, sorted. Appends to *out.
  void TextIds(std::string_view upper, std::vector<uint32_t>* out) const;
  const std::string& WordText(uint32_t id) const { return words_[id].text; }
  WordMode ModeOf(uint32_t id) const { return words_[id].mode; }
  size_t word_count() const { return words_.size(); }
  // Adds `form` as a further exact spelling of word `id` (PETRARCH's generated regular forms).
  void AddSpelling(std::string_view form, uint32_t id);

  uint32_t SynsetIndex(std::string_view name);  // creates it if new

  // Builds the look-up indexes. Call once, after every Read*.
  void Compile();

  // Look-ups by the first word of a phrase (valid after Compile).
  const PhraseIndex& actor_index() const { return actor_index_; }
  const PhraseIndex& agent_index() const { return agent_index_; }
  const std::vector<uint32_t>* VerbsStartingWith(uint32_t id) const;
  // Which indexes have entries starting with word `id` (StartBit flags).
  uint8_t StartsMask(uint32_t id) const;
  const PhraseIndex& discard_index() const { return discard_index_; }
  const PhraseIndex& issue_index() const { return issue_index_; }
  bool IsNoun(uint32_t id) const;
  bool IsAdjective(uint32_t id) const;
  bool compiled() const { return compiled_; }

  // Counts for `dyad dict check` and reports.
  size_t actor_count() const { return actors.size(); }

 private:
  struct Word {
    std::string text;
    WordMode mode;
  };
  std::vector<Word> words_;
  std::unordered_map<std::string, std::vector<uint32_t>> exact_;  // spelling -> ids
  std::unordered_map<std::string, uint32_t> ending_, noun_ending_, stem_;
  std::unordered_map<std::string, uint32_t> interned_;  // mode + text -> id
  size_t max_stem_ = 0;
  std::unordered_map<std::string, uint32_t> synset_names_;
  PhraseIndex actor_index_, agent_index_, discard_index_, issue_index_;
  std::vector<std::vector<uint32_t>> verb_index_;
  std::vector<uint8_t> noun_, adjective_;
  bool compiled_ = false;
};

// Reading. Each reader takes the file's text and its name for messages ("TABARI.Demo.actors");
// problems are appended with file:line. `format` must be kTabari or kPetrarch.
void ReadActors(std::string_view content, const std::string& file, Format format,
                PeerDictionary* dict, std::vector<Problem>* problems);
void ReadAgents(std::string_view content, const std::string& file, Format format,
                PeerDictionary* dict, std::vector<Problem>* problems);
void ReadVerbs(std::string_view content, const std::string& file, Format format,
               PeerDictionary* dict, std::vector<Problem>* problems);
void ReadDiscards(std::string_view content, const std::string& file, PeerDictionary* dict,
                  std::vector<Problem>* problems);
void ReadIssues(std::string_view content, const std::string& file, PeerDictionary* dict,
                std::vector<Problem>* problems);
// A TABARI .options file (or option records): applies each command to dict->options.
void ReadOptions(std::string_view content, const std::string& file, PeerDictionary* dict,
                 std::vector<Problem>* problems);

// Phrase parsing shared by the readers: "WORD_WORD WORD" in TABARI or PETRARCH conventions.
// Returns false (with *error) on an empty or malformed phrase.
// TABARI: a word followed by "_" is whole (kEnding; "WORD~_" stays a stem), "WORD=" is exact, a
// bare word is `bare_mode`; "_" joins words, a blank leaves room for other words. PETRARCH: every
// word is `bare_mode`; "_" joins words, and so does a blank unless `blank_is_gap`.
bool ParsePhrase(std::string_view text, Flavor flavor, WordMode bare_mode, bool blank_is_gap,
                 PeerDictionary* dict, Phrase* out, std::string* error);

}  // namespace dyad::peers

#endif  // DYAD_PEERS_DICTIONARY_H_
