// Format detection, PETRARCH discards and issues, and TABARI options.
#include <algorithm>
#include <cctype>
#include <regex>

#include "peers/read_util.h"

namespace dyad::peers {

namespace {

struct LineStats {
  int lines = 0, pipes = 0, hash_comments = 0, xml_comments = 0, semicolons = 0, brackets = 0;
  int block_headers = 0, tabari_sections = 0, finish = 0, option_commands = 0, dyad_patterns = 0;
  int braces = 0, substitutions = 0, issue_tags = 0, patterns = 0;
};

bool StartsCameoCode(std::string_view t) {
  size_t n = 0;
  while (n < t.size() && std::isdigit(static_cast<unsigned char>(t[n]))) ++n;
  return n >= 2 && n <= 4 && n < t.size() && (t[n] == ' ' || t[n] == '\t');
}

LineStats Scan(std::string_view content) {
  LineStats s;
  size_t pos = 0;
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = Trim(content.substr(pos, nl - pos));
    pos = nl + 1;
    if (line.empty()) continue;
    ++s.lines;
    if (line[0] == '#' || line.find(" #") != std::string_view::npos) ++s.hash_comments;
    if (line.find("<!--") != std::string_view::npos) ++s.xml_comments;
    if (line.find(';') != std::string_view::npos) ++s.semicolons;
    if (line[0] == '#') continue;
    if (line.find('|') != std::string_view::npos && line.find('{') == std::string_view::npos)
      ++s.pipes;
    if (line.find('[') != std::string_view::npos) ++s.brackets;
    if (line.rfind("---", 0) == 0 && line.size() > 6 && line.substr(line.size() - 3) == "---")
      ++s.block_headers;
    if (line == "<SYNSETS>" || line == "<NOUN>" || line == "<TIME>" || line == "<ADJECTIVE>")
      ++s.tabari_sections;
    if (line.rfind("~~", 0) == 0) ++s.finish;
    for (std::string_view cmd :
         {"COMPLEX:", "SET:", "OUTPUT:", "LABEL:", "FORWARD:", "DEFAULT:", "COMMA:"}) {
      if (line.rfind(cmd, 0) == 0) ++s.option_commands;
    }
    if (StartsCameoCode(line) && line.find('[') == std::string_view::npos) ++s.dyad_patterns;
    if (line.find('{') != std::string_view::npos) ++s.braces;
    if (line[0] == '!' && line.find('=') != std::string_view::npos) ++s.substitutions;
    if (line.rfind("<ISSUE", 0) == 0 || line.find(":") == 1) ++s.issue_tags;
    if (line[0] == '-') ++s.patterns;
  }
  return s;
}

}  // namespace

Format DetectFormat(Kind kind, std::string_view content) {
  LineStats s = Scan(content);
  bool petrarch_comments = s.xml_comments > 0 || s.hash_comments > s.semicolons;
  switch (kind) {
    case Kind::kOptions:
      return s.option_commands > 0 ? Format::kTabari : Format::kUnknown;
    case Kind::kVerbs:
      if (s.block_headers > 0) return Format::kPetrarch;
      if (s.tabari_sections > 0 || s.finish > 0 || s.patterns > 0) return Format::kTabari;
      if (s.dyad_patterns > 0 && s.brackets * 2 < s.lines) return Format::kDyad;
      return s.brackets > 0 ? Format::kTabari : Format::kUnknown;
    case Kind::kActors:
    case Kind::kAgents:
      if (s.pipes > 0 && s.pipes * 2 >= s.lines - s.hash_comments && s.brackets == 0)
        return Format::kDyad;
      if (s.brackets == 0) return Format::kUnknown;
      if (s.finish > 0 || s.tabari_sections > 0) return Format::kTabari;
      if (petrarch_comments || s.substitutions > 0 || (kind == Kind::kAgents && s.braces > 0))
        return Format::kPetrarch;
      return Format::kTabari;
    case Kind::kIssues:
      if (s.pipes > 0 && s.brackets == 0) return Format::kDyad;
      return s.brackets > 0 || s.issue_tags > 0 ? Format::kPetrarch : Format::kUnknown;
    case Kind::kDiscards:
      if (s.pipes > 0) return Format::kDyad;
      return s.lines > 0 ? Format::kPetrarch : Format::kUnknown;
  }
  return Format::kUnknown;
}

