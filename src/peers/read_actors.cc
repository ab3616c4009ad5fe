// Reading actor and agent dictionaries in TABARI and PETRARCH-2 formats.
#include <algorithm>
#include <cctype>
#include <map>

#include "peers/read_util.h"

namespace dyad::peers {

namespace {

bool IsPhraseChar(char c) { return c != ' ' && c != '\t' && c != '_'; }

}  // namespace

bool ParsePhrase(std::string_view text, Flavor flavor, WordMode bare_mode, bool blank_is_gap,
                 PeerDictionary* dict, Phrase* out, std::string* error) {
  out->clear();
  size_t i = 0;
  text = Trim(text);
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i >= text.size()) break;
    if (text[i] == '_') {  // a stray connector: joins the previous word to the next
      if (!out->empty()) out->back().next_adjacent = true;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsPhraseChar(text[j])) ++j;
    std::string word = Upper(text.substr(i, j - i));
    bool underscore = j < text.size() && text[j] == '_';
    bool joined = underscore && j + 1 < text.size() && text[j + 1] != ' ' && text[j + 1] != '\t';
    WordMode mode = bare_mode;
    if (flavor == Flavor::kTabari) {
      if (!word.empty() && word.back() == '=') {
        word.pop_back();
        mode = WordMode::kExact;
      } else if (!word.empty() && word.back() == '~') {
        word.pop_back();
        mode = WordMode::kStem;
      } else if (underscore) {
        mode = WordMode::kNounEnding;
      }
    } else if (!word.empty() && word.back() == '~') {
      word.pop_back();
    }
    auto parts = WordParts(word);
    if (parts.empty()) {  // a lone "-" between words ("MOVEMENT_-_JANUARY") joins them
      i = underscore ? j + 1 : j;
      continue;
    }
    for (size_t k = 0; k < parts.size(); ++k) {
      bool last = k + 1 == parts.size();
      WordMode m = last ? mode : WordMode::kExact;
      PhraseWord w{dict->Intern(parts[k], m), true};
      if (last) {
        w.next_adjacent =
            flavor == Flavor::kTabari ? joined : (underscore || !blank_is_gap || joined);
      }
      out->push_back(w);
    }
    i = underscore ? j + 1 : j;
  }
  if (out->empty()) {
    *error = "empty phrase";
    return false;
  }
  out->back().next_adjacent = false;
  return true;
}

namespace {

// "<950601", ">20100109", "950601-990815", "950601 - 990815" (blanks already removed).
bool ParseRestriction(const std::string& r, CodeRow* row, std::string* error) {
  auto date = [&](const std::string& s, Day* d) {
    for (char c : s) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
    return (s.size() == 6 || s.size() == 8) && ParseDate(s, d);
  };
  row->dated = true;
  if (r[0] == '<' || r[0] == '>') {
    Day d;
    if (!date(r.substr(1), &d)) {
      *error = fmt::format("bad date '{}' in restriction '{}' (want YYMMDD or YYYYMMDD)",
                           r.substr(1), r);
      return false;
    }
    (r[0] == '<' ? row->to : row->from) = d;
    return true;
  }
  size_t dash = r.find('-');
  if (dash == std::string::npos) {
    *error = fmt::format("bad date restriction '{}' (want <date, >date or date-date)", r);
    return false;
  }
  if (!date(r.substr(0, dash), &row->from) || !date(r.substr(dash + 1), &row->to)) {
    *error = fmt::format("bad date in restriction '{}' (want YYMMDD or YYYYMMDD)", r);
    return false;
  }
  if (row->from > row->to) {
    *error = fmt::format("restriction '{}' ends before it starts", r);
    return false;
  }
  return true;
}

bool IsCodeText(const std::string& code) {
  if (code.empty()) return false;
  for (char c : code) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '#' && c != '+' &&
        c != '/' && c != '~')
      return false;
  }
  return true;
}

// "[HOBGOV 950601 - 990815]" -> a row; false (with *error) when malformed.
bool ParseCodeBlock(const std::string& block, CodeRow* row, std::string* error) {
  std::string b = std::string(Trim(block));
  size_t sp = b.find_first_of(" \t<>");
  std::string code = Upper(b.substr(0, sp));
  std::string rest;
  if (sp != std::string::npos) {
    for (char c : b.substr(sp))
      if (c != ' ' && c != '\t') rest.push_back(c);
  }
  if (code.empty() || std::isdigit(static_cast<unsigned char>(code[0])) || !IsCodeText(code)) {
    *error = fmt::format("code block '[{}]' has no actor code", block);
    return false;
  }
  size_t digits = code.find_first_of("0123456789");
  if (digits != std::string::npos && code.size() - digits >= 6 &&
      code.find('-', digits) != std::string::npos) {
    *error =
        fmt::format("code block '[{}]': code and date run together (want '[CODE date]')", block);
    return false;
  }
  row->code = code;
  if (rest.empty()) return true;
  return ParseRestriction(rest, row, error);
}

}  // namespace

