#include "parse/parser.h"

#include <algorithm>
#include <cassert>

#include "parse/hashing.h"

namespace dyad::parse {
namespace {

// Template ids, part of the model format: append, never renumber. Names follow Zhang & Nivre
// (2011): S0 stack top, N0..N2 buffer, h head, l/r leftmost/rightmost child (l2/r2 the second),
// w word, p tag, l label, d distance, v valency, s label set.
enum ParseTemplate : uint32_t {
  kBias = 1,
  // single words
  kS0wp,
  kS0w,
  kS0p,
  kN0wp,
  kN0w,
  kN0p,
  kN1wp,
  kN1w,
  kN1p,
  kN2wp,
  kN2w,
  kN2p,
  // word pairs
  kS0wpN0wp,
  kS0wpN0w,
  kS0wN0wp,
  kS0wpN0p,
  kS0pN0wp,
  kS0wN0w,
  kS0pN0p,
  kN0pN1p,
  // three words
  kN0pN1pN2p,
  kS0pN0pN1p,
  kS0hpS0pN0p,
  kS0pS0lpN0p,
  kS0pS0rpN0p,
  kS0pN0pN0lp,
  // distance
  kS0wd,
  kS0pd,
  kN0wd,
  kN0pd,
  kS0wN0wd,
  kS0pN0pd,
  // valency
  kS0wvr,
  kS0pvr,
  kS0wvl,
  kS0pvl,
  kN0wvl,
  kN0pvl,
  // unigrams of heads and children
  kS0hw,
  kS0hp,
  kS0l,
  kS0lw,
  kS0lp,
  kS0ll,
  kS0rw,
  kS0rp,
  kS0rl,
  kN0lw,
  kN0lp,
  kN0ll,
  // third order
  kS0h2w,
  kS0h2p,
  kS0hl,
  kS0l2w,
  kS0l2p,
  kS0l2l,
  kS0r2w,
  kS0r2p,
  kS0r2l,
  kN0l2w,
  kN0l2p,
  kN0l2l,
  kS0pS0lpS0l2p,
  kS0pS0rpS0r2p,
  kS0pS0hpS0h2p,
  kN0pN0lpN0l2p,
  // label sets
  kS0wsr,
  kS0psr,
  kS0wsl,
  kS0psl,
  kN0wsl,
  kN0psl,
  // UPOS alone (robust when the tagger gets XPOS wrong but UPOS right)
  kS0u,
  kN0u,
  kN1u,
  kS0uN0u,
  kS0uN0uN1u,
  kS0wN0u,
  kS0uN0w,
  // ambiguity classes (the tags the word had in training)
  kS0a,
  kN0a,
  kN1a,
  kS0aN0a,
  kS0pN0a,
  kS0aN0p,
  // the second stack word, and more of the buffer
  kS1w,
  kS1p,
  kS1wp,
  kS1pS0p,
  kS1pS0pN0p,
  kN0wN1w,
  kN0wN1p,
  kN0pN1w,
  kN0pN1pN2pN3p,
  kS0pN1p,
  kS1hasHeadS0p,
  // labels with the buffer, and what lies between the stack top and the buffer front
  kS0lN0p,
  kS0rlN0p,
  kS0pS0lN0p,
  kBetweenPunct,
  kBetweenVerb,
  // the tagger's runner-up tags: a hedge on likely tagging errors
  kS0pp2,
  kN0pp2,
  kN1pp2,
  kS0pN0pp2,
};

constexpr uint64_t kNoneWord = 0x6e6f6e65ULL;  // atom of a missing node
constexpr uint64_t kNoLabel = 255;

}  // namespace

void ParserModel::Write(ByteWriter* out) const {
  out->PutStrings(labels);
  out->Put<uint32_t>(static_cast<uint32_t>(transitions.root_label));
  weights.Write(out);
}

bool ParserModel::Read(ByteReader* in) {
  if (!in->GetStrings(&labels) || labels.empty() || labels.size() > 250) return false;
  transitions.num_labels = static_cast<int>(labels.size());
  transitions.root_label = static_cast<int>(in->Get<uint32_t>());
  if (!in->ok() || transitions.root_label >= transitions.num_labels || !weights.Read(in))
    return false;
  return weights.num_classes() == transitions.num_classes();
}

namespace {

// The nodes that templates read, around the stack top (s0) and the buffer front (n0), and their
// atoms; -1 for a missing node, which reads as a "none" atom.
struct Context {
  Context(const State& state, const std::vector<NodeAtoms>& a, uint32_t tags)
      : s(state), atoms(a), num_tags(tags) {
    auto at = [](const std::vector<int>& v, int x) { return x < 0 ? -1 : v[x]; };
    s0 = s.S0();
    s1 = s.stack.size() >= 2 ? s.stack[s.stack.size() - 2] : -1;
    n0 = s.B(0), n1 = s.B(1), n2 = s.B(2);
    s0h = at(s.head, s0), s0h2 = at(s.head, s0h);
    s0l = at(s.left1, s0), s0l2 = at(s.left2, s0), s0r = at(s.right1, s0), s0r2 = at(s.right2, s0);
    n0l = at(s.left1, n0), n0l2 = at(s.left2, n0);
    s0w = W(s0), s0p = P(s0), n0w = W(n0), n0p = P(n0), n1w = W(n1), n1p = P(n1);
    n2w = W(n2), n2p = P(n2);
  }
  uint64_t W(int x) const { return x < 0 ? kNoneWord : atoms[x].word; }
  uint64_t P(int x) const { return x < 0 ? num_tags + 1 : atoms[x].tag; }
  uint64_t L(int x) const { return x < 0 || s.label[x] < 0 ? kNoLabel : s.label[x]; }
  uint64_t U(int x) const { return x < 0 ? kNoneWord : atoms[x].upos; }
  uint64_t A(int x) const { return x < 0 ? kNoneWord : atoms[x].amb; }
  uint64_t P2(int x) const { return x < 0 ? num_tags + 1 : atoms[x].tag2; }
  uint64_t M(int x) const { return x < 0 ? 3 : atoms[x].margin; }

