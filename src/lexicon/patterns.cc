// The verb-pattern language: "CODE word (optional) alt|alt ... + $ [contexts]".
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string_view>

#include "lexicon/lexicon.h"
#include "text/normalize.h"
#include "text/tokenize.h"

namespace dyad::lexicon {
namespace {

bool IsCameoCode(const std::string& s) {
  if (s.size() < 2 || s.size() > 4) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool digit = s[i] >= '0' && s[i] <= '9';
    bool letter = i == s.size() - 1 && i >= 3 && s[i] >= 'A' && s[i] <= 'Z';
    if (!digit && !letter) return false;
  }
  return true;
}

// Splits a pattern word into the tokens the text tokenizer would make of it.
std::vector<std::string> WordTokens(const std::string& word) {
  std::vector<std::string> out;
  // Plain words (letters, inner hyphens) are one token: no need to run the tokenizer.
  bool plain = !word.empty() && word.front() != '-' && word.back() != '-';
  for (char c : word)
    plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-');
  if (plain) {
    out.push_back(word);
    return out;
  }
  auto norm = text::Normalize(word);
  if (!norm.ok()) return out;
  bool truncated = false;
  for (const auto& t : text::Tokenize(norm->text, 16, &truncated)) {
    out.push_back(norm->text.substr(t.begin, t.end - t.begin));
  }
  return out;
}

// Splits a pattern body at blanks.
std::vector<std::string> Blanks(const std::string& body) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < body.size();) {
    while (i < body.size() && (body[i] == ' ' || body[i] == '\t')) ++i;
    size_t j = i;
    while (j < body.size() && body[j] != ' ' && body[j] != '\t') ++j;
    if (j > i) parts.push_back(body.substr(i, j - i));
    i = j;
  }
  return parts;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  for (size_t i = 0; i <= s.size();) {
    size_t k = s.find(sep, i);
    if (k == std::string::npos) k = s.size();
    out.push_back(s.substr(i, k - i));
    i = k + 1;
  }
  return out;
}

// A pattern word's alternatives, without its parentheses; empty for '...', '+', '$'.
std::vector<std::string> Alternatives(std::string w) {
  if (w == "..." || w == "+" || w == "$") return {};
  if (w.size() >= 2 && w.front() == '(' && w.back() == ')') w = w.substr(1, w.size() - 2);
  return Split(w, '|');
}

bool IsParticle(std::string_view w) {
  static const std::set<std::string, std::less<>> kParticles = {"back", "out",  "off",  "up",
                                                                "down", "away", "over", "aside"};
  return kParticles.count(w) > 0;
}

// Words that may share a list with a particle without being verbs: prepositions ("over|about|at")
// and adverbs ("down|together").
bool IsParticleCompanion(std::string_view w) {
  static const std::set<std::string, std::less<>> kCompanions = {
      "about",  "above",   "across",  "after", "again",     "against", "ahead", "along",
      "amid",   "apart",   "around",  "at",    "before",    "behind",  "below", "beyond",
      "by",     "for",     "forward", "from",  "home",      "in",      "into",  "near",
      "of",     "on",      "onto",    "past",  "regarding", "through", "to",    "together",
      "toward", "towards", "under",   "upon",  "with",      "within"};
  return kCompanions.count(w) > 0;
}

}  // namespace