void ReadActors(std::string_view content, const std::string& file, Format format,
                PeerDictionary* dict, std::vector<Problem>* problems) {
  Reporter report{file, problems};
  Flavor flavor = format == Format::kTabari ? Flavor::kTabari : Flavor::kPetrarch;
  WordMode bare = flavor == Flavor::kTabari ? WordMode::kStem : WordMode::kExact;
  enum { kEntries, kNouns, kAdjectives } section = kEntries;
  int entry = -1;
  auto add_phrase = [&](const Line& l, std::string_view text) {
    Phrase p;
    std::string error;
    // In both formats a blank lets other words stand between ("KELM TELEVISION" meets
    // "Kelm state-run television"); "_" joins.
    if (!ParsePhrase(text, flavor, bare, true, dict, &p, &error)) {
      report(l.number, fmt::format("actor phrase '{}': {}", text, error));
      return false;
    }
    dict->actor_phrases.push_back({std::move(p), static_cast<uint32_t>(entry)});
    return true;
  };
  auto add_rows = [&](const Line& l, const std::vector<std::string>& blocks) {
    for (const auto& b : blocks) {
      CodeRow row;
      std::string error;
      if (!ParseCodeBlock(b, &row, &error)) {
        report(l.number, error);
        continue;
      }
      dict->actors[entry].rows.push_back(row);
    }
  };
  for (const Line& l : SplitLines(content, format)) {
    const std::string& t = l.text;
    if (t.rfind("~~", 0) == 0) break;  // TABARI's end-of-file marker
    std::string up = Upper(t);
    if (up == "<NOUN>" || up == "<ADJECTIVE>") {
      section = up == "<NOUN>" ? kNouns : kAdjectives;
      continue;
    }
    if (up == "</NOUN>" || up == "</ADJECTIVE>") {
      section = kEntries;
      continue;
    }
    if (section != kEntries) {
      Phrase p;
      std::string error;
      if (!ParsePhrase(t, flavor, WordMode::kNounEnding, false, dict, &p, &error)) {
        report(l.number, fmt::format("word '{}': {}", t, error));
        continue;
      }
      for (const auto& w : p) (section == kNouns ? dict->nouns : dict->adjectives).push_back(w.id);
      continue;
    }
    if (t[0] == '<') {
      report(l.number, fmt::format("unknown section '{}' (not supported)", t));
      continue;
    }
    Bracketed br = SplitBrackets(t);
    if (br.unclosed) {
      report(l.number, fmt::format("unclosed '[' in '{}'", t));
      continue;
    }
    if (t[0] == '+') {
      if (entry < 0) {
        report(l.number, fmt::format("synonym '{}' before any actor", t));
        continue;
      }
      add_phrase(l, std::string_view(br.head).substr(1));
      add_rows(l, br.blocks);
      continue;
    }
    bool junk = !br.head.empty() && std::none_of(br.head.begin(), br.head.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c));
    });
    if (junk && !br.blocks.empty()) {
      report(l.number, fmt::format("stray '{}' before a code line", br.head));
      br.head.clear();
    }
    if (br.head.empty()) {  // a date-restriction line: "\t[HOBGOV 950601 - 990815]"
      if (entry < 0) {
        report(l.number, fmt::format("code line '{}' before any actor", t));
        continue;
      }
      add_rows(l, br.blocks);
      continue;
    }
    entry = static_cast<int>(dict->actors.size());
    ActorEntry e;
    e.name = br.head;
    e.origin = fmt::format("{}:{}", file, l.number);
    dict->actors.push_back(std::move(e));
    if (!add_phrase(l, br.head)) {
      dict->actors.pop_back();
      entry = -1;
      continue;
    }
    add_rows(l, br.blocks);
  }
}

