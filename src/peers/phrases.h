// Actor occurrences: actors with their agents, compounds, comma clauses and pronouns (private).
#ifndef DYAD_PEERS_PHRASES_H_
#define DYAD_PEERS_PHRASES_H_

#include <string>
#include <vector>

#include "peers/coder.h"
#include "peers/dictionary.h"
#include "peers/sentence.h"

namespace dyad::peers::detail {

// True when `code` holds `part` at a multiple of three letters ("USAGOV" holds "GOV"; "GMWGOV"
// does not hold "WGO").
bool HoldsAligned(const std::string& code, const std::string& part);

// Turns actor matches into occurrences, attaching the agents that stand next to them (or are
// linked by "of", "in", "from", "at"); an actor coded "###" or "+++" marks the sentence for
// discarding or as too complex. Unused agents become actors of their own when the options or the
// flavor say so ("~MOS" under CONVERT AGENT; "---GOV" in PETRARCH).
void BuildOccurrences(const PeerDictionary& dict, Day date, const Options& o, Sentence* s,
                      std::vector<std::string>* trace);

// "Ostria, Vestria, Kelm and Arlen", "Neither the envoy nor the minister": one compound occurrence.
void MarkCompounds(const PeerDictionary& dict, Sentence* s);

// Marks the comma-delimited clauses the options exclude and cancels the actors and verbs in them
// (an actor whose head or tail is excluded is cancelled as a whole).
void DeleteCommaClauses(const Options& o, bool petrarch, Sentence* s,
                        std::vector<std::string>* trace);

// Pronouns take the first actor named before them in the sentence, else (FORWARD) the story's.
void ResolvePronouns(const PeerDictionary& dict, const Options& o, const StoryMemory* story,
                     Sentence* s);

// Sets Tok::occ for the tokens of each occurrence.
void IndexOccurrences(Sentence* s);

}  // namespace dyad::peers::detail

#endif  // DYAD_PEERS_PHRASES_H_
