#include "parse/transition.h"

#include <algorithm>
#include <cstdlib>

namespace dyad::parse {

void State::Init(int num_words) {
  n = num_words;
  stack.clear();
  b0 = 0;
  front = -1;
  headless_on_stack = 0;
  size_t nodes = static_cast<size_t>(n) + 1;
  head.assign(nodes, -1);
  label.assign(nodes, -1);
  left1.assign(nodes, -1);
  left2.assign(nodes, -1);
  right1.assign(nodes, -1);
  right2.assign(nodes, -1);
  left_count.assign(nodes, 0);
  right_count.assign(nodes, 0);
  left_labels.assign(nodes, 0);
  right_labels.assign(nodes, 0);
}

void State::AddArc(int h, int d, int l) {
  head[d] = h;
  label[d] = l;
  if (d < h) {
    if (left1[h] == -1 || d < left1[h]) {
      left2[h] = left1[h];
      left1[h] = d;
    } else if (left2[h] == -1 || d < left2[h]) {
      left2[h] = d;
    }
    if (left_count[h] < 255) ++left_count[h];
    left_labels[h] |= uint64_t{1} << (l % 64);
  } else {
    if (right1[h] == -1 || d > right1[h]) {
      right2[h] = right1[h];
      right1[h] = d;
    } else if (right2[h] == -1 || d > right2[h]) {
      right2[h] = d;
    }
    if (right_count[h] < 255) ++right_count[h];
    right_labels[h] |= uint64_t{1} << (l % 64);
  }
}

bool IsValid(const State& s, const Transitions& t, int cls) {
  int s0 = s.S0(), b = s.B(0);
  switch (t.MoveOf(cls)) {
    case Move::kShift:  // an unshifted word goes back only onto an empty stack
      return b < s.n && (s.front < 0 || s0 < 0);
    case Move::kReduce:
      return s0 >= 0 && s.head[s0] >= 0;
    case Move::kUnshift:
      return s.AtRoot() && s0 >= 0 && s.head[s0] < 0 && s.headless_on_stack > 1;
    case Move::kLeft:
      if (s0 < 0 || s.head[s0] >= 0) return false;
      if (b == s.n) return t.LabelOf(cls) == t.root_label && s.headless_on_stack == 1;
      return t.LabelOf(cls) != t.root_label;
    case Move::kRight:
      return s0 >= 0 && b < s.n && t.LabelOf(cls) != t.root_label;
  }
  return false;
}

namespace {

// Moves the buffer's front word onto the stack.
void Push(State* s) {
  if (s->front >= 0) {
    s->stack.push_back(s->front);
    s->front = -1;
  } else {
    s->stack.push_back(s->b0++);
  }
}

}  // namespace

void Apply(State* s, const Transitions& t, int cls) {
  int s0 = s->S0();
  switch (t.MoveOf(cls)) {
    case Move::kShift:
      Push(s);
      ++s->headless_on_stack;
      break;
    case Move::kReduce:
      s->stack.pop_back();
      break;
    case Move::kUnshift:
      s->stack.pop_back();
      --s->headless_on_stack;
      s->front = s0;
      break;
    case Move::kLeft:
      s->AddArc(s->B(0), s0, t.LabelOf(cls));
      s->stack.pop_back();
      --s->headless_on_stack;
      break;
    case Move::kRight:
      s->AddArc(s0, s->B(0), t.LabelOf(cls));
      Push(s);
      break;
  }
}

void GoldTree::Index() {
  children.assign(head.size(), {});
  for (size_t d = 0; d + 1 < head.size(); ++d) children[head[d]].push_back(static_cast<int>(d));
}

namespace {

// Gold dependents of `h` still in the buffer: they could only get `h` as head while it stays.
int DependentsInBuffer(const State& s, const GoldTree& g, int h) {
  int c = 0;
  for (int d : g.children[h]) c += s.InBuffer(d);
  return c;
}

bool OnStack(const State& s, int x) {
  return std::find(s.stack.begin(), s.stack.end(), x) != s.stack.end();
}

// Unlabelled costs of shift, reduce, unshift, left and right (Goldberg & Nivre 2012, arc-eager),
// for valid moves only. Unshift loses nothing: the word can still take any head or dependent it
// could on the stack.
void MoveCosts(const State& s, const GoldTree& g, int cost[5]) {
  int s0 = s.S0(), b = s.B(0);
  for (int m = 0; m < 5; ++m) cost[m] = 0;
  if (b < s.n) {
    // Shift: b can no longer take a head or headless dependents from the stack.
    for (int x : s.stack) cost[0] += (g.head[b] == x) + (g.head[x] == b && s.head[x] < 0);
  }
  if (s0 < 0) return;
  // Reduce: s0 can no longer take dependents from the buffer.
  cost[1] = DependentsInBuffer(s, g, s0);
  // Left: s0 loses a head further in the buffer and its dependents in the buffer.
  int h0 = g.head[s0];
  cost[3] = (h0 != b && s.InBuffer(h0)) + DependentsInBuffer(s, g, s0);
  if (b < s.n) {
    // Right: b loses a head elsewhere in the stack or buffer, and headless dependents in the stack.
    int h = g.head[b];
    cost[4] = h != s0 && (OnStack(s, h) || (h != b && s.InBuffer(h)));
    for (int x : s.stack) cost[4] += g.head[x] == b && s.head[x] < 0;
  }
}

}  // namespace

void Costs(const State& s, const Transitions& t, const GoldTree& gold, std::vector<int>* cost) {
  int move_cost[5];
  MoveCosts(s, gold, move_cost);
  cost->assign(t.num_classes(), -1);
  int s0 = s.S0(), b = s.B(0);
  for (int c = 0; c < t.num_classes(); ++c) {
    if (!IsValid(s, t, c)) continue;
    Move m = t.MoveOf(c);
    int l = t.LabelOf(c);
    int k = move_cost[static_cast<int>(m)];
    if (m == Move::kLeft && gold.head[s0] == b && gold.label[s0] != l) ++k;
    if (m == Move::kRight && gold.head[b] == s0 && gold.label[b] != l) ++k;
    (*cost)[c] = k;
  }
}

namespace {

bool Dominates(const std::vector<int>& head, int h, int x) {
  int root = static_cast<int>(head.size());
  for (int steps = 0; x != root && steps <= root; ++steps) {
    if (x == h) return true;
    x = head[x];
  }
  return x == h;
}

// The shortest non-projective arc's dependent, or -1.
int ShortestNonProjective(const std::vector<int>& head) {
  int n = static_cast<int>(head.size()), best = -1, best_len = 0;
  for (int d = 0; d < n; ++d) {
    int h = head[d];
    if (h == n) continue;  // the root's arc spans everything to the end: always projective
    int lo = std::min(h, d), hi = std::max(h, d);
    if (best >= 0 && hi - lo >= best_len) continue;
    for (int k = lo + 1; k < hi; ++k) {
      if (!Dominates(head, h, k)) {
        best = d;
        best_len = hi - lo;
        break;
      }
    }
  }
  return best;
}

}  // namespace

int Projectivize(std::vector<int>* head) {
  int n = static_cast<int>(head->size()), lifted = 0;
  for (int d; (d = ShortestNonProjective(*head)) >= 0 && lifted <= n * n; ++lifted)
    (*head)[d] = (*head)[(*head)[d]];
  return lifted;
}

}  // namespace dyad::parse
