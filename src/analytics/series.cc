#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

#include "analytics/analytics.h"

namespace dyad::analytics {

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool Cooperative(int quad) { return quad == 1 || quad == 2; }

}  // namespace

double EventRecord::weight() const {
  return (1.0 + std::log(static_cast<double>(std::max<int64_t>(1, reports)))) *
         (1.0 + std::fabs(goldstein) / 2);
}

bool Matches(const std::string& code, const std::string& actor) {
  return !actor.empty() && code.compare(0, actor.size(), actor) == 0;
}

// ---- dimensions -------------------------------------------------------------------------------

const std::vector<std::string>& Dimensions::Names() {
  static const std::vector<std::string> kNames = {
      "diplomatic", "economic", "military", "territorial", "history", "society", "third-party"};
  return kNames;
}

Result<Dimensions> Dimensions::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("{}: cannot open", path));
  Dimensions d;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    if (Trim(line).empty()) continue;
    size_t bar = line.find('|');
    std::string key = Trim(line.substr(0, bar)),
                dim = bar == std::string::npos ? "" : Trim(line.substr(bar + 1));
    const auto& names = Names();
    if (key.empty() || std::find(names.begin(), names.end(), dim) == names.end())
      return Status::InvalidInput(
          fmt::format("{}:{}: want 'context | dimension' with a dimension "
                      "of: diplomatic, economic, military, territorial, "
                      "history, society, third-party; got '{}'",
                      path, n, Trim(line)));
    if (key.rfind("root:", 0) == 0)
      d.roots_[key.substr(5)] = dim;
    else
      d.contexts_.emplace_back(key, dim);
  }
  return d;
}

std::string Dimensions::Of(const EventRecord& e) const {
  for (const auto& [context, dim] : contexts_)
    if (std::find(e.contexts.begin(), e.contexts.end(), context) != e.contexts.end()) return dim;
  auto it = roots_.find(e.code.substr(0, 2));
  return it != roots_.end() ? it->second : "diplomatic";
}

// ---- series -----------------------------------------------------------------------------------

std::string Grade(double index) {
  static const char* kGrades[] = {"confrontation", "tense", "discord",
                                  "ordinary",      "good",  "friendly"};
  int g = 0;
  for (double bound : kGradeBounds) g += index >= bound;
  return kGrades[g];
}

std::vector<Point> BuildSeries(const std::vector<EventRecord>& events, const SeriesOptions& o,
                               const Dimensions* dimensions, const std::map<Day, int64_t>& volume) {
  std::vector<const EventRecord*> kept;
  double all_w = 0, all_wg = 0;
  for (const EventRecord& e : events) {
    if (e.date == kNoDate) continue;
    if (o.directed && !(Matches(e.source, o.a) && Matches(e.target, o.b))) continue;
    if (!o.dimension.empty() && dimensions && dimensions->Of(e) != o.dimension) continue;
    kept.push_back(&e);
    all_w += e.weight();
    all_wg += e.weight() * e.goldstein;
  }
  if (kept.empty() && (o.from == kNoDate || o.to == kNoDate)) return {};
  int64_t first = INT64_MAX, last = INT64_MIN;
  for (const EventRecord* e : kept) {
    int64_t p = PeriodOf(e->date, o.by).index;
    first = std::min(first, p);
    last = std::max(last, p);
  }
  if (o.from != kNoDate) first = PeriodOf(o.from, o.by).index;
  if (o.to != kNoDate) last = PeriodOf(o.to, o.by).index;
  if (last < first) return {};
  std::vector<Point> series(static_cast<size_t>(last - first + 1));
  for (size_t i = 0; i < series.size(); ++i) series[i].period = PeriodAt(first + int64_t(i), o.by);
  for (const EventRecord* e : kept) {
    int64_t p = PeriodOf(e->date, o.by).index;
    if (p < first || p > last) continue;
    Point& pt = series[static_cast<size_t>(p - first)];
    double w = e->weight();
    ++pt.events;
    if (e->quad >= 1 && e->quad <= 4) ++pt.quad[e->quad];
    pt.goldstein_sum += e->goldstein;
    pt.w += w;
    pt.wg += w * e->goldstein;
    pt.wg2 += w * e->goldstein * e->goldstein;
    pt.w2 += w * w;
    pt.net_cooperation += Cooperative(e->quad) ? 1 : (e->quad >= 3 ? -1 : 0);
  }
  for (auto& [day, n] : volume) {
    int64_t p = PeriodOf(day, o.by).index;
    if (p >= first && p <= last) series[static_cast<size_t>(p - first)].volume += double(n);
  }
  for (Point& pt : series) {
    if (pt.events > 0) {
      pt.goldstein_mean = pt.wg / pt.w;
      pt.net_cooperation /= double(pt.events);
    }
    pt.per_1000 = pt.volume > 0 ? 1000.0 * double(pt.events) / pt.volume : 0;
  }
  IndexOptions io = o.index;
  io.baseline = all_w > 0 ? all_wg / all_w : 0;
  ComputeIndex(io, &series);
  return series;
}

