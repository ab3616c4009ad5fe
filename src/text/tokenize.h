// Tokenisation and sentence splitting over normalised text.
#ifndef DYAD_TEXT_TOKENIZE_H_
#define DYAD_TEXT_TOKENIZE_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace dyad::text {

enum class TokenKind : uint8_t { kWord, kNumber, kPunct };

// A token is a byte span [begin, end) of the normalised text; it never owns characters.
struct RawToken {
  uint32_t begin = 0;
  uint32_t end = 0;
  TokenKind kind = TokenKind::kWord;
  bool capitalized = false;       // first letter upper case
  bool all_caps = false;          // every letter upper case (and at least one letter)
  bool paragraph_before = false;  // a blank line (or more) precedes the token
};

// Splits `text` into tokens: words (letters and digits, with inner hyphens, inner apostrophes of
// names such as O'Brien, and the periods of abbreviations such as "U.S." and "Mr."), numbers
// ("1,200", "3.5"), the clitics "'s", "'" and "n't" as tokens of their own, "..." and "--" as
// single punctuation tokens, and every other punctuation character alone. At most `max_tokens` are
// returned; *truncated is set when more were present.
std::vector<RawToken> Tokenize(std::string_view text, size_t max_tokens, bool* truncated);

// A sentence as a token range [first, last).
struct SentenceRange {
  uint32_t first = 0;
  uint32_t last = 0;
};

// Splits tokens into sentences at ".", "!", "?" (and "..." before a capital), after closing quotes,
// and at blank lines; abbreviations ("Mr.", "Jan.", "No. 2") do not end a sentence, while "U.S."
// does when a typical sentence opener follows it.
std::vector<SentenceRange> SplitSentences(std::string_view text,
                                          const std::vector<RawToken>& tokens);

}  // namespace dyad::text

#endif  // DYAD_TEXT_TOKENIZE_H_
