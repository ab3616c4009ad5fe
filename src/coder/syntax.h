// Roles from a dependency parse: who is the subject of a matched act, what is its object, is it
// passive or negated. Used when the lexicon carries a parser (`--syntax parse`); the word-order
// rules in coder.cc remain the fallback for whatever the parse leaves open.
#ifndef DYAD_CODER_SYNTAX_H_
#define DYAD_CODER_SYNTAX_H_

#include <string>
#include <vector>

#include "coder/match.h"
#include "coder/sentence.h"
#include "dyad/parse.h"

namespace dyad::coder {

// The parse of one sentence, indexed by the coder's token index (the parser sees the coder's
// tokens, so the two align one to one).
struct SyntaxView {
  std::vector<ParsedWord> words;
  std::vector<std::vector<uint32_t>> children;  // by head token, in text order
  bool ok() const { return !words.empty(); }
  int Head(uint32_t t) const { return words[t].head - 1; }  // -1 for the root
  bool Rel(uint32_t t, std::string_view rel) const { return words[t].deprel == rel; }
  // The relation without its subtype: "nsubj" for "nsubj:pass".
  std::string_view BaseRel(uint32_t t) const;
};

void ParseSentence(const Parser& parser, const Sentence& s, ParserWorkspace* ws, SyntaxView* v);

// What the parse says about one match. Mentions are kNoMention where the parse names no actor.
struct SyntaxRoles {
  uint32_t predicate = 0;          // the match's word highest in the tree
  int source = kNoMention;         // subject (active), "by" agent (passive) or possessor (nouns)
  bool shared_subject = false;     // the subject is a coordinated verb's ("... and criticized")
  bool subject_not_actor = false;  // the parse found a subject, and it is no actor ("drones that
                                   // enter Japanese airspace")
  // A noun act that is what another verb is about ("criticized the protests", "referring to the
  // protests"), not one its subject does (unlike "staged protests"): only the noun's own
  // possessor, "by" phrase or country adjective can name its actor.
  bool foreign_noun = false;
  int target = kNoMention;  // object, indirect object, or a prepositional object
  bool passive = false;     // the predicate has a passive subject
  int passive_subject = kNoMention;
  bool negated = false;  // "not"/"never" on the predicate or a verb whose scope holds it
  bool refused = false;  // ... with "will"/"would"/"can" on that verb: a refusal ("would not meet")
  uint32_t negated_at = 0;  // the word the negation is attached to
  std::string why;          // how they were found, for explanations
};

SyntaxRoles RolesFromParse(const Sentence& s, const SyntaxView& v, const Match& m);

// The match's literal word highest in the tree (first on ties): the act's predicate.
uint32_t PredicateOf(const SyntaxView& v, const Match& m);

// True when `inner` lies inside a clause that `outer` governs as its complement ("accused China of
// *holding*", "urged Japan to *retract*", "said that it would *send*").
bool InClauseOf(const Sentence& s, const SyntaxView& v, uint32_t inner, uint32_t outer);

// The verb that governs the predicate's clause as a demand, appeal, wish or denial ("demanded that
// Japan *release*", "urged China to *stop*", "denied that it had *entered*"), or -1. What such a
// clause names was asked for or denied, not done.
int UnrealizedBy(const Sentence& s, const SyntaxView& v, uint32_t predicate);

// True when the predicate sits inside a phrase about the past: "the anniversary of Japan's
// *invasion* of Manchuria", "in memory of the victims of the *bombing*". History, not news.
bool HistoricalReference(const SyntaxView& v, uint32_t predicate);

// The verb of refusal that controls the predicate ("refused on Sunday to *apologise*"), or -1.
int RefusedBy(const SyntaxView& v, uint32_t predicate);

// The verb that calls the act off ("*postponed* the second round of negotiations", "*cancelled*
// the visit"): the act did not happen. -1 when there is none.
int CalledOffBy(const SyntaxView& v, uint32_t predicate);

// The verb of promising or offering whose object the act is ("*promised* China a package of yen
// loans", "*offered* Japan rescue teams"): an intent, not a deed. -1 when there is none.
int PromisedBy(const SyntaxView& v, uint32_t predicate);

// A noun act that is the subject of a clause with could/would/might/may ("a Chinese naval
// *blockade* of Taiwan could constitute ..."): a hypothesis, not a deed. -1 when there is none.
int HypotheticalBy(const SyntaxView& v, uint32_t predicate);

// The modal that makes the act's clause an obligation ("the two sides *should* abide by ... and
// resolve issues through dialogue"): asked for, not done. -1 when there is none.
int ObligedBy(const SyntaxView& v, uint32_t predicate);

// A gerund clause that says what something is about ("talks on *increasing* flights"): a topic,
// not an act.
bool TopicClause(const SyntaxView& v, uint32_t predicate);

// A participle or infinitive modifying a noun ("a trawler *detained* after the collision", "talks
// *aimed* at ending the war"): background to the sentence's act, not an act the sentence reports.
bool Background(const SyntaxView& v, uint32_t predicate);

// One line per word: index, word, UPOS, head and relation (for `dyad explain`).
std::string FormatParse(const Sentence& s, const SyntaxView& v);

}  // namespace dyad::coder

#endif  // DYAD_CODER_SYNTAX_H_
