// Reading documents from JSONL streams, with errors that name file, line and value.
#ifndef DYAD_IO_DOCUMENTS_H_
#define DYAD_IO_DOCUMENTS_H_

#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "dyad/event.h"
#include "dyad/status.h"

namespace simdjson::dom {
class parser;
}

namespace dyad::io {

// Reads one JSON document per line: {"id": ..., "date": "YYYY-MM-DD", "text": ...}. Blank lines are
// skipped. Lines are read in bounded pieces: a line longer than max_line_bytes is reported and
// skipped without holding it in memory.
class JsonlReader {
 public:
  JsonlReader(std::istream& in, std::string name, size_t max_line_bytes);
  ~JsonlReader();

  // Next document. Returns false at end of input. A bad line sets *error (naming file:line and what
  // is wrong) and returns true with `doc` unset; the caller reports it and reads on.
  bool Next(Document* doc, std::string* error);
  int64_t line() const { return line_; }
  // Set when reading failed (not at a clean end of input): what went wrong.
  const std::string& read_error() const { return read_error_; }

 private:
  std::istream& in_;
  std::string name_;
  size_t max_line_bytes_;
  int64_t line_ = 0;
  std::string read_error_;
  std::string buf_;
  std::vector<char> chunk_;  // read-ahead buffer
  size_t pos_ = 0, len_ = 0;
  bool eof_ = false;
  std::unique_ptr<simdjson::dom::parser> parser_;
  // Reads one line into buf_ (at most max_line_bytes_ kept); false at end of input.
  bool ReadLine(bool* too_long);
};

// Parses one JSON line into a document; returns "" or an error message (without file:line).
std::string ParseDocument(simdjson::dom::parser& parser, const std::string& line, Document* doc);

}  // namespace dyad::io

#endif  // DYAD_IO_DOCUMENTS_H_
