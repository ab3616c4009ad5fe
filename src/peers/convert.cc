#include "peers/convert.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "peers/read_util.h"

namespace dyad::peers {

namespace {

// "file:line" -> {"file", line}.
std::pair<std::string, int> SplitOrigin(const std::string& origin) {
  size_t colon = origin.rfind(':');
  if (colon == std::string::npos) return {origin, 0};
  try {
    return {origin.substr(0, colon), std::stoi(origin.substr(colon + 1))};
  } catch (...) {
    return {origin, 0};
  }
}

bool IsFunctionWord(const std::string& w) {
  static const std::set<std::string> kWords = {"OF", "THE", "AND", "FOR", "IN", "ON",  "AT",
                                               "TO", "DE",  "DU",  "DES", "LA", "LE",  "EL",
                                               "AL", "VAN", "VON", "BIN", "DA", "DEL", "Y"};
  return kWords.count(w) > 0;
}

// A peer word as dyad writes a name: "NORLAND" -> "Norland", "OF" -> "of", "IMF" and "U.S." kept.
std::string NameWord(const std::string& w) {
  bool vowel = false, digit = false, dot = false;
  for (char c : w) {
    vowel = vowel || std::string_view("AEIOUY").find(c) != std::string_view::npos;
    digit = digit || std::isdigit(static_cast<unsigned char>(c));
    dot = dot || c == '.';
  }
  if (dot || digit || (w.size() <= 4 && !vowel)) return w;
  std::string out = w;
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!IsFunctionWord(w))
    out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Converter {
  const PeerDictionary& dict;
  const DyadVocabulary& vocab;
  Conversion out;

  void Lost(const std::string& origin, std::string what) {
    auto [file, line] = SplitOrigin(origin);
    out.lost.push_back({file, line, std::move(what)});
  }
  void Add(std::vector<DyadLine>* to, const std::string& origin, std::string text) {
    auto [file, line] = SplitOrigin(origin);
    to->push_back({file, line, std::move(text)});
  }

  // A phrase as dyad's words; notes what dyad cannot keep.
  std::string Words(const Phrase& p, bool names, std::vector<std::string>* losses) {
    std::string text;
    for (size_t k = 0; k < p.size(); ++k) {
      const std::string& w = dict.WordText(p[k].id);
      if (dict.ModeOf(p[k].id) == WordMode::kStem && dict.flavor == Flavor::kTabari)
        losses->push_back(fmt::format("stem '{}' kept as a whole word", w));
      text += (k ? " " : "") + (names ? NameWord(w) : Lower(w));
      if (k + 1 < p.size() && !p[k].next_adjacent)
        losses->push_back("words may stand between in the original; dyad needs them together");
    }
    return text;
  }

  void Actors() {
    std::map<uint32_t, std::vector<const Phrase*>> phrases;
    for (const auto& ap : dict.actor_phrases) phrases[ap.entry].push_back(&ap.words);
    for (uint32_t i = 0; i < dict.actors.size(); ++i) {
      const ActorEntry& e = dict.actors[i];
      std::vector<std::string> losses;
      std::string names;
      for (const Phrase* p : phrases[i]) {
        std::string n = Words(*p, true, &losses);
        if (names.find(n) == std::string::npos) names += (names.empty() ? "" : "; ") + n;
      }
      if (names.empty()) continue;
      std::vector<CodeRow> rows = e.rows;
      if (rows.empty()) rows.push_back({"---"});  // no code: names no actor
      int written = 0;
      for (const CodeRow& r : rows) {
        std::string code = r.code;
        if (code == "---") code = "-";
        bool valid = code == "-" || (code.size() % 3 == 0 && code.size() <= 15 &&
                                     std::all_of(code.begin(), code.end(), [](char c) {
                                       return std::isupper(static_cast<unsigned char>(c)) ||
                                              std::isdigit(static_cast<unsigned char>(c)) ||
                                              c == '-';
                                     }));
        if (!valid) {
          Lost(e.origin, fmt::format("actor '{}' code '{}' dropped: {}", e.name, r.code,
                                     r.code == "###"   ? "dyad has no discard codes"
                                     : r.code == "+++" ? "dyad has no complexity codes"
                                     : r.code.find('/') != std::string::npos
                                         ? "dyad has no compound codes"
                                         : "not a code of 3-letter parts"));
          continue;
        }
        std::string from = r.dated && r.from > INT32_MIN + 1 ? FormatDate(r.from) : "";
        std::string to = r.dated && r.to < INT32_MAX ? FormatDate(r.to) : "";
        Add(&out.actors, e.origin,
            r.dated ? fmt::format("{} | {} | {} | {}", names, code, from, to)
                    : fmt::format("{} | {}", names, code));
        ++written;
      }
      Tally(e.origin, fmt::format("actor '{}'", e.name), written > 0, losses);
    }
  }

  void Tally(const std::string& origin, const std::string& what, bool written,
             const std::vector<std::string>& losses) {
    if (!written) {
      ++out.dropped;
      return;
    }
    if (losses.empty()) {
      ++out.carried;
      return;
    }
    ++out.lossy;
    std::set<std::string> seen(losses.begin(), losses.end());
    std::string all;
    for (const auto& l : seen) all += (all.empty() ? "" : "; ") + l;
    Lost(origin, fmt::format("{} carried with a loss: {}", what, all));
  }

  void Agents() {
    for (const AgentEntry& a : dict.agents) {
      std::vector<std::string> losses;
      std::string words = Words(a.words, false, &losses);
      std::string role = a.code.substr(0, 3);
      if (!vocab.known_role(role)) {
        Lost(a.origin, fmt::format("agent '{}' code '{}' dropped: dyad has no role '{}'", a.name,
                                   a.code, role));
        ++out.dropped;
        continue;
      }
      if (a.code.size() > 3)
        losses.push_back(
            fmt::format("sub-role '{}' dropped (dyad keeps one role)", a.code.substr(3)));
      if (a.prefix)
        losses.push_back(
            fmt::format("'{}~' written before the actor's code; dyad writes roles after", a.code));
      Add(&out.agents, a.origin, fmt::format("{} | {}", words, role));
      Tally(a.origin, fmt::format("agent '{}'", a.name), true, losses);
    }
  }

  // TABARI's stems ("CRITICI") become words dyad matches with their inflections only.
  std::vector<std::string> stem_losses_, slot_losses_;
  void StemLoss(uint32_t id) {
    if (dict.flavor == Flavor::kTabari && dict.ModeOf(id) == WordMode::kStem)
      stem_losses_.push_back(fmt::format("stem '{}' kept as a whole word", dict.WordText(id)));
  }

  // A pattern element sequence as dyad pattern tokens; false when it cannot be carried.
  bool Elems(const ElemSeq& seq, std::vector<std::string>* toks, std::string* why) {
    for (size_t k = 0; k < seq.size(); ++k) {
      const Elem& e = seq[k];
      switch (e.kind) {
        case Elem::kWord:
          toks->push_back(Lower(dict.WordText(e.id)));
          StemLoss(e.id);
          break;
        case Elem::kSource:
          toks->push_back("$");
          break;
        case Elem::kTarget:
          toks->push_back("+");
          break;
        case Elem::kSkip:
          toks->push_back("...");
          break;
        case Elem::kCompound:
          *why = "'%' (a compound acting on itself) has no dyad equivalent";
          return false;
        case Elem::kSynset:
        case Elem::kAlternatives: {
          const auto& options =
              e.kind == Elem::kSynset ? dict.synsets[e.id].members : e.alternatives;
          std::string alt;
          for (const ElemSeq& m : options) {
            if (m.size() != 1 || m[0].kind != Elem::kWord) {
              *why = e.kind == Elem::kSynset
                         ? fmt::format("synset &{} has phrases; dyad alternatives are single words",
                                       dict.synsets[e.id].name)
                         : "alternatives of several words";
              return false;
            }
            alt += (alt.empty() ? "" : "|") + Lower(dict.WordText(m[0].id));
          }
          if (alt.empty()) {
            *why = "an empty synset";
            return false;
          }
          toks->push_back(alt);
          break;
        }
      }
      if (k + 1 < seq.size() && !e.next_adjacent) toks->push_back("...");
    }
    return true;
  }

  void Verbs() {
    std::map<uint32_t, std::vector<const VerbForm*>> forms;
    for (const auto& f : dict.verbs) forms[f.block].push_back(&f);
    for (uint32_t b = 0; b < dict.blocks.size(); ++b) {
      // The verb slot: the block's one-word forms as alternatives; longer forms go alone.
      std::vector<std::pair<std::string, const VerbForm*>> slots;
      std::string single;
      const VerbForm* first = nullptr;
      for (const VerbForm* f : forms[b]) {
        if (f->before.empty() && f->after.empty()) {
          std::string w = Lower(dict.WordText(f->verb));
          if (("|" + single + "|").find("|" + w + "|") == std::string::npos)
            single += (single.empty() ? "" : "|") + w;
          if (first == nullptr) first = f;
        } else {
          std::string w;
          for (const auto& pw : f->before) w += Lower(dict.WordText(pw.id)) + " ";
          w += Lower(dict.WordText(f->verb));
          for (const auto& pw : f->after)
            w += (f->after_adjacent ? " " : " ... ") + Lower(dict.WordText(pw.id));
          slots.push_back({w, f});
        }
      }
      if (!single.empty()) slots.insert(slots.begin(), {single, first});
      slot_losses_.clear();
      for (const VerbForm* f : forms[b]) {
        if (dict.flavor == Flavor::kTabari && dict.ModeOf(f->verb) == WordMode::kStem)
          slot_losses_.push_back(
              fmt::format("verb stem '{}' kept as a whole word", dict.WordText(f->verb)));
      }
      // A verb's own code differs from its block's: its bare pattern says so.
      for (const auto& [verb, form] : slots) {
        if (form->code.kind == CodeSpec::kNull) continue;  // alone, the verb codes nothing
        peers::Pattern bare;
        bare.code = form->code;
        bare.origin = form->origin;
        bare.text = form->name;
        AddPattern(bare, verb);
      }
      for (uint32_t pi : dict.blocks[b].patterns) {
        for (const auto& [verb, form] : slots) AddPattern(dict.patterns[pi], verb);
      }
    }
  }

  void AddPattern(const peers::Pattern& p, const std::string& verb) {
    const std::string what = fmt::format("pattern '{}'", p.text);
    if (p.code.kind != CodeSpec::kEvent) {
      Lost(p.origin, fmt::format("{} dropped: code {} has no dyad equivalent", what,
                                 p.code.kind == CodeSpec::kNull      ? "--- (no event)"
                                 : p.code.kind == CodeSpec::kDiscard ? "### (discard)"
                                                                     : "+++ (too complex)"));
      ++out.dropped;
      return;
    }
    std::vector<std::string> losses = slot_losses_;
    stem_losses_.clear();
    std::string code = p.code.code;
    if (code.empty()) {
      Lost(p.origin,
           fmt::format("{} dropped: only a target-to-source code '{}'", what, p.code.paired));
      ++out.dropped;
      return;
    }
    if (!p.code.paired.empty())
      losses.push_back(fmt::format("paired code ':{}' dropped", p.code.paired));
    if (p.code.subordinate || p.code.dominant) losses.push_back("'?'/'!' marks dropped");
    if (!vocab.known_code(code)) {
      Lost(p.origin,
           fmt::format("{} dropped: '{}' is not a CAMEO code in dyad's ontology", what, code));
      ++out.dropped;
      return;
    }
    std::vector<std::string> toks;
    std::string why;
    if (!Elems(p.upper, &toks, &why)) {
      Lost(p.origin, fmt::format("{} dropped: {}", what, why));
      ++out.dropped;
      return;
    }
    if (!p.upper.empty() && !p.upper.back().next_adjacent) toks.push_back("...");
    toks.push_back(verb);
    if (!p.lower.empty() && !p.verb_adjacent_lower) toks.push_back("...");
    if (!Elems(p.lower, &toks, &why)) {
      Lost(p.origin, fmt::format("{} dropped: {}", what, why));
      ++out.dropped;
      return;
    }
    while (!toks.empty() && toks.front() == "...") toks.erase(toks.begin());
    while (!toks.empty() && toks.back() == "...") toks.pop_back();
    for (const auto& t : toks) {
      if (t == "...") losses.push_back("gaps are at most 5 words in dyad");
    }
    losses.insert(losses.end(), stem_losses_.begin(), stem_losses_.end());
    std::string text = code;
    for (const auto& t : toks) text += " " + t;
    Add(&out.verbs, p.origin, text);
    Tally(p.origin, what, true, losses);
  }

  void Issues() {
    std::map<uint32_t, std::vector<const Phrase*>> phrases;
    for (const auto& ip : dict.issue_phrases) phrases[ip.issue].push_back(&ip.words);
    for (uint32_t i = 0; i < dict.issues.size(); ++i) {
      const IssueEntry& e = dict.issues[i];
      if (e.code.empty()) {
        Lost(e.origin, "ignore phrase dropped: dyad issues have no ignore phrases");
        ++out.dropped;
        continue;
      }
      std::string context = Lower(e.code);
      if (!vocab.known_context(context)) {
        Lost(e.origin, fmt::format("issue '{}' dropped: dyad's contexts are PLOVER's", e.code));
        ++out.dropped;
        continue;
      }
      std::vector<std::string> losses;
      std::string words;
      for (const Phrase* p : phrases[i])
        words += (words.empty() ? "" : "; ") + Words(*p, false, &losses);
      Add(&out.issues, e.origin, fmt::format("{} | {}", words, context));
      Tally(e.origin, fmt::format("issue '{}'", e.code), true, losses);
    }
  }
};

}  // namespace

Conversion ToDyad(const PeerDictionary& dict, const DyadVocabulary& vocab) {
  Converter c{dict, vocab, {}};
  c.Actors();
  c.Agents();
  c.Verbs();
  c.Issues();
  for (const auto& d : dict.discards) {
    c.Lost(d.origin, fmt::format("discard '{}' dropped: dyad has no discard list", d.text));
    ++c.out.dropped;
  }
  return std::move(c.out);
}

Kind DetectKind(const std::string& name, std::string_view content) {
  std::string n = Upper(name);
  if (n.find("OPTION") != std::string::npos) return Kind::kOptions;
  if (n.find("DISCARD") != std::string::npos) return Kind::kDiscards;
  if (n.find("ISSUE") != std::string::npos) return Kind::kIssues;
  if (n.find("AGENT") != std::string::npos) return Kind::kAgents;
  if (n.find("VERB") != std::string::npos || n.find("CAMEO") != std::string::npos)
    return Kind::kVerbs;
  if (n.find("ACTOR") != std::string::npos) return Kind::kActors;
  if (DetectFormat(Kind::kOptions, content) != Format::kUnknown) return Kind::kOptions;
  if (DetectFormat(Kind::kVerbs, content) == Format::kPetrarch) return Kind::kVerbs;
  if (content.find("[~") != std::string_view::npos || content.find("~]") != std::string_view::npos)
    return Kind::kAgents;
  return Kind::kActors;
}

}  // namespace dyad::peers
