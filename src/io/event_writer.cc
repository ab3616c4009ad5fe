#include "io/event_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <string_view>

namespace dyad::io {

namespace {

// Appends s as a JSON string literal.
void AppendJson(std::string* out, std::string_view s) {
  out->push_back('"');
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        fmt::format_to(std::back_inserter(*out), "\\u{:04x}", c);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

void AppendField(std::string* out, std::string_view key, std::string_view value) {
  out->push_back(',');
  out->push_back('"');
  out->append(key);
  out->append("\":");
  AppendJson(out, value);
}

void AppendNumber(std::string* out, std::string_view key, double value) {
  out->append(",\"");
  out->append(key);
  out->append("\":");
  fmt::format_to(std::back_inserter(*out), "{}", value);
}

}  // namespace

std::string JsonString(const std::string& s) {
  std::string out;
  AppendJson(&out, s);
  return out;
}

std::string EventToJson(const Event& e, bool with_sentence) {
  std::string out;
  out.reserve(256 + (with_sentence ? e.sentence_text.size() : 0) + e.evidence_text.size());
  out.append("{\"doc_id\":");
  AppendJson(&out, e.doc_id);
  AppendNumber(&out, "sentence", e.sentence);
  AppendField(&out, "date", FormatDate(e.date));
  AppendField(&out, "source", e.source);
  AppendField(&out, "target", e.target);
  AppendField(&out, "source_country", std::string_view(e.source).substr(0, 3));
  AppendField(&out, "target_country", std::string_view(e.target).substr(0, 3));
  AppendField(&out, "code", e.code);
  AppendField(&out, "root", std::string_view(e.code).substr(0, 2));
  AppendNumber(&out, "goldstein", e.goldstein);
  AppendNumber(&out, "quad", e.quad);
  AppendField(&out, "plover", e.plover);
  AppendField(&out, "mode", e.mode);
  out.append(",\"context\":[");
  for (size_t i = 0; i < e.contexts.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendJson(&out, e.contexts[i]);
  }
  out.append("],\"evidence\":{\"text\":");
  AppendJson(&out, e.evidence_text);
  AppendNumber(&out, "start", e.evidence.begin);
  AppendNumber(&out, "end", e.evidence.end);
  out.push_back('}');
  AppendField(&out, "pattern", e.pattern);
  if (with_sentence) AppendField(&out, "sentence_text", e.sentence_text);
  out.push_back('}');
  return out;
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
  return "doc_id\tsentence\tdate\tsource\ttarget\tsource_country\ttarget_"
         "country\tcode\troot\tgoldstein\tquad\t"
         "plover\tcontext\tevidence_start\tevidence_end\tpattern\tevidence";
}

std::string EventToTsv(const Event& e) {
  std::string ctx;
  for (const auto& c : e.contexts) ctx += (ctx.empty() ? "" : ",") + c;
  return fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                     Clean(e.doc_id), e.sentence, FormatDate(e.date), e.source, e.target,
                     e.source_country(), e.target_country(), e.code, e.root(), e.goldstein, e.quad,
                     e.plover, ctx, e.evidence.begin, e.evidence.end, e.pattern,
                     Clean(e.evidence_text));
}

std::string EventsToTable(const std::vector<Event>& events) {
  std::string out = fmt::format("{:<10} {:<9} {:<9} {:<5} {:>6}  {:<10} {}\n", "date", "source",
                                "target", "code", "gold", "plover", "evidence");
  for (const auto& e : events) {
    std::string ev = Clean(e.evidence_text);
    if (ev.size() > 90) {
      size_t cut = 87;
      while (cut > 0 && (static_cast<unsigned char>(ev[cut]) & 0xC0) == 0x80)
        --cut;  // not inside a character
      ev = ev.substr(0, cut) + "...";
    }
    out += fmt::format("{:<10} {:<9} {:<9} {:<5} {:>6.1f}  {:<10} {}\n", FormatDate(e.date),
                       e.source, e.target, e.code, e.goldstein, e.plover, ev);
  }
  return out;
}

}  // namespace dyad::io
