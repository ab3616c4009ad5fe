// The public coding API: load dictionaries once, then code documents into events.
//
//   std::vector<dyad::Problem> problems;
//   auto lexicon = dyad::LoadLexicon({.data_dir = "data"}, &problems);   // compile once
//   dyad::Coder coder(*lexicon.value());                                  // one per thread
//   auto events = coder.Code(doc);                                        // match many
#ifndef DYAD_CODER_H_
#define DYAD_CODER_H_

#include <memory>
#include <string>
#include <vector>

#include "dyad/event.h"
#include "dyad/status.h"

namespace dyad {

class Lexicon;     // compiled dictionaries: immutable and thread-safe once loaded
class CoderState;  // per-coder scratch (stemmer, caches); not shared between threads

// A problem found while loading a dictionary: where and what.
struct Problem {
  std::string file;
  int line = 0;
  std::string message;
  std::string ToString() const;  // "file:line: message"
};

// Owns a Lexicon (whose definition is private to the library).
struct LexiconDeleter {
  void operator()(const Lexicon* lexicon) const;
};
using LexiconPtr = std::unique_ptr<const Lexicon, LexiconDeleter>;

struct LoadOptions {
  std::string data_dir =
      "data";           // holds actors/, verbs/, agents.txt, issues.txt, ontology/, lexicon/
  bool strict = false;  // any problem makes loading fail
  // Dictionaries given by the user, each in dyad's, TABARI's or PETRARCH-2's format (detected from
  // the content). A verb dictionary in a peer's format makes the coder follow that peer's rules.
  std::vector<std::string> actor_files;
  std::string verb_file, agent_file, discard_file, issue_file;
  std::string options_file;              // a TABARI .options file
  bool no_default_dictionaries = false;  // only the files above (data_dir still gives the ontology)
  // A tagger/parser model (e.g. data/models/en-ewt.parse). When set, the coder parses each sentence
  // that has an actor and a matched pattern and takes roles, passives and negation from the parse,
  // keeping the word-order rules as the fallback (`--syntax parse`). Empty: word order only.
  std::string parser_model;
};

// Loads and compiles every dictionary under options.data_dir. Problems (bad lines) are appended to
// *problems and the offending lines skipped. The load fails (NotFound) when ontology/cameo.tsv is
// missing or no actor or verb dictionary loaded anything, and (InvalidInput) when options.strict is
// set and any problem was found.
Result<LexiconPtr> LoadLexicon(const LoadOptions& options, std::vector<Problem>* problems);

// Counts of what a lexicon holds, for `dyad dict check` and explanations.
struct LexiconStats {
  size_t actor_names = 0, agent_names = 0, patterns = 0, issues = 0, cameo_codes = 0;
};
LexiconStats Stats(const Lexicon& lexicon);

// A human-readable trace of how a document was coded (for `dyad explain`).
struct Explanation {
  std::vector<std::string> lines;
};

// What coding one document gives: its events, and warnings about parts that were skipped.
struct CodedDocument {
  std::vector<Event> events;
  std::vector<std::string> warnings;
  size_t sentences = 0;  // sentences the text was split into
};

// Codes documents. Holds a reference to the lexicon, which must outlive it. Not thread-safe: use
// one Coder per thread (they may share one Lexicon).
class Coder {
 public:
  explicit Coder(const Lexicon& lexicon);
  ~Coder();
  Coder(const Coder&) = delete;
  Coder& operator=(const Coder&) = delete;

  // Codes one document. Fails (InvalidInput) on text that is not valid UTF-8, contains NUL bytes,
  // is empty or longer than kMaxDocumentBytes; the message names the byte offset. Sentences longer
  // than kMaxSentenceTokens are skipped with a warning. When `explanation` is non-null, the trace
  // is appended.
  Result<CodedDocument> Code(const Document& doc, Explanation* explanation = nullptr);

  static constexpr size_t kMaxDocumentBytes = 8u << 20;
  static constexpr size_t kMaxSentenceTokens = 400;

 private:
  const Lexicon& lexicon_;
  std::unique_ptr<CoderState> state_;
};

// Library version string, e.g. "0.1.0".
const char* Version();

// The dictionaries' fingerprint (a hash of every dictionary file's bytes), kept with stored events.
std::string DictionaryVersion(const Lexicon& lexicon);

// Fills e->goldstein, quad, plover, mode and contexts from the CAMEO ontology for e->code. Returns
// false (leaving e as it was) when the code is not in the ontology.
bool DescribeCode(const Lexicon& lexicon, Event* e);

// For a PLOVER type with no CAMEO code (e.g. an imported PLOVER record): the quad class most of its
// CAMEO codes have and their mean Goldstein value. Returns false for an unknown type.
bool DescribePloverType(const Lexicon& lexicon, const std::string& type, Event* e);

// The code a whole name has on `date` in the actor dictionaries ("Japan" -> "JPN"), or "" when no
// actor entry has exactly this name. Case-insensitive. A linear scan: cache results when calling
// it per row of a large file.
std::string ActorCodeFor(const Lexicon& lexicon, std::string_view name, Day date);

}  // namespace dyad

#endif  // DYAD_CODER_H_