void ReadDiscards(std::string_view content, const std::string& file, PeerDictionary* dict,
                  std::vector<Problem>* problems) {
  Reporter report{file, problems};
  for (const Line& l : SplitLines(content, Format::kPetrarch)) {
    std::string t = l.text;
    DiscardEntry d;
    if (t[0] == '+') {
      d.story = true;
      t = std::string(Trim(t.substr(1)));
    }
    if (t.find('[') != std::string::npos) {
      report(l.number, fmt::format("discard '{}' has a code; discards are plain phrases", t));
      continue;
    }
    bool whole_word = !t.empty() && t.back() == '_';
    while (!t.empty() && t.back() == '_') t.pop_back();
    d.text = Upper(Trim(t));
    std::string error;
    if (!ParsePhrase(d.text, Flavor::kPetrarch, WordMode::kExact, false, dict, &d.words, &error)) {
      report(l.number, fmt::format("discard '{}': {}", t, error));
      continue;
    }
    if (!whole_word) {  // a stem: "TYPHOON" also meets "TYPHOONS"
      d.words.back().id = dict->Intern(dict->WordText(d.words.back().id), WordMode::kStem);
    }
    d.origin = fmt::format("{}:{}", file, l.number);
    dict->discards.push_back(std::move(d));
  }
}

void ReadIssues(std::string_view content, const std::string& file, PeerDictionary* dict,
                std::vector<Problem>* problems) {
  Reporter report{file, problems};
  for (const Line& l : SplitLines(content, Format::kPetrarch)) {
    std::string t = l.text;
    if (t[0] == '<') continue;  // <ISSUE CATEGORY="..."> groups: labels only
    IssueEntry e;
    e.origin = fmt::format("{}:{}", file, l.number);
    if (t[0] == '~') {
      e.ignore_all = t.size() > 1 && t[1] == '~';
      t = std::string(Trim(t.substr(e.ignore_all ? 2 : 1)));
    } else {
      Bracketed br = SplitBrackets(t);
      if (br.blocks.size() != 1 || br.head.empty()) {
        report(l.number, fmt::format("expected 'phrase [CODE]' or '~phrase', got '{}'", t));
        continue;
      }
      e.code = Upper(br.blocks[0]);
      t = br.head;
    }
    // Expansions apply to the word that follows: n: noun forms, v: verb forms, +: blank or hyphen.
    std::vector<std::string> forms = {""};
    size_t p = 0;
    std::string up = Upper(t);
    bool bad = false;
    while (p < up.size() && !bad) {
      size_t q = up.find(' ', p);
      if (q == std::string::npos) q = up.size();
      std::string word = up.substr(p, q - p);
      p = q + 1;
      if (word.empty()) continue;
      std::vector<std::string> variants;
      if (word.rfind("N:", 0) == 0 || word.rfind("V:", 0) == 0) {
        std::string base = word.substr(2);
        variants.push_back(base);
        auto more = word[0] == 'N' ? NounPlurals(base) : VerbForms(base);
        variants.insert(variants.end(), more.begin(), more.end());
      } else if (size_t plus = word.find('+'); plus != std::string::npos) {
        std::string a = word.substr(0, plus), b = word.substr(plus + 1);
        std::vector<std::string> tails = {b};
        if (b.rfind("N:", 0) == 0 || b.rfind("V:", 0) == 0) {
          std::string base = b.substr(2);
          tails = {base};
          auto more = b[0] == 'N' ? NounPlurals(base) : VerbForms(base);
          tails.insert(tails.end(), more.begin(), more.end());
        }
        for (const auto& tail : tails) {
          variants.push_back(a + " " + tail);
          variants.push_back(a + "-" + tail);
          variants.push_back(a + tail);
        }
      } else if (word.find(':') != std::string::npos) {
        report(l.number, fmt::format("unknown expansion '{}' (want n:, v: or +)", word));
        bad = true;
      } else {
        variants.push_back(word);
      }
      std::vector<std::string> next;
      for (const auto& f : forms)
        for (const auto& v : variants) next.push_back(f.empty() ? v : f + " " + v);
      forms.swap(next);
    }
    if (bad || forms.empty() || forms[0].empty()) continue;
    uint32_t index = static_cast<uint32_t>(dict->issues.size());
    for (const auto& f : forms) {
      IssuePhrase ip;
      std::string error;
      if (!ParsePhrase(f, Flavor::kPetrarch, WordMode::kExact, false, dict, &ip.words, &error)) {
        report(l.number, fmt::format("issue phrase '{}': {}", f, error));
        continue;
      }
      ip.issue = index;
      dict->issue_phrases.push_back(std::move(ip));
    }
    dict->issues.push_back(std::move(e));
  }
}

void ReadOptions(std::string_view content, const std::string& file, PeerDictionary* dict,
                 std::vector<Problem>* problems) {
  Reporter report{file, problems};
  size_t pos = 0;
  int number = 0;
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = Trim(content.substr(pos, nl - pos));
    pos = nl + 1;
    ++number;
    if (line.empty() || line.rfind("//", 0) == 0 || line[0] == '#' || line[0] == ';') continue;
    std::string msg = ApplyOptionCommand(line, &dict->options);
    if (!msg.empty()) report(number, msg);
  }
}

