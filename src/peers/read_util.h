// Helpers shared by the readers of the peers' dictionary files (private to src/peers).
#ifndef DYAD_PEERS_READ_UTIL_H_
#define DYAD_PEERS_READ_UTIL_H_

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "peers/dictionary.h"

namespace dyad::peers {

// A line of a dictionary file with its comment removed and blanks trimmed at the end.
struct Line {
  int number = 0;
  std::string text;
  bool indented = false;  // started with a blank or tab
};

// Splits `content` into lines, removing comments: ";" to the end of the line in both formats; in
// PETRARCH files also "#" outside brackets ("[###]" is a code) and "<!-- ... -->", which may span
// lines. Lines left empty are dropped.
std::vector<Line> SplitLines(std::string_view content, Format format);

std::string_view Trim(std::string_view s);
std::string Upper(std::string_view s);

// The "[...]" blocks of a line, in order, and the text before the first one.
struct Bracketed {
  std::string head;
  std::vector<std::string> blocks;  // contents without the brackets
  bool unclosed = false;
};
Bracketed SplitBrackets(std::string_view line);

// Reports a problem at file:line.
struct Reporter {
  const std::string& file;
  std::vector<Problem>* problems;
  void operator()(int line, std::string message) const {
    problems->push_back({file, line, std::move(message)});
  }
};

// Splits a written word at inner hyphens and underscores ("BARAD-DUR" -> BARAD, DUR), as the coder
// splits text words; a trailing hyphen is dropped ("ANTI-").
std::vector<std::string> WordParts(std::string_view word);

// Regular forms PETRARCH-2 generates: noun plurals ("S", "IES" after a consonant + "Y", "ES" after
// "S", "X", "CH", "SH") and verb forms ("S", "ED", "ING", with the final "E" or "Y" handled).
std::vector<std::string> NounPlurals(const std::string& word);
std::vector<std::string> VerbForms(const std::string& word);

}  // namespace dyad::peers

#endif  // DYAD_PEERS_READ_UTIL_H_
