// Tokens, dictionary matches (actors, agents, verbs, time phrases, discards) for one sentence.
#include "peers/tokens.h"

#include <algorithm>
#include <cctype>

namespace dyad::peers::detail {

bool Tok::Has(uint32_t id) const {
  return ids != nullptr && std::binary_search(ids->begin(), ids->end(), id);
}

namespace {

// ASCII classes without the locale machinery (the tokenizer runs on every byte of the text).
bool Digit(char c) { return c >= '0' && c <= '9'; }
bool Alnum(char c) {
  auto u = static_cast<unsigned char>(c);
  return static_cast<unsigned>((u | 0x20) - 'a') < 26u || Digit(c) || u >= 0x80;
}
char UpperAscii(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }

uint16_t ClassOf(const std::string& w) {
  static const std::unordered_map<std::string, uint16_t> kClasses = {
      {"THE", kDeterminer},
      {"A", kDeterminer},
      {"AN", kDeterminer},
      {"AND", kConjunction},
      {"OR", kConjunction},
      {"BUT", kConjunction},
      {"NOR", kConjunction},
      {"HE", kPronoun},
      {"SHE", kPronoun},
      {"IT", kPronoun},
      {"HIM", kPronoun},
      {"THEY", kPronoun | kPlural},
      {"THEM", kPronoun | kPlural},
      {"IS", kBeForm},
      {"ARE", kBeForm},
      {"WAS", kBeForm},
      {"WERE", kBeForm},
      {"BE", kBeForm},
      {"BEEN", kBeForm},
      {"BEING", kBeForm},
      {"BY", kBy},
      {"FORMER", kFormer},
      {"OF", kLink},
      {"IN", kLink},
      {"FROM", kLink},
      {"AT", kLink},
      {"THEN", kAdverb},
      {"ALSO", kAdverb},
      {"NOW", kAdverb},
      {"THAT", kOpener},
      {"WHICH", kOpener},
      {"WHO", kOpener},
      {"WHOSE", kOpener},
      {"WHERE", kOpener},
      {"WHEN", kOpener},
      {"WHILE", kOpener},
      {"BECAUSE", kOpener},
      {"ALTHOUGH", kOpener},
      {"IF", kOpener},
      {"UNLESS", kOpener},
      {"UNTIL", kOpener},
      {"WILL", kModal},
      {"WOULD", kModal},
      {"SHALL", kModal},
      {"SHOULD", kModal},
      {"CAN", kModal},
      {"COULD", kModal},
      {"MAY", kModal},
      {"MIGHT", kModal},
      {"MUST", kModal},
      {"ITS", kPronoun | kPossessor},
      {"HIS", kPronoun | kPossessor},
      {"HER", kPronoun | kPossessor},
      {"THEIR", kPronoun | kPlural | kPossessor},
      {"OUR", kPossessor},
      {"MY", kPossessor},
      {"YOUR", kPossessor}};
  auto it = kClasses.find(w);
  return it == kClasses.end() ? 0 : it->second;
}

void PushWord(std::string_view text, uint32_t b, uint32_t e, bool joined, std::vector<Tok>* out) {
  Tok& t = out->emplace_back();
  t.begin = b;
  t.end = e;
  t.up.resize(e - b);
  char* up = t.up.data();
  bool digits = true;
  for (uint32_t k = b; k < e; ++k) {
    char c = text[k];
    up[k - b] = UpperAscii(c);
    digits = digits && (Digit(c) || c == ',' || c == '.');
  }
  t.kind = digits ? TokKind::kNumber : TokKind::kWord;
  t.cap = text[b] >= 'A' && text[b] <= 'Z';
  t.joined = joined;
}

}  // namespace

void Tokenize(std::string_view text, bool split_negation, std::vector<Tok>* out) {
  out->clear();
  size_t i = 0, n = text.size();
  while (i < n) {
    char c = text[i];
    auto u = static_cast<unsigned char>(c);
    if (u <= ' ' || u == 0x7f) {
      ++i;
      continue;
    }
    if (Alnum(c)) {
      size_t j = i;
      while (j < n) {
        char d = text[j];
        if (Alnum(d)) {
          ++j;
          continue;
        }
        bool inner = j + 1 < n && Alnum(text[j + 1]);
        if ((d == '.' || d == '\'' || d == '-' || d == '/' || d == '&' || d == '_') && inner) {
          ++j;
          continue;
        }
        // "U.S." keeps its last period; "Saturday." does not.
        if (d == '.' && j >= i + 2 && text[j - 2] == '.') {
          ++j;
          continue;
        }
        break;
      }
      size_t e = j;
      bool possessive = false;
      if (e - i > 2 && text[e - 2] == '\'' && (text[e - 1] == 's' || text[e - 1] == 'S')) {
        possessive = true;
        e -= 2;
      }
      size_t neg = e;
      if (split_negation && e - i > 3 && (text[e - 1] == 't' || text[e - 1] == 'T') &&
          text[e - 2] == '\'' && (text[e - 3] == 'n' || text[e - 3] == 'N')) {
        neg = e - 3;
      }
      // Hyphen and underscore parts are words of their own, joined to the first.
      size_t p = i;
      bool first = true;
      for (size_t k = i; k <= neg; ++k) {
        if (k == neg || text[k] == '-' || text[k] == '_') {
          if (k > p) {
            PushWord(text, static_cast<uint32_t>(p), static_cast<uint32_t>(k), !first, out);
            first = false;
          }
          p = k + 1;
        }
      }
      if (neg < e) PushWord(text, static_cast<uint32_t>(neg), static_cast<uint32_t>(e), false, out);
      if (possessive) {
        if (!out->empty()) out->back().possessive = true;
        Tok t;
        t.begin = static_cast<uint32_t>(e);
        t.end = static_cast<uint32_t>(e + 2);
        t.up = "'S";
        t.kind = TokKind::kPossessive;
        out->push_back(std::move(t));
      }
      // A trailing apostrophe ("countries'") or hyphen ("anti- Sudria") belongs to the word.
      if (j < n && (text[j] == '\'' || text[j] == '-') && (j + 1 >= n || text[j + 1] == ' ')) ++j;
      i = j;
      continue;
    }
    TokKind kind;
    size_t start = i;
    if (c == ',') {
      kind = TokKind::kComma;
    } else if (c == '.' || c == '!' || c == '?') {
      kind = TokKind::kEnd;
    } else if (c == ';' || c == ':' || (c == '-' && i + 1 < n && text[i + 1] == '-')) {
      kind = TokKind::kPunct;
      if (c == '-') {
        while (i + 1 < n && text[i + 1] == '-') ++i;
      }
    } else {
      ++i;  // quotes, brackets and other marks take no part in the rules
      continue;
    }
    Tok& t = out->emplace_back();
    t.begin = static_cast<uint32_t>(start);
    t.end = static_cast<uint32_t>(i + 1);
    t.kind = kind;
    if (c == '-')
      t.up = "--";
    else
      t.up.assign(1, c);
    ++i;
  }
}

void Words::Fill(const PeerDictionary& dict, Tok* t) {
  if (!t->IsWord()) return;
  auto it = cache_.find(t->up);
  if (it == cache_.end()) {
    Entry e;
    dict.TextIds(t->up, &e.ids);
    e.cls = ClassOf(t->up);
    for (uint32_t id : e.ids) {
      if (dict.IsNoun(id)) e.cls |= kNoun;
      if (dict.IsAdjective(id)) e.cls |= kAdjective;
      e.starts |= dict.StartsMask(id);
    }
    it = cache_.emplace(t->up, std::move(e)).first;
  }
  t->ids = &it->second.ids;
  t->cls |= it->second.cls;
  t->starts = it->second.starts;
}

namespace {

// Token positions a phrase meets when it starts at `start`; empty when it does not. A blank in the
// phrase lets other words stand between, but not a comma or the end of the sentence, and not a
// token another match already uses.
bool MatchPhrase(const Sentence& s, const Phrase& words, uint32_t start,
                 std::vector<uint32_t>* at) {
  at->clear();
  uint32_t pos = start;
  for (size_t k = 0; k < words.size(); ++k) {
    if (k > 0) {
      if (words[k - 1].next_adjacent) {
        ++pos;
      } else {
        uint32_t q = pos + 1;
        while (q < s.toks.size() && s.toks[q].IsWord() && !s.toks[q].Has(words[k].id)) ++q;
        if (q >= s.toks.size() || !s.toks[q].IsWord()) return false;
        pos = q;
      }
    }
    if (pos >= s.toks.size()) return false;
    const Tok& t = s.toks[pos];
    if (!t.IsWord() || t.atom >= 0 || !t.Has(words[k].id)) return false;
    at->push_back(pos);
  }
  return true;
}

// The longest phrase of `index` that matches at token `start` (ties: the first found); -1 if none.
template <typename Entries>
int LongestAt(const Sentence& s, const Entries& entries, const PhraseIndex& index, uint32_t start,
              std::vector<uint32_t>* scratch, std::vector<uint32_t>* best_at) {
  int best = -1;
  best_at->clear();
  const Tok& t = s.toks[start];
  const std::vector<uint32_t>* next = nullptr;
  if (start + 1 < s.toks.size() && s.toks[start + 1].ids != nullptr &&
      !s.toks[start + 1].ids->empty())
    next = s.toks[start + 1].ids;
  for (uint32_t id : *t.ids) {
    index.ForEach(id, next, [&](uint32_t c) {
      const Phrase& words = entries[c].words;
      if (best >= 0 && words.size() <= best_at->size()) return;
      if (MatchPhrase(s, words, start, scratch)) {
        best = static_cast<int>(c);
        best_at->swap(*scratch);
      }
    });
  }
  return best;
}

}  // namespace

void FindAtoms(const PeerDictionary& dict, Sentence* s) {
  std::vector<uint32_t> at, scratch;
  for (int pass = 0; pass < 2; ++pass) {  // actors claim their words first, then agents
    bool actors = pass == 0;
    for (uint32_t i = 0; i < s->toks.size(); ++i) {
      const Tok& t = s->toks[i];
      if (!t.IsWord() || t.atom >= 0 || !(t.starts & (actors ? kStartsActor : kStartsAgent)))
        continue;
      int entry = actors ? LongestAt(*s, dict.actor_phrases, dict.actor_index(), i, &scratch, &at)
                         : LongestAt(*s, dict.agents, dict.agent_index(), i, &scratch, &at);
      if (entry < 0) continue;
      Atom a;
      a.toks = at;
      a.actor = actors;
      a.entry = actors ? dict.actor_phrases[entry].entry : static_cast<uint32_t>(entry);
      int index = static_cast<int>(s->atoms.size());
      for (uint32_t p : at) s->toks[p].atom = index;
      s->atoms.push_back(std::move(a));
    }
  }
  std::sort(s->atoms.begin(), s->atoms.end(),
            [](const Atom& a, const Atom& b) { return a.toks[0] < b.toks[0]; });
  for (auto& t : s->toks) t.atom = -1;
  for (size_t k = 0; k < s->atoms.size(); ++k)
    for (uint32_t p : s->atoms[k].toks) s->toks[p].atom = static_cast<int>(k);
}

void FindVerbs(const PeerDictionary& dict, Sentence* s) {
  auto& toks = s->toks;
  for (uint32_t i = 0; i < toks.size(); ++i) {
    const Tok& t = toks[i];
    if (!t.IsWord() || t.atom >= 0 || t.verb >= 0 || !(t.starts & kStartsVerb)) continue;
    int best = -1;
    uint32_t best_last = 0, best_verb = 0;
    size_t best_words = 0;
    for (uint32_t id : *t.ids) {
      const std::vector<uint32_t>* cands = dict.VerbsStartingWith(id);
      if (cands == nullptr) continue;
      for (uint32_t c : *cands) {
        const VerbForm& f = dict.verbs[c];
        size_t words = f.before.size() + 1 + f.after.size();
        // The form with more words wins, then the longer verb word ("ATTACKED" over "ATTACK").
        if (best >= 0 && (words < best_words ||
                          (words == best_words && dict.WordText(f.verb).size() <=
                                                      dict.WordText(dict.verbs[best].verb).size())))
          continue;
        // Consecutive words before the verb word, the verb, then the words after it.
        uint32_t pos = i;
        bool ok = true;
        for (const auto& w : f.before) {
          if (pos >= toks.size() || toks[pos].atom >= 0 || !toks[pos].Has(w.id)) {
            ok = false;
            break;
          }
          ++pos;
        }
        if (!ok || pos >= toks.size() || toks[pos].atom >= 0 || toks[pos].possessive ||
            !toks[pos].Has(f.verb))
          continue;
        uint32_t verb_tok = pos;
        bool adjacent = f.after_adjacent;
        for (const auto& w : f.after) {
          uint32_t q = pos + 1;
          if (!adjacent) {
            while (q < toks.size() && toks[q].IsWord() && !toks[q].Has(w.id)) ++q;
          }
          if (q >= toks.size() || toks[q].atom >= 0 || !toks[q].Has(w.id)) {
            ok = false;
            break;
          }
          pos = q;
          adjacent = w.next_adjacent;
        }
        if (!ok) continue;
        best = static_cast<int>(c);
        best_last = pos;
        best_verb = verb_tok;
        best_words = words;
      }
    }
    if (best < 0) continue;
    VerbOcc v;
    v.form = static_cast<uint32_t>(best);
    v.first = i;
    v.last = best_last;
    v.verb_tok = best_verb;
    int index = static_cast<int>(s->verbs.size());
    toks[i].verb = index;
    toks[best_verb].verb = index;
    toks[best_last].verb = index;
    s->verbs.push_back(v);
  }
}

}  // namespace dyad::peers::detail
