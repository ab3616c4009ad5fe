// Interchange with the event datasets people already use: GDELT 2.0 event tables, ICEWS event
// files and PLOVER/POLECAT JSON lines, in and out.
#ifndef DYAD_EXCHANGE_EXCHANGE_H_
#define DYAD_EXCHANGE_EXCHANGE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dyad/coder.h"
#include "store/store.h"

namespace dyad::exchange {

inline constexpr int kGdeltColumns = 61;

// One event as a GDELT 2.0 event-table row: 61 tab-separated columns, newline-terminated.
// GLOBALEVENTID is the store's id; NumArticles and NumMentions are the reports, NumSources the
// distinct outlets; geography and tone, which dyad does not code, are left empty; SOURCEURL is the
// first report's URL (or "doc:<id>" when it has none).
std::string GdeltRow(const store::StoredEvent& e);

// One event as a PLOVER JSON line: id, date, source, target, their countries and sectors, event
// (PLOVER type), mode, context, the CAMEO code with its Goldstein value and quad class, the counts,
// and the evidence of the first report.
std::string PloverJson(const store::StoredEvent& e);

// Reads rows of one dataset format into events. Formats: "gdelt" (tab-separated, no header),
// "icews" (tab-separated with a header row), "plover" (JSON lines; POLECAT field names accepted).
class Importer {
 public:
  static std::unique_ptr<Importer> Make(const std::string& format, const Lexicon& lexicon);
  virtual ~Importer() = default;
  // Parses one line. Returns "" and fills *out, "skip" for a header or blank line, or an error
  // (what is wrong, without file:line).
  virtual std::string Parse(const std::string& line, store::ImportedEvent* out) = 0;

 protected:
  explicit Importer(const Lexicon& lexicon) : lexicon_(lexicon) {}

  // The country code for a country name, cached ("" when unknown).
  std::string CountryCode(const std::string& name);
  const Lexicon& lexicon_;
  std::map<std::string, std::string> countries_;
};

// Splits a line on tabs (no quoting, as in GDELT and ICEWS files); a trailing CR is dropped.
std::vector<std::string> SplitTabs(const std::string& line);

}  // namespace dyad::exchange

#endif  // DYAD_EXCHANGE_EXCHANGE_H_
