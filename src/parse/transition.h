// The arc-eager transition system (Nivre 2003) with the root at the end of the buffer (Ballesteros
// & Nivre 2013), its dynamic oracle (Goldberg & Nivre 2012), and projectivisation by lifting.
//
// Nodes are the words 0..n-1 and the root, node n. Putting the root last means the words left on
// the stack when the buffer runs out can still be attached. Of those, only the last headless one
// may take the root; any other is first moved back to the buffer (unshift, as in Nivre &
// Fernandez-Gonzalez 2014) and attached from there. So every parse is a tree with a single root.
#ifndef DYAD_PARSE_TRANSITION_H_
#define DYAD_PARSE_TRANSITION_H_

#include <cstdint>
#include <vector>

namespace dyad::parse {

// Classes scored by the parser: 0 shift, 1 reduce, 2 unshift, then a left arc per label, then a
// right arc per label.
enum class Move : uint8_t { kShift, kReduce, kUnshift, kLeft, kRight };

struct Transitions {
  int num_labels = 0;
  int root_label = 0;  // the only label an arc from the root may have, and only it

  static constexpr int kFirstArc = 3;
  int num_classes() const { return kFirstArc + 2 * num_labels; }
  Move MoveOf(int cls) const {
    return cls < kFirstArc                ? static_cast<Move>(cls)
           : cls < kFirstArc + num_labels ? Move::kLeft
                                          : Move::kRight;
  }
  int LabelOf(int cls) const { return cls < kFirstArc ? -1 : (cls - kFirstArc) % num_labels; }
  int Class(Move m, int label) const {
    return m == Move::kLeft    ? kFirstArc + label
           : m == Move::kRight ? kFirstArc + num_labels + label
                               : static_cast<int>(m);
  }
};

// A parser configuration plus what features read of the arcs built so far.
struct State {
  int n = 0;               // words; node n is the root
  std::vector<int> stack;  // top at back()
  int b0 = 0;              // first unread node: the buffer holds b0..n
  int front = -1;          // an unshifted word, before b0 in the buffer (only once b0 == n)
  int headless_on_stack = 0;
  std::vector<int> head, label;                     // -1 while unassigned
  std::vector<int> left1, left2, right1, right2;    // outermost two children on each side, or -1
  std::vector<uint8_t> left_count, right_count;     // valency (capped at 255)
  std::vector<uint64_t> left_labels, right_labels;  // set of children's labels (bit label % 64)

  void Init(int num_words);
  bool Terminal() const { return stack.empty() && front < 0 && b0 == n; }
  int S0() const { return stack.empty() ? -1 : stack.back(); }
  // The buffer's i-th node (0 = its front), or -1 beyond the root.
  int B(int i) const {
    if (front >= 0) return i == 0 ? front : i == 1 ? n : -1;
    return b0 + i <= n ? b0 + i : -1;
  }
  bool InBuffer(int x) const { return x == front || x >= b0; }
  // True when only the root is left in the buffer.
  bool AtRoot() const { return front < 0 && b0 == n; }
  void AddArc(int h, int d, int l);
};

bool IsValid(const State& s, const Transitions& t, int cls);
void Apply(State* s, const Transitions& t, int cls);

// A gold tree over nodes 0..n: head[i] in [0, n] (n = root), label[i] a label id.
struct GoldTree {
  std::vector<int> head, label;
  std::vector<std::vector<int>> children;  // filled by Index()
  void Index();
};

// The cost of every class in `s` (-1 for invalid ones): how many gold arcs still reachable would
// become unreachable, counting a wrong label as a lost arc. For a projective gold tree some valid
// class always costs 0, and following only such classes yields exactly the gold tree. The costs are
// Goldberg & Nivre's for arc-eager; they do not know that unshift can still attach a word left
// headless on the stack, so they may overstate what an earlier move lost, never understate it.
void Costs(const State& s, const Transitions& t, const GoldTree& gold, std::vector<int>* cost);

// Makes a tree projective by lifting (Nivre & Nilsson 2005, without encoding): while some arc is
// non-projective, the shortest one is re-attached to its head's head. head[i] in [0, n], n = root.
// Returns the number of arcs lifted (0 for a projective tree).
int Projectivize(std::vector<int>* head);

}  // namespace dyad::parse

#endif  // DYAD_PARSE_TRANSITION_H_
