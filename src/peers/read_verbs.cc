// Reading verb dictionaries: TABARI .verbs files and PETRARCH-2 CAMEO.2.0-style files.
//
// Both formats share the pattern language: "- UPPER * LOWER [CODE]" where "*" is the verb, "$" the
// source, "+" the target, "%" a compound acting on itself, "^" an actor to skip, "&NAME" a synset
// and "{ A | B }" alternatives (TABARI). "_" joins words; a blank leaves room for others. PETRARCH
// groups words in "( )" (a prepositional phrase) and "{ }" (a noun phrase).
#include <algorithm>
#include <cctype>

#include "peers/read_util.h"

namespace dyad::peers {

namespace {

// One lexical item of a pattern.
struct Item {
  enum Kind : uint8_t {
    kWord,
    kSynset,
    kVerb,
    kSource,
    kTarget,
    kCompound,
    kSkip,
    kOpen,
    kBar,
    kClose,
    kParenOpen,
    kParenClose,
    kNounOpen,
    kNounClose
  };
  Kind kind = kWord;
  std::string text;
  WordMode mode = WordMode::kStem;
  bool joined = false;  // "_" right after it: the next item follows at once
};

bool WordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '\'' || c == '.' || c == '-' ||
         c == '/' || c == '&' || c == '~' || c == '=' || c == ',' || c == '!' || c == '"';
}

bool Lex(std::string_view s, Flavor flavor, std::vector<Item>* out, std::string* error) {
  size_t i = 0;
  int paren = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    if (c == '_') {  // "_" joins to what follows at once; "WORD_ " only ends the word
      bool blank_after = i + 1 >= s.size() || s[i + 1] == ' ' || s[i + 1] == '\t';
      if (!out->empty() && !blank_after) out->back().joined = true;
      ++i;
      continue;
    }
    Item it;
    if (c == '*') {
      it.kind = Item::kVerb;
      while (i < s.size() && s[i] == '*') ++i;
    } else if (c == '$' || c == '+' || c == '%' || c == '^') {
      it.kind = c == '$'   ? Item::kSource
                : c == '+' ? Item::kTarget
                : c == '%' ? Item::kCompound
                           : Item::kSkip;
      ++i;
    } else if (c == '{' || c == '}' || c == '|' || c == '(' || c == ')') {
      if (flavor == Flavor::kTabari || c == '|') {
        it.kind = c == '{'   ? Item::kOpen
                  : c == '}' ? Item::kClose
                  : c == '|' ? Item::kBar
                  : c == '(' ? Item::kParenOpen
                             : Item::kParenClose;
      } else {
        it.kind = c == '{'   ? Item::kNounOpen
                  : c == '}' ? Item::kNounClose
                  : c == '(' ? Item::kParenOpen
                             : Item::kParenClose;
      }
      if (c == '(') ++paren;
      if (c == ')') --paren;
      ++i;
    } else if (WordChar(c)) {
      size_t j = i;
      while (j < s.size() && WordChar(s[j])) ++j;
      std::string w = Upper(s.substr(i, j - i));
      it.kind = w[0] == '&' ? Item::kSynset : Item::kWord;
      bool underscore = j < s.size() && s[j] == '_';
      if (flavor == Flavor::kTabari) {
        // In patterns and synsets "WORD_" is the word itself: "RESOLUTION_" does not meet
        // "RESOLUTIONS" (TABARI validation SYNSET-21b), "KRONER_" not "KRONEREN".
        it.mode = underscore ? WordMode::kExact : WordMode::kStem;
        if (w.back() == '=') {
          w.pop_back();
          it.mode = WordMode::kExact;
        } else if (w.back() == '~') {
          w.pop_back();
          it.mode = WordMode::kStem;
        }
      } else {
        // PETRARCH's pattern nouns meet their regular plurals ("EFFORT" meets "EFFORTS") unless
        // written "WORD_".
        it.mode = underscore ? WordMode::kExact : WordMode::kForms;
        if (w.back() == '~') w.pop_back();
      }
      it.text = w;
      i = j;
      if (it.kind == Item::kSynset && it.text.size() < 2) {
        *error = "'&' without a synset name";
        return false;
      }
    } else {
      *error = fmt::format("unexpected character '{}'", c);
      return false;
    }
    out->push_back(std::move(it));
  }
  if (paren != 0) {
    *error = "unbalanced parentheses";
    return false;
  }
  return true;
}

