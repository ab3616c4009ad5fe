// CSV and TSV documents: one document per record, fields found by header name or column number.
#ifndef DYAD_IO_CSV_H_
#define DYAD_IO_CSV_H_

#include <map>
#include <string>
#include <vector>

#include "dyad/event.h"
#include "io/input.h"

namespace dyad::io {

// Which column holds which document field. Keys are id, date, text, title, url, outlet, lang;
// values are header names (case-insensitive) or 1-based column numbers. Fields not mapped are
// looked up under their own name and common aliases (text: body, content, article; date:
// published, pubdate, publish_date; outlet: source, publisher).
struct CsvOptions {
  char delimiter = ',';
  std::map<std::string, std::string> columns;
};

// Checks a "field=column" mapping flag; returns "" or what is wrong.
std::string ParseColumnFlag(const std::string& flag, CsvOptions* options);

// Reads RFC 4180 records (quoted fields may span lines; "" escapes a quote) with a header row.
class CsvReader {
 public:
  CsvReader(ByteSource& in, std::string name, CsvOptions options);
  // Next document: false at end. A bad record sets *error ("file:line: ...") and returns true with
  // `doc` unset. A failure that ends the file (a missing text column, a read error) is in
  // fatal() after Next returns false.
  bool Next(Document* doc, std::string* error);
  const std::string& fatal() const { return fatal_; }
  int64_t line() const { return line_; }

 private:
  bool ReadRecord(std::vector<std::string>* fields, std::string* error);
  bool Fill();
  std::string MapHeader(const std::vector<std::string>& header);
  ByteSource& in_;
  std::string name_;
  CsvOptions options_;
  std::vector<char> buf_;
  size_t pos_ = 0, len_ = 0;
  bool eof_ = false;
  int64_t line_ = 1;
  bool header_done_ = false;
  size_t width_ = 0;
  std::map<std::string, int> index_;  // field -> 0-based column
  std::string fatal_;
  std::string charset_;  // set when records need converting to UTF-8
};

}  // namespace dyad::io

#endif  // DYAD_IO_CSV_H_
