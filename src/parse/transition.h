// The arc-eager transition system (Nivre 2003) with the root at the end of the buffer (Ballesteros
// & Nivre 2013), its dynamic oracle (Goldberg & Nivre 2012), and projectivisation by lifting.
//
// Nodes are the words 0..n-1 and the root, node n. Putting the root last means every word left on
// the stack is attached to it when the buffer runs out, so a parse is always a complete tree.
#ifndef DYAD_PARSE_TRANSITION_H_
#define DYAD_PARSE_TRANSITION_H_

#include <cstdint>
#include <vector>

namespace dyad::parse {

// Classes scored by the parser: 0 shift, 1 reduce, then a left arc per label, then a right arc per
// label.
enum class Move : uint8_t { kShift, kReduce, kLeft, kRight };

struct Transitions {
  int num_labels = 0;
  int root_label = 0;  // the only label an arc from the root may have, and only it

  int num_classes() const { return 2 + 2 * num_labels; }
  Move MoveOf(int cls) const {
    return cls == 0               ? Move::kShift
           : cls == 1             ? Move::kReduce
           : cls < 2 + num_labels ? Move::kLeft
                                  : Move::kRight;
  }
  int LabelOf(int cls) const { return cls < 2 ? -1 : (cls - 2) % num_labels; }
  int Class(Move m, int label) const {
    return m == Move::kShift    ? 0
           : m == Move::kReduce ? 1
           : m == Move::kLeft   ? 2 + label
                                : 2 + num_labels + label;
  }
};

// A parser configuration plus what features read of the arcs built so far.
struct State {
  int n = 0;                                        // words; node n is the root
  std::vector<int> stack;                           // top at back()
  int b0 = 0;                                       // first node of the buffer, which holds b0..n
  std::vector<int> head, label;                     // -1 while unassigned
  std::vector<int> left1, left2, right1, right2;    // outermost two children on each side, or -1
  std::vector<uint8_t> left_count, right_count;     // valency (capped at 255)
  std::vector<uint64_t> left_labels, right_labels;  // set of children's labels (bit label % 64)

  void Init(int num_words);
  bool Terminal() const { return stack.empty() && b0 == n; }
  int S0() const { return stack.empty() ? -1 : stack.back(); }
  // The buffer's i-th node (0 = b0), or -1 beyond the root.
  int B(int i) const { return b0 + i <= n ? b0 + i : -1; }
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
// class always costs 0, and following only such classes yields exactly the gold tree.
void Costs(const State& s, const Transitions& t, const GoldTree& gold, std::vector<int>* cost);

// Makes a tree projective by lifting (Nivre & Nilsson 2005, without encoding): while some arc is
// non-projective, the shortest one is re-attached to its head's head. head[i] in [0, n], n = root.
// Returns the number of arcs lifted (0 for a projective tree).
int Projectivize(std::vector<int>* head);

}  // namespace dyad::parse

#endif  // DYAD_PARSE_TRANSITION_H_
