// Converting the peers' dictionaries into dyad's own formats (data/README.md), losslessly where the
// semantics match, reporting every entry that is dropped or carried with a loss.
#ifndef DYAD_PEERS_CONVERT_H_
#define DYAD_PEERS_CONVERT_H_

#include <functional>
#include <string>
#include <vector>

#include "dyad/coder.h"
#include "peers/dictionary.h"

namespace dyad::peers {

// One line of a dyad dictionary and the peer line it came from.
struct DyadLine {
  std::string file;  // the peer file
  int line = 0;
  std::string text;  // in dyad's format
};

struct Conversion {
  std::vector<DyadLine> actors, agents, verbs, issues;
  std::vector<Problem> lost;                // "file:line: what could not be carried (and why)"
  int carried = 0, dropped = 0, lossy = 0;  // entries carried whole, dropped, carried with a loss
};

// What dyad's own dictionaries accept.
struct DyadVocabulary {
  std::function<bool(const std::string&)> known_code;     // a CAMEO code in ontology/cameo.tsv
  std::function<bool(const std::string&)> known_role;     // a role code agents.txt accepts
  std::function<bool(const std::string&)> known_context;  // a context issues.txt accepts
};

// Converts what `dict` holds (compiled or not). Discards and options have no dyad equivalent and
// are reported; so are TABARI stems (dyad matches whole words and their inflections), gaps in
// phrases, paired and null codes, "%" and "^" slots, and codes dyad's ontology lacks.
Conversion ToDyad(const PeerDictionary& dict, const DyadVocabulary& vocab);

// Which kind of dictionary a file holds, from its name and content ("TABARI.Demo.verbs",
// "Phoenix.agents.txt", ...). kActors when nothing else fits.
Kind DetectKind(const std::string& name, std::string_view content);

}  // namespace dyad::peers

#endif  // DYAD_PEERS_CONVERT_H_
