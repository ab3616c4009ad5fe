#include "coder/match.h"

#include <algorithm>
#include <array>
#include <set>

namespace dyad::coder {
namespace {

using lexicon::ElemKind;
using lexicon::Pattern;

constexpr int kMaxGap = 5;
constexpr int kMaxSteps = 2000;  // bounds backtracking on pathological patterns

constexpr std::array<std::string_view, 9> kBeForms = {"is",   "are",   "was", "were", "be",
                                                      "been", "being", "'s",  "get"};

bool IsBe(std::string_view w) {
  return std::find(kBeForms.begin(), kBeForms.end(), w) != kBeForms.end();
}

// A participle: regular "-ed"/"-en"/"-wn", or one of the common irregular participles listed here.
bool LooksParticiple(const Token& t) {
  std::string_view w = t.lower;
  if (w.size() > 3 && (w.substr(w.size() - 2) == "ed" || w.substr(w.size() - 2) == "en" ||
                       w.substr(w.size() - 2) == "wn"))
    return true;
  return w == "held" || w == "met" || w == "sought" || w == "struck" || w == "shot" ||
         w == "sent" || w == "hit" || w == "caught" || w == "brought" || w == "told" ||
         w == "made" || w == "put" || w == "led" || w == "kept" || w == "fought" || w == "sold" ||
         w == "bought" || w == "paid" || w == "set" || w == "cut" || w == "left";
}

// Participles that, after a be-form, describe a state rather than an act done by someone:
// "is committed to", "was prepared to", "is determined to".
bool Adjectival(std::string_view w) {
  static const std::set<std::string_view> kStative = {
      "committed",  "prepared",  "determined",   "interested", "concerned", "engaged",
      "involved",   "pleased",   "disappointed", "opposed",    "based",     "expected",
      "supposed",   "scheduled", "set",          "dedicated",  "devoted",   "resolved",
      "convinced",  "satisfied", "worried",      "alarmed",    "aligned",   "united",
      "divided",    "entitled",  "obliged",      "obligated",  "inclined",  "used",
      "accustomed", "located"};
  return kStative.count(w) > 0;
}

bool IsPassiveAt(const Sentence& s, uint32_t anchor) {
  if (!LooksParticiple(s.tokens[anchor]) || Adjectival(s.tokens[anchor].lower)) return false;
  for (uint32_t k = anchor; k > 0 && anchor - k < 3; --k) {
    const Token& t = s.tokens[k - 1];
    if (t.mention >= 0 || t.punct) return false;
    if (IsBe(t.lower)) return t.lower != "'s" || k - 1 == 0 || s.tokens[k - 2].mention < 0;
  }
  return false;
}

class Matcher {
 public:
  Matcher(const Sentence& s, const Pattern& p, uint32_t anchor)
      : s_(s), p_(p), clause_(s.tokens[anchor].clause) {
    m_.anchor = anchor;
    if (p.head == p.anchor) SetHead(anchor);
  }

  bool Run(uint32_t pattern_index, Match* out) {
    m_.pattern = pattern_index;
    m_.Push(m_.anchor);
    if (!Backward(static_cast<int>(p_.anchor) - 1, static_cast<int>(m_.anchor) - 1)) return false;
    m_.passive = Passive();
    *out = m_;
    return true;
  }

 private:
  bool Usable(int pos) const {
    return pos >= 0 && pos < static_cast<int>(s_.tokens.size()) && s_.tokens[pos].clause == clause_;
  }
  // A role word standing alone ("military", "troops", "police") is an actor only weakly: a pattern
  // may use it as a word ("joint military exercises") or pass over it ("gave military aid to
  // Israel").
  bool Weak(int mention) const { return mention >= 0 && IsWeak(s_.mentions[mention]); }
  bool WordAt(const lexicon::PatternElem& e, int pos) const {
    if (!Usable(pos) || (s_.tokens[pos].mention >= 0 && !Weak(s_.tokens[pos].mention)))
      return false;
    uint32_t id = s_.tokens[pos].id;
    return id != 0 && std::find(e.ids.begin(), e.ids.end(), id) != e.ids.end();
  }
  // A gap may hold ordinary words and a bare one-word country adjective, but no other actor.
  bool GapOk(int pos) {
    if (!Usable(pos)) return false;
    const Token& t = s_.tokens[pos];
    if (Weak(t.mention)) return true;
    if (t.mention >= 0) {
      const Mention& m = s_.mentions[t.mention];
      // A place ("hosted a dinner in Tokyo for ...") is transparent.
      if (m.first > 0 &&
          (s_.tokens[m.first - 1].lower == "in" || s_.tokens[m.first - 1].lower == "at"))
        return true;
      if (m.last - m.first != 1 || m.has_role || m.person || m.codes.size() != 1) return false;
      m_.inner = t.mention;
      return true;
    }
    // Money and percentages may sit in a gap: "pledged $500 million to".
    return !t.punct || t.lower == "-" || t.lower == "'s" || t.lower == "$" || t.lower == "%" ||
           t.lower == "\xE2\x82\xAC" || t.lower == "\xC2\xA3" || t.lower == "\xC2\xA5";
  }

