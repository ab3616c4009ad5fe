#include "text/tokenize.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace dyad::text {
namespace {

// Decodes the code point at text[i]; sets *len. Text is already valid UTF-8.
int32_t Decode(std::string_view text, size_t i, size_t* len) {
  auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  utf8proc_int32_t cp = 0;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()) + i,
                            static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
  *len = n > 0 ? static_cast<size_t>(n) : 1;
  return n > 0 ? cp : 0xFFFD;
}

bool AsciiAlpha(int32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool IsLetter(int32_t cp) {
  if (cp < 0x80) return AsciiAlpha(cp);
  auto cat = utf8proc_category(cp);
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}
bool IsDigit(int32_t cp) { return cp >= '0' && cp <= '9'; }
bool IsAlnum(int32_t cp) { return IsDigit(cp) || IsLetter(cp); }
bool IsUpper(int32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}
bool IsSpace(int32_t cp) { return cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r'; }

// Abbreviations that keep their period (lower-cased, without the period).
constexpr std::array<std::string_view, 60> kAbbrev = {
    "mr",  "mrs", "ms",   "dr",  "prof",   "gen",  "lt",   "col",  "maj",  "capt", "cmdr",   "adm",
    "sgt", "sen", "rep",  "gov", "pres",   "st",   "jan",  "feb",  "mar",  "apr",  "jun",    "jul",
    "aug", "sep", "sept", "oct", "nov",    "dec",  "no",   "nos",  "vol",  "fig",  "approx", "est",
    "inc", "co",  "corp", "ltd", "jr",     "sr",   "vs",   "etc",  "dept", "univ", "assn",   "bros",
    "ft",  "mt",  "rev",  "hon", "messrs", "gens", "sens", "reps", "op",   "art",  "ch",     "sec"};

bool IsAbbrev(std::string_view word) {
  std::string low(word);
  for (auto& ch : low) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return std::find(kAbbrev.begin(), kAbbrev.end(), low) != kAbbrev.end();
}

// Sentence openers after which "U.S." and similar still end the sentence.
constexpr std::array<std::string_view, 24> kOpeners = {
    "The", "It",  "He",    "She",   "They",      "We",      "I",         "A",
    "An",  "In",  "But",   "This",  "That",      "On",      "At",        "Its",
    "His", "Her", "Their", "There", "Meanwhile", "However", "Officials", "Last"};

struct Scanner {
  std::string_view text;
  size_t i = 0;
  std::vector<RawToken>* out;
  bool paragraph = false;

  void Emit(size_t begin, size_t end, TokenKind kind) {
    RawToken t;
    t.begin = static_cast<uint32_t>(begin);
    t.end = static_cast<uint32_t>(end);
    t.kind = kind;
    t.paragraph_before = paragraph;
    paragraph = false;
    if (kind == TokenKind::kWord) {
      bool any_letter = false, all_upper = true;
      size_t len = 0;
      // ASCII fast path for the flags.
      bool ascii = true;
      for (size_t k = begin; k < end && ascii; ++k)
        ascii = static_cast<unsigned char>(text[k]) < 0x80;
      if (ascii) {
        for (size_t k = begin; k < end; ++k) {
          char c = text[k];
          if (!AsciiAlpha(c)) continue;
          bool up = c >= 'A' && c <= 'Z';
          if (!any_letter) t.capitalized = up;
          any_letter = true;
          all_upper = all_upper && up;
        }
        t.all_caps = any_letter && all_upper;
        out->push_back(t);
        return;
      }
      for (size_t k = begin; k < end; k += len) {
        int32_t cp = Decode(text, k, &len);
        if (IsLetter(cp)) {
          if (!any_letter) t.capitalized = IsUpper(cp);
          any_letter = true;
          if (!IsUpper(cp)) all_upper = false;
        }
      }
      t.all_caps = any_letter && all_upper;
    }
    out->push_back(t);
  }

  // Scans a word starting at i (a letter or digit); returns its end.
  size_t ScanWord() {
    size_t j = i, len = 0;
    bool has_letter = false, dotted = false;
    while (j < text.size()) {
      // ASCII letters and digits: the common case, without decoding.
      char a = text[j];
      if (AsciiAlpha(a)) {
        has_letter = true;
        ++j;
        continue;
      }
      if (a >= '0' && a <= '9') {
        ++j;
        continue;
      }
      int32_t cp = Decode(text, j, &len);
      if (IsAlnum(cp)) {
        has_letter = has_letter || IsLetter(cp);
        j += len;
        continue;
      }
      if ((cp == '-' || cp == '.' || cp == ',') && j + 1 < text.size()) {
        size_t len2;
        int32_t next = Decode(text, j + 1, &len2);
        bool prev_digit = IsDigit(static_cast<unsigned char>(text[j - 1]));
        if (cp == '-' && IsAlnum(next)) {
          j += 1;
          continue;
        }
        if (cp == ',' && prev_digit && IsDigit(next) && !has_letter) {
          j += 1;
          continue;
        }
        if (cp == '.' && prev_digit && IsDigit(next) && !has_letter) {
          j += 1;
          continue;
        }
        // Dotted initialisms: U.S., U.N., a.m.
        if (cp == '.' && IsLetter(next) && j - i <= 2 && has_letter) {
          size_t after = j + 1 + len2;
          if (after < text.size() && text[after] == '.') {
            dotted = true;
            j += 1;
            continue;
          }
        }
        if (cp == '.' && dotted && IsLetter(next)) {
          j += 1;
          continue;
        }
      }
      if (cp == '\'' && j + 1 < text.size()) {
        // Inner apostrophe of a name (O'Brien), but not the clitics 's and n't.
        size_t len2;
        int32_t next = Decode(text, j + 1, &len2);
        bool clitic_s = (next == 's' || next == 'S') &&
                        (j + 2 >= text.size() || !IsAlnum(static_cast<unsigned char>(text[j + 2])));
        bool clitic_t =
            (next == 't' || next == 'T') && j > i && (text[j - 1] == 'n' || text[j - 1] == 'N');
        if (IsLetter(next) && !clitic_s && !clitic_t) {
          j += 1;
          continue;
        }
      }
      break;
    }
    // Keep the period of "U.S." style initialisms and of known abbreviations.
    if (j < text.size() && text[j] == '.') {
      std::string_view word = text.substr(i, j - i);
      bool single_letter = word.size() == 1 && IsLetter(static_cast<unsigned char>(word[0]));
      if (dotted || IsAbbrev(word) ||
          (single_letter && IsUpper(static_cast<unsigned char>(word[0])))) {
        ++j;
      }
    }
    // "n't": split "didn't" into "did" + "n't".
    if (j < text.size() && text[j] == '\'' && j > i + 1 &&
        (text[j - 1] == 'n' || text[j - 1] == 'N') && j + 1 < text.size() &&
        (text[j + 1] == 't' || text[j + 1] == 'T')) {
      --j;
    }
    return j;
  }

  void Run(size_t max_tokens, bool* truncated) {
    size_t newlines = 0;
    while (i < text.size()) {
      if (out->size() >= max_tokens) {
        *truncated = true;
        return;
      }
      size_t len;
      int32_t cp = Decode(text, i, &len);
      if (IsSpace(cp)) {
        if (cp == '\n' && ++newlines >= 2) paragraph = true;
        i += len;
        continue;
      }
      newlines = 0;
      if (IsAlnum(cp)) {
        size_t end = ScanWord();
        bool number = true;
        for (size_t k = i; k < end; ++k) {
          char ch = text[k];
          if (!(std::isdigit(static_cast<unsigned char>(ch)) || ch == ',' || ch == '.'))
            number = false;
        }
        Emit(i, end, number ? TokenKind::kNumber : TokenKind::kWord);
        i = end;
        continue;
      }
      if (cp == '\'') {
        // Clitics: 's, n't (start at the apostrophe or at the n), bare possessive '.
        if (i + 1 < text.size() && (text[i + 1] == 's' || text[i + 1] == 'S') &&
            (i + 2 >= text.size() || !IsAlnum(static_cast<unsigned char>(text[i + 2])))) {
          Emit(i, i + 2, TokenKind::kWord);
          i += 2;
          continue;
        }
      }
      if (cp == '.' && text.substr(i, 3) == "...") {
        Emit(i, i + 3, TokenKind::kPunct);
        i += 3;
        continue;
      }
      if (cp == '-' && text.substr(i, 2) == "--") {
        Emit(i, i + 2, TokenKind::kPunct);
        i += 2;
        continue;
      }
      Emit(i, i + len, TokenKind::kPunct);
      i += len;
    }
  }
};

// The "n't" clitic is produced by ScanWord stopping before the n; glue it here.
void JoinNegationClitics(std::string_view text, std::vector<RawToken>* tokens) {
  std::vector<RawToken> out;
  out.reserve(tokens->size());
  for (size_t k = 0; k < tokens->size(); ++k) {
    const RawToken& t = (*tokens)[k];
    std::string_view s = text.substr(t.begin, t.end - t.begin);
    if ((s == "n" || s == "N") && k + 2 < tokens->size() && text[(*tokens)[k + 1].begin] == '\'' &&
        (text.substr((*tokens)[k + 2].begin, 1) == "t" ||
         text.substr((*tokens)[k + 2].begin, 1) == "T") &&
        (*tokens)[k + 2].end - (*tokens)[k + 2].begin == 1) {
      RawToken joined = t;
      joined.end = (*tokens)[k + 2].end;
      out.push_back(joined);
      k += 2;
      continue;
    }
    out.push_back(t);
  }
  tokens->swap(out);
}

}  // namespace

std::vector<RawToken> Tokenize(std::string_view text, size_t max_tokens, bool* truncated) {
  std::vector<RawToken> tokens;
  tokens.reserve(text.size() / 5 + 4);
  *truncated = false;
  Scanner s{text, 0, &tokens};
  s.Run(max_tokens, truncated);
  if (text.find("n't") != std::string_view::npos || text.find("N'T") != std::string_view::npos) {
    JoinNegationClitics(text, &tokens);
  }
  return tokens;
}

std::vector<SentenceRange> SplitSentences(std::string_view text,
                                          const std::vector<RawToken>& tokens) {
  std::vector<SentenceRange> out;
  auto str = [&](size_t k) {
    return text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
  };
  auto opens_sentence = [&](size_t k) {
    if (k >= tokens.size()) return true;
    const RawToken& t = tokens[k];
    if (t.capitalized || t.kind == TokenKind::kNumber) return true;
    std::string_view s = str(k);
    return s == "\"" || s == "'" || s == "(" || s == "[";
  };
  uint32_t first = 0;
  for (size_t k = 0; k < tokens.size(); ++k) {
    if (k > first && tokens[k].paragraph_before) {
      out.push_back({first, static_cast<uint32_t>(k)});
      first = static_cast<uint32_t>(k);
    }
    std::string_view s = str(k);
    bool end = false;
    if (s == "." || s == "!" || s == "?") {
      end = opens_sentence(k + 1);
    } else if (s == "...") {
      end = k + 1 < tokens.size() && tokens[k + 1].capitalized;
    } else if (tokens[k].kind == TokenKind::kWord && s.size() >= 3 && s.back() == '.' &&
               k + 1 < tokens.size() && std::isupper(static_cast<unsigned char>(s[0]))) {
      // "U.S." closing a sentence: only before a typical opener.
      std::string_view next = str(k + 1);
      end = std::find(kOpeners.begin(), kOpeners.end(), next) != kOpeners.end() &&
            s.find('.') < s.size() - 1;
    }
    if (!end) continue;
    size_t last = k + 1;
    // A closing quote or bracket belongs to the sentence it closes.
    while (last < tokens.size() && (str(last) == "\"" || str(last) == "'" || str(last) == ")") &&
           (last + 1 >= tokens.size() || tokens[last + 1].capitalized || str(last + 1) == "\"")) {
      if (str(last) == "\"" && last + 1 < tokens.size() &&
          tokens[last].begin > tokens[last - 1].end)
        break;
      ++last;
    }
    out.push_back({first, static_cast<uint32_t>(last)});
    first = static_cast<uint32_t>(last);
    k = last - 1;
  }
  if (first < tokens.size()) out.push_back({first, static_cast<uint32_t>(tokens.size())});
  return out;
}

}  // namespace dyad::text
