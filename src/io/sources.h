// Reading news from anywhere into documents: JSONL, CSV/TSV, plain text, HTML pages, RSS/Atom
// feeds, whole directories, .gz/.zst files and http(s) URLs. Problems are reported with file and
// line (or byte offset) and the rest of the input is still read.
#ifndef DYAD_IO_SOURCES_H_
#define DYAD_IO_SOURCES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dyad/event.h"
#include "io/csv.h"

namespace dyad::io {

struct SourceOptions {
  std::string format;  // jsonl, csv, tsv, text, html, feed; "" = from the name, then the content
  Day date = kNoDate;  // date for documents that carry none (plain text: else from the file name)
  std::string outlet;  // outlet for documents that name none
  std::string lang;    // language for documents that name none
  CsvOptions csv;      // column mapping (the delimiter follows the format)
  size_t max_line_bytes = 16u << 20;
  size_t max_document_bytes = 8u << 20;
};

// Receives what the readers find. Called on the reading thread, in input order.
class SourceSink {
 public:
  virtual ~SourceSink() = default;
  virtual void OnDocument(Document&& doc) = 0;
  // Something was skipped: the message names the file and line or byte offset.
  virtual void OnProblem(const std::string& message) = 0;
  // Something worth knowing that lost nothing (e.g. "converted from Shift_JIS").
  virtual void OnNote(const std::string& message) {}
  // Bytes of the current file read so far.
  virtual void OnProgress(uint64_t bytes) {}
};

// Expands directories recursively (sorted, hidden files skipped) and keeps files and URLs as they
// are. A missing path is reported to the sink and dropped.
std::vector<std::string> ExpandSources(const std::vector<std::string>& sources, SourceSink* sink);

// Total on-disk size of the files among `sources` (for progress and ETA).
uint64_t TotalBytes(const std::vector<std::string>& sources);

// Reads one file or URL. Returns false when nothing of it could be read (reported to the sink).
bool ReadSource(const std::string& source, const SourceOptions& options, SourceSink* sink);

// "2012-09-11" or "20120911" inside a file name, or kNoDate.
Day DateFromName(const std::string& path);

}  // namespace dyad::io

#endif  // DYAD_IO_SOURCES_H_