  void SetHead(uint32_t pos) {
    m_.head = pos;
    passive_known_ = false;
  }
  // Passive voice is decided at the head verb, only when a rule needs it (most candidates fail
  // first).
  bool Passive() {
    if (!passive_known_) {
      passive_ = IsPassiveAt(s_, m_.head);
      passive_known_ = true;
    }
    return passive_;
  }

  // Elements before the anchor, right to left; on success records the start and continues forward.
  bool Backward(int e, int pos) {
    if (++steps_ > kMaxSteps) return false;
    if (e < 0) {
      m_.start = static_cast<uint32_t>(pos + 1);
      return Forward(p_.anchor + 1, m_.anchor + 1);
    }
    const auto& el = p_.elems[e];
    switch (el.kind) {
      case ElemKind::kWord:
        if (WordAt(el, pos) && m_.Push(static_cast<uint32_t>(pos))) {
          if (static_cast<size_t>(e) == p_.head) SetHead(static_cast<uint32_t>(pos));
          if (Backward(e - 1, pos - 1)) return true;
          --m_.word_count;
        }
        return el.optional && Backward(e - 1, pos);
      case ElemKind::kGap:
        for (int g = 0; g <= kMaxGap; ++g) {
          if (g > 0 && !GapOk(pos - g + 1)) break;
          if (Backward(e - 1, pos - g)) return true;
        }
        return false;
      case ElemKind::kSource:
      case ElemKind::kTarget: {
        if (!Usable(pos) || s_.tokens[pos].mention < 0) return false;
        int mi = s_.tokens[pos].mention;
        const Mention& m = s_.mentions[mi];
        if (m.last != static_cast<uint32_t>(pos + 1)) return false;
        // A pattern's opening slot is its subject, which no preposition governs ("friendship
        // between the two countries must ..." is not the countries' act). "of" may stand in a
        // quantity ("thousands of protesters").
        if (e == 0 && m.first > 0) {
          const Token& before = s_.tokens[m.first - 1];
          if ((before.classes & kPreposition) && before.lower != "of") return false;
        }
        int& slot = el.kind == ElemKind::kSource ? m_.source : m_.target;
        slot = mi;
        if (Backward(e - 1, static_cast<int>(m.first) - 1)) return true;
        slot = kNoMention;
        return false;
      }
    }
    return false;
  }

  bool Forward(size_t e, uint32_t pos) {
    if (++steps_ > kMaxSteps) return false;
    if (e >= p_.elems.size()) {
      m_.end = pos;
      return true;
    }
    const auto& el = p_.elems[e];
    int ipos = static_cast<int>(pos);
    switch (el.kind) {
      case ElemKind::kWord:
        if (WordAt(el, ipos) && m_.Push(pos)) {
          if (Forward(e + 1, pos + 1)) return true;
          --m_.word_count;
        }
        return el.optional && Forward(e + 1, pos);
      case ElemKind::kGap:
        for (int g = 0; g <= kMaxGap; ++g) {
          if (g > 0 && !GapOk(ipos + g - 1)) break;
          if (Forward(e + 1, pos + static_cast<uint32_t>(g))) return true;
        }
        return false;
      case ElemKind::kSource:
      case ElemKind::kTarget: {
        int& slot = el.kind == ElemKind::kSource ? m_.source : m_.target;
        if (Usable(ipos) && s_.tokens[pos].mention >= 0) {
          int mi = s_.tokens[pos].mention;
          if (s_.mentions[mi].first == pos) {
            slot = mi;
            if (Forward(e + 1, s_.mentions[mi].last)) return true;
            slot = kNoMention;
          }
        }
        // "the ambassador was summoned": the passive's subject fills the object slot.
        if (el.kind == ElemKind::kTarget && m_.target == kNoMention && Passive()) {
          slot = kSubjectMention;
          if (Forward(e + 1, pos)) return true;
          slot = kNoMention;
        }
        return false;
      }
    }
    return false;
  }

