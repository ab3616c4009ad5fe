#include "text/dates.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdio>

namespace dyad {

// Howard Hinnant's days-from-civil algorithm (public domain arithmetic).
Day DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void CivilFromDays(Day z, int* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int>(yoe) + era * 400 + (*m <= 2);
}

namespace {
bool Digits(std::string_view s, int* out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;  // no signs, no spaces
  }
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}
bool ValidYmd(int y, int m, int d) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1] &&
         !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}
}  // namespace

bool ParseDate(const std::string& s, Day* out) {
  int y = 0, m = 0, d = 0;
  std::string_view v = s;
  if (v.size() >= 10 && v[4] == '-' && v[7] == '-') {
    if (!Digits(v.substr(0, 4), &y) || !Digits(v.substr(5, 2), &m) || !Digits(v.substr(8, 2), &d))
      return false;
    if (v.size() > 10 && v[10] != 'T' && v[10] != ' ') return false;
  } else if (v.size() == 8) {
    if (!Digits(v.substr(0, 4), &y) || !Digits(v.substr(4, 2), &m) || !Digits(v.substr(6, 2), &d))
      return false;
  } else if (v.size() == 6) {
    if (!Digits(v.substr(0, 2), &y) || !Digits(v.substr(2, 2), &m) || !Digits(v.substr(4, 2), &d))
      return false;
    y += y >= 30 ? 1900 : 2000;
  } else {
    return false;
  }
  if (!ValidYmd(y, m, d)) return false;
  *out = DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return true;
}

std::string FormatDate(Day day) {
  if (day == kNoDate) return "";
  int y;
  unsigned m, d;
  CivilFromDays(day, &y, &m, &d);
  if (y < 0 || y > 9999) return fmt::format("{:04}-{:02}-{:02}", y, m, d);
  char buf[11] = {static_cast<char>('0' + y / 1000),
                  static_cast<char>('0' + y / 100 % 10),
                  static_cast<char>('0' + y / 10 % 10),
                  static_cast<char>('0' + y % 10),
                  '-',
                  static_cast<char>('0' + m / 10),
                  static_cast<char>('0' + m % 10),
                  '-',
                  static_cast<char>('0' + d / 10),
                  static_cast<char>('0' + d % 10),
                  0};
  return std::string(buf, 10);
}

int Weekday(Day day) {
  return static_cast<int>(((day % 7) + 7 + 4) % 7);
}  // 1970-01-01 was Thursday

namespace text {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {"sunday",   "monday", "tuesday", "wednesday",
                                                       "thursday", "friday", "saturday"};
constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 12> kMonthAbbr = {
    "jan.", "feb.", "mar.", "apr.", "may", "jun.", "jul.", "aug.", "sept.", "oct.", "nov.", "dec."};

int MonthOf(std::string_view w) {
  for (size_t i = 0; i < 12; ++i) {
    if (w == kMonths[i] || w == kMonthAbbr[i]) return static_cast<int>(i) + 1;
  }
  if (w == "sep.") return 9;
  return 0;
}

Day AddMonths(Day day, int delta) {
  int y;
  unsigned m, d;
  CivilFromDays(day, &y, &m, &d);
  int total = y * 12 + static_cast<int>(m) - 1 + delta;
  int ny = total / 12, nm = total % 12 + 1;
  unsigned nd = d > 28 ? 28 : d;
  return DaysFromCivil(ny, static_cast<unsigned>(nm), nd);
}

bool FutureCue(const std::vector<std::string_view>& w, size_t k) {
  for (size_t j = k >= 4 ? k - 4 : 0; j < k; ++j) {
    if (w[j] == "will" || w[j] == "next" || w[j] == "coming" || w[j] == "'ll" || w[j] == "plans" ||
        w[j] == "scheduled") {
      return true;
    }
  }
  return false;
}

// An absolute "October 3 [, 2012]" or "3 October [2012]" at k; returns kNoDate if none.
Day Absolute(const std::vector<std::string_view>& w, size_t k, Day doc_date, size_t* used) {
  int month = MonthOf(w[k]);
  if (month == 0) return kNoDate;
  int day = 0, year = 0;
  size_t n = 1;
  if (k + 1 < w.size() && Digits(w[k + 1], &day) && day >= 1 && day <= 31) {
    n = 2;
    size_t yk = k + 2;
    if (yk < w.size() && w[yk] == ",") ++yk;
    if (yk < w.size() && Digits(w[yk], &year) && year >= 1900 && year <= 2100) n = yk - k + 1;
  } else if (k > 0 && Digits(w[k - 1], &day) && day >= 1 && day <= 31) {
    if (k + 1 < w.size() && Digits(w[k + 1], &year) && year >= 1900 && year <= 2100) n = 2;
  } else {
    return kNoDate;  // a bare month name is too vague for an event date
  }
  int y;
  unsigned m, d;
  CivilFromDays(doc_date, &y, &m, &d);
  if (year == 0) {
    year = y;
    if (static_cast<int>(m) < month - 1) year = y - 1;  // "December 28" in a January story
  }
  if (!ValidYmd(year, month, day)) return kNoDate;
  *used = n;
  return DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

}  // namespace

bool IsDateWord(std::string_view w) {
  if (MonthOf(w) != 0 || w == "sep.") return true;
  for (auto d : kWeekdays) {
    if (w == d) return true;
  }
  return w == "today" || w == "tonight" || w == "yesterday" || w == "tomorrow" || w == "week" ||
         w == "month" || w == "year";
}

Day ResolveDate(const std::vector<std::string_view>& w, Day doc_date, std::string* matched) {
  if (doc_date == kNoDate) return kNoDate;
  for (size_t k = 0; k < w.size(); ++k) {
    std::string_view word = w[k];
    std::string_view prev = k > 0 ? w[k - 1] : "";
    for (size_t wd = 0; wd < 7; ++wd) {
      if (word != kWeekdays[wd]) continue;
      int diff = (Weekday(doc_date) - static_cast<int>(wd) + 7) % 7;
      bool future = FutureCue(w, k);
      Day out = future ? doc_date + ((static_cast<int>(wd) - Weekday(doc_date) + 7) % 7 == 0
                                         ? 7
                                         : (static_cast<int>(wd) - Weekday(doc_date) + 7) % 7)
                       : doc_date - diff;
      if (prev == "last" && diff == 0) out -= 7;
      *matched = std::string(word);
      return out;
    }
    if (word == "today" || word == "tonight") {
      *matched = std::string(word);
      return doc_date;
    }
    if (word == "yesterday") {
      *matched = std::string(word);
      return doc_date - 1;
    }
    if (word == "tomorrow") {
      *matched = std::string(word);
      return doc_date + 1;
    }
    if ((prev == "last" || prev == "next" || prev == "this") &&
        (word == "week" || word == "month" || word == "year")) {
      if (k >= 2 && w[k - 2] == "earlier" && prev == "this") {
        *matched = "earlier this " + std::string(word);
        return doc_date - (word == "week" ? 3 : word == "month" ? 10 : 120);
      }
      int sign = prev == "last" ? -1 : prev == "next" ? 1 : 0;
      *matched = std::string(prev) + " " + std::string(word);
      if (word == "week") return doc_date + 7 * sign;
      if (word == "month") return AddMonths(doc_date, sign);
      return AddMonths(doc_date, 12 * sign);
    }
    size_t used = 0;
    Day abs = Absolute(w, k, doc_date, &used);
    if (abs != kNoDate) {
      *matched = std::string(word);
      return abs;
    }
  }
  return kNoDate;
}

}  // namespace text
}  // namespace dyad