bool ExpandPhrases(const std::string& body, std::vector<std::string>* out, std::string* error) {
  out->clear();
  if (body.find('_') == std::string::npos) {
    out->push_back(body);
    return true;
  }
  auto parts = Blanks(body);
  size_t end = parts.size();  // where the [contexts] start
  for (size_t i = 1; i < parts.size() && end == parts.size(); ++i)
    if (parts[i].front() == '[') end = i;
  // choices[i]: the token lists word i may become; an empty list drops the word.
  std::vector<std::vector<std::vector<std::string>>> choices;
  size_t combinations = 1;
  for (size_t i = 1; i < end; ++i) {
    const std::string& w = parts[i];
    if (w.find('_') == std::string::npos) {
      choices.push_back({{w}});
      continue;
    }
    bool optional = w.size() >= 2 && w.front() == '(' && w.back() == ')';
    std::string singles;
    std::vector<std::vector<std::string>> options;
    for (const auto& alt : Alternatives(w)) {
      if (alt.find('_') == std::string::npos) {
        singles += (singles.empty() ? "" : "|") + alt;
        continue;
      }
      auto words = Split(alt, '_');
      for (const auto& x : words) {
        if (x.empty()) {
          *error = fmt::format("empty word in phrase alternative '{}'", alt);
          return false;
        }
      }
      options.push_back(std::move(words));
    }
    if (!singles.empty())
      options.insert(options.begin(), {optional ? "(" + singles + ")" : singles});
    else if (optional)
      options.insert(options.begin(), std::vector<std::string>{});
    combinations *= options.size();
    if (combinations > kMaxPhraseExpansions) {
      *error =
          fmt::format("phrase alternatives give more than {} patterns; split the line into several",
                      kMaxPhraseExpansions);
      return false;
    }
    choices.push_back(std::move(options));
  }
  std::string contexts;
  for (size_t i = end; i < parts.size(); ++i) contexts += " " + parts[i];
  bool lead_gap = end > 1 && parts[1] == "...", trail_gap = end > 1 && parts[end - 1] == "...";
  std::vector<size_t> pick(choices.size(), 0);
  for (size_t n = 0; n < combinations; ++n) {
    std::vector<std::string> toks;
    for (size_t i = 0; i < choices.size(); ++i) {
      for (const auto& t : choices[i][pick[i]]) {
        // A dropped optional phrase may leave two gaps side by side, or a gap at an end.
        if (t == "..." && ((toks.empty() && !lead_gap) || (!toks.empty() && toks.back() == "...")))
          continue;
        toks.push_back(t);
      }
    }
    if (!toks.empty() && toks.back() == "..." && !trail_gap) toks.pop_back();
    std::string joined = parts[0];
    for (const auto& t : toks) joined += " " + t;
    out->push_back(joined + contexts);
    // Next combination, the last word varying fastest.
    for (size_t i = choices.size(); i-- > 0;) {
      if (++pick[i] < choices[i].size()) break;
      pick[i] = 0;
    }
  }
  return true;
}

std::string PatternText(const std::string& body) {
  auto parts = Blanks(body);
  std::string text;
  for (size_t i = 1; i < parts.size() && parts[i].front() != '['; ++i)
    text += (text.empty() ? "" : " ") + parts[i];
  return text;
}

std::string SuspiciousAlternatives(const std::string& body) {
  auto parts = Blanks(body);
  for (size_t i = 2; i < parts.size(); ++i) {
    if (parts[i].front() == '[') break;
    auto prev = Alternatives(parts[i - 1]);
    auto alts = Alternatives(parts[i]);
    // After "to" a particle-looking word is a verb ("to back|support").
    if (prev.empty() || prev[0] == "to" || alts.size() < 2 || !IsParticle(alts[0])) continue;
    // "withdraw|pull back|pull out" reads as [withdraw|pull] [back|pull] [out]: the particle
    // list repeats a verb of the word before, mixes in a verb, or is followed by another particle.
    bool repeats = false, verb = false;
    for (const auto& a : alts) {
      repeats = repeats || std::find(prev.begin(), prev.end(), a) != prev.end();
      verb = verb || (!IsParticle(a) && !IsParticleCompanion(a));
    }
    bool chained = false;
    if (i + 1 < parts.size()) {
      auto next = Alternatives(parts[i + 1]);
      chained = !next.empty() && IsParticle(next[0]);
    }
    if (repeats || verb || chained) {
      return fmt::format(
          "'{} {}' is read as [{}] [{}]; write phrase alternatives with '_' "
          "(withdraw|pull_back|pull_out)",
          parts[i - 1], parts[i], parts[i - 1], parts[i]);
    }
  }
  return "";
}

