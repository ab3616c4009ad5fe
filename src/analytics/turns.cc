#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analytics/analytics.h"

namespace dyad::analytics {

namespace {

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  auto mid = v.begin() + static_cast<ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

constexpr int64_t kMinEvents = 3;

// The non-empty periods of a series, with the values change detection works on.
struct Observed {
  std::vector<size_t> at;    // index into the series
  std::vector<double> x, w;  // period mean Goldstein; its weight (sum of event weights)
  double sigma = 1;          // robust scale of one weighted deviation (see Observe)
};

Observed Observe(const std::vector<Point>& series) {
  Observed o;
  for (size_t i = 0; i < series.size(); ++i) {
    // Periods with fewer than kMinEvents events say too little to mark a turn on their own.
    if (series[i].events < kMinEvents) continue;
    o.at.push_back(i);
    o.x.push_back(series[i].goldstein_mean);
    o.w.push_back(series[i].w);
  }
  // The scale of one unit of weighted squared deviation: for neighbours at the same level,
  // (x_i - x_j)^2 / (1/w_i + 1/w_j) is that scale times a chi-square(1), whose median is 0.455.
  // Robust to the level shifts themselves and to how overdispersed news events are.
  std::vector<double> units;
  for (size_t i = 1; i < o.x.size(); ++i) {
    double d = o.x[i] - o.x[i - 1];
    units.push_back(d * d / (1 / o.w[i] + 1 / o.w[i - 1]));
  }
  o.sigma = std::sqrt(std::max(1.0, Median(units) / 0.455));
  return o;
}

double WeightedMean(const Observed& o, size_t from, size_t to) {
  double w = 0, wx = 0;
  for (size_t i = from; i < to; ++i) {
    w += o.w[i];
    wx += o.w[i] * o.x[i];
  }
  return w > 0 ? wx / w : 0;
}

struct Anniversary {
  unsigned month, day;
  const char* what;
};
constexpr Anniversary kAnniversaries[] = {
    {7, 7, "7 July, the Marco Polo Bridge incident (1937)"},
    {8, 15, "15 August, the end of the war (1945)"},
    {9, 18, "18 September, the Mukden incident (1931)"},
    {12, 13, "13 December, the fall of Nanjing (1937)"},
};

const Anniversary* NearAnniversary(Day d) {
  int y = 0;
  unsigned m = 0, dd = 0;
  CivilFromDays(d, &y, &m, &dd);
  for (const auto& a : kAnniversaries) {
    Day at = DaysFromCivil(y, a.month, a.day);
    if (std::abs(d - at) <= 2) return &a;
  }
  return nullptr;
}

std::vector<Driver> Drivers(const std::vector<EventRecord>& events, const Period& first,
                            const Period& last, double before, int direction, size_t n) {
  std::vector<Driver> out;
  for (const EventRecord& e : events) {
    if (e.date == kNoDate || e.date < first.start || e.date > last.end) continue;
    double c = e.weight() * (e.goldstein - before) * direction;
    if (c > 0) out.push_back({e, c});
  }
  std::sort(out.begin(), out.end(), [](const Driver& a, const Driver& b) {
    return a.contribution != b.contribution ? a.contribution > b.contribution
                                            : a.event.id < b.event.id;
  });
  // One line per distinct act: the same (date, source, target, code) reported twice counts once.
  std::vector<Driver> distinct;
  for (const Driver& d : out) {
    bool dup = std::any_of(distinct.begin(), distinct.end(), [&](const Driver& k) {
      return k.event.date == d.event.date && k.event.code == d.event.code &&
             k.event.source == d.event.source && k.event.target == d.event.target;
    });
    if (!dup) distinct.push_back(d);
    if (distinct.size() == n) break;
  }
  return distinct;
}

}  // namespace

std::vector<size_t> Pelt(const std::vector<double>& x, const std::vector<double>& w, double penalty,
                         size_t min_size) {
  const size_t n = x.size();
  min_size = std::max<size_t>(1, min_size);
  if (n < 2 * min_size) return {};
  std::vector<double> W(n + 1, 0), S(n + 1, 0), Q(n + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    W[i + 1] = W[i] + w[i];
    S[i + 1] = S[i] + w[i] * x[i];
    Q[i + 1] = Q[i] + w[i] * x[i] * x[i];
  }
  auto cost = [&](size_t s, size_t t) {
    double ww = W[t] - W[s];
    if (ww <= 0) return 0.0;
    double ss = S[t] - S[s];
    return std::max(0.0, (Q[t] - Q[s]) - ss * ss / ww);
  };
  std::vector<double> F(n + 1, 0);
  std::vector<size_t> last(n + 1, 0);
  F[0] = -penalty;
  std::vector<size_t> candidates = {0};
  for (size_t t = min_size; t <= n; ++t) {
    double best = INFINITY;
    size_t arg = 0;
    for (size_t s : candidates) {
      if (t - s < min_size) continue;
      double f = F[s] + cost(s, t) + penalty;
      if (f < best) best = f, arg = s;
    }
    F[t] = best;
    last[t] = arg;
    // Pruning: a start that cannot beat the best now never will (the cost is additive).
    std::vector<size_t> kept;
    for (size_t s : candidates)
      if (t - s < min_size || F[s] + cost(s, t) <= F[t]) kept.push_back(s);
    if (t + 1 >= min_size) kept.push_back(t + 1 - min_size);
    std::sort(kept.begin(), kept.end());
    kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
    candidates = std::move(kept);
  }
  std::vector<size_t> cps;
  for (size_t t = last[n]; t > 0; t = last[t]) cps.push_back(t);
  std::reverse(cps.begin(), cps.end());
  return cps;
}

std::vector<Turn> FindTurns(const std::vector<Point>& series,
                            const std::vector<EventRecord>& events, Granularity by,
                            const TurnOptions& options) {
  Observed o = Observe(series);
  const size_t n = o.x.size();
  if (n < 4) return {};
  // A BIC-like penalty in units of the weighted deviation scale.
  double penalty = options.penalty_scale * 2.0 * o.sigma * o.sigma * std::log(double(n));
  std::vector<size_t> cps = Pelt(o.x, o.w, penalty, options.min_size);
  std::vector<Turn> turns;
  std::vector<size_t> bounds = {0};
  bounds.insert(bounds.end(), cps.begin(), cps.end());
  bounds.push_back(n);
  for (size_t k = 1; k + 1 < bounds.size(); ++k) {
    Turn t;
    size_t at = bounds[k];
    t.period = series[o.at[at]].period;
    double before = WeightedMean(o, bounds[k - 1], at), after = WeightedMean(o, at, bounds[k + 1]);
    t.before = std::clamp(0.9 * before, -9.0, 9.0);
    t.after = std::clamp(0.9 * after, -9.0, 9.0);
    t.grade_before = Grade(t.before);
    t.grade_after = Grade(t.after);
    // The events of the turning period and its neighbours that pushed the level the new way.
    Period first = PeriodAt(t.period.index - 1, by), last = PeriodAt(t.period.index + 1, by);
    t.drivers = Drivers(events, first, last, before, after < before ? -1 : 1, options.drivers);
    size_t near = 0;
    const Anniversary* which = nullptr;
    for (const Driver& d : t.drivers)
      if (const Anniversary* a = NearAnniversary(d.event.date)) ++near, which = a;
    if (which && near * 2 >= t.drivers.size()) {
      t.anniversary = true;
      t.anniversary_note = fmt::format("drivers fall on the anniversary of {}", which->what);
    }
    turns.push_back(std::move(t));
  }
  return turns;
}

Cusum LatestCusum(const std::vector<Point>& series, size_t recent) {
  Cusum c;
  Observed o = Observe(series);
  if (o.x.size() < recent + 4) return c;
  size_t split = o.x.size() - recent;
  size_t from = split > 24 ? split - 24 : 0;  // the reference: up to two years of periods before
  double mu = WeightedMean(o, from, split);
  double up = 0, down = 0;
  for (size_t i = split; i < o.x.size(); ++i) {
    double z = (o.x[i] - mu) * std::sqrt(o.w[i]) / o.sigma;
    up = std::max(0.0, up + z - 0.5);
    down = std::max(0.0, down - z - 0.5);
  }
  c.statistic = std::max(up, down);
  c.direction = up >= down ? 1 : -1;
  c.alarm = c.statistic > c.threshold;
  return c;
}

std::vector<Segment> Segments(const std::vector<Point>& series, const std::vector<Turn>& turns) {
  std::vector<Segment> out;
  if (series.empty()) return out;
  std::vector<int64_t> starts = {series.front().period.index};
  for (const Turn& t : turns) starts.push_back(t.period.index);
  for (size_t k = 0; k < starts.size(); ++k) {
    int64_t end = k + 1 < starts.size() ? starts[k + 1] - 1 : series.back().period.index;
    Segment s;
    double w = 0, wg = 0;
    for (const Point& p : series) {
      if (p.period.index < starts[k] || p.period.index > end) continue;
      if (s.events == 0 && p.events == 0 && w == 0) s.first = p.period;
      if (w == 0 && p.events > 0) s.first = p.period;
      w += p.w;
      wg += p.wg;
      s.events += p.events;
      if (p.events > 0) s.last = p.period;
    }
    if (s.events == 0) continue;
    s.index = std::clamp(0.9 * wg / w, -9.0, 9.0);
    s.grade = Grade(s.index);
    out.push_back(s);
  }
  return out;
}

}  // namespace dyad::analytics
