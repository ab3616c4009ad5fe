// The measures against hand-computed values, and change detection on synthetic event streams with
// known change points.
#include "analytics/analytics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace dyad::analytics {
namespace {

EventRecord Ev(Day d, const char* src, const char* tgt, int quad, double g, int64_t reports = 1) {
  EventRecord e;
  static int64_t id = 0;
  e.id = ++id;
  e.date = d;
  e.source = src;
  e.target = tgt;
  e.quad = quad;
  e.goldstein = g;
  e.reports = reports;
  e.code = quad <= 2 ? "040" : "112";
  return e;
}

TEST(Periods, LabelsAndBoundaries) {
  Day d = DaysFromCivil(2012, 9, 11);
  EXPECT_EQ(PeriodOf(d, Granularity::kMonth).label, "2012-09");
  EXPECT_EQ(PeriodOf(d, Granularity::kQuarter).label, "2012-Q3");
  EXPECT_EQ(PeriodOf(d, Granularity::kYear).label, "2012");
  EXPECT_EQ(PeriodOf(d, Granularity::kWeek).label, "2012-W37");
  EXPECT_EQ(PeriodOf(DaysFromCivil(2021, 1, 3), Granularity::kWeek).label, "2020-W53");
  Period m = PeriodOf(DaysFromCivil(2024, 2, 10), Granularity::kMonth);
  EXPECT_EQ(FormatDate(m.start), "2024-02-01");
  EXPECT_EQ(FormatDate(m.end), "2024-02-29");
  EXPECT_EQ(PeriodAt(m.index + 1, Granularity::kMonth).label, "2024-03");
  Period q = PeriodOf(DaysFromCivil(1969, 12, 31), Granularity::kQuarter);
  EXPECT_EQ(q.label, "1969-Q4");
  EXPECT_EQ(PeriodAt(q.index + 1, Granularity::kQuarter).label, "1970-Q1");
}

TEST(Series, HandComputedPeriod) {
  Day d = DaysFromCivil(2014, 11, 10);
  std::vector<EventRecord> ev = {Ev(d, "JPNGOV", "CHNGOV", 1, 4.0),
                                 Ev(d, "CHNGOV", "JPNGOV", 1, 4.0, /*reports=*/3),
                                 Ev(d + 1, "CHN", "JPN", 3, -2.0)};
  // Weights (1 + ln reports) * (1 + |g| / 2): 3, 3 (1 + ln 3), 2.
  double w0 = 3, w1 = 3 * (1 + std::log(3.0)), w2 = 2;
  SeriesOptions o;
  o.a = "CHN";
  o.b = "JPN";
  std::map<Day, int64_t> volume = {{d, 1000}, {d + 40, 5}};
  auto s = BuildSeries(ev, o, nullptr, volume);
  ASSERT_EQ(s.size(), 1u);
  const Point& p = s[0];
  EXPECT_EQ(p.events, 3);
  EXPECT_EQ(p.quad[1], 2);
  EXPECT_EQ(p.quad[3], 1);
  EXPECT_DOUBLE_EQ(p.goldstein_sum, 6.0);
  double mean = (4 * w0 + 4 * w1 - 2 * w2) / (w0 + w1 + w2);
  EXPECT_NEAR(p.goldstein_mean, mean, 1e-12);
  EXPECT_NEAR(p.net_cooperation, 1.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(p.volume, 1000);
  EXPECT_NEAR(p.per_1000, 3.0, 1e-12);
  // One period: index = 0.9 * (sum wg + k * baseline) / (sum w + k), baseline = the same mean.
  EXPECT_NEAR(p.index, 0.9 * mean, 1e-9);
  EXPECT_LT(p.index_low, p.index);
  EXPECT_GT(p.index_high, p.index);
  EXPECT_EQ(p.grade, Grade(p.index));
  // Directed: only CHN -> JPN.
  o.directed = true;
  auto directed = BuildSeries(ev, o, nullptr, volume);
  EXPECT_EQ(directed[0].events, 2);
}

TEST(Series, IndexDecaysWithTheHalfLife) {
  std::vector<Point> s(3);
  s[0].w = 10;
  s[0].wg = 50;  // mean 5
  s[0].wg2 = 250;
  s[0].w2 = 10;
  IndexOptions o;
  o.half_life = 1;
  o.prior_weight = 2;
  o.baseline = 0;
  ComputeIndex(o, &s);
  EXPECT_NEAR(s[0].index, 0.9 * 50 / 12, 1e-9);
  EXPECT_NEAR(s[1].index, 0.9 * 25 / 7, 1e-9);  // half the weight a period later
  EXPECT_NEAR(s[2].index, 0.9 * 12.5 / 4.5, 1e-9);
  EXPECT_EQ(Grade(-6.5), "confrontation");
  EXPECT_EQ(Grade(-3), "discord");
  EXPECT_EQ(Grade(2.9), "ordinary");
  EXPECT_EQ(Grade(6), "friendly");
}

TEST(Reciprocity, HandComputed) {
  Day d = DaysFromCivil(2010, 9, 1);
  std::vector<EventRecord> ev = {Ev(d, "CHN", "JPN", 3, -2), Ev(d + 3, "JPN", "CHN", 3, -2),
                                 Ev(d + 20, "CHN", "JPN", 4, -5), Ev(d + 40, "JPN", "CHN", 3, -2),
                                 Ev(d + 45, "JPN", "CHN", 1, 3)};
  auto r = ComputeReciprocity(ev, "CHN", "JPN", 7);
  EXPECT_EQ(r.triggers, 2);
  EXPECT_EQ(r.answered, 1);
  EXPECT_DOUBLE_EQ(r.rate, 0.5);
  // Days d..d+45 (46 days) followed within 7 days by a JPN conflict: d-4..d+2 -> d..d+2 (3 days),
  // d+33..d+39 (7 days).
  EXPECT_NEAR(r.base_rate, 10.0 / 46, 1e-12);
}

TEST(Pelt, FindsStepsExactly) {
  std::vector<double> x, w;
  for (int i = 0; i < 30; ++i) x.push_back(i < 10 ? 2 : i < 20 ? -3 : 1), w.push_back(1);
  auto cps = Pelt(x, w, 5.0, 1);
  EXPECT_EQ(cps, (std::vector<size_t>{10, 20}));
  EXPECT_TRUE(Pelt(std::vector<double>(20, 1.0), std::vector<double>(20, 1.0), 5.0, 1).empty());
}

// Synthetic news: each month a Poisson number of events whose Goldstein values mix cooperation and
// conflict in proportions set by the regime, with month-to-month noise in those proportions.
struct Synthetic {
  std::vector<EventRecord> events;
  std::vector<int64_t> truth;  // period indexes where a new regime starts
};

Synthetic Generate(std::mt19937& rng, int months, int changes) {
  Synthetic s;
  std::uniform_int_distribution<int> where(6, months - 6);
  std::vector<int> starts;
  while (int(starts.size()) < changes) {
    int c = where(rng);
    bool spaced = true;
    for (int o : starts) spaced &= std::abs(o - c) >= 6;
    if (spaced) starts.push_back(c);
  }
  std::sort(starts.begin(), starts.end());
  std::uniform_real_distribution<double> unit(0, 1);
  std::poisson_distribution<int> count(25);
  double coop_share = 0.75;
  int64_t first = PeriodOf(DaysFromCivil(2000, 1, 1), Granularity::kMonth).index;
  size_t next = 0;
  for (int m = 0; m < months; ++m) {
    if (next < starts.size() && m == starts[next]) {
      // A new regime: the cooperative share moves by 0.3-0.5 (a crisis or a thaw).
      double shift = 0.3 + 0.2 * unit(rng);
      coop_share = coop_share > 0.5 ? coop_share - shift : coop_share + shift;
      s.truth.push_back(first + m);
      ++next;
    }
    double share = std::clamp(coop_share + 0.05 * (unit(rng) - 0.5), 0.02, 0.98);
    Period p = PeriodAt(first + m, Granularity::kMonth);
    int n = count(rng);
    for (int k = 0; k < n; ++k) {
      Day d = p.start + static_cast<Day>(unit(rng) * (p.end - p.start));
      bool coop = unit(rng) < share;
      double g = coop ? 1 + 6 * unit(rng) : -2 - 8 * unit(rng);
      s.events.push_back(Ev(d, "AAA", "BBB", coop ? 1 : 4, g, 1 + int(3 * unit(rng))));
    }
  }
  return s;
}

TEST(Turns, SyntheticChangePointsAreFoundWithF1AtLeast09) {
  std::mt19937 rng(12345);
  int tp = 0, fp = 0, fn = 0, located = 0;
  for (int trial = 0; trial < 40; ++trial) {
    Synthetic s = Generate(rng, 96, 1 + trial % 4);
    SeriesOptions o;
    o.a = "AAA";
    o.b = "BBB";
    auto series = BuildSeries(s.events, o, nullptr, {});
    auto turns = FindTurns(series, s.events, Granularity::kMonth, TurnOptions{});
    std::vector<bool> used(s.truth.size(), false);
    for (const Turn& t : turns) {
      bool hit = false;
      for (size_t k = 0; k < s.truth.size(); ++k) {
        if (!used[k] && std::llabs(t.period.index - s.truth[k]) <= 1) {
          used[k] = hit = true;
          located += t.period.index == s.truth[k];
          break;
        }
      }
      hit ? ++tp : ++fp;
    }
    for (bool u : used) fn += !u;
  }
  double precision = double(tp) / (tp + fp), recall = double(tp) / (tp + fn);
  double f1 = 2 * precision * recall / (precision + recall);
  std::printf(
      "synthetic change points: tp=%d fp=%d fn=%d precision=%.3f recall=%.3f F1=%.3f "
      "(exact period %d of %d)\n",
      tp, fp, fn, precision, recall, f1, located, tp);
  EXPECT_GE(f1, 0.9);
}

TEST(Turns, DriversPushTheNewWayAndAnniversariesAreFlagged) {
  std::vector<EventRecord> ev;
  Day start = DaysFromCivil(2012, 1, 1);
  for (int m = 0; m < 12; ++m) {
    Period p = PeriodOf(start + 31 * m, Granularity::kMonth);
    bool crisis = m >= 8;  // from September
    for (int k = 0; k < 20; ++k) {
      Day d = crisis ? DaysFromCivil(2012, 9, 17 + k % 3) : p.start + k % 25;
      ev.push_back(crisis && k % 4 != 0 ? Ev(d, "CHNCVL", "JPN", 4, -7.5)
                                        : Ev(d, "JPNGOV", "CHNGOV", 1, 3.5));
    }
  }
  SeriesOptions o;
  o.a = "CHN";
  o.b = "JPN";
  auto series = BuildSeries(ev, o, nullptr, {});
  auto turns = FindTurns(series, ev, Granularity::kMonth, TurnOptions{});
  ASSERT_EQ(turns.size(), 1u);
  EXPECT_EQ(turns[0].period.label, "2012-09");
  EXPECT_LT(turns[0].after, turns[0].before);
  ASSERT_FALSE(turns[0].drivers.empty());
  EXPECT_DOUBLE_EQ(turns[0].drivers[0].event.goldstein, -7.5);
  EXPECT_TRUE(turns[0].anniversary) << "18 September";
}

TEST(Cusum, AlarmsOnARecentDropOnly) {
  std::mt19937 rng(7);
  Synthetic calm = Generate(rng, 60, 0);
  SeriesOptions o;
  o.a = "AAA";
  o.b = "BBB";
  auto series = BuildSeries(calm.events, o, nullptr, {});
  EXPECT_FALSE(LatestCusum(series).alarm);
  // The last two months turn hostile.
  for (auto& e : calm.events)
    if (PeriodOf(e.date, Granularity::kMonth).index >= series.back().period.index - 1)
      e.goldstein = -8, e.quad = 4;
  auto dropped = BuildSeries(calm.events, o, nullptr, {});
  Cusum c = LatestCusum(dropped);
  EXPECT_TRUE(c.alarm) << c.statistic;
  EXPECT_EQ(c.direction, -1);
}

}  // namespace
}  // namespace dyad::analytics