class PatternParser {
 public:
  PatternParser(PeerDictionary* dict, Flavor flavor) : dict_(dict), flavor_(flavor) {}

  // Items [b, e) -> elements; nested alternatives become kAlternatives.
  bool Elements(const std::vector<Item>& items, size_t b, size_t e, ElemSeq* out,
                std::string* error) {
    size_t i = b;
    int noun_depth = 0;
    while (i < e) {
      const Item& it = items[i];
      switch (it.kind) {
        case Item::kWord: {
          auto parts = WordParts(it.text);
          if (parts.empty()) {
            *error = fmt::format("word '{}' has no letters", it.text);
            return false;
          }
          for (size_t k = 0; k < parts.size(); ++k) {
            bool last = k + 1 == parts.size();
            Elem el;
            el.kind = Elem::kWord;
            WordMode mode = last ? it.mode : WordMode::kExact;
            el.id = dict_->Intern(parts[k], mode);
            if (mode == WordMode::kForms) {
              for (const auto& pl : NounPlurals(parts[k])) dict_->AddSpelling(pl, el.id);
            }
            el.next_adjacent = last ? it.joined : true;
            out->push_back(std::move(el));
          }
          ++i;
          break;
        }
        case Item::kSynset: {
          Elem el;
          el.kind = Elem::kSynset;
          std::string name = it.text;
          while (!name.empty() && name.back() == '_') name.pop_back();
          el.id = dict_->SynsetIndex(name);
          el.next_adjacent = it.joined;
          out->push_back(std::move(el));
          ++i;
          break;
        }
        case Item::kSource:
        case Item::kTarget:
        case Item::kCompound:
        case Item::kSkip: {
          Elem el;
          el.kind = it.kind == Item::kSource     ? Elem::kSource
                    : it.kind == Item::kTarget   ? Elem::kTarget
                    : it.kind == Item::kCompound ? Elem::kCompound
                                                 : Elem::kSkip;
          el.next_adjacent = it.joined;
          out->push_back(std::move(el));
          ++i;
          break;
        }
        case Item::kOpen: {
          size_t close = i + 1;
          int depth = 1;
          std::vector<size_t> bars;
          for (; close < e; ++close) {
            if (items[close].kind == Item::kOpen) ++depth;
            if (items[close].kind == Item::kClose && --depth == 0) break;
            if (items[close].kind == Item::kBar && depth == 1) bars.push_back(close);
          }
          if (close >= e) {
            *error = "unclosed '{'";
            return false;
          }
          Elem el;
          el.kind = Elem::kAlternatives;
          size_t from = i + 1;
          bars.push_back(close);
          for (size_t bar : bars) {
            ElemSeq alt;
            if (!Elements(items, from, bar, &alt, error)) return false;
            if (alt.empty()) {
              *error = "empty alternative in '{ ... }'";
              return false;
            }
            alt.back().next_adjacent = false;
            el.alternatives.push_back(std::move(alt));
            from = bar + 1;
          }
          el.next_adjacent = items[close].joined;
          out->push_back(std::move(el));
          i = close + 1;
          break;
        }
        case Item::kNounOpen:
          ++noun_depth;
          noun_start_ = out->size();
          ++i;
          break;
        case Item::kNounClose:
          // PETRARCH "{A B C}": the head noun follows its modifier at once; earlier words may
          // have others between them.
          if (noun_depth > 0 && out->size() >= noun_start_ + 2)
            (*out)[out->size() - 2].next_adjacent = true;
          noun_depth = std::max(0, noun_depth - 1);
          ++i;
          break;
        case Item::kParenOpen:
        case Item::kParenClose:
          ++i;
          break;
        case Item::kBar:
        case Item::kClose:
          *error = fmt::format("'{}' outside '{{ ... }}'", it.kind == Item::kBar ? '|' : '}');
          return false;
        case Item::kVerb:
          *error = "more than one '*'";
          return false;
      }
    }
    return true;
  }