void ComputeIndex(const IndexOptions& o, std::vector<Point>* series) {
  const double lambda = std::pow(0.5, 1.0 / std::max(1e-6, o.half_life));
  double w = 0, wg = 0, wg2 = 0, w2 = 0;
  for (Point& p : *series) {
    w = lambda * w + p.w;
    wg = lambda * wg + p.wg;
    wg2 = lambda * wg2 + p.wg2;
    w2 = lambda * w2 + p.w2;
    // Shrunk toward the baseline by a prior worth prior_weight events.
    double mean = (wg + o.prior_weight * o.baseline) / (w + o.prior_weight);
    double var = w > 0 ? std::max(0.0, wg2 / w - (wg / w) * (wg / w)) : 0;
    double n_eff = w2 > 0 ? w * w / w2 : 0;
    // A band from the spread of the events, and the prior's own uncertainty when there are few.
    double se =
        std::sqrt((var + 9.0 * o.prior_weight / (w + o.prior_weight)) / (n_eff + o.prior_weight));
    p.index = std::clamp(0.9 * mean, -9.0, 9.0);
    p.index_low = std::clamp(0.9 * (mean - 1.96 * se), -9.0, 9.0);
    p.index_high = std::clamp(0.9 * (mean + 1.96 * se), -9.0, 9.0);
    p.grade = Grade(p.index);
  }
}

// ---- reciprocity ------------------------------------------------------------------------------

Reciprocity ComputeReciprocity(const std::vector<EventRecord>& events, const std::string& from,
                               const std::string& to, int k) {
  std::set<Day> triggers, replies;
  Day lo = INT32_MAX, hi = INT32_MIN;
  for (const EventRecord& e : events) {
    if (e.date == kNoDate) continue;
    lo = std::min(lo, e.date);
    hi = std::max(hi, e.date);
    if (e.quad < 3) continue;
    if (Matches(e.source, from) && Matches(e.target, to)) triggers.insert(e.date);
    if (Matches(e.source, to) && Matches(e.target, from)) replies.insert(e.date);
  }
  Reciprocity r;
  if (triggers.empty() || lo > hi) return r;
  auto replied = [&](Day d) {
    auto it = replies.upper_bound(d);
    return it != replies.end() && *it <= d + k;
  };
  for (Day d : triggers) {
    ++r.triggers;
    r.answered += replied(d);
  }
  int64_t days = 0, covered = 0;
  for (Day d = lo; d <= hi; ++d, ++days) covered += replied(d);
  r.rate = double(r.answered) / double(r.triggers);
  r.base_rate = days ? double(covered) / double(days) : 0;
  r.lift = r.base_rate > 0 ? r.rate / r.base_rate : 0;
  return r;
}

}  // namespace dyad::analytics