bool ParsePattern(const std::string& body, Vocabulary& vocab, Stemmer& stemmer, Pattern* out,
                  std::string* error) {
  auto parts = Blanks(body);
  if (parts.size() < 2) {
    *error = fmt::format("expected 'CODE pattern', got '{}'", body);
    return false;
  }
  out->code = parts[0];
  if (!IsCameoCode(out->code)) {
    *error = fmt::format("bad CAMEO code '{}'", out->code);
    return false;
  }
  // Trailing [contexts].
  size_t end = parts.size();
  for (size_t i = 1; i < parts.size(); ++i) {
    if (parts[i].front() != '[') continue;
    std::string joined;
    for (size_t j = i; j < parts.size(); ++j) joined += parts[j];
    if (joined.back() != ']') {
      *error = fmt::format("unclosed context list '{}'", joined);
      return false;
    }
    std::istringstream ctx(joined.substr(1, joined.size() - 2));
    for (std::string c; std::getline(ctx, c, ',');) {
      if (!c.empty()) out->contexts.push_back(c);
    }
    end = i;
    break;
  }
  for (size_t i = 1; i < end; ++i) {
    std::string w = parts[i];
    out->text += (out->text.empty() ? "" : " ") + w;
    if (w == "...") {
      out->elems.push_back({ElemKind::kGap, false, {}});
      continue;
    }
    if (w == "+") {
      out->elems.push_back({ElemKind::kTarget, false, {}});
      out->has_target = true;
      continue;
    }
    if (w == "$") {
      out->elems.push_back({ElemKind::kSource, false, {}});
      out->has_source = true;
      continue;
    }
    bool optional = false;
    if (w.front() == '(') {
      if (w.back() != ')' || w.size() < 3) {
        *error = fmt::format("unbalanced parentheses in '{}'", w);
        return false;
      }
      optional = true;
      w = w.substr(1, w.size() - 2);
    }
    if (w.find_first_of("()[]+$_") != std::string::npos && w != "'s") {
      *error = fmt::format("stray symbol in pattern word '{}'", w);
      return false;
    }
    std::vector<std::string> alts;
    for (size_t i = 0; i <= w.size();) {
      size_t bar = w.find('|', i);
      if (bar == std::string::npos) bar = w.size();
      if (bar == i) {
        *error = fmt::format("empty alternative in '{}'", w);
        return false;
      }
      alts.push_back(w.substr(i, bar - i));
      i = bar + 1;
    }
    if (alts.size() == 1) {
      // A word the tokenizer splits ("don't") becomes several elements.
      auto toks = WordTokens(alts[0]);
      if (toks.empty()) {
        *error = fmt::format("pattern word '{}' has no letters", w);
        return false;
      }
      for (const auto& t : toks)
        out->elems.push_back({ElemKind::kWord, optional, {vocab.Intern(t, stemmer)}});
      continue;
    }
    PatternElem e{ElemKind::kWord, optional, {}};
    for (const auto& alt : alts) e.ids.push_back(vocab.Intern(alt, stemmer));
    out->elems.push_back(std::move(e));
  }
  // Stems of function words that nearly every sentence has: poor anchors.
  static const std::set<std::string, std::less<>> kFunctionStems = {
      "to", "the",  "a",    "an", "of", "with",  "in",  "on",  "for", "and",  "by",
      "at", "from", "that", "as", "it", "their", "his", "her", "be",  "have", "over"};
  bool found = false;
  size_t fewest = SIZE_MAX;
  for (size_t i = 0; i < out->elems.size(); ++i) {
    const auto& e = out->elems[i];
    if (e.kind == ElemKind::kWord && !e.optional) {
      if (!found) out->head = i;
      found = true;
      ++out->literals;
      // Index on the most selective required word: few alternatives, and not a function word that
      // every sentence has.
      size_t cost = e.ids.size();
      for (uint32_t id : e.ids) cost += kFunctionStems.count(vocab.KeyOf(id)) ? 1000 : 0;
      if (cost < fewest) {
        fewest = cost;
        out->anchor = i;
      }
    }
  }
  for (const auto& e : out->elems) {
    if (e.kind != ElemKind::kWord || e.optional) continue;
    uint64_t bits = 0;
    for (uint32_t id : e.ids) bits |= uint64_t{1} << (id % 64);
    out->required_bits.push_back(bits);
  }
  if (!found) {
    *error = fmt::format("pattern '{}' has no required word", out->text);
    return false;
  }
  if (out->elems.back().kind == ElemKind::kGap || out->elems.front().kind == ElemKind::kGap) {
    *error = fmt::format("pattern '{}' starts or ends with a gap", out->text);
    return false;
  }
  return true;
}

}  // namespace dyad::lexicon