 private:
  PeerDictionary* dict_;
  Flavor flavor_;
  size_t noun_start_ = 0;
};

// The most a pattern can weigh when it matches: the letters of its literal words, the longest
// alternative of a set counting in full; synsets count nothing, so a pattern with a word beats one
// with a synset that holds the word (TABARI validation SYNSET-07).
int Weight(const ElemSeq& seq, const PeerDictionary& dict) {
  int w = 0;
  for (const auto& e : seq) {
    if (e.kind == Elem::kWord) w += static_cast<int>(dict.WordText(e.id).size());
    if (e.kind == Elem::kAlternatives) {
      int best = 0;
      for (const auto& alt : e.alternatives) best = std::max(best, Weight(alt, dict));
      w += best;
    }
  }
  return w;
}

// Splits "- UPPER * LOWER [CODE] extra" into the pattern text and its code block.
bool SplitPattern(const std::string& line, std::string* body, std::string* code,
                  std::string* error) {
  size_t lb = line.rfind('[');
  size_t rb = line.rfind(']');
  if (lb == std::string::npos || rb == std::string::npos || rb < lb) {
    *error = "pattern has no [CODE]";
    return false;
  }
  *body = std::string(Trim(line.substr(0, lb)));
  *code = line.substr(lb, rb - lb + 1);
  return true;
}

}  // namespace

namespace {

struct VerbReader {
  PeerDictionary* dict;
  Flavor flavor;
  const Reporter& report;
  std::string file;
  int block = -1;

  bool ParsePattern(const Line& l, std::string_view text) {
    std::string body, code_text, error;
    if (!SplitPattern(std::string(text), &body, &code_text, &error)) {
      report(l.number, fmt::format("{}: '{}'", error, text));
      return false;
    }
    Pattern p;
    if (!ParseCode(code_text, &p.code)) {
      report(l.number, fmt::format("bad code '{}' in pattern '{}'", code_text, text));
      return false;
    }
    std::vector<Item> items;
    if (!Lex(body, flavor, &items, &error)) {
      report(l.number, fmt::format("pattern '{}': {}", body, error));
      return false;
    }
    size_t star = items.size();
    for (size_t k = 0; k < items.size(); ++k) {
      if (items[k].kind == Item::kVerb) {
        if (star != items.size()) {
          report(l.number, fmt::format("pattern '{}' has more than one '*'", body));
          return false;
        }
        star = k;
      }
    }
    if (star == items.size()) {
      report(l.number, fmt::format("pattern '{}' has no '*' for the verb", body));
      return false;
    }
    PatternParser parser(dict, flavor);
    if (!parser.Elements(items, 0, star, &p.upper, &error) ||
        !parser.Elements(items, star + 1, items.size(), &p.lower, &error)) {
      report(l.number, fmt::format("pattern '{}': {}", body, error));
      return false;
    }
    p.verb_adjacent_lower = items[star].joined;
    if (!p.lower.empty()) p.lower.back().next_adjacent = false;
    p.weight = Weight(p.upper, *dict) + Weight(p.lower, *dict);
    p.text = body;
    p.origin = fmt::format("{}:{}", file, l.number);
    if (block < 0) {
      report(l.number, fmt::format("pattern '{}' before any verb", body));
      return false;
    }
    dict->blocks[block].patterns.push_back(static_cast<uint32_t>(dict->patterns.size()));
    dict->patterns.push_back(std::move(p));
    return true;
  }