  const State& s;
  const std::vector<NodeAtoms>& atoms;
  uint32_t num_tags;
  int s0, s1, n0, n1, n2, s0h, s0h2, s0l, s0l2, s0r, s0r2, n0l, n0l2;
  uint64_t s0w, s0p, n0w, n0p, n1w, n1p, n2w, n2p;
};

// The templates that read only the buffer's first four nodes (and what lies after them): they stay
// the same while the buffer front does, so parsing adds their rows once per front.
size_t BufferOnlyFeatures(const Context& c, uint64_t* keys) {
  size_t k = 0;
  keys[k++] = Key(kN0wp, c.n0w, c.n0p);
  keys[k++] = Key(kN0w, c.n0w);
  keys[k++] = Key(kN0p, c.n0p);
  keys[k++] = Key(kN1wp, c.n1w, c.n1p);
  keys[k++] = Key(kN1w, c.n1w);
  keys[k++] = Key(kN1p, c.n1p);
  keys[k++] = Key(kN2wp, c.n2w, c.n2p);
  keys[k++] = Key(kN2w, c.n2w);
  keys[k++] = Key(kN2p, c.n2p);
  keys[k++] = Key(kN0pN1p, c.n0p, c.n1p);
  keys[k++] = Key(kN0pN1pN2p, c.n0p, c.n1p, c.n2p);
  keys[k++] = Key(kN0u, c.U(c.n0));
  keys[k++] = Key(kN1u, c.U(c.n1));
  keys[k++] = Key(kN0a, c.A(c.n0));
  keys[k++] = Key(kN1a, c.A(c.n1));
  keys[k++] = Key(kN0wN1w, c.n0w, c.n1w);
  keys[k++] = Key(kN0wN1p, c.n0w, c.n1p);
  keys[k++] = Key(kN0pN1w, c.n0p, c.n1w);
  keys[k++] = Key(kN0pN1pN2pN3p, c.n0p, c.n1p, c.n2p, c.P(c.s.B(3)));
  keys[k++] = Key(kN0pp2, c.n0p, c.P2(c.n0), c.M(c.n0));
  keys[k++] = Key(kN1pp2, c.n1p, c.P2(c.n1), c.M(c.n1));
  return k;
}

// Zhang & Nivre's single words, word pairs and three-word templates (but the buffer-only ones).
size_t WordFeatures(const Context& c, uint64_t* keys) {
  size_t k = 0;
  keys[k++] = Key(kBias, 0);
  keys[k++] = Key(kS0wp, c.s0w, c.s0p);
  keys[k++] = Key(kS0w, c.s0w);
  keys[k++] = Key(kS0p, c.s0p);
  keys[k++] = Key(kS0wpN0wp, c.s0w, c.s0p, c.n0w, c.n0p);
  keys[k++] = Key(kS0wpN0w, c.s0w, c.s0p, c.n0w);
  keys[k++] = Key(kS0wN0wp, c.s0w, c.n0w, c.n0p);
  keys[k++] = Key(kS0wpN0p, c.s0w, c.s0p, c.n0p);
  keys[k++] = Key(kS0pN0wp, c.s0p, c.n0w, c.n0p);
  keys[k++] = Key(kS0wN0w, c.s0w, c.n0w);
  keys[k++] = Key(kS0pN0p, c.s0p, c.n0p);
  keys[k++] = Key(kS0pN0pN1p, c.s0p, c.n0p, c.n1p);
  keys[k++] = Key(kS0hpS0pN0p, c.P(c.s0h), c.s0p, c.n0p);
  keys[k++] = Key(kS0pS0lpN0p, c.s0p, c.P(c.s0l), c.n0p);
  keys[k++] = Key(kS0pS0rpN0p, c.s0p, c.P(c.s0r), c.n0p);
  keys[k++] = Key(kS0pN0pN0lp, c.s0p, c.n0p, c.P(c.n0l));
  return k;
}

// Zhang & Nivre's distance, valency and label-set templates.
size_t ShapeFeatures(const Context& c, uint64_t* keys) {
  const State& s = c.s;
  int s0 = c.s0, n0 = c.n0;
  uint64_t dist = s0 < 0 ? 0 : n0 == s.n ? 99 : std::min(n0 - s0, 15);
  uint64_t s0vr = s0 < 0 ? 0 : s.right_count[s0], s0vl = s0 < 0 ? 0 : s.left_count[s0];
  uint64_t n0vl = s.left_count[n0];
  uint64_t s0sr = s0 < 0 ? 0 : s.right_labels[s0], s0sl = s0 < 0 ? 0 : s.left_labels[s0];
  uint64_t n0sl = s.left_labels[n0];
  size_t k = 0;
  keys[k++] = Key(kS0wd, c.s0w, dist);
  keys[k++] = Key(kS0pd, c.s0p, dist);
  keys[k++] = Key(kN0wd, c.n0w, dist);
  keys[k++] = Key(kN0pd, c.n0p, dist);
  keys[k++] = Key(kS0wN0wd, c.s0w, c.n0w, dist);
  keys[k++] = Key(kS0pN0pd, c.s0p, c.n0p, dist);
  keys[k++] = Key(kS0wvr, c.s0w, s0vr);
  keys[k++] = Key(kS0pvr, c.s0p, s0vr);
  keys[k++] = Key(kS0wvl, c.s0w, s0vl);
  keys[k++] = Key(kS0pvl, c.s0p, s0vl);
  keys[k++] = Key(kN0wvl, c.n0w, n0vl);
  keys[k++] = Key(kN0pvl, c.n0p, n0vl);
  keys[k++] = Key(kS0wsr, c.s0w, s0sr);
  keys[k++] = Key(kS0psr, c.s0p, s0sr);
  keys[k++] = Key(kS0wsl, c.s0w, s0sl);
  keys[k++] = Key(kS0psl, c.s0p, s0sl);
  keys[k++] = Key(kN0wsl, c.n0w, n0sl);
  keys[k++] = Key(kN0psl, c.n0p, n0sl);
  return k;
}

// Zhang & Nivre's unigram and third-order templates: heads, outermost children, their labels.
size_t TreeFeatures(const Context& c, uint64_t* keys) {
  size_t k = 0;
  keys[k++] = Key(kS0hw, c.W(c.s0h));
  keys[k++] = Key(kS0hp, c.P(c.s0h));
  keys[k++] = Key(kS0l, c.L(c.s0));
  keys[k++] = Key(kS0lw, c.W(c.s0l));
  keys[k++] = Key(kS0lp, c.P(c.s0l));
  keys[k++] = Key(kS0ll, c.L(c.s0l));
  keys[k++] = Key(kS0rw, c.W(c.s0r));
  keys[k++] = Key(kS0rp, c.P(c.s0r));
  keys[k++] = Key(kS0rl, c.L(c.s0r));
  keys[k++] = Key(kN0lw, c.W(c.n0l));
  keys[k++] = Key(kN0lp, c.P(c.n0l));
  keys[k++] = Key(kN0ll, c.L(c.n0l));
  keys[k++] = Key(kS0h2w, c.W(c.s0h2));
  keys[k++] = Key(kS0h2p, c.P(c.s0h2));
  keys[k++] = Key(kS0hl, c.L(c.s0h));
  keys[k++] = Key(kS0l2w, c.W(c.s0l2));
  keys[k++] = Key(kS0l2p, c.P(c.s0l2));
  keys[k++] = Key(kS0l2l, c.L(c.s0l2));
  keys[k++] = Key(kS0r2w, c.W(c.s0r2));
  keys[k++] = Key(kS0r2p, c.P(c.s0r2));
  keys[k++] = Key(kS0r2l, c.L(c.s0r2));
  keys[k++] = Key(kN0l2w, c.W(c.n0l2));
  keys[k++] = Key(kN0l2p, c.P(c.n0l2));
  keys[k++] = Key(kN0l2l, c.L(c.n0l2));
  keys[k++] = Key(kS0pS0lpS0l2p, c.s0p, c.P(c.s0l), c.P(c.s0l2));
  keys[k++] = Key(kS0pS0rpS0r2p, c.s0p, c.P(c.s0r), c.P(c.s0r2));
  keys[k++] = Key(kS0pS0hpS0h2p, c.s0p, c.P(c.s0h), c.P(c.s0h2));
  keys[k++] = Key(kN0pN0lpN0l2p, c.n0p, c.P(c.n0l), c.P(c.n0l2));
  return k;
}

// Beyond Zhang & Nivre: UPOS alone, ambiguity classes, the second stack word, more of the buffer,
// labels with the buffer front, what lies between, and the tagger's runner-up tags.
size_t ExtraFeatures(const Context& c, uint64_t* keys) {
  uint64_t s0u = c.U(c.s0), n0u = c.U(c.n0), n1u = c.U(c.n1), s0a = c.A(c.s0), n0a = c.A(c.n0);
  uint64_t s1w = c.W(c.s1), s1p = c.P(c.s1);
  int after_s0 = c.s0 < 0 ? c.n0 : c.s0 + 1;
  int puncts = c.atoms[c.n0].puncts_before - c.atoms[after_s0].puncts_before;
  int verbs = c.atoms[c.n0].verbs_before - c.atoms[after_s0].verbs_before;
  size_t k = 0;
  keys[k++] = Key(kS0u, s0u);
  keys[k++] = Key(kS0uN0u, s0u, n0u);
  keys[k++] = Key(kS0uN0uN1u, s0u, n0u, n1u);
  keys[k++] = Key(kS0wN0u, c.s0w, n0u);
  keys[k++] = Key(kS0uN0w, s0u, c.n0w);
  keys[k++] = Key(kS0a, s0a);
  keys[k++] = Key(kS0aN0a, s0a, n0a);
  keys[k++] = Key(kS0pN0a, c.s0p, n0a);
  keys[k++] = Key(kS0aN0p, s0a, c.n0p);
  keys[k++] = Key(kS1w, s1w);
  keys[k++] = Key(kS1p, s1p);
  keys[k++] = Key(kS1wp, s1w, s1p);
  keys[k++] = Key(kS1pS0p, s1p, c.s0p);
  keys[k++] = Key(kS1pS0pN0p, s1p, c.s0p, c.n0p);
  keys[k++] = Key(kS0pN1p, c.s0p, c.n1p);
  keys[k++] = Key(kS1hasHeadS0p, c.s1 >= 0 && c.s.head[c.s1] >= 0, c.s0p, c.L(c.s1));
  keys[k++] = Key(kS0lN0p, c.L(c.s0), c.n0p);
  keys[k++] = Key(kS0rlN0p, c.L(c.s0r), c.n0p);
  keys[k++] = Key(kS0pS0lN0p, c.s0p, c.L(c.s0), c.n0p);
  keys[k++] = Key(kBetweenPunct, c.s0p, c.n0p, std::min(puncts, 3));
  keys[k++] = Key(kBetweenVerb, c.s0p, c.n0p, std::min(verbs, 3));
  keys[k++] = Key(kS0pp2, c.s0p, c.P2(c.s0), c.M(c.s0));
  keys[k++] = Key(kS0pN0pp2, c.s0p, c.n0p, c.P2(c.n0), c.M(c.n0));
  return k;
}

}  // namespace

size_t BufferFeatures(const State& s, const std::vector<NodeAtoms>& atoms, uint32_t num_tags,
                      uint64_t* keys) {
  return BufferOnlyFeatures(Context(s, atoms, num_tags), keys);
}

size_t StackFeatures(const State& s, const std::vector<NodeAtoms>& atoms, uint32_t num_tags,
                     uint64_t* keys) {
  Context c(s, atoms, num_tags);
  size_t k = WordFeatures(c, keys);
  k += ShapeFeatures(c, keys + k);
  k += TreeFeatures(c, keys + k);
  k += ExtraFeatures(c, keys + k);
  return k;
}

size_t ParseFeatures(const State& s, const std::vector<NodeAtoms>& atoms, uint32_t num_tags,
                     uint64_t* keys) {
  Context c(s, atoms, num_tags);
  size_t k = BufferOnlyFeatures(c, keys);
  k += WordFeatures(c, keys + k);
  k += ShapeFeatures(c, keys + k);
  k += TreeFeatures(c, keys + k);
  k += ExtraFeatures(c, keys + k);
  assert(k <= kMaxParseFeatures);
  return k;
}

namespace {

// The best valid class under `scores`, checking validity once per move rather than per class (the
// same rules as IsValid).
int BestValid(const State& s, const Transitions& t, const int16_t* scores) {
  int s0 = s.S0();
  bool at_root = s.B(0) == s.n;
  int best = -1;
  auto consider = [&](int c) {
    if (best < 0 || scores[c] > scores[best]) best = c;
  };
  if (!at_root && (s.front < 0 || s0 < 0)) consider(t.Class(Move::kShift, -1));
  if (s0 < 0) return best;
  if (s.head[s0] >= 0) {
    consider(t.Class(Move::kReduce, -1));
  } else if (at_root) {
    consider(s.headless_on_stack == 1 ? t.Class(Move::kLeft, t.root_label)
                                      : t.Class(Move::kUnshift, -1));
  } else {
    for (int l = 0; l < t.num_labels; ++l)
      if (l != t.root_label) consider(t.Class(Move::kLeft, l));
  }
  if (!at_root) {
    for (int l = 0; l < t.num_labels; ++l)
      if (l != t.root_label) consider(t.Class(Move::kRight, l));
  }
  return best;
}

// The only valid class, or -1 when there is a choice. About a fifth of all moves are forced: the
// first shift, and everything once only the root is left in the buffer.
int ForcedMove(const State& s, const Transitions& t) {
  int s0 = s.S0();
  if (s0 < 0) return t.Class(Move::kShift, -1);
  if (s.B(0) != s.n) return -1;
  if (s.head[s0] >= 0) return t.Class(Move::kReduce, -1);
  return s.headless_on_stack == 1 ? t.Class(Move::kLeft, t.root_label)
                                  : t.Class(Move::kUnshift, -1);
}

// The label for a second root hung on the first: run-on sentences are "parataxis" in UD.
int SecondRootLabel(const ParserModel& model) {
  const Transitions& t = model.transitions;
  for (int l = 0; l < t.num_labels; ++l)
    if (model.labels[l] == "parataxis") return l;
  return t.num_labels > 1 && t.root_label == 0 ? 1 : 0;
}

int SubtreeSize(const std::vector<int>& heads, int root) {
  int size = 0;
  for (size_t d = 0; d < heads.size(); ++d) {
    int x = static_cast<int>(d), steps = 0;
    while (x != root && x >= 0 && x < static_cast<int>(heads.size()) &&
           steps++ <= static_cast<int>(heads.size()))
      x = heads[x];
    size += x == root;
  }
  return size;
}

}  // namespace

int SingleRoot(int n, int fallback_label, std::vector<int>* heads, std::vector<int>* labels) {
  std::vector<int> roots;
  for (int d = 0; d < n; ++d)
    if ((*heads)[d] == n) roots.push_back(d);
  if (roots.size() <= 1) return 0;
  int keep = roots[0], keep_size = SubtreeSize(*heads, keep);
  for (int r : roots) {
    int size = SubtreeSize(*heads, r);
    if (size > keep_size) keep = r, keep_size = size;
  }
  for (int r : roots) {
    if (r == keep) continue;
    (*heads)[r] = keep;
    (*labels)[r] = fallback_label;
  }
  return static_cast<int>(roots.size()) - 1;
}

void ParseGreedy(const ParserModel& model, const std::vector<NodeAtoms>& atoms, uint32_t num_tags,
                 ParseScratch* scratch, std::vector<int>* heads, std::vector<int>* labels) {
  const Transitions& t = model.transitions;
  State& s = scratch->state;
  int n = static_cast<int>(atoms.size()) - 1;
  s.Init(n);
  scratch->scores.resize(model.weights.padded_classes());
  scratch->buffer_scores.resize(model.weights.padded_classes());
  uint64_t keys[kMaxParseFeatures];
  int buffer_scored = -1;  // the buffer front whose BufferFeatures buffer_scores holds, 2x + front
  while (!s.Terminal()) {
    int forced = ForcedMove(s, t);
    if (forced < 0) {
      int buffer = 2 * s.B(0) + (s.front >= 0);
      if (buffer != buffer_scored) {
        size_t k = BufferFeatures(s, atoms, num_tags, keys);
        std::fill(scratch->buffer_scores.begin(), scratch->buffer_scores.end(), 0);
        model.weights.Score(keys, k, scratch->buffer_scores.data());
        buffer_scored = buffer;
      }
      size_t k = StackFeatures(s, atoms, num_tags, keys);
      std::copy(scratch->buffer_scores.begin(), scratch->buffer_scores.end(),
                scratch->scores.begin());
      model.weights.Score(keys, k, scratch->scores.data());
    }
    Apply(&s, t, forced >= 0 ? forced : BestValid(s, t, scratch->scores.data()));
  }
  heads->assign(s.head.begin(), s.head.end() - 1);
  labels->assign(s.label.begin(), s.label.end() - 1);
  if (s.left_count[n] > 1) SingleRoot(n, SecondRootLabel(model), heads, labels);
}

}  // namespace dyad::parse
