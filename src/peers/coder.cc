// The shallow coder: one sentence in, TABARI-style events out.
#include "peers/coder.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "peers/patterns.h"
#include "peers/phrases.h"
#include "peers/sentence.h"
#include "peers/tokens.h"
#include "text/normalize.h"

namespace dyad::peers {

const char* StatusName(SentenceResult::Status s) {
  switch (s) {
    case SentenceResult::kCoded:
      return "coded";
    case SentenceResult::kNoEvent:
      return "no event";
    case SentenceResult::kDiscarded:
      return "discarded";
    case SentenceResult::kStoryDiscarded:
      return "story discarded";
    case SentenceResult::kComplex:
      return "complex";
    case SentenceResult::kTooShort:
      return "too short";
  }
  return "?";
}

using detail::Occ;
using detail::Sentence;
using detail::Tok;
using detail::TokKind;
using detail::VerbOcc;

struct ShallowCoder::State {
  detail::Words words;
  detail::MatcherScratch scratch;
  Sentence sentence;  // reused: its vectors keep their memory from sentence to sentence
};

ShallowCoder::ShallowCoder(const PeerDictionary& dict)
    : dict_(dict), state_(std::make_unique<State>()) {}
ShallowCoder::~ShallowCoder() = default;

namespace {

template <typename MakeLine>
void Trace(std::vector<std::string>* trace, MakeLine make) {
  if (trace != nullptr) trace->push_back(make());
}

// Consecutive words of `words` from token p (commas and ends break them); the first word is
// known to match (the index offered the phrase for it).
bool WordsAt(const Sentence& s, const Phrase& words, uint32_t p) {
  if (p + words.size() > s.toks.size()) return false;
  for (size_t k = 1; k < words.size(); ++k) {
    if (!s.toks[p + k].Has(words[k].id)) return false;
  }
  return true;
}

// The ids of the token after p, for the two-word phrase indexes (null if none).
const std::vector<uint32_t>* NextIds(const Sentence& s, uint32_t p) {
  if (p + 1 >= s.toks.size()) return nullptr;
  const auto* ids = s.toks[p + 1].ids;
  return ids != nullptr && !ids->empty() ? ids : nullptr;
}

// A discard phrase anywhere in the sentence: the entry, or -1.
int FindDiscard(const PeerDictionary& dict, const Sentence& s) {
  int found = -1;
  for (uint32_t p = 0; p < s.toks.size() && found < 0; ++p) {
    const Tok& t = s.toks[p];
    if (!(t.starts & kStartsDiscard)) continue;
    const auto* next = NextIds(s, p);
    for (uint32_t id : *t.ids) {
      dict.discard_index().ForEach(id, next, [&](uint32_t c) {
        if (found < 0 && WordsAt(s, dict.discards[c].words, p)) found = static_cast<int>(c);
      });
      if (found >= 0) break;
    }
  }
  return found;
}

// TABARI <TIME> phrases: shift the date, or make the sentence a discard or too complex.
void FindTimes(const PeerDictionary& dict, Sentence* s) {
  for (const TimeEntry& te : dict.times) {
    for (uint32_t p = 0; p < s->toks.size(); ++p) {
      uint32_t q = p;
      bool ok = true;
      for (const Elem& e : te.words) {
        if (e.kind != Elem::kWord || q >= s->toks.size() || !s->toks[q].Has(e.id)) {
          ok = false;
          break;
        }
        ++q;
      }
      if (!ok) continue;
      if (te.kind == CodeSpec::kDiscard) s->discard = true;
      if (te.kind == CodeSpec::kComplex) s->complex = true;
      if (te.kind == CodeSpec::kEvent && s->shift == 0) s->shift = te.shift;
      if (te.kind != CodeSpec::kEvent && s->why.empty())
        s->why = fmt::format("time phrase at '{}'", s->toks[p].up);
      break;
    }
  }
}

// PETRARCH issues: the codes of the issue phrases in the sentence, none if an ignore phrase is
// there.
std::vector<std::string> Issues(const PeerDictionary& dict, const Sentence& s) {
  std::vector<std::string> out;
  if (dict.issue_phrases.empty()) return out;
  bool ignore = false;
  for (uint32_t p = 0; p < s.toks.size() && !ignore; ++p) {
    const Tok& t = s.toks[p];
    if (!(t.starts & kStartsIssue)) continue;
    const auto* next = NextIds(s, p);
    for (uint32_t id : *t.ids) {
      dict.issue_index().ForEach(id, next, [&](uint32_t c) {
        const IssuePhrase& ip = dict.issue_phrases[c];
        if (ignore || !WordsAt(s, ip.words, p)) return;
        const IssueEntry& e = dict.issues[ip.issue];
        if (e.code.empty()) ignore = true;
        if (std::find(out.begin(), out.end(), e.code) == out.end()) out.push_back(e.code);
      });
    }
  }
  if (ignore) out.clear();
  return out;
}

struct Clause {
  uint32_t first = 0, last = 0;  // tokens, inclusive
  bool inherits = false;  // starts with a conjunction and a verb: shares the clause before's source
};

std::vector<Clause> SplitClauses(const Sentence& s, Options::CodeBy code_by) {
  std::vector<Clause> out;
  Clause cur;
  uint32_t n = static_cast<uint32_t>(s.toks.size());
  if (n == 0) return out;
  for (uint32_t p = 0; p < n; ++p) {
    const Tok& t = s.toks[p];
    if (code_by == Options::CodeBy::kSentence || t.deleted || p == 0) continue;
    bool split = false, inherits = false;
    if ((t.kind == TokKind::kPunct && t.up == ";") || t.clause_break) {
      split = true;
    } else if ((t.cls & detail::kConjunction) && t.occ < 0) {
      uint32_t q = p + 1;
      while (q < n && (s.toks[q].cls & detail::kAdverb)) ++q;
      if (q < n && s.toks[q].verb >= 0 && !s.verbs[s.toks[q].verb].noun &&
          s.verbs[s.toks[q].verb].first == q) {
        split = inherits = true;
      } else if (q < n && s.toks[q].occ >= 0) {
        split = true;
      }
    }
    if (!split) continue;
    cur.last = p - 1;
    out.push_back(cur);
    cur = Clause{p, 0, inherits};
  }
  cur.last = n - 1;
  out.push_back(cur);
  return out;
}

constexpr int kRaising = -2;  // Passive(): "was seen to ...", no event of its own

class SentenceCoder {
 public:
  SentenceCoder(const PeerDictionary& dict, Sentence& s, const Options& o,
                detail::MatcherScratch* scratch, std::vector<std::string>* trace)
      : dict_(dict),
        s_(s),
        o_(o),
        matcher_(dict, s, scratch),
        trace_(trace),
        petrarch_(dict.flavor == Flavor::kPetrarch) {}

