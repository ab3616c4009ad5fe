// Writing events as JSON lines, TSV with a header, or an aligned table for people.
#ifndef DYAD_IO_EVENT_WRITER_H_
#define DYAD_IO_EVENT_WRITER_H_

#include <string>
#include <vector>

#include "dyad/event.h"

namespace dyad::io {

enum class EventFormat { kJson, kTsv, kTable };

// One event as a JSON object on one line (no trailing newline). The evidence span already points at
// the source; the whole sentence ("sentence_text") is added only when asked for.
std::string EventToJson(const Event& e, bool with_sentence = false);
std::string TsvHeader();
std::string EventToTsv(const Event& e);
// An aligned, human-readable table of events (header included).
std::string EventsToTable(const std::vector<Event>& events);

// JSON string escaping (with quotes).
std::string JsonString(const std::string& s);

}  // namespace dyad::io

#endif  // DYAD_IO_EVENT_WRITER_H_
