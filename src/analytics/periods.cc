#include <fmt/format.h>

#include "analytics/analytics.h"

namespace dyad::analytics {

namespace {
// Floor division for negative day numbers.
int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
// 1970-01-05 was a Monday: weeks start on Mondays.
constexpr int64_t kMonday = 4;
}  // namespace

bool ParseGranularity(const std::string& s, Granularity* out) {
  static const std::pair<const char*, Granularity> kNames[] = {{"day", Granularity::kDay},
                                                               {"week", Granularity::kWeek},
                                                               {"month", Granularity::kMonth},
                                                               {"quarter", Granularity::kQuarter},
                                                               {"year", Granularity::kYear}};
  for (const auto& [name, g] : kNames)
    if (s == name) return *out = g, true;
  return false;
}

Period PeriodAt(int64_t index, Granularity g) {
  Period p;
  p.index = index;
  int y = 0;
  unsigned m = 0, d = 0;
  switch (g) {
    case Granularity::kDay:
      p.start = p.end = static_cast<Day>(index);
      p.label = FormatDate(p.start);
      break;
    case Granularity::kWeek: {
      p.start = static_cast<Day>(index * 7 + kMonday);
      p.end = p.start + 6;
      CivilFromDays(p.start + 3, &y, &m, &d);  // ISO week-numbering year: the Thursday's
      Day jan4 = DaysFromCivil(y, 1, 4);       // week 1 holds 4 January
      Day first_monday = static_cast<Day>(FloorDiv(jan4 - kMonday, 7) * 7 + kMonday);
      p.label = fmt::format("{}-W{:02}", y, (p.start - first_monday) / 7 + 1);
      break;
    }
    case Granularity::kMonth:
      y = static_cast<int>(FloorDiv(index, 12));
      m = static_cast<unsigned>(index - int64_t{y} * 12 + 1);
      p.start = DaysFromCivil(y, m, 1);
      p.end = (m == 12 ? DaysFromCivil(y + 1, 1, 1) : DaysFromCivil(y, m + 1, 1)) - 1;
      p.label = fmt::format("{}-{:02}", y, m);
      break;
    case Granularity::kQuarter:
      y = static_cast<int>(FloorDiv(index, 4));
      m = static_cast<unsigned>((index - int64_t{y} * 4) * 3 + 1);
      p.start = DaysFromCivil(y, m, 1);
      p.end = (m == 10 ? DaysFromCivil(y + 1, 1, 1) : DaysFromCivil(y, m + 3, 1)) - 1;
      p.label = fmt::format("{}-Q{}", y, (m - 1) / 3 + 1);
      break;
    case Granularity::kYear:
      y = static_cast<int>(index);
      p.start = DaysFromCivil(y, 1, 1);
      p.end = DaysFromCivil(y + 1, 1, 1) - 1;
      p.label = std::to_string(y);
      break;
  }
  return p;
}

Period PeriodOf(Day d, Granularity g) {
  int y = 0;
  unsigned m = 0, dd = 0;
  CivilFromDays(d, &y, &m, &dd);
  switch (g) {
    case Granularity::kDay:
      return PeriodAt(d, g);
    case Granularity::kWeek:
      return PeriodAt(FloorDiv(int64_t{d} - kMonday, 7), g);
    case Granularity::kMonth:
      return PeriodAt(int64_t{y} * 12 + (m - 1), g);
    case Granularity::kQuarter:
      return PeriodAt(int64_t{y} * 4 + (m - 1) / 3, g);
    case Granularity::kYear:
      return PeriodAt(y, g);
  }
  return PeriodAt(d, Granularity::kDay);
}

}  // namespace dyad::analytics