  // "BREAK_DOWN", "WIRE_+TAP", "+CORDON_OFF", "BRUSH ASIDE REPORTS" -> a verb form.
  bool ParseForm(const Line& l, const std::string& phrase, const CodeSpec& code,
                 bool petrarch_forms, const std::string& name) {
    std::string text = phrase;
    std::vector<std::string> words;
    std::vector<bool> joined;
    int verb_at = -1;
    size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && text[i] == ' ') ++i;
      if (i >= text.size()) break;
      bool marked = text[i] == '+';
      if (marked) ++i;
      size_t j = i;
      while (j < text.size() && text[j] != ' ' && text[j] != '_') ++j;
      if (j == i) {
        ++i;
        continue;
      }
      if (marked) verb_at = static_cast<int>(words.size());
      words.push_back(Upper(text.substr(i, j - i)));
      joined.push_back(j < text.size() && text[j] == '_' && j + 1 < text.size() &&
                       text[j + 1] != ' ');
      i = (j < text.size() && text[j] == '_') ? j + 1 : j;
    }
    if (words.empty()) {
      report(l.number, fmt::format("verb '{}' has no word", phrase));
      return false;
    }
    if (verb_at < 0) verb_at = 0;
    VerbForm f;
    f.block = static_cast<uint32_t>(block);
    f.code = code;
    f.name = name.empty() ? phrase : name;
    f.origin = fmt::format("{}:{}", file, l.number);
    for (size_t k = 0; k < words.size(); ++k) {
      std::string w = words[k];
      WordMode mode;
      if (flavor == Flavor::kTabari) {
        bool underscore_end = k + 1 == words.size() && phrase.back() == '_';
        mode = (joined[k] || underscore_end) ? WordMode::kEnding : WordMode::kStem;
        if (!w.empty() && w.back() == '=') {
          w.pop_back();
          mode = WordMode::kExact;
        }
        if (!w.empty() && w.back() == '~') {
          w.pop_back();
          mode = WordMode::kStem;
        }
      } else {
        mode = WordMode::kExact;
      }
      auto parts = WordParts(w);
      if (parts.empty()) {
        report(l.number, fmt::format("verb '{}' has a word without letters", phrase));
        return false;
      }
      // PETRARCH's verb words get their regular forms; they are words of their own, apart from
      // the same word in a pattern ("MEET" the verb meets "MEETING", the pattern word does not).
      if (static_cast<int>(k) == verb_at && flavor == Flavor::kPetrarch)
        mode = WordMode::kVerbForms;
      uint32_t id = dict->Intern(parts.back(), mode);
      if (static_cast<int>(k) == verb_at) {
        f.verb = id;
        if (petrarch_forms)
          for (const auto& form : VerbForms(parts.back())) dict->AddSpelling(form, id);
        continue;
      }
      PhraseWord pw{id, flavor == Flavor::kPetrarch || joined[k]};
      (static_cast<int>(k) < verb_at ? f.before : f.after).push_back(pw);
    }
    if (verb_at > 0) f.before_adjacent = flavor == Flavor::kPetrarch || joined[verb_at - 1];
    f.after_adjacent = flavor == Flavor::kPetrarch || joined[verb_at];
    if (!f.after.empty()) f.after.back().next_adjacent = false;
    dict->verbs.push_back(std::move(f));
    return true;
  }
};

// "{ ACTING_ ACTXD_ ACTUALITY }" or "{GAVE GIVEN}" -> the words inside.
std::vector<std::string> BraceWords(const std::string& text, size_t lb, size_t* end) {
  std::vector<std::string> out;
  size_t rb = text.find('}', lb);
  *end = rb == std::string::npos ? text.size() : rb + 1;
  std::string inside = text.substr(lb + 1, (rb == std::string::npos ? text.size() : rb) - lb - 1);
  size_t p = 0;
  while (p < inside.size()) {
    size_t q = inside.find_first_of(" \t", p);
    if (q == std::string::npos) q = inside.size();
    if (q > p) out.push_back(inside.substr(p, q - p));
    p = q + 1;
  }
  return out;
}

