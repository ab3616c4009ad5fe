#include "parse/transition.h"

#include <gtest/gtest.h>

#include <random>

namespace dyad::parse {
namespace {

constexpr int kLabels = 4;  // label 0 is root
const Transitions kT{kLabels, 0};

// Builds a random projective subtree over [lo, hi) hanging from `head`.
void Build(int lo, int hi, int head, std::mt19937* rng, GoldTree* g);

// Splits [lo, hi) into contiguous blocks, each a subtree of `head`.
void Attach(int lo, int hi, int head, std::mt19937* rng, GoldTree* g) {
  while (lo < hi) {
    int end = lo + 1 + static_cast<int>((*rng)() % (hi - lo));
    Build(lo, end, head, rng, g);
    lo = end;
  }
}

void Build(int lo, int hi, int head, std::mt19937* rng, GoldTree* g) {
  int r = lo + static_cast<int>((*rng)() % (hi - lo));
  g->head[r] = head;
  g->label[r] = 1 + static_cast<int>((*rng)() % (kLabels - 1));
  Attach(lo, r, r, rng, g);
  Attach(r + 1, hi, r, rng, g);
}

GoldTree RandomProjectiveTree(int n, std::mt19937* rng) {
  GoldTree g;
  g.head.assign(n + 1, -1);
  g.label.assign(n + 1, -1);
  Build(0, n, n, rng, &g);
  for (int d = 0; d < n; ++d)
    if (g.head[d] == n) g.label[d] = 0;
  g.Index();
  return g;
}

// Wrong arcs of a finished state against gold (a wrong label counts).
int Loss(const State& s, const GoldTree& g) {
  int loss = 0;
  for (int d = 0; d < s.n; ++d) loss += s.head[d] != g.head[d] || s.label[d] != g.label[d];
  return loss;
}

int FirstZeroCost(const std::vector<int>& cost) {
  for (size_t c = 0; c < cost.size(); ++c)
    if (cost[c] == 0) return static_cast<int>(c);
  return -1;
}

TEST(TransitionTest, StaticOracleRebuildsProjectiveTreesExactly) {
  std::mt19937 rng(7);
  std::vector<int> cost;
  for (int trial = 0; trial < 500; ++trial) {
    int n = 1 + static_cast<int>(rng() % 30);
    GoldTree g = RandomProjectiveTree(n, &rng);
    State s;
    s.Init(n);
    int steps = 0;
    while (!s.Terminal()) {
      Costs(s, kT, g, &cost);
      int c = FirstZeroCost(cost);
      ASSERT_GE(c, 0) << "no zero-cost move on the gold path";
      Apply(&s, kT, c);
      ++steps;
    }
    EXPECT_EQ(Loss(s, g), 0);
    EXPECT_EQ(steps, 2 * n);  // every word is pushed once and popped once
  }
}

// The dynamic oracle's costs add up: after any wrong moves, following zero-cost moves ends with at
// most as many wrong arcs as the wrong moves cost (Goldberg & Nivre 2012, arc-decomposability).
// Fewer is possible, rarely: unshift rescues words the arc-eager costs gave up on.
TEST(TransitionTest, DynamicOracleCostsAddUpFromAnyState) {
  std::mt19937 rng(11);
  std::vector<int> cost;
  int total_paid = 0, total_loss = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    int n = 1 + static_cast<int>(rng() % 20);
    GoldTree g = RandomProjectiveTree(n, &rng);
    State s;
    s.Init(n);
    int paid = 0;
    while (!s.Terminal()) {
      Costs(s, kT, g, &cost);
      int c = FirstZeroCost(cost);
      ASSERT_GE(c, 0) << "some move must keep every reachable gold arc";
      if (rng() % 4 == 0) {  // a random valid move now and then
        std::vector<int> valid;
        for (size_t k = 0; k < cost.size(); ++k)
          if (cost[k] >= 0) valid.push_back(static_cast<int>(k));
        c = valid[rng() % valid.size()];
      }
      paid += cost[c];
      Apply(&s, kT, c);
    }
    EXPECT_LE(Loss(s, g), paid) << "trial " << trial;
    total_paid += paid;
    total_loss += Loss(s, g);
  }
  EXPECT_GE(total_loss, total_paid * 0.9);
}

TEST(TransitionTest, EveryStateHasAValidMoveAndEndsAsOneSingleRootedTree) {
  std::mt19937 rng(3);
  for (int trial = 0; trial < 500; ++trial) {
    int n = 1 + static_cast<int>(rng() % 25);
    State s;
    s.Init(n);
    while (!s.Terminal()) {
      std::vector<int> valid;
      for (int c = 0; c < kT.num_classes(); ++c)
        if (IsValid(s, kT, c)) valid.push_back(c);
      ASSERT_FALSE(valid.empty());
      Apply(&s, kT, valid[rng() % valid.size()]);
    }
    int roots = 0;
    for (int d = 0; d < n; ++d) {
      ASSERT_GE(s.head[d], 0);
      EXPECT_EQ(s.head[d] == n, s.label[d] == kT.root_label);
      roots += s.head[d] == n;
    }
    EXPECT_EQ(roots, 1);
  }
}

TEST(TransitionTest, ProjectivizeLiftsOnlyCrossingArcs) {
  // 0 <- 2 crosses 1 <- 3: words 0..3, root 4. Heads: 0->2, 1->3, 2->4 (root), 3->2.
  std::vector<int> head = {2, 3, 4, 2};
  EXPECT_EQ(Projectivize(&head), 1);
  EXPECT_EQ(head, (std::vector<int>{2, 2, 4, 2}));
  std::vector<int> projective = {1, 3, 1};  // root is node 3
  EXPECT_EQ(Projectivize(&projective), 0);
}

}  // namespace
}  // namespace dyad::parse
