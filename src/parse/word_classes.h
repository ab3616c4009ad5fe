// A word-category lexicon for tagging words unseen in training: which of noun, verb, adjective and
// adverb a word can be, read from WordNet's index and exception files, and which inflection of such
// a word it could be ("walked" = "walk" + ed, "walk" a verb). Training reads WordNet once and
// stores the lexicon in the model, so tagging never needs the WordNet files.
#ifndef DYAD_PARSE_WORD_CLASSES_H_
#define DYAD_PARSE_WORD_CLASSES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "dyad/status.h"
#include "parse/flat_map.h"

namespace dyad::parse {

// Bits of a lexicon entry (FlatMap value): the categories of the word as a WordNet lemma, and
// whether it is an irregular inflection listed in WordNet's exception files.
enum LexiconEntry : uint8_t {
  kLexNoun = 1,
  kLexVerb = 2,
  kLexAdj = 4,
  kLexAdv = 8,
  kLexIrregularNoun = 16,  // "geese"
  kLexIrregularVerb = 32,  // "went"
  kLexIrregularAdj = 64,   // "better"
};

// Bits of WordClassBits beyond the entry's own: regular inflections of a lemma of that category.
enum LexiconGuess : uint32_t {
  kLexPluralNoun = 1 << 8,    // -s of a noun
  kLexVerbS = 1 << 9,         // -s of a verb
  kLexVerbEd = 1 << 10,       // -ed of a verb
  kLexVerbIng = 1 << 11,      // -ing of a verb
  kLexComparative = 1 << 12,  // -er of an adjective
  kLexSuperlative = 1 << 13,  // -est of an adjective
  kLexAdverbLy = 1 << 14,     // -ly of an adjective
};

// Lower-cased word hash (HashBytes) -> LexiconEntry bits.
using WordClasses = FlatMap<uint8_t>;

// Reads index.{noun,verb,adj,adv} and {noun,verb,adj}.exc from a WordNet 3 dictionary directory
// (Debian's wordnet-base installs /usr/share/wordnet). Multi-word lemmas are skipped.
Status ReadWordNet(const std::string& dir, WordClasses* lexicon);

// The entry of the lower-cased word `lower` and its regular-inflection guesses; 0 when nothing is
// known of it.
uint32_t WordClassBits(const WordClasses& lexicon, std::string_view lower);

}  // namespace dyad::parse

#endif  // DYAD_PARSE_WORD_CLASSES_H_
