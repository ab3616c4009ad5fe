// CoNLL-U reading and writing (https://universaldependencies.org/format.html).
#ifndef DYAD_PARSE_CONLLU_H_
#define DYAD_PARSE_CONLLU_H_

#include <istream>
#include <string>
#include <vector>

#include "dyad/status.h"

namespace dyad::parse {

// One syntactic word: a line whose ID is a plain integer. Columns are kept as written ("_"
// included), except HEAD, which is parsed.
struct Word {
  std::string form, lemma, upos, xpos, feats;
  int head = -1;  // 0 for the root; -1 when the column is "_"
  std::string deprel, deps, misc;
};

// A line that is not a word: a multiword-token range ("3-4") or an empty node ("5.1"). It is kept
// verbatim so that writing reproduces the input; `before` is the index of the word it precedes in
// the output (words.size() for lines after the last word).
struct ExtraLine {
  size_t before = 0;
  std::string text;
  bool empty_node = false;  // "5.1" rather than "3-4"
};

struct Sentence {
  std::vector<std::string> comments;  // whole lines, "# ..." included
  std::vector<Word> words;
  std::vector<ExtraLine> extras;
  int64_t line = 0;  // line number of the sentence's first line in its file

  // The value of a "# key = value" comment, or "" when there is none.
  std::string Comment(std::string_view key) const;
};

// Reads sentences one at a time. Every malformed line is reported as "name:line: message"; the rest
// of its sentence is skipped, and reading goes on with the next sentence.
class ConlluReader {
 public:
  // `in` must outlive the reader; `name` is used in messages.
  ConlluReader(std::istream& in, std::string name);

  // Reads the next sentence into *s. Returns false at the end of input. When the sentence is
  // malformed, sets *error to "name:line: message" (and *s is unspecified); otherwise clears it.
  bool Next(Sentence* s, std::string* error);

 private:
  bool ReadLine(std::string* line);
  std::string ParseWordLine(const std::string& line, Sentence* s);

  std::istream& in_;
  std::string name_;
  int64_t line_no_ = 0;
};

// Reads a whole file. Fails with the first malformed sentence's message, or when the file cannot
// be opened ("path: cannot open file").
Result<std::vector<Sentence>> ReadConlluFile(const std::string& path);

// Writes one sentence as CoNLL-U, blank line included. Heads of -1 are written as "_".
std::string ToConllu(const Sentence& s);

// "" when the words form one tree: every head in [0, n], exactly one word headed by 0, no cycle.
// Otherwise a message saying what is wrong.
std::string CheckTree(const Sentence& s);

}  // namespace dyad::parse

#endif  // DYAD_PARSE_CONLLU_H_
