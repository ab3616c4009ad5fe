// Coding options of the peers: TABARI's .options commands and PETRARCH-2's PETR_config.ini
// settings.
#ifndef DYAD_PEERS_OPTIONS_H_
#define DYAD_PEERS_OPTIONS_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace dyad::peers {

struct Options {
  // TABARI "COMPLEX: VERBS[n] CONJ[n] NOACTPRIOR": a sentence with n verbs or n conjunctions, or
  // whose first coded verb has no actor before it, is left uncoded as too complex. 0 = no limit.
  int complex_verbs = 0;
  int complex_conj = 0;
  bool no_actor_prior = false;
  // Comma-delimited clauses ("COMMA: MIN = 2 MAX = 10 ..."): an internal clause of min..max words,
  // a final one of emin..emax and an initial one of bmin..bmax are not coded.
  bool comma = true;
  int comma_min = 2, comma_max = 10;
  int comma_emin = 2, comma_emax = 10;
  int comma_bmin = 255, comma_bmax = 0;
  int min_words = 0;  // "SET: MINIMUM WORDS = n": shorter sentences are not coded
  enum class CodeBy { kClause, kSentence, kAll };
  CodeBy code_by = CodeBy::kClause;  // the first event of each clause, of the sentence, or all
  bool convert_agent = false;        // "SET: CONVERT AGENT": an agent alone is an actor ("~MOS")
  // "DEFAULT: SOURCE [X] PRIOR TARGET [Y] AFTER".
  std::string default_source, default_target;
  bool default_source_prior = false;  // the source must stand before the verb
  bool default_target_after = false;  // the target must stand after the verb
  bool forward = false;     // "FORWARD: ...": a pronoun with no antecedent takes the last story's
  bool time_shift = false;  // "SET: TIME SHIFT": <TIME> phrases shift dates or discard
  bool yyyy = false;        // "SET: YYYY": dates have four-digit years
  // PETRARCH-2 settings.
  bool require_dyad = true;  // an event needs both a source and a target
  int new_actor_length = 0;  // longest unknown noun phrase taken as an actor (0 = none)
};

// The defaults of each program: TABARI codes nothing under 8 words and keeps initial comma
// clauses; PETRARCH-2's PETR_config.ini drops comma clauses of 2-8 words and has no minimum.
enum class Flavor : uint8_t;
Options DefaultOptions(Flavor flavor);

// Applies one TABARI options command ("COMPLEX: VERBS[5] CONJ[4]", "SET: CODE ALL", ...). Returns
// "" when applied, "ignored: ..." for commands about output or the interface (which dyad does not
// need), or an error message for a command it does not understand.
std::string ApplyOptionCommand(std::string_view command, Options* options);

}  // namespace dyad::peers

#endif  // DYAD_PEERS_OPTIONS_H_