void ReadSynsetMember(const Line& l, const std::string& text, Flavor flavor, uint32_t synset,
                      PeerDictionary* dict, const Reporter& report) {
  std::string body(Trim(text));
  // PETRARCH "(TO THE END)": parentheses only group.
  body.erase(std::remove_if(body.begin(), body.end(), [](char c) { return c == '(' || c == ')'; }),
             body.end());
  bool no_plural = !body.empty() && body.back() == '_';
  std::vector<Item> items;
  std::string error;
  if (!Lex(body, flavor, &items, &error)) {
    report(l.number, fmt::format("synset member '{}': {}", body, error));
    return;
  }
  for (auto& it : items) {
    if (it.kind == Item::kVerb || it.kind == Item::kOpen || it.kind == Item::kClose ||
        it.kind == Item::kBar) {
      report(l.number, fmt::format("synset member '{}' may hold only words, synsets and actor "
                                   "slots",
                                   body));
      return;
    }
    // PETRARCH: "Synset phrases are interpreted as requiring consecutive words".
    if (flavor == Flavor::kPetrarch) it.joined = true;
  }
  items.back().joined = false;
  PatternParser parser(dict, flavor);
  ElemSeq seq;
  if (!parser.Elements(items, 0, items.size(), &seq, &error)) {
    report(l.number, fmt::format("synset member '{}': {}", body, error));
    return;
  }
  // PETRARCH generates regular plurals of a member's last word unless it ends in "_".
  if (flavor == Flavor::kPetrarch && !no_plural && seq.back().kind == Elem::kWord) {
    const std::string last = dict->WordText(seq.back().id);
    seq.back().id = dict->Intern(last, WordMode::kForms);
    for (const auto& pl : NounPlurals(last)) dict->AddSpelling(pl, seq.back().id);
  }
  dict->synsets[synset].members.push_back(std::move(seq));
}

}  // namespace

