#include "peers/read_util.h"

#include <cctype>

namespace dyad::peers {

std::string_view Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  return out;
}

std::vector<Line> SplitLines(std::string_view content, Format format) {
  std::vector<Line> out;
  bool in_xml_comment = false;
  int number = 0;
  size_t pos = 0;
  while (pos <= content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view raw = content.substr(pos, nl - pos);
    pos = nl + 1;
    ++number;
    std::string text;
    int depth = 0;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (in_xml_comment) {
        if (raw.compare(i, 3, "-->") == 0) {
          in_xml_comment = false;
          i += 2;
        }
        continue;
      }
      char c = raw[i];
      if (format == Format::kPetrarch && raw.compare(i, 4, "<!--") == 0) {
        in_xml_comment = true;
        i += 3;
        continue;
      }
      if (c == '[') ++depth;
      if (c == ']' && depth > 0) --depth;
      if (c == ';') break;
      if (c == '#' && depth == 0 && format == Format::kPetrarch) break;
      text.push_back(c);
    }
    if (pos > content.size() && raw.empty()) break;
    size_t e = text.find_last_not_of(" \t\r");
    if (e == std::string::npos) continue;
    text.resize(e + 1);
    Line l;
    l.number = number;
    l.indented = !text.empty() && (text[0] == ' ' || text[0] == '\t');
    l.text = std::string(Trim(text));
    if (!l.text.empty()) out.push_back(std::move(l));
  }
  return out;
}

Bracketed SplitBrackets(std::string_view line) {
  Bracketed out;
  size_t first = line.find('[');
  out.head = std::string(Trim(line.substr(0, first)));
  while (first != std::string_view::npos) {
    size_t close = line.find(']', first);
    if (close == std::string_view::npos) {
      out.unclosed = true;
      out.blocks.push_back(std::string(Trim(line.substr(first + 1))));
      break;
    }
    out.blocks.push_back(std::string(Trim(line.substr(first + 1, close - first - 1))));
    first = line.find('[', close);
  }
  return out;
}

std::vector<std::string> WordParts(std::string_view word) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : word) {
    if (c == '-' || c == '_') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

namespace {
bool Vowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }
bool EndsWith(const std::string& w, std::string_view s) {
  return w.size() >= s.size() && w.compare(w.size() - s.size(), s.size(), s) == 0;
}
}  // namespace

std::vector<std::string> NounPlurals(const std::string& w) {
  if (w.empty()) return {};
  if (w.size() > 1 && w.back() == 'Y' && !Vowel(w[w.size() - 2]))
    return {w.substr(0, w.size() - 1) + "IES"};
  if (EndsWith(w, "S") || EndsWith(w, "X") || EndsWith(w, "CH") || EndsWith(w, "SH"))
    return {w + "ES"};
  return {w + "S"};
}

std::vector<std::string> VerbForms(const std::string& w) {
  if (w.size() < 2) return {};
  if (w.back() == 'E') {
    std::string stem = w.substr(0, w.size() - 1);
    return {w + "S", w + "D", stem + "ING"};
  }
  if (w.back() == 'Y' && !Vowel(w[w.size() - 2])) {
    std::string stem = w.substr(0, w.size() - 1);
    return {stem + "IES", stem + "IED", w + "ING"};
  }
  std::vector<std::string> out;
  if (EndsWith(w, "S") || EndsWith(w, "X") || EndsWith(w, "CH") || EndsWith(w, "SH") ||
      EndsWith(w, "Z"))
    out.push_back(w + "ES");
  else
    out.push_back(w + "S");
  out.push_back(w + "ED");
  out.push_back(w + "ING");
  return out;
}

}  // namespace dyad::peers