  // Codes every clause; returns false when a pattern made the sentence a discard or complex.
  bool Run(SentenceResult* r);

 private:
  struct Coded {
    std::vector<PeerEvent> events;
    bool dominant = false;
  };
  bool CodeClause(const Clause& c, std::vector<Coded>* out, SentenceResult* r);
  bool CodeVerb(const Clause& c, const VerbOcc& v, const CodeSpec& code, const detail::Slots& slots,
                const std::string& origin, std::vector<PeerEvent>* events);
  bool Passive(const VerbOcc& v, const Clause& c, int* agent) const;
  int OccAfter(int after, uint32_t last, int exclude, const std::vector<int>& skipped) const;
  void Emit(const std::vector<std::string>& src, const std::vector<std::string>& tgt,
            const CodeSpec& code, uint32_t a, uint32_t b, const std::string& origin,
            std::vector<PeerEvent>* events) const;

  const PeerDictionary& dict_;
  Sentence& s_;
  const Options& o_;
  detail::PatternMatcher matcher_;
  std::vector<std::string>* trace_;
  const bool petrarch_;
  int last_source_ = -1;
};

// TABARI: a be-form before the verb and BY after it ("Westmark was opposed by Estland").
// PETRARCH (whose parser marks the voice): a be-form before a verb not in -ING; the BY phrase, else
// the first actor after the verb, is the source ("The Philippines was criticized over ... with
// Westmark").
bool SentenceCoder::Passive(const VerbOcc& v, const Clause& c, int* agent) const {
  const auto& toks = s_.toks;
  int b = static_cast<int>(v.first) - 1;
  while (b >= 0 && toks[b].deleted) --b;
  bool be = b >= 0 && (toks[b].cls & detail::kBeForm);
  if (!be && b >= 1 && toks[b].IsWord() && toks[b].occ < 0 && (toks[b - 1].cls & detail::kBeForm))
    be = true;             // "was fiercely opposed"
  if (!be && petrarch_) {  // "was heavily and unjustly criticized"
    int k = b;
    while (k >= 0 && k > b - 4 && toks[k].occ < 0 &&
           ((toks[k].up.size() > 4 && toks[k].up.compare(toks[k].up.size() - 2, 2, "LY") == 0) ||
            toks[k].up == "AND"))
      --k;
    be = k >= 0 && k < b && (toks[k].cls & detail::kBeForm);
  }
  if (!be) return false;
  if (petrarch_) {
    const std::string& w = toks[v.verb_tok].up;
    if (w.size() > 4 && w.compare(w.size() - 3, 3, "ING") == 0) return false;
    *agent = -1;
    // "was seen to break into ...": the act is the verb that follows.
    if (v.last + 1 < toks.size() && toks[v.last + 1].up == "TO") {
      *agent = kRaising;
      return true;
    }
    // The source is in a BY, FROM or IN phrase; else the first other actor after the verb.
    int subject = -1;
    for (size_t k = 0; k < s_.occs.size(); ++k) {
      if (s_.occs[k].first >= c.first && s_.occs[k].first < v.first) {
        subject = static_cast<int>(k);
        break;
      }
    }
    for (uint32_t p = v.last + 1; p + 1 < toks.size() && p <= c.last; ++p) {
      const std::string& u = toks[p].up;
      if ((u == "BY" || u == "FROM" || u == "IN") && toks[p + 1].occ >= 0) {
        *agent = toks[p + 1].occ;
        return true;
      }
    }
    for (size_t k = 0; k < s_.occs.size(); ++k) {
      const Occ& o = s_.occs[k];
      if (o.first <= v.last || o.first > c.last) continue;
      if (subject >= 0 && o.codes == s_.occs[subject].codes) continue;
      *agent = static_cast<int>(k);
      return true;
    }
    return true;
  }
  for (uint32_t p = v.last + 1, seen = 0; p < toks.size() && seen < 3; ++p) {
    if (toks[p].deleted) continue;
    ++seen;
    if (toks[p].cls & detail::kBy) {
      if (p + 1 < toks.size() && toks[p + 1].occ >= 0) {
        *agent = toks[p + 1].occ;
        return true;
      }
      return false;
    }
  }
  return false;
}

// The first occurrence starting in (after, last] that is not the source again: not `exclude`, not
// a skipped one, and not an actor with the same codes (unless the possessive THEIR, which TABARI
// takes as a compound acting on itself: COMPOUND-24 in its validation records).
int SentenceCoder::OccAfter(int after, uint32_t last, int exclude,
                            const std::vector<int>& skipped) const {
  for (size_t k = 0; k < s_.occs.size(); ++k) {
    const Occ& o = s_.occs[k];
    if (static_cast<int>(o.first) <= after || o.first > last || static_cast<int>(k) == exclude)
      continue;
    if (std::find(skipped.begin(), skipped.end(), static_cast<int>(k)) != skipped.end()) continue;
    if (exclude >= 0 && o.codes == s_.occs[exclude].codes &&
        !(o.pronoun && o.compound && s_.toks[o.first].up == "THEIR" && !petrarch_))
      continue;
    return static_cast<int>(k);
  }
  return -1;
}

void SentenceCoder::Emit(const std::vector<std::string>& src, const std::vector<std::string>& tgt,
                         const CodeSpec& code, uint32_t a, uint32_t b, const std::string& origin,
                         std::vector<PeerEvent>* events) const {
  for (const auto& x : src) {
    for (const auto& y : tgt) {
      if (x == y) continue;
      if (!code.code.empty()) events->push_back({x, y, code.code, a, b, origin, s_.shift, {}});
      if (!code.paired.empty()) events->push_back({y, x, code.paired, a, b, origin, s_.shift, {}});
    }
  }
}

bool SentenceCoder::CodeVerb(const Clause& c, const VerbOcc& v, const CodeSpec& code,
                             const detail::Slots& slots, const std::string& origin,
                             std::vector<PeerEvent>* events) {
  const auto& occs = s_.occs;
  uint32_t a = v.first, b = v.last;
  auto widen = [&](int occ) {
    if (occ < 0) return;
    a = std::min(a, occs[occ].first);
    b = std::max(b, occs[occ].last);
  };
  if (slots.compound >= 0) {  // "%": the compound's members act on each other
    const Occ& cmp = occs[slots.compound];
    widen(slots.compound);
    Emit(cmp.codes, cmp.codes, code, a, b, origin, events);
    return !events->empty();
  }
  int src = slots.source, tgt = slots.target;
  int agent = -1;
  bool passive = src < 0 && tgt < 0 && Passive(v, c, &agent);
  if (passive && agent == kRaising) {
    Trace(trace_, [] { return std::string("    passive before 'to': the verb after it acts"); });
    return false;
  }
  auto in_clause = [&](const Occ& o) { return o.first >= c.first && o.first <= c.last; };
  if (passive) {
    src = agent;
    for (size_t k = 0; k < occs.size(); ++k) {
      if (in_clause(occs[k]) && occs[k].first < v.first && static_cast<int>(k) != src) {
        tgt = static_cast<int>(k);
        break;
      }
    }
    Trace(trace_,
          [&] { return std::string("    passive voice: the agent after BY is the source"); });
  }
  if (src < 0) {
    for (size_t k = 0; k < occs.size(); ++k) {
      const Occ& o = occs[k];
      if (!in_clause(o) || static_cast<int>(k) == tgt) continue;
      if (std::find(slots.skipped.begin(), slots.skipped.end(), int(k)) != slots.skipped.end())
        continue;
      // PETRARCH's source is the subject, before the verb.
      if (o.first > v.first && (o_.default_source_prior || c.inherits || petrarch_)) break;
      src = static_cast<int>(k);
      break;
    }
    if (src < 0 && c.inherits && last_source_ >= 0) src = last_source_;
  }
  std::vector<std::string> src_codes, tgt_codes;
  if (src >= 0) src_codes = occs[src].codes;
  if (tgt < 0 && !passive) {
    tgt = OccAfter(static_cast<int>(v.last), c.last, src, slots.skipped);
    // TABARI's fallback: an actor between the source and the verb (or, when a pattern put the
    // source after the verb, any actor before the verb).
    if (tgt < 0 && !o_.default_target_after && src >= 0 && !petrarch_) {
      int from = occs[src].first < v.first ? static_cast<int>(occs[src].last)
                                           : static_cast<int>(c.first) - 1;
      tgt = OccAfter(from, v.first, src, slots.skipped);
    }
    // A compound with nothing to act on: its first member acts on the others.
    if (tgt < 0 && src >= 0 && occs[src].codes.size() > 1 && !petrarch_ &&
        (!o_.default_target_after || occs[src].member_first[1] > v.last)) {
      src_codes = {occs[src].codes[0]};
      tgt_codes.assign(occs[src].codes.begin() + 1, occs[src].codes.end());
    }
  }
  if (tgt >= 0) tgt_codes = occs[tgt].codes;
  // PETRARCH: a compound with no target acts on itself ("Sudria and Estland have renewed
  // diplomatic ties"), each member towards each other.
  if (petrarch_ && tgt < 0 && tgt_codes.empty() && src >= 0 && occs[src].codes.size() > 1 &&
      !passive && !c.inherits)
    tgt_codes = occs[src].codes;
  if (src >= 0) last_source_ = src;
  if (src_codes.empty() && !o_.default_source.empty()) src_codes = {o_.default_source};
  if (tgt_codes.empty() && !o_.default_target.empty()) tgt_codes = {o_.default_target};
  // PETRARCH with require_dyad off codes an act with no target against "---".
  if (tgt_codes.empty() && !src_codes.empty() && petrarch_ && !o_.require_dyad) tgt_codes = {"---"};
  if (src_codes.empty() || tgt_codes.empty()) {
    Trace(trace_, [&] {
      return fmt::format("    no event: no {}", src_codes.empty() ? "source" : "target");
    });
    return false;
  }
  widen(src);
  widen(tgt);
  Emit(src_codes, tgt_codes, code, a, b, origin, events);
  return !events->empty();
}

bool SentenceCoder::CodeClause(const Clause& c, std::vector<Coded>* out, SentenceResult* r) {
  const bool all = o_.code_by == Options::CodeBy::kAll;
  std::vector<PeerEvent> fallback;
  bool coded = false;
  for (const VerbOcc& v : s_.verbs) {
    if (v.first < c.first || v.first > c.last || v.noun || s_.toks[v.verb_tok].deleted) continue;
    const VerbForm& form = dict_.verbs[v.form];
    const VerbBlock& block = dict_.blocks[form.block];
    CodeSpec code = form.code;
    std::string origin = form.origin;
    detail::Slots slots;
    const Pattern* hit = nullptr;
    int best = -1;
    uint32_t best_index = 0;
    int floor = -1;
    if (petrarch_) {
      for (const Occ& o : s_.occs) {
        if (o.first >= c.first && o.first < v.first) {
          floor = static_cast<int>(o.first);
          break;
        }
      }
    }
    for (uint32_t pi : block.patterns) {  // heaviest possible first
      const Pattern& p = dict_.patterns[pi];
      if (p.weight < best || (p.weight == best && pi > best_index)) break;
      // PETRARCH has no complexity filter or discard codes in patterns: such a pattern codes
      // nothing, and the verb keeps its own code ("restore fxll diplomatic ties").
      if (petrarch_ && p.code.kind != CodeSpec::kEvent && p.code.kind != CodeSpec::kNull) continue;
      detail::Slots got;
      int weight = 0;
      if (!matcher_.Possible(p) || !matcher_.Match(p, v, floor, &got, &weight)) continue;
      if (weight > best || (weight == best && pi < best_index)) {
        hit = &p;
        best = weight;
        best_index = pi;
        slots = got;
      }
    }
    if (hit != nullptr) {
      code = hit->code;
      origin = hit->origin;
    }
    Trace(trace_, [&] {
      return hit ? fmt::format("  verb '{}' ({}): pattern '{}' ({})", s_.toks[v.verb_tok].up,
                               form.name, hit->text, hit->origin)
                 : fmt::format("  verb '{}' ({}): no pattern; the verb's code",
                               s_.toks[v.verb_tok].up, form.name);
    });
    if (code.kind == CodeSpec::kDiscard || code.kind == CodeSpec::kComplex) {
      r->status =
          code.kind == CodeSpec::kDiscard ? SentenceResult::kDiscarded : SentenceResult::kComplex;
      r->why = fmt::format("verb '{}' is coded {} ({})", form.name,
                           code.kind == CodeSpec::kDiscard ? "###" : "+++", origin);
      return false;
    }
    if (code.kind == CodeSpec::kNull) {
      Trace(trace_, [] { return std::string("    null code: no event"); });
      continue;
    }
    std::vector<PeerEvent> events;
    if (!CodeVerb(c, v, code, slots, origin, &events)) continue;
    if (code.subordinate && !all) {
      if (fallback.empty()) fallback = std::move(events);
      Trace(trace_,
            [] { return std::string("    subordinate verb: kept only if nothing follows"); });
      continue;
    }
    out->push_back({std::move(events), code.dominant});
    coded = true;
    if (!all) break;
  }
  if (!coded && !fallback.empty()) out->push_back({std::move(fallback), false});
  return true;
}

bool SentenceCoder::Run(SentenceResult* r) {
  std::vector<Coded> coded;
  for (const Clause& c : SplitClauses(s_, o_.code_by)) {
    if (!CodeClause(c, &coded, r)) return false;
    if (o_.code_by == Options::CodeBy::kSentence && !coded.empty()) break;
  }
  bool dominant = false;
  for (const auto& c : coded) dominant = dominant || c.dominant;
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (auto& c : coded) {
    if (dominant && !c.dominant) continue;
    for (auto& e : c.events) {
      if (seen.insert({e.source, e.target, e.code}).second) r->events.push_back(std::move(e));
    }
  }
  return true;
}

void MarkNouns(const PeerDictionary& dict, Sentence* s) {
  auto& toks = s->toks;
  int first_word = -1;
  for (size_t p = 0; p < toks.size(); ++p) {
    if (toks[p].IsWord()) {
      first_word = static_cast<int>(p);
      break;
    }
  }
  for (VerbOcc& v : s->verbs) {
    const Tok& t = toks[v.first];
    int b = static_cast<int>(v.first) - 1;
    while (b >= 0 && toks[b].deleted) --b;
    int b2 = b - 1;
    while (b2 >= 0 && toks[b2].deleted) --b2;
    bool det2 = b2 >= 0 && (toks[b2].cls & detail::kDeterminer) && toks[b].IsWord() &&
                toks[b].occ < 0 && toks[b].atom < 0 && toks[b].verb < 0 &&
                (!toks[b].cap || s->all_caps);
    bool petrarch = dict.flavor == Flavor::kPetrarch;
    if (petrarch && (toks[v.verb_tok].cls & detail::kModal)) {
      v.noun = true;  // PETRARCH's parser tags a modal as an auxiliary, never the verb
      v.why_noun = "an auxiliary";
    } else if (petrarch && b >= 0 && (toks[b].cls & detail::kPossessor)) {
      v.noun = true;
      v.why_noun = "after a possessive";
    } else if (b >= 0 && ((toks[b].cls & detail::kDeterminer) || det2)) {
      v.noun = true;
      v.why_noun = "after a determiner";
    } else if (dict.flavor == Flavor::kTabari && t.cap && !s->all_caps &&
               static_cast<int>(v.first) != first_word) {
      v.noun = true;
      v.why_noun = "capitalised";
    } else if (toks[v.verb_tok].cls & detail::kNoun) {
      v.noun = true;
      v.why_noun = "a noun";
    }
  }
}

}  // namespace

SentenceResult ShallowCoder::Code(std::string_view raw, Day date, const Options& o,
                                  StoryMemory* story, std::vector<std::string>* trace) {
  auto norm = text::Normalize(raw);
  if (!norm.ok()) {
    SentenceResult r;
    r.why = norm.status().message();
    return r;
  }
  SentenceResult r = CodeNormalized(norm->text, date, o, story, trace);
  for (auto& e : r.events) {
    e.begin = norm->origin[e.begin];
    e.end = norm->origin[e.end];
  }
  return r;
}

SentenceResult ShallowCoder::CodeNormalized(std::string_view text, Day date, const Options& o,
                                            StoryMemory* story, std::vector<std::string>* trace) {
  SentenceResult r;
  Sentence& s = state_->sentence;
  s.Clear();
  s.explain = trace != nullptr;
  detail::Tokenize(text, dict_.flavor == Flavor::kPetrarch, &s.toks);
  state_->words.StartSentence();
  bool lower = false;
  for (auto& t : s.toks) {
    state_->words.Fill(dict_, &t);
    if (t.IsWord() && !t.joined) ++s.words;
    if (t.kind == TokKind::kWord) {
      for (uint32_t k = t.begin; k < t.end; ++k)
        lower = lower || (text[k] >= 'a' && text[k] <= 'z');
    }
  }
  s.all_caps = !lower;
  auto finish = [&](SentenceResult::Status st, std::string why) {
    r.status = st;
    r.why = std::move(why);
    Trace(trace, [&] { return fmt::format("  {}: {}", StatusName(st), r.why); });
    return r;
  };
  if (o.min_words > 0 && s.words < o.min_words)
    return finish(SentenceResult::kTooShort,
                  fmt::format("{} words, fewer than the minimum of {}", s.words, o.min_words));
  if (int d = FindDiscard(dict_, s); d >= 0) {
    const auto& e = dict_.discards[d];
    return finish(e.story ? SentenceResult::kStoryDiscarded : SentenceResult::kDiscarded,
                  fmt::format("discard phrase '{}' ({})", e.text, e.origin));
  }
  detail::FindAtoms(dict_, &s);
  detail::FindVerbs(dict_, &s);
  if (o.time_shift) FindTimes(dict_, &s);
  for (const VerbOcc& v : s.verbs) {  // verbs that exist only to discard ("WORLD_CUP [###]")
    const VerbForm& f = dict_.verbs[v.form];
    if (!dict_.blocks[f.block].patterns.empty()) continue;
    if (f.code.kind == CodeSpec::kDiscard) s.discard = true;
    if (f.code.kind == CodeSpec::kComplex) s.complex = true;
    if (f.code.kind == CodeSpec::kDiscard || f.code.kind == CodeSpec::kComplex) {
      if (s.why.empty()) s.why = fmt::format("verb '{}' ({})", f.name, f.origin);
    }
  }
  detail::BuildOccurrences(dict_, date, o, &s, trace);
  if (s.discard) return finish(SentenceResult::kDiscarded, s.why);
  detail::MarkCompounds(dict_, &s);
  detail::DeleteCommaClauses(o, dict_.flavor == Flavor::kPetrarch, &s, trace);
  MarkNouns(dict_, &s);
  detail::ResolvePronouns(dict_, o, story, &s);
  detail::IndexOccurrences(&s);
  if (trace != nullptr) {
    for (const Occ& occ : s.occs) {
      std::string codes;
      for (const auto& c : occ.codes) codes += (codes.empty() ? "" : ",") + c;
      trace->push_back(fmt::format("  actor {} [{}..{}] {}", codes, occ.first, occ.last, occ.why));
    }
    for (const VerbOcc& v : s.verbs) {
      trace->push_back(fmt::format("  verb '{}' [{}..{}] {}{}", dict_.verbs[v.form].name, v.first,
                                   v.last, v.noun ? "used as a noun: " : "", v.why_noun));
    }
  }
  if (s.complex) return finish(SentenceResult::kComplex, s.why);
  // TABARI's complexity filter.
  int verbs = 0, conj = 0;
  const VerbOcc* first_verb = nullptr;
  for (const VerbOcc& v : s.verbs) {
    if (v.noun || s.toks[v.verb_tok].deleted) continue;
    ++verbs;
    // A null-coded verb before the actors does not make the sentence complex (COMPLEX-06).
    if (first_verb == nullptr && dict_.verbs[v.form].code.kind != CodeSpec::kNull) first_verb = &v;
  }
  for (const Tok& t : s.toks) conj += (t.cls & detail::kConjunction) && !t.deleted && t.occ < 0;
  if (o.complex_verbs > 0 && verbs >= o.complex_verbs)
    return finish(SentenceResult::kComplex, fmt::format("{} verbs", verbs));
  if (o.complex_conj > 0 && conj >= o.complex_conj)
    return finish(SentenceResult::kComplex, fmt::format("{} conjunctions", conj));
  if (o.no_actor_prior && first_verb != nullptr) {
    bool prior = false;
    for (const Occ& occ : s.occs) prior = prior || occ.last < first_verb->first;
    if (!prior)
      return finish(SentenceResult::kComplex,
                    fmt::format("no actor before the verb '{}'", s.toks[first_verb->verb_tok].up));
  }
  {
    SentenceCoder coder(dict_, s, o, &state_->scratch, trace);
    if (!coder.Run(&r)) {
      Trace(trace, [&] { return fmt::format("  {}: {}", StatusName(r.status), r.why); });
      return r;
    }
  }
  std::vector<std::string> issues = Issues(dict_, s);
  for (auto& e : r.events) {
    e.begin = s.toks[e.begin].begin;
    e.end = s.toks[e.end].end;
    e.issues = issues;
  }
  if (story != nullptr) {
    for (const Occ& occ : s.occs) {
      if (occ.pronoun || occ.base.empty()) continue;
      story->last_actor = {occ.base[0]};  // TABARI forwards a compound's first member only
      break;
    }
  }
  r.status = r.events.empty() ? SentenceResult::kNoEvent : SentenceResult::kCoded;
  if (trace != nullptr) {
    for (const auto& e : r.events)
      trace->push_back(
          fmt::format("  EVENT {} -> {} {} ({})", e.source, e.target, e.code, e.pattern));
  }
  return r;
}

}  // namespace dyad::peers
