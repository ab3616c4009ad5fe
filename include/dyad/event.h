// The values that flow through dyad: documents in, events out.
#ifndef DYAD_EVENT_H_
#define DYAD_EVENT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace dyad {

// A calendar date as days since 1970-01-01 (proleptic Gregorian). kNoDate when unknown.
using Day = int32_t;
inline constexpr Day kNoDate = INT32_MIN;

// One input document. `text` is the original UTF-8 (not yet normalised). The coder reads only
// id, date and text; the rest is provenance that the store keeps.
struct Document {
  std::string id;
  Day date = kNoDate;
  std::string text;
  std::string title, url, outlet, lang;
  std::string source;  // the file or URL it was read from
};

// A byte span [begin, end) into the original document text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// One coded event: who did what to whom, when, and the evidence for it.
struct Event {
  std::string doc_id;
  int sentence = 0;    // 0-based sentence index within the document
  Day date = kNoDate;  // the event's own date (relative dates resolved)
  std::string source;  // full actor codes, e.g. "JPNGOV"
  std::string target;
  std::string code;  // CAMEO code, e.g. "036"
  double goldstein = 0;
  int quad = 0;        // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  std::string plover;  // PLOVER 2021 type
  std::string mode;    // PLOVER mode, may be empty
  std::vector<std::string> contexts;
  Span evidence;       // span of the whole event in the original text
  Span sentence_span;  // span of its sentence in the original text
  std::string evidence_text;
  std::string sentence_text;
  std::string pattern;  // id of the verb pattern that fired, "file-stem:line"

  std::string root() const { return code.substr(0, 2); }
  std::string source_country() const { return source.substr(0, 3); }
  std::string target_country() const { return target.substr(0, 3); }
};

// Date helpers. ParseDate accepts YYYY-MM-DD, YYYYMMDD and YYMMDD (19YY for YY >= 30).
Day DaysFromCivil(int y, unsigned m, unsigned d);
void CivilFromDays(Day z, int* y, unsigned* m, unsigned* d);
bool ParseDate(const std::string& s, Day* out);
std::string FormatDate(Day d);  // "YYYY-MM-DD", or "" for kNoDate
int Weekday(Day d);             // 0 = Sunday

}  // namespace dyad

#endif  // DYAD_EVENT_H_
