#include "io/event_writer.h"

#include <algorithm>

#include <fmt/format.h>

namespace dyad::io {

std::string JsonString(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out.push_back(ch);
    }
  }
  out.push_back('"');
  return out;
}

std::string EventToJson(const Event& e) {
  std::string ctx;
  for (const auto& c : e.contexts) ctx += (ctx.empty() ? "" : ",") + JsonString(c);
  return fmt::format(
      "{{\"doc_id\":{},\"sentence\":{},\"date\":{},\"source\":{},\"target\":{},\"source_country\":{},"
      "\"target_country\":{},\"code\":{},\"root\":{},\"goldstein\":{},\"quad\":{},\"plover\":{},\"mode\":{},"
      "\"context\":[{}],\"evidence\":{{\"text\":{},\"start\":{},\"end\":{}}},\"pattern\":{},\"sentence_text\":{}}}",
      JsonString(e.doc_id), e.sentence, JsonString(FormatDate(e.date)), JsonString(e.source), JsonString(e.target),
      JsonString(e.source_country()), JsonString(e.target_country()), JsonString(e.code), JsonString(e.root()),
      e.goldstein, e.quad, JsonString(e.plover), JsonString(e.mode), ctx, JsonString(e.evidence_text),
      e.evidence.begin, e.evidence.end, JsonString(e.pattern), JsonString(e.sentence_text));
}

namespace {
std::string Clean(const std::string& s) {
  std::string out = s;
  std::replace(out.begin(), out.end(), '\t', ' ');
  std::replace(out.begin(), out.end(), '\n', ' ');
  std::replace(out.begin(), out.end(), '\r', ' ');
  return out;
}
}  // namespace

std::string TsvHeader() {
  return "doc_id\tsentence\tdate\tsource\ttarget\tsource_country\ttarget_country\tcode\troot\tgoldstein\tquad\t"
         "plover\tcontext\tevidence_start\tevidence_end\tpattern\tevidence";
}

std::string EventToTsv(const Event& e) {
  std::string ctx;
  for (const auto& c : e.contexts) ctx += (ctx.empty() ? "" : ",") + c;
  return fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}", Clean(e.doc_id), e.sentence,
                     FormatDate(e.date), e.source, e.target, e.source_country(), e.target_country(), e.code, e.root(),
                     e.goldstein, e.quad, e.plover, ctx, e.evidence.begin, e.evidence.end, e.pattern,
                     Clean(e.evidence_text));
}

std::string EventsToTable(const std::vector<Event>& events) {
  std::string out = fmt::format("{:<10} {:<9} {:<9} {:<5} {:>6}  {:<10} {}\n", "date", "source", "target", "code",
                                "gold", "plover", "evidence");
  for (const auto& e : events) {
    std::string ev = Clean(e.evidence_text);
    if (ev.size() > 90) ev = ev.substr(0, 87) + "...";
    out += fmt::format("{:<10} {:<9} {:<9} {:<5} {:>6.1f}  {:<10} {}\n", FormatDate(e.date), e.source, e.target, e.code,
                       e.goldstein, e.plover, ev);
  }
  return out;
}

}  // namespace dyad::io