void ReadVerbs(std::string_view content, const std::string& file, Format format,
               PeerDictionary* dict, std::vector<Problem>* problems) {
  Reporter report{file, problems};
  Flavor flavor = format == Format::kTabari ? Flavor::kTabari : Flavor::kPetrarch;
  dict->flavor = flavor;
  VerbReader r{dict, flavor, report, file};
  enum { kVerbs, kSynsets, kTime, kNouns, kAdjectives } section = kVerbs;
  int synset = -1;
  for (const Line& l : SplitLines(content, format)) {
    const std::string& t = l.text;
    if (t.rfind("~~", 0) == 0 && flavor == Flavor::kTabari) break;
    std::string up = Upper(t);
    if (up[0] == '<' && up.back() == '>') {
      if (up == "<SYNSETS>")
        section = kSynsets;
      else if (up == "<TIME>")
        section = kTime;
      else if (up == "<NOUN>")
        section = kNouns;
      else if (up == "<ADJECTIVE>")
        section = kAdjectives;
      else if (up[1] == '/')
        section = kVerbs;
      else
        report(l.number, fmt::format("unknown section '{}' (not supported)", t));
      synset = -1;
      continue;
    }
    if (t[0] == '~') {
      report(l.number, fmt::format("PETRARCH transformation '{}' is not supported", t));
      continue;
    }
    if (t[0] == '&') {  // a synset label, in either format
      std::string name = Upper(Trim(t));
      if (size_t sp = name.find_first_of(" \t"); sp != std::string::npos) name.resize(sp);
      while (!name.empty() && name.back() == '_') name.pop_back();
      synset = static_cast<int>(dict->SynsetIndex(name));
      if (!dict->synsets[synset].members.empty())
        report(l.number, fmt::format("synset '{}' defined again; members are added", name));
      continue;
    }
    if (t[0] == '+' && synset >= 0 && (section == kSynsets || flavor == Flavor::kPetrarch)) {
      ReadSynsetMember(l, t.substr(1), flavor, static_cast<uint32_t>(synset), dict, report);
      continue;
    }
    if (section == kNouns || section == kAdjectives) {
      Phrase p;
      std::string error;
      if (ParsePhrase(t, flavor, WordMode::kNounEnding, false, dict, &p, &error))
        for (const auto& w : p)
          (section == kNouns ? dict->nouns : dict->adjectives).push_back(w.id);
      else
        report(l.number, fmt::format("word '{}': {}", t, error));
      continue;
    }
    if (section == kTime) {
      if (t[0] == '-') {
        report(l.number, fmt::format("time pattern '{}' is not supported", t));
        continue;
      }
      Bracketed br = SplitBrackets(t);
      if (br.blocks.size() != 1 || br.head.empty()) {
        report(l.number, fmt::format("expected 'PHRASE [shift]' in <TIME>, got '{}'", t));
        continue;
      }
      TimeEntry te;
      std::string code;
      for (char c : br.blocks[0])
        if (c != ' ') code.push_back(c);
      if (code == "###") {
        te.kind = CodeSpec::kDiscard;
      } else if (code == "+++") {
        te.kind = CodeSpec::kComplex;
      } else if (code == "---") {
        te.kind = CodeSpec::kNull;
      } else {
        try {
          te.shift = std::stoi(code);
        } catch (...) {
          report(l.number,
                 fmt::format("bad time shift '[{}]' (want [-1], [+7], ...)", br.blocks[0]));
          continue;
        }
      }
      std::vector<Item> items;
      std::string error;
      PatternParser parser(dict, flavor);
      if (!Lex(br.head, flavor, &items, &error) ||
          !parser.Elements(items, 0, items.size(), &te.words, &error)) {
        report(l.number, fmt::format("time phrase '{}': {}", br.head, error));
        continue;
      }
      dict->times.push_back(std::move(te));
      continue;
    }
    synset = -1;
    if (t.rfind("---", 0) == 0 && flavor == Flavor::kPetrarch) {  // "--- NAME [CODE] ---"
      std::string inner(Trim(std::string_view(t).substr(3)));
      while (!inner.empty() && inner.back() == '-') inner.pop_back();
      Bracketed br = SplitBrackets(inner);
      VerbBlock b;
      b.name = br.head;
      if (!br.blocks.empty() && !ParseCode(br.blocks[0], &b.code))
        report(l.number, fmt::format("bad block code '[{}]'", br.blocks[0]));
      r.block = static_cast<int>(dict->blocks.size());
      dict->blocks.push_back(std::move(b));
      continue;
    }
    if (t[0] == '-' || (t[0] == '*' && flavor == Flavor::kPetrarch)) {
      if (t[0] == '*')
        report(l.number, fmt::format("pattern '{}' lacks its leading '-'; read as a pattern", t));
      r.ParsePattern(l, t[0] == '-' ? std::string_view(t).substr(1) : std::string_view(t));
      continue;
    }
    if (t[0] == '{' && flavor == Flavor::kTabari) {  // forms of the last root verb
      if (r.block < 0 || dict->verbs.empty()) {
        report(l.number, fmt::format("verb forms '{}' before any verb", t));
        continue;
      }
      size_t end;
      CodeSpec code = dict->blocks[r.block].code;
      for (const auto& w : BraceWords(t, 0, &end)) r.ParseForm(l, w, code, false, w);
      continue;
    }
    // A verb line. TABARI: "ROOT [CODE]" starts a block of its own. PETRARCH: "VERB {FORMS}
    // [CODE]" joins the current block.
    Bracketed br = SplitBrackets(t);
    std::string head = br.head;
    std::vector<std::string> forms;
    if (size_t lb = head.find('{'); lb != std::string::npos) {
      size_t end;
      forms = BraceWords(head, lb, &end);
      head = std::string(Trim(head.substr(0, lb)));
    }
    if (head.empty()) {
      report(l.number, fmt::format("expected a verb, got '{}'", t));
      continue;
    }
    CodeSpec code;
    if (!br.blocks.empty() && !ParseCode(br.blocks[0], &code)) {
      report(l.number, fmt::format("bad code '[{}]' for verb '{}'", br.blocks[0], head));
      continue;
    }
    if (flavor == Flavor::kTabari) {
      VerbBlock b;
      b.name = head;
      b.code = code;
      r.block = static_cast<int>(dict->blocks.size());
      dict->blocks.push_back(std::move(b));
    } else {
      if (r.block < 0) {
        VerbBlock b;
        b.name = head;
        r.block = static_cast<int>(dict->blocks.size());
        dict->blocks.push_back(std::move(b));
      }
      if (br.blocks.empty()) code = dict->blocks[r.block].code;
    }
    r.ParseForm(l, head, code, flavor == Flavor::kPetrarch && head.find('+') == std::string::npos,
                head);
    for (const auto& f : forms) r.ParseForm(l, f, code, false, head);
  }
  for (const auto& s : dict->synsets) {
    if (s.members.empty())
      report(0, fmt::format("synset '{}' is used but never defined; it matches nothing", s.name));
  }
}

}  // namespace dyad::peers
