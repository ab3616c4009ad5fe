// The peers' own test suites, run with the peers' own dictionaries: TABARI's validation records
// and PETRARCH-2's unit records (../shared/eval/tabari, ../shared/eval/petrarch).
#ifndef DYAD_EVAL_PEER_SUITES_H_
#define DYAD_EVAL_PEER_SUITES_H_

#include <map>
#include <string>
#include <vector>

#include "dyad/coder.h"
#include "eval/eval.h"

namespace dyad::eval {

struct SuiteRecord {
  int seq = 0;
  std::string id, category, kind, text;  // kind: events, noevent, discard, complex, error
  std::vector<Tuple> expected, got;
  bool more_events = false;  // the expected tuples are a prefix (TABARI COMPOUND-07)
  bool passed = false;
  std::string status;              // the coder's status: coded, complex, discarded, ...
  std::vector<std::string> trace;  // how it was coded (failures only, when asked)
};

struct SuiteResult {
  int passed = 0, total = 0;
  int skipped = 0;             // TABARI "skip" records: listed for information, never checked
  int options = 0;             // TABARI option records: applied in order, not checked
  int tp = 0, fp = 0, fn = 0;  // over event tuples
  std::map<std::string, std::pair<int, int>> by_category;  // passed, total
  std::map<std::string, std::pair<int, int>> by_kind;
  std::vector<SuiteRecord> records;  // every checked record, in order
  double precision() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
  double recall() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
};

struct SuiteOptions {
  bool explain = false;  // keep the coding trace of each failing record
};

// `dir` holds validate.jsonl and the dictionaries named by Validate.project. Dictionary problems
// are appended to *problems (the suite's files contain deliberate errors, which TABARI reports
// too).
Result<SuiteResult> RunTabariSuite(const std::string& dir, const SuiteOptions& options,
                                   std::vector<Problem>* problems);

// `dir` holds unit.jsonl and dictionaries/ (PETR.Validate.verbs.2.0.txt, the UniversalPetrarch
// actors, the validation agents and discards).
Result<SuiteResult> RunPetrarchSuite(const std::string& dir, const SuiteOptions& options,
                                     std::vector<Problem>* problems);

// One JSON line per record: {"seq","id","events":[{"source","target","code"}]}.
std::string SuiteEventsJsonl(const SuiteResult& r);

}  // namespace dyad::eval

#endif  // DYAD_EVAL_PEER_SUITES_H_
