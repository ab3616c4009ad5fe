// Calendar arithmetic and relative dates ("on Friday", "last week") resolved against a document
// date.
#ifndef DYAD_TEXT_DATES_H_
#define DYAD_TEXT_DATES_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/event.h"

namespace dyad::text {

// Finds the first date expression among `words` (lower-cased tokens of one sentence) and resolves
// it against `doc_date`. Handles weekdays (past by default, future after "next"/"will"/"coming"),
// today/yesterday/tomorrow, last/next week/month/year, "earlier this week", and absolute dates
// ("October 3", "3 October", "Oct. 3, 2012", "2012-10-03"). Returns kNoDate when none is found or
// doc_date is unknown; *matched gets the expression's text.
// True for a word that can start or carry a date expression ResolveDate reads (weekdays, months and
// their abbreviations, "today", "yesterday", "week", ...). Cheap; for deciding whether to resolve.
bool IsDateWord(std::string_view lower);

Day ResolveDate(const std::vector<std::string_view>& words, Day doc_date, std::string* matched);

}  // namespace dyad::text

#endif  // DYAD_TEXT_DATES_H_
