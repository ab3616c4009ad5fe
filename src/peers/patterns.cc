#include "peers/patterns.h"

#include <algorithm>

namespace dyad::peers::detail {

namespace {
constexpr int kMaxSteps = 20000;  // bounds backtracking on pathological patterns
}  // namespace

// A non-owning reference to "what to match next, from this position".
class PatternMatcher::Cont {
 public:
  template <typename F>
  explicit Cont(F& f)
      : obj_(&f), fn_([](void* o, int pos) { return (*static_cast<F*>(o))(pos); }) {}
  bool operator()(int pos) const { return fn_(obj_, pos); }

 private:
  void* obj_;
  bool (*fn_)(void*, int);
};

PatternMatcher::PatternMatcher(const PeerDictionary& dict, const Sentence& s,
                               MatcherScratch* scratch)
    : dict_(dict),
      s_(s),
      vis_(scratch->vis),
      pos_of_(scratch->pos_of),
      occ_start_(scratch->occ_start),
      occ_end_(scratch->occ_end),
      present_(scratch->present),
      tabari_(dict.flavor == Flavor::kTabari),
      candidates_(scratch->candidates) {
  vis_.clear();
  candidates_.clear();
  pos_of_.assign(s.toks.size(), -1);
  for (size_t i = 0; i < s.toks.size(); ++i) {
    if (s.toks[i].deleted) continue;
    pos_of_[i] = static_cast<int>(vis_.size());
    vis_.push_back(static_cast<int>(i));
  }
  occ_start_.assign(vis_.size(), -1);
  occ_end_.assign(vis_.size(), -1);
  for (size_t k = 0; k < s.occs.size(); ++k) {
    int a = pos_of_[s.occs[k].first], b = pos_of_[s.occs[k].last];
    if (a >= 0 && occ_start_[a] < 0) occ_start_[a] = static_cast<int>(k);
    if (b >= 0) occ_end_[b] = static_cast<int>(k);
  }
  if (present_.size() < dict.word_count()) present_.assign(dict.word_count(), 0);
  for (const Tok& t : s.toks) {
    if (t.ids == nullptr || t.deleted) continue;
    for (uint32_t id : *t.ids) present_[id] = 1;
  }
}

PatternMatcher::~PatternMatcher() {
  for (const Tok& t : s_.toks) {
    if (t.ids == nullptr) continue;
    for (uint32_t id : *t.ids) present_[id] = 0;
  }
}

bool PatternMatcher::Possible(const Pattern& p) const {
  for (uint32_t id : p.required) {
    if (!present_[id]) return false;
  }
  return true;
}

bool PatternMatcher::SlotFits(const Elem& e, int occ) const {
  if (occ < 0) return false;
  if (e.kind == Elem::kCompound) return s_.occs[occ].compound;
  return true;
}

// Places element `e` with its first (forward) or last (backward) token at visible position `pos`
// and continues with `cont` from the position after (or before) it.
bool PatternMatcher::Place(const Elem& e, int pos, bool forward, const Cont& cont) {
  if (pos < 0 || pos >= static_cast<int>(vis_.size())) return false;
  const Tok& t = s_.toks[vis_[pos]];
  int step = forward ? 1 : -1;
  switch (e.kind) {
    case Elem::kWord: {
      if (!t.IsWord() || t.possessive || !t.Has(e.id)) return false;
      // PETRARCH's pre-verb words are nouns of the subject: not before it, and not adverbs
      // ("RECENTLY *" does not meet "the envoy recently allowed").
      if (!tabari_ && !forward && synset_depth_ == 0 &&
          (pos < upper_floor_ || (t.up.size() > 4 && t.up.compare(t.up.size() - 2, 2, "LY") == 0)))
        return false;
      int w = synset_depth_ > 0 ? 0 : static_cast<int>(dict_.WordText(e.id).size());
      weight_ += w;
      if (cont(pos + step)) return true;
      weight_ -= w;
      return false;
    }
    case Elem::kSynset:
    case Elem::kAlternatives: {
      const bool synset = e.kind == Elem::kSynset;
      auto try_member = [&](const ElemSeq& member) {
        auto next = [&](int after) {
          synset_depth_ -= synset;
          bool ok = cont(after);
          synset_depth_ += synset;
          return ok;
        };
        Cont c(next);
        synset_depth_ += synset;
        bool ok = forward ? Forward(member, 0, pos, true, c)
                          : Backward(member, static_cast<int>(member.size()) - 1, pos, true, c);
        synset_depth_ -= synset;
        return ok;
      };
      if (!synset) {
        for (const ElemSeq& alt : e.alternatives) {
          if (try_member(alt)) return true;
        }
        return false;
      }
      // Only the members that can start (end) at this word, in the synset's order.
      const Synset& syn = dict_.synsets[e.id];
      std::vector<uint32_t>& cands = candidates_;
      size_t mark = cands.size();
      const auto& by = forward ? syn.by_first : syn.by_last;
      if (t.ids != nullptr) {
        for (uint32_t id : *t.ids) {
          auto it = by.find(id);
          if (it != by.end()) cands.insert(cands.end(), it->second.begin(), it->second.end());
        }
      }
      const auto& other = forward ? syn.other_first : syn.other_last;
      cands.insert(cands.end(), other.begin(), other.end());
      std::sort(cands.begin() + static_cast<long>(mark), cands.end());
      bool ok = false;
      for (size_t k = mark; k < cands.size() && !ok; ++k) ok = try_member(syn.members[cands[k]]);
      cands.resize(mark);
      return ok;
    }
    case Elem::kSource:
    case Elem::kTarget:
    case Elem::kCompound:
    case Elem::kSkip: {
      int occ = forward ? occ_start_[pos] : occ_end_[pos];
      if (!SlotFits(e, occ)) return false;
      int next = forward ? pos_of_[s_.occs[occ].last] + 1 : pos_of_[s_.occs[occ].first] - 1;
      if (e.kind == Elem::kSkip) {
        slots_.skipped.push_back(occ);
        if (cont(next)) return true;
        slots_.skipped.pop_back();
        return false;
      }
      int& slot = e.kind == Elem::kSource   ? slots_.source
                  : e.kind == Elem::kTarget ? slots_.target
                                            : slots_.compound;
      int saved = slot;
      slot = occ;
      if (cont(next)) return true;
      slot = saved;
      return false;
    }
  }
  return false;
}

bool PatternMatcher::Forward(const ElemSeq& seq, size_t k, int pos, bool anchored,
                             const Cont& cont) {
  if (++steps_ > kMaxSteps) return false;
  if (k == seq.size()) return cont(pos);
  const Elem& e = seq[k];
  auto next = [&](int after) { return Forward(seq, k + 1, after, e.next_adjacent, cont); };
  Cont c(next);
  for (int p = pos; p < static_cast<int>(vis_.size()); ++p) {
    if (Place(e, p, true, c)) return true;
    if (anchored || s_.toks[vis_[p]].kind == TokKind::kEnd || Barrier(p)) break;
  }
  return false;
}

// PETRARCH matches the words after the verb inside its own clause: a gap does not run past the
// word that opens an embedded one ("admitted that Ostria is not the easiest place").
bool PatternMatcher::Barrier(int pos) const {
  return !tabari_ && (s_.toks[vis_[pos]].cls & kOpener);
}

bool PatternMatcher::Backward(const ElemSeq& seq, int k, int pos, bool anchored, const Cont& cont) {
  if (++steps_ > kMaxSteps) return false;
  if (k < 0) return cont(pos);
  const Elem& e = seq[k];
  // Matching leftwards, TABARI does not hold a synset to the "_" after it (SYNSET-22h in its
  // validation records), though it does rightwards (SYNSET-23ee).
  bool adjacent_before =
      k > 0 && seq[k - 1].next_adjacent && !(seq[k - 1].kind == Elem::kSynset && tabari_);
  auto next = [&](int before) { return Backward(seq, k - 1, before, adjacent_before, cont); };
  Cont c(next);
  for (int p = pos; p >= 0; --p) {
    if (Place(e, p, false, c)) return true;
    if (anchored || s_.toks[vis_[p]].kind == TokKind::kEnd) break;
  }
  return false;
}

bool PatternMatcher::Match(const Pattern& p, const VerbOcc& v, int floor, Slots* slots,
                           int* weight) {
  upper_floor_ = floor >= 0 && floor < static_cast<int>(pos_of_.size()) ? pos_of_[floor] : -1;
  slots_ = Slots{};
  steps_ = 0;
  weight_ = 0;
  synset_depth_ = 0;
  int first = pos_of_[v.first], last = pos_of_[v.last];
  if (first < 0 || last < 0) return false;
  auto lower = [&](int) {
    auto done = [&](int) {
      *weight = weight_;
      return true;
    };
    Cont d(done);
    return Forward(p.lower, 0, last + 1, p.verb_adjacent_lower, d);
  };
  Cont c(lower);
  bool upper_adjacent = !p.upper.empty() && p.upper.back().next_adjacent;
  if (!Backward(p.upper, static_cast<int>(p.upper.size()) - 1, first - 1, upper_adjacent, c))
    return false;
  *slots = slots_;
  return true;
}

}  // namespace dyad::peers::detail