  const Sentence& s_;
  const Pattern& p_;
  int clause_;
  bool passive_ = false, passive_known_ = false;
  Match m_;
  int steps_ = 0;
};

// Cheap filters before backtracking: every required word occurs somewhere in the sentence. The
// 64-bit signature (a bit per word id modulo 64) rejects most candidates without touching
// `present`.
bool RequiredWordsPresent(const Pattern& p, const std::vector<uint8_t>& present,
                          uint64_t sentence_bits) {
  for (uint64_t need : p.required_bits) {
    if ((need & sentence_bits) == 0) return false;
  }
  for (const auto& e : p.elems) {
    if (e.kind != ElemKind::kWord || e.optional) continue;
    bool any = false;
    for (uint32_t id : e.ids) {
      if (present[id]) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

}  // namespace

// A role phrase with no known country ("military", "troops", "two patrol vessels") is an actor only
// weakly: a pattern may use its words ("joint military exercises") or pass over it ("gave military
// aid to Israel", "give two patrol vessels to the Philippine coast guard").
bool IsWeak(const Mention& m) {
  if (m.person) return false;
  for (const auto& c : m.codes) {
    if (c.rfind("---", 0) != 0) return false;
  }
  return true;
}

std::vector<Match> FindMatches(const Lexicon& lex, const Sentence& s, MatchScratch* scratch) {
  std::vector<Match> out;
  auto& present = scratch->present;
  if (present.size() < lex.vocab_size) present.assign(lex.vocab_size, 0);
  uint64_t bits = 0;
  auto usable = [&](const Token& t) { return t.mention < 0 || IsWeak(s.mentions[t.mention]); };
  for (const Token& t : s.tokens) {
    if (usable(t) && t.id != 0) {
      present[t.id] = 1;
      bits |= uint64_t{1} << (t.id % 64);
    }
  }
  present[0] = 0;
  for (uint32_t i = 0; i < s.tokens.size(); ++i) {
    const Token& t = s.tokens[i];
    if (t.id == 0 || !usable(t)) continue;
    if (t.anchored == nullptr) continue;
    for (const auto& entry : *t.anchored) {
      if ((entry.need0 & bits) == 0 || (entry.need1 & bits) == 0) continue;
      const uint32_t pi = entry.pattern;
      if (!RequiredWordsPresent(lex.patterns[pi], present, bits)) continue;
      Matcher matcher(s, lex.patterns[pi], i);
      Match m;
      if (matcher.Run(pi, &m)) out.push_back(std::move(m));
    }
  }
  for (const Token& t : s.tokens) present[t.id] = 0;
  return out;
}

namespace {
// Patterns from the broad-recall files ("01x-statement.txt"): ids like "01x-statement:15".
bool Recall(const lexicon::Pattern& p) { return p.id.size() > 2 && p.id[2] == 'x'; }
}  // namespace

std::vector<Match> SelectMatches(const Lexicon& lex, std::vector<Match> matches) {
  std::stable_sort(matches.begin(), matches.end(), [&](const Match& a, const Match& b) {
    const auto& pa = lex.patterns[a.pattern];
    const auto& pb = lex.patterns[b.pattern];
    if (pa.literals != pb.literals) return pa.literals > pb.literals;
    // Then the one that matched more of the sentence's words, optional ones included ("postponed
    // the round of negotiations with Japan" over "round of negotiations with Japan").
    if (a.word_count != b.word_count) return a.word_count > b.word_count;
    bool sa = pa.has_source || pa.has_target, sb = pb.has_source || pb.has_target;
    if (sa != sb) return sa;  // a pattern that pins an actor is more specific
    // Then a precise pattern over a broad-recall one ("NNx-" files): "signed a joint statement
    // on ..." is a signing (05) before it is a statement (01x).
    bool ra = Recall(pa), rb = Recall(pb);
    if (ra != rb) return rb;
    if (a.end - a.start != b.end - b.start) return a.end - a.start < b.end - b.start;
    return a.pattern < b.pattern;
  });
  std::vector<Match> kept;
  std::vector<uint32_t> used;
  for (auto& m : matches) {
    bool clash = false;
    for (uint32_t k = 0; k < m.word_count; ++k)
      clash = clash || std::find(used.begin(), used.end(), m.words[k]) != used.end();
    if (clash) continue;
    used.insert(used.end(), m.words.begin(), m.words.begin() + m.word_count);
    kept.push_back(std::move(m));
  }
  std::sort(kept.begin(), kept.end(),
            [](const Match& a, const Match& b) { return a.start < b.start; });
  return kept;
}

}  // namespace dyad::coder