namespace {

bool Flag(std::string_view v) {
  std::string u = Upper(Trim(v));
  return u == "TRUE" || u == "ON" || u == "YES" || u == "1";
}

// "VERBS[5]" -> 5 (or -1).
int BracketNumber(const std::string& s, std::string_view key) {
  size_t k = s.find(key);
  if (k == std::string::npos) return -1;
  size_t lb = s.find('[', k), rb = s.find(']', k);
  if (lb == std::string::npos || rb == std::string::npos || rb < lb) return -1;
  try {
    return std::stoi(s.substr(lb + 1, rb - lb - 1));
  } catch (...) {
    return -1;
  }
}

}  // namespace

Options DefaultOptions(Flavor flavor) {
  Options o;
  if (flavor == Flavor::kTabari) {
    o.min_words = 8;
    return o;
  }
  o.comma_min = 2;
  o.comma_max = 8;
  o.comma_bmin = 0;
  o.comma_bmax = 0;
  o.comma_emin = 2;
  o.comma_emax = 8;
  return o;
}

std::string ApplyOptionCommand(std::string_view command, Options* o) {
  std::string c = Upper(Trim(command));
  size_t colon = c.find(':');
  if (colon == std::string::npos) return fmt::format("not an options command: '{}'", command);
  std::string key(Trim(std::string_view(c).substr(0, colon)));
  std::string arg(Trim(std::string_view(c).substr(colon + 1)));
  if (key == "COMPLEX") {
    int v = BracketNumber(arg, "VERBS"), n = BracketNumber(arg, "CONJ");
    o->complex_verbs = v > 0 ? v : 0;
    o->complex_conj = n > 0 ? n : 0;
    o->no_actor_prior = arg.find("NOACTPRIOR") != std::string::npos;
    if (arg.find("ACTORS[") != std::string::npos)
      return "ignored: COMPLEX ACTORS[n] is not supported (actor phrases are not counted)";
    return "";
  }
  if (key == "COMMA") {
    if (arg == "OFF") {
      o->comma = false;
      return "";
    }
    o->comma = true;
    std::regex kv(R"((EMIN|EMAX|BMIN|BMAX|MIN|MAX)\s*=\s*(\d+))");
    for (std::sregex_iterator it(arg.begin(), arg.end(), kv), end; it != end; ++it) {
      std::string k = (*it)[1];
      int v = std::stoi((*it)[2]);
      (k == "MIN"    ? o->comma_min
       : k == "MAX"  ? o->comma_max
       : k == "EMIN" ? o->comma_emin
       : k == "EMAX" ? o->comma_emax
       : k == "BMIN" ? o->comma_bmin
                     : o->comma_bmax) = v;
    }
    return "";
  }
  if (key == "DEFAULT") {
    if (arg == "OFF") {
      o->default_source.clear();
      o->default_target.clear();
      o->default_source_prior = o->default_target_after = false;
      return "";
    }
    std::regex src(R"(SOURCE\s*\[([^\]]*)\]\s*(PRIOR)?)"),
        tgt(R"(TARGET\s*\[([^\]]*)\]\s*(AFTER)?)");
    std::smatch m;
    if (std::regex_search(arg, m, src)) {
      o->default_source = std::string(Trim(m[1].str()));
      o->default_source_prior = m[2].matched;
    }
    if (std::regex_search(arg, m, tgt)) {
      o->default_target = std::string(Trim(m[1].str()));
      o->default_target_after = m[2].matched;
    }
    return "";
  }
  if (key == "FORWARD") {
    o->forward = arg.find("OFF") == std::string::npos;
    return "";
  }
  if (key == "OUTPUT" || key == "LABEL")
    return fmt::format("ignored: '{}' sets TABARI's output layout; dyad writes its own", command);
  if (key != "SET") return fmt::format("unknown options command '{}'", command);
  size_t eq = arg.find('=');
  std::string name(Trim(std::string_view(arg).substr(0, eq)));
  std::string value = eq == std::string::npos ? "" : std::string(Trim(arg.substr(eq + 1)));
  if (name == "CODE BY SENTENCE")
    o->code_by = Options::CodeBy::kSentence;
  else if (name == "CODE BY CLAUSE")
    o->code_by = Options::CodeBy::kClause;
  else if (name == "CODE ALL")
    o->code_by = Options::CodeBy::kAll;
  else if (name == "TIME SHIFT")
    o->time_shift = Flag(value);
  else if (name == "CONVERT AGENT")
    o->convert_agent = Flag(value);
  else if (name == "YYYY")
    o->yyyy = Flag(value);
  else if (name == "MINIMUM WORDS") {
    try {
      o->min_words = std::stoi(value);
    } catch (...) {
      return fmt::format("bad number in '{}'", command);
    }
  } else if (name == "SKIP RECORDS" || name == "VERB USAGE" || name == "ACTOR USAGE" ||
             name == "AGENT USAGE" || name == "LABEL" || name == "DUP WARNING" || name == "FBIS")
    return fmt::format("ignored: '{}' concerns TABARI's interface or output", command);
  else
    return fmt::format("unsupported option '{}'", command);
  return "";
}

}  // namespace dyad::peers
