// Scoring the coder: project golden files and the PLOVER gold-standard records.
#ifndef DYAD_EVAL_EVAL_H_
#define DYAD_EVAL_EVAL_H_

#include <string>
#include <tuple>
#include <vector>

#include "dyad/coder.h"

namespace dyad::eval {

struct Tuple {
  std::string source, target, code;
  bool operator<(const Tuple& o) const {
    return std::tie(source, target, code) < std::tie(o.source, o.target, o.code);
  }
  bool operator==(const Tuple& o) const {
    return source == o.source && target == o.target && code == o.code;
  }
};

// One golden case: a text with its date and the exact set of events expected.
struct GoldenCase {
  std::string file;
  int line = 0;
  std::string id, date, text;
  std::vector<Tuple> expected;
};

// Reads a golden file (records separated by blank lines; "date:", "text:", "expect: SRC TGT CODE"
// or "expect: none", optional "id:" and "note:"). Problems are appended as "file:line: message".
std::vector<GoldenCase> ReadGolden(const std::string& path, std::vector<std::string>* problems);

struct GoldenResult {
  int passed = 0, total = 0;
  int tp = 0, fp = 0, fn = 0;         // over event tuples
  std::vector<std::string> failures;  // "file:line: expected ... got ..."
};
GoldenResult RunGolden(const std::vector<GoldenCase>& cases, Coder& coder);

struct PloverResult {
  int total = 0, type_correct = 0, full_correct = 0;
  std::vector<std::string> misses;
  double type_accuracy() const { return total ? double(type_correct) / total : 0; }
  double full_accuracy() const { return total ? double(full_correct) / total : 0; }
};
// Codes ../shared/eval/plover/gsr.jsonl style records. Type accuracy: some event has the gold
// PLOVER type (0.5b1 types mapped to 2021: DEMAND->REQUEST, DISAPPROVE->ACCUSE,
// INVESTIGATE->ACCUSE, FIGHT->ASSAULT). Full: such an event also has a gold source country and a
// gold target country (for compound records with no target, both countries among the gold sources).
// Upstream typos in country codes (JAP, ITL, VTN) are read as JPN, ITA, VNM.
Result<PloverResult> RunPlover(const std::string& path, Coder& coder);

}  // namespace dyad::eval

#endif  // DYAD_EVAL_EVAL_H_