namespace {

// "CONGRESS!PERSON!" with "!PERSON! = MAN, MEN" -> CONGRESSMAN, CONGRESSMEN.
std::vector<std::string> Substitute(const std::string& phrase,
                                    const std::map<std::string, std::vector<std::string>>& sets,
                                    std::string* error) {
  size_t a = phrase.find('!');
  if (a == std::string::npos) return {phrase};
  size_t b = phrase.find('!', a + 1);
  if (b == std::string::npos) {
    *error = fmt::format("unclosed substitution marker in '{}'", phrase);
    return {};
  }
  std::string marker = phrase.substr(a, b - a + 1);
  auto it = sets.find(marker);
  if (it == sets.end()) {
    *error = fmt::format("unknown substitution marker '{}'", marker);
    return {};
  }
  std::vector<std::string> out;
  for (const auto& item : it->second) {
    auto more = Substitute(phrase.substr(0, a) + item + phrase.substr(b + 1), sets, error);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

}  // namespace

void ReadAgents(std::string_view content, const std::string& file, Format format,
                PeerDictionary* dict, std::vector<Problem>* problems) {
  Reporter report{file, problems};
  Flavor flavor = format == Format::kTabari ? Flavor::kTabari : Flavor::kPetrarch;
  WordMode bare = flavor == Flavor::kTabari ? WordMode::kStem : WordMode::kExact;
  std::map<std::string, std::vector<std::string>> sets;
  for (const Line& l : SplitLines(content, format)) {
    std::string t = l.text;
    if (t.rfind("~~", 0) == 0) break;
    if (t[0] == '!' && t.find('=') != std::string::npos && t.find('[') == std::string::npos) {
      size_t eq = t.find('=');
      std::string marker = Upper(Trim(t.substr(0, eq)));
      std::vector<std::string> items;
      std::string rest = t.substr(eq + 1);
      size_t p = 0;
      while (p <= rest.size()) {
        size_t c = rest.find(',', p);
        if (c == std::string::npos) c = rest.size();
        std::string item = Upper(Trim(rest.substr(p, c - p)));
        if (!item.empty()) items.push_back(item);
        p = c + 1;
      }
      sets[marker] = items;
      continue;
    }
    Bracketed br = SplitBrackets(t);
    if (br.unclosed || br.blocks.size() != 1) {
      report(l.number, fmt::format("expected 'PHRASE [~CODE]' or 'PHRASE [CODE~]', got '{}'", t));
      continue;
    }
    std::string code;
    for (char c : br.blocks[0])
      if (c != ' ' && c != '\t') code.push_back(static_cast<char>(std::toupper(c)));
    bool prefix = !code.empty() && code.back() == '~';
    bool suffix = !code.empty() && code.front() == '~';
    if (prefix == suffix || code.size() < 2) {
      report(l.number, fmt::format("agent code '[{}]' needs one '~': before the code to follow "
                                   "the actor (~GOV), after it to precede it (NGO~)",
                                   br.blocks[0]));
      continue;
    }
    code = prefix ? code.substr(0, code.size() - 1) : code.substr(1);
    // "PHRASE {PLURAL ...}": explicit plurals (none when empty); otherwise regular ones.
    std::string head = br.head;
    std::vector<std::string> plurals;
    bool explicit_plurals = false;
    if (size_t lb = head.find('{'); lb != std::string::npos) {
      size_t rb = head.find('}', lb);
      if (rb == std::string::npos) {
        report(l.number, fmt::format("unclosed '{{' in '{}'", t));
        continue;
      }
      explicit_plurals = true;
      std::string inside = head.substr(lb + 1, rb - lb - 1);
      size_t p = 0;
      while (p < inside.size()) {
        size_t q = inside.find_first_of(" \t", p);
        if (q == std::string::npos) q = inside.size();
        if (q > p) plurals.push_back(Upper(inside.substr(p, q - p)));
        p = q + 1;
      }
      head = std::string(Trim(head.substr(0, lb)));
    }
    std::string error;
    auto heads = Substitute(Upper(head), sets, &error);
    if (!error.empty()) {
      report(l.number, error);
      continue;
    }
    std::vector<std::string> phrases = heads;
    if (flavor == Flavor::kPetrarch) {
      if (explicit_plurals) {
        phrases.insert(phrases.end(), plurals.begin(), plurals.end());
      } else if (head.find('!') == std::string::npos) {
        for (const auto& h : heads) {
          std::string base = h;
          while (!base.empty() && base.back() == '_') base.pop_back();
          size_t cut = base.find_last_of(" _");
          std::string last = cut == std::string::npos ? base : base.substr(cut + 1);
          for (const auto& pl : NounPlurals(last))
            phrases.push_back((cut == std::string::npos ? "" : base.substr(0, cut + 1)) + pl);
        }
      }
    } else if (explicit_plurals) {
      phrases.insert(phrases.end(), plurals.begin(), plurals.end());
    }
    for (const auto& ph : phrases) {
      AgentEntry a;
      if (!ParsePhrase(ph, flavor, bare, true, dict, &a.words, &error)) {
        report(l.number, fmt::format("agent phrase '{}': {}", ph, error));
        continue;
      }
      a.code = code;
      a.prefix = prefix;
      a.name = ph;
      a.origin = fmt::format("{}:{}", file, l.number);
      dict->agents.push_back(std::move(a));
    }
  }
}

}  // namespace dyad::peers
