#include "parse/word_classes.h"

#include <fmt/format.h>

#include <fstream>

#include "parse/hashing.h"

namespace dyad::parse {

namespace {

// Adds `bits` to every single-word lemma (the first field of each line) of one WordNet file.
// Index files start with a licence block of lines beginning with a space.
Status ReadFirstFields(const std::string& path, uint8_t bits, WordClasses* lexicon) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("{}: cannot open WordNet file", path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == ' ') continue;
    std::string_view word(line);
    word = word.substr(0, word.find(' '));
    if (word.empty() || word.find('_') != std::string_view::npos) continue;
    lexicon->Insert(HashBytes(word), 0) |= bits;
  }
  return Status::Ok();
}

uint8_t Entry(const WordClasses& lexicon, std::string_view word) {
  if (word.size() < 2) return 0;
  const uint8_t* e = lexicon.Find(HashBytes(word));
  return e ? *e : 0;
}

bool EndsWith(std::string_view w, std::string_view end) {
  return w.size() > end.size() && w.substr(w.size() - end.size()) == end;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// The categories of the stems left by stripping `end` from w: the bare stem, the stem plus "e"
// ("hoped"), the stem with a doubled final consonant undone ("stopped") and, for `y_end`, the stem
// with "i" turned back into "y" ("tried").
uint8_t StemEntries(const WordClasses& lexicon, std::string_view w, std::string_view end) {
  if (!EndsWith(w, end)) return 0;
  std::string stem(w.substr(0, w.size() - end.size()));
  uint8_t bits = Entry(lexicon, stem);
  size_t n = stem.size();
  if (n >= 2 && stem[n - 1] == stem[n - 2] && !IsVowel(stem[n - 1]))
    bits |= Entry(lexicon, std::string_view(stem).substr(0, n - 1));
  if (n >= 1 && stem[n - 1] == 'i') {
    std::string y = stem;
    y.back() = 'y';
    bits |= Entry(lexicon, y);
  }
  if (end[0] == 'e' || end[0] == 'i') bits |= Entry(lexicon, stem + 'e');
  return bits;
}

}  // namespace

Status ReadWordNet(const std::string& dir, WordClasses* lexicon) {
  struct File {
    const char* name;
    uint8_t bits;
  };
  for (File f :
       {File{"index.noun", kLexNoun}, File{"index.verb", kLexVerb}, File{"index.adj", kLexAdj},
        File{"index.adv", kLexAdv}, File{"noun.exc", kLexIrregularNoun},
        File{"verb.exc", kLexIrregularVerb}, File{"adj.exc", kLexIrregularAdj}}) {
    if (Status s = ReadFirstFields(dir + "/" + f.name, f.bits, lexicon); !s.ok()) return s;
  }
  return Status::Ok();
}

uint32_t WordClassBits(const WordClasses& lexicon, std::string_view w) {
  if (lexicon.size() == 0 || w.size() < 2) return 0;
  uint32_t bits = Entry(lexicon, w);
  char last = w.back();
  if (last == 's' && !EndsWith(w, "ss")) {
    uint8_t stems = Entry(lexicon, w.substr(0, w.size() - 1));
    if (EndsWith(w, "es")) stems |= StemEntries(lexicon, w, "es");
    if (stems & kLexNoun) bits |= kLexPluralNoun;
    if (stems & kLexVerb) bits |= kLexVerbS;
  } else if (last == 'd') {
    if (StemEntries(lexicon, w, "ed") & kLexVerb) bits |= kLexVerbEd;
  } else if (last == 'g') {
    if (StemEntries(lexicon, w, "ing") & kLexVerb) bits |= kLexVerbIng;
  } else if (last == 'r') {
    if (StemEntries(lexicon, w, "er") & kLexAdj) bits |= kLexComparative;
  } else if (last == 't') {
    if (StemEntries(lexicon, w, "est") & kLexAdj) bits |= kLexSuperlative;
  } else if (last == 'y' && EndsWith(w, "ly")) {
    uint8_t stems = StemEntries(lexicon, w, "ly") | Entry(lexicon, w.substr(0, w.size() - 2));
    if (EndsWith(w, "ily")) {
      std::string y(w.substr(0, w.size() - 3));
      stems |= Entry(lexicon, y + 'y');
    }
    if (stems & kLexAdj) bits |= kLexAdverbLy;
  }
  return bits;
}

}  // namespace dyad::parse
