// Actor mentions: dictionary atoms grouped into noun phrases, compounds, appositions and
// references.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "coder/sentence.h"

namespace dyad::coder {
namespace {

// Words that may stand before or between the parts of an actor phrase without ending it.
constexpr std::array<std::string_view, 69> kModifiers = {
    // Quantities before an actor: "more than 1,400 Syrian civilians", "nearly 300 protesters".
    "more",         "than",      "nearly",   "almost",   "roughly", "approximately",
    "fewer",        "the",       "a",        "an",       "its",     "their",
    "his",          "her",       "this",     "these",    "those",   "some",
    "several",      "many",      "two",      "three",    "four",    "five",
    "six",          "seven",     "eight",    "nine",     "ten",     "dozens",
    "hundreds",     "thousands", "of",       "senior",   "top",     "high-ranking",
    "high-level",   "new",       "former",   "chief",    "deputy",  "vice",
    "acting",       "visiting",  "outgoing", "incoming", "local",   "state-run",
    "state-owned",  "state",     "official", "then",     "newly",   "ruling",
    "main",         "other",     "fellow",   "junior",   "leading", "prominent",
    "unidentified", "unnamed",   "own",      "national", "federal", "provincial",
    "current",      "exiled"};
constexpr std::array<std::string_view, 19> kPrepositions = {
    "of",   "with",    "to",    "from",   "in",      "on",   "at", "for",  "against", "near",
    "over", "between", "about", "toward", "towards", "into", "by", "than", "around"};
constexpr std::array<std::string_view, 14> kReferenceHeads = {
    "countries", "sides",  "nations",   "governments", "leaders", "neighbours", "neighbors",
    "states",    "powers", "ministers", "nation",      "country", "side",       "parties"};

struct Atom {
  uint32_t first = 0, last = 0;
  bool actor = false;
  uint32_t entry = 0;
};

bool WordMatches(const Token& t, const lexicon::WordMatcher& w, bool headline) {
  if (w.exact ? t.exact != w.id : t.name != w.id) return false;
  return !w.capital || t.capitalized || headline;
}

// The longest dictionary phrase of `index` starting at token i; returns its length (0 if none).
template <typename Entries>
uint32_t Longest(const Entries& entries, const lexicon::PhraseIndex& index,
                 const std::vector<uint32_t>* by_name, const Sentence& s, uint32_t i, bool headline,
                 uint32_t* entry) {
  uint32_t best = 0;
  const std::vector<uint32_t>* by_exact =
      s.tokens[i].exact != 0 ? index.Candidates(s.tokens[i].exact) : nullptr;
  for (const std::vector<uint32_t>* cands : {by_exact, by_name}) {
    if (cands == nullptr) continue;
    for (uint32_t c : *cands) {
      const auto& words = entries[c].words;
      if (words.size() <= best) break;  // sorted longest first
      if (i + words.size() > s.tokens.size()) continue;
      bool ok = true;
      for (size_t k = 0; k < words.size() && ok; ++k)
        ok = WordMatches(s.tokens[i + k], words[k], headline);
      if (ok) {
        best = static_cast<uint32_t>(words.size());
        *entry = c;
      }
    }
  }
  return best;
}

// The entry of a one-word state name with this name id, or -1.
int SingleWordState(const Lexicon& lex, uint32_t part) {
  if (part == 0) return -1;
  const auto* cands = lex.actor_index.Candidates(part);
  if (cands == nullptr) return -1;
  for (uint32_t c : *cands) {
    if (lex.actors[c].words.size() == 1 && !lex.actors[c].person) return static_cast<int>(c);
  }
  return -1;
}

std::vector<Atom> FindAtoms(const Lexicon& lex, const Sentence& s) {
  bool headline = true;
  for (const Token& t : s.tokens) {
    if (!t.punct && !t.number && !t.all_caps) headline = false;
  }
  std::vector<Atom> atoms;
  for (uint32_t i = 0; i < s.tokens.size();) {
    if (s.tokens[i].punct && s.tokens[i].name == 0) {
      ++i;
      continue;
    }
    uint32_t actor_entry = 0, agent_entry = 0;
    uint32_t a = Longest(lex.actors, lex.actor_index, s.tokens[i].actor_starts, s, i, headline,
                         &actor_entry);
    uint32_t g = Longest(lex.agents, lex.agent_index, s.tokens[i].agent_starts, s, i, headline,
                         &agent_entry);
    // "Iranian-backed", "Japan-based": the state in a hyphenated modifier (two states, as in
    // "China-Japan", are left to HyphenatedActors, which makes a compound).
    if (a == 0 && g == 0 && s.tokens[i].parts[0] != 0) {
      int single = SingleWordState(lex, s.tokens[i].parts[0]);
      if (single >= 0 && SingleWordState(lex, s.tokens[i].parts[1]) < 0) {
        atoms.push_back({i, i + 1, true, static_cast<uint32_t>(single)});
        ++i;
        continue;
      }
    }
    if (a == 0 && g == 0) {
      ++i;
      continue;
    }
    if (a >= g)
      atoms.push_back({i, i + a, true, actor_entry});
    else
      atoms.push_back({i, i + g, false, agent_entry});
    i += std::max(a, g);
  }
  return atoms;
}

std::string CountryOf(const std::string& code) { return code.substr(0, 3); }

// Builds the code of a phrase from its parts.
bool IsOrganisationCode(const std::string& code) {
  return code.rfind("IGO", 0) == 0 || code.rfind("NGO", 0) == 0;
}

// A non-state organisation keeps its own role whatever member noun follows: "Hamas official",
// "Islamic State fighters", "Red Cross officials" stay the organisation.
bool KeepsOwnRole(const std::string& actor) {
  static const std::set<std::string> kNonState = {"REB", "INS", "SEP", "UAF", "OPP", "PTY", "NGO",
                                                  "HRI", "REL", "LAB", "MED", "BUS", "CRM", "ENV"};
  return IsOrganisationCode(actor) || (actor.size() >= 6 && kNonState.count(actor.substr(3, 3)));
}

std::string Compose(const std::string& person, const std::string& actor, const std::string& role) {
  if (!person.empty()) return person;
  if (!actor.empty()) {
    if (role.empty() || KeepsOwnRole(actor)) return actor;
    return CountryOf(actor) + role;
  }
  return role.empty() ? "" : "---" + role;
}

}  // namespace

bool IsModifierWord(std::string_view lower) { return InList(kModifiers, lower); }
bool IsPrepositionWord(std::string_view lower) { return InList(kPrepositions, lower); }

void DocumentMemory::NoteCountry(const std::string& code) {
  std::string c = CountryOf(code);
  if (c == "---" || c == "IGO" || c == "NGO") return;
  auto it = std::find(recent_countries.begin(), recent_countries.end(), c);
  if (it != recent_countries.end()) recent_countries.erase(it);
  recent_countries.push_back(c);
}

void WordCache::StartDocument() {
  if (ids_.size() > 500000) ids_.clear();  // bound memory on endless streams of new words
}

void WordCache::Fill(const Lexicon& lex, lexicon::Stemmer& stemmer, Token* t) {
  if (t->lower.size() > 64) {  // no dictionary word is this long; never cache it
    t->id = t->name = t->classes = 0;
    t->parts = {0, 0};
    t->exact = 0;
    return;
  }
  auto it = ids_.find(t->lower);
  if (it == ids_.end()) {
    Ids ids{lex.vocab.Lookup(t->lower, stemmer),
            lex.vocab.LookupName(t->lower),
            ClassesOf(t->lower),
            {0, 0},
            nullptr,
            nullptr,
            nullptr,
            nullptr};
    if (ids.name != 0) {
      ids.actor_starts = lex.actor_index.Candidates(ids.name);
      ids.agent_starts = lex.agent_index.Candidates(ids.name);
    }
    if (ids.stem != 0) {
      ids.issue_starts = lex.issue_index.Candidates(ids.stem);
      if (ids.stem < lex.patterns_by_anchor.size() && !lex.patterns_by_anchor[ids.stem].empty()) {
        ids.anchored = &lex.patterns_by_anchor[ids.stem];
      }
    }
    size_t dash = t->lower.find('-');
    if (dash != std::string::npos && dash > 0) {
      // A part is looked up as a name, or in capitals as an abbreviation ("US-Japan", "U.S.-led").
      auto part = [&](std::string_view w) {
        uint32_t id = lex.vocab.LookupName(w);
        if (id != 0 || w.size() > 6) return id;
        std::string upper(w);
        for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        return lex.vocab.LookupExact(upper);
      };
      ids.parts[0] = part(std::string_view(t->lower).substr(0, dash));
      size_t next = t->lower.find('-', dash + 1);
      ids.parts[1] = part(std::string_view(t->lower).substr(dash + 1, next - dash - 1));
    }
    it = ids_.emplace(t->lower, ids).first;
  }
  t->parts = it->second.parts;
  t->actor_starts = it->second.actor_starts;
  t->agent_starts = it->second.agent_starts;
  t->issue_starts = it->second.issue_starts;
  t->anchored = it->second.anchored;
  t->classes = it->second.classes;
  t->id = it->second.stem;
  t->name = it->second.name;
  if (t->all_caps || t->punct) t->exact = lex.vocab.LookupExact(t->text);
}

namespace {

// Groups atoms into phrase mentions: [determiners/modifiers] actor/agent parts ['s] ... [of actor].
void GroupAtoms(const Lexicon& lex, Day date, const std::vector<Atom>& atoms, Sentence* s,
                std::vector<std::string>* trace) {
  auto& toks = s->tokens;
  std::vector<int> atom_at(toks.size(), -1);
  for (size_t k = 0; k < atoms.size(); ++k) atom_at[atoms[k].first] = static_cast<int>(k);
  const bool explain = trace != nullptr;
  // Words that may stand between the parts of an actor phrase: listed modifiers, numbers, and up to
  // two plain adjectives no dictionary knows ("a Japanese pharmaceutical company employee") - never
  // a word a verb pattern uses, so "Japan criticised officials" stays two phrases.
  auto plain_adjective = [&](const Token& t) {
    std::string_view w = t.lower;
    if (t.id != 0 || t.classes != 0 || t.punct || t.number || t.capitalized || w.size() < 3)
      return false;
    if (w.size() > 3 && (w.substr(w.size() - 2) == "ed" || w.substr(w.size() - 3) == "ing"))
      return false;
    return true;
  };
  auto skip_modifiers = [&](uint32_t j) {
    uint32_t k = j;
    int plain = 0;
    while (k < toks.size() && k - j < 4 && atom_at[k] < 0 && toks[k].lower != "of") {
      if (toks[k].number || (toks[k].classes & kModifier)) {
        ++k;
      } else if (plain < 2 && plain_adjective(toks[k])) {
        ++plain;
        ++k;
      } else {
        break;
      }
    }
    return k;
  };
  for (uint32_t i = 0; i < toks.size();) {
    uint32_t start = i;
    uint32_t j = skip_modifiers(i);
    if (j >= toks.size() || atom_at[j] < 0) {
      ++i;
      continue;
    }
    std::string person, actor, role, why;
    bool place = false, role_of = false;
    bool any_actor = false;
    uint32_t end = j;
    while (j < toks.size() && atom_at[j] >= 0) {
      const Atom& a = atoms[atom_at[j]];
      if (a.actor) {
        const auto& e = lex.actors[a.entry];
        const auto& row = e.RowFor(date);
        if (row.code == "-") {  // a phrase that names no actor ("East China Sea")
          end = a.last;
          break;
        }
        if (e.person) {
          if (!person.empty()) break;
          person = row.code;
        } else {
          if (any_actor) break;  // a second state starts a new mention
          actor = row.code;
          place = e.place;
          // "a Tokyo-based analyst": a capital names where someone works, not its government.
          std::string_view w = toks[a.first].lower;
          bool based = (w.size() > 6 && w.substr(w.size() - 6) == "-based") ||
                       (a.last + 1 < toks.size() && toks[a.last].lower == "-" &&
                        toks[a.last + 1].lower == "based");
          if (based && actor.size() > 3) actor = actor.substr(0, 3);
        }
        any_actor = true;
        if (explain) {
          why += fmt::format("{}'{}' {} ({}{}) ", why.empty() ? "" : "+ ", e.name, row.code,
                             row.origin, row.role.empty() ? "" : ", " + row.role);
        }
      } else {
        const auto& g = lex.agents[a.entry];
        if (role.empty()) role = g.role;
        if (explain)
          why += fmt::format("{}agent '{}' {} ({}) ", why.empty() ? "" : "+ ", g.name, g.role,
                             g.origin);
      }
      end = a.last;
      j = a.last;
      uint32_t k = j;
      if (k < toks.size() && toks[k].lower == "'s") ++k;
      // "U.S.-led forces", "Iranian-backed militias": the participle links the state to the role.
      if (k + 1 < toks.size() && toks[k].lower == "-" && toks[k].end == toks[k + 1].begin &&
          (toks[k + 1].lower == "led" || toks[k + 1].lower == "backed" ||
           toks[k + 1].lower == "based" || toks[k + 1].lower == "run" ||
           toks[k + 1].lower == "owned" || toks[k + 1].lower == "sponsored" ||
           toks[k + 1].lower == "funded" || toks[k + 1].lower == "controlled" ||
           toks[k + 1].lower == "allied")) {
        k += 2;
      }
      k = skip_modifiers(k);
      if (k < toks.size() && atom_at[k] >= 0) {
        // After "'s" continue only into an agent or a person ("Japan's foreign minister", "Japan's
        // Toshimitsu Motegi"), not into another state ("Japan's China policy").
        const Atom& next = atoms[atom_at[k]];
        bool possessive = toks[j].lower == "'s";
        if (possessive && next.actor && !lex.actors[next.entry].person) break;
        j = k;
        continue;
      }
      break;
    }
    // "the foreign ministry of Japan", "the captain of a Chinese trawler", "a first secretary at
    // the Chinese embassy", "officials from Japan": a role takes the country of the phrase after
    // it, whose own agents ("trawler", "embassy") stay inside this mention.
    std::string_view link = end < toks.size() ? std::string_view(toks[end].lower) : "";
    if (actor.empty() && person.empty() && !role.empty() && end + 1 < toks.size() &&
        (link == "of" || link == "at" || link == "from" || link == "for")) {
      uint32_t k = skip_modifiers(end + 1);
      if (k < toks.size() && atom_at[k] >= 0 && atoms[atom_at[k]].actor) {
        const Atom& a = atoms[atom_at[k]];
        const auto& e = lex.actors[a.entry];
        const auto& row = e.RowFor(date);
        if (!e.person && row.code != "-") {
          actor = row.code;
          role_of = true;
          if (explain) why += fmt::format("+ {} '{}' {} ({}) ", link, e.name, actor, row.origin);
          end = a.last;
          for (uint32_t q = skip_modifiers(end);
               q < toks.size() && atom_at[q] >= 0 && !atoms[atom_at[q]].actor;
               q = skip_modifiers(end)) {
            end = atoms[atom_at[q]].last;
          }
        }
      }
    }
    // "some 3,700 Chinese", "two Japanese": a nationality after a number means its people.
    if (person.empty() && role.empty() && !actor.empty() && actor.size() == 3 && start < j &&
        (toks[j - 1].number || toks[start].number)) {
      role = "CVL";
    }
    // "Chinese fans", "the Japanese team": a head noun coded `-` names no actor, so neither does
    // the phrase. Only a bare state is dropped; "a United Nations team" or "Xi's team" stay the
    // organisation or person.
    bool no_actor = role == "-" && person.empty() && actor.size() == 3;
    if (role == "-" && !no_actor) role.clear();
    std::string code = no_actor ? "" : Compose(person, actor, role);
    if (code.empty()) {
      i = end > i ? end : i + 1;
      continue;
    }
    Mention m;
    m.first = start;
    m.last = end;
    m.codes = {code};
    m.place = place && role.empty() && person.empty();
    m.role_of = role_of;
    m.person = !person.empty();
    m.has_role = code.size() > 3;
    m.why = why;
    s->mentions.push_back(std::move(m));
    i = end;
  }
}

// ", and" joins a list only between like actors (both bare states, or both with a role): in "the
// captain of the Chinese trawler, and China's foreign ministry lodged ..." it starts a new clause.
bool LikeActors(const Mention& a, const Mention& b) {
  return a.person == b.person && a.has_role == b.has_role;
}

bool IsJoiner(const Sentence& s, uint32_t from, uint32_t to, bool* is_and) {
  auto w = [&](uint32_t k) -> std::string_view { return s.tokens[from + k].lower; };
  uint32_t n = to - from;
  *is_and = (n == 1 && w(0) == "and") || (n == 2 && w(0) == "," && w(1) == "and") ||
            (n == 3 && w(0) == "as" && w(1) == "well" && w(2) == "as") ||
            (n == 2 && w(0) == "and" && w(1) == "the");
  return *is_and || (n == 1 && w(0) == ",");
}

constexpr size_t kMaxCompound = 12;

// "China, Japan and South Korea" -> one compound mention.
void MergeCompounds(Sentence* s) {
  auto& ms = s->mentions;
  bool any = false, is_and = false;
  for (size_t k = 0; k + 1 < ms.size() && !any; ++k)
    any = IsJoiner(*s, ms[k].last, ms[k + 1].first, &is_and);
  if (!any) return;
  std::vector<Mention> out;
  for (size_t k = 0; k < ms.size();) {
    size_t e = k;
    size_t last_and = k;
    bool is_and = false;
    while (e + 1 < ms.size() && IsJoiner(*s, ms[e].last, ms[e + 1].first, &is_and)) {
      if (s->tokens[ms[e].last].lower == "," && is_and && !LikeActors(ms[e], ms[e + 1])) break;
      ++e;
      if (is_and) last_and = e;
    }
    if (last_and == k) {
      out.push_back(ms[k]);
      ++k;
      continue;
    }
    Mention m = ms[k];
    std::string shared_role;
    // A role is shared only from a state's role phrase ("Japanese and Chinese officials"), never
    // from an organisation's code ("... and the European Union" is IGOEUR, not a role "EUR"). "The
    // leaders of China, Japan and South Korea": a role linked by "of" covers the whole list.
    if (ms[k].role_of && ms[k].codes.size() == 1 && ms[k].codes[0].size() == 6)
      shared_role = ms[k].codes[0].substr(3);
    const std::string& last_code = ms[last_and].codes[0];
    if (ms[last_and].has_role && !ms[last_and].person && last_code.rfind("IGO", 0) != 0 &&
        last_code.rfind("NGO", 0) != 0 && last_and - k >= 1 &&
        ms[last_and].last - ms[last_and].first > 1) {
      shared_role = last_code.substr(3);
    }
    // Members are distinct and bounded: "China and Japan and China ..." is two actors, and a list
    // of 186 states would otherwise make 186 x 185 events from one sentence.
    for (size_t j = k + 1; j <= last_and; ++j) {
      for (const auto& c : ms[j].codes) {
        if (m.codes.size() < kMaxCompound &&
            std::find(m.codes.begin(), m.codes.end(), c) == m.codes.end()) {
          m.codes.push_back(c);
        }
      }
      if (m.why.size() < 2000) m.why += "& " + ms[j].why;
    }
    for (auto& c : m.codes) {
      if (c.size() == 3 && !shared_role.empty() && c != "IGO") c += shared_role;
    }
    m.last = ms[last_and].last;
    m.person = false;
    m.why = "compound: " + m.why;
    out.push_back(std::move(m));
    k = last_and + 1;
  }
  ms.swap(out);
}

// "President Abdelaziz Bouteflika", "Foreign Minister Tran Xuan Gia": a title followed by a name no
// dictionary knows is one mention, and a person (so "he" can refer to it later).
void TitleNames(Sentence* s) {
  auto& toks = s->tokens;
  for (size_t k = 0; k < s->mentions.size(); ++k) {
    Mention& m = s->mentions[k];
    if (m.person || !m.has_role || m.codes.size() != 1 || m.last >= toks.size()) continue;
    uint32_t e = m.last;
    uint32_t limit =
        k + 1 < s->mentions.size() ? s->mentions[k + 1].first : static_cast<uint32_t>(toks.size());
    while (e < limit && e - m.last < 4 && toks[e].capitalized && !toks[e].punct &&
           toks[e].name == 0 && toks[e].classes == 0) {
      ++e;
    }
    if (e == m.last) continue;
    m.why += fmt::format("+ name '{}'", std::string(toks[m.last].text));
    m.last = e;
    m.person = true;
  }
}

// "Wang Yi, China's foreign minister," -> one mention.
void MergeAppositions(Sentence* s) {
  auto& ms = s->mentions;
  auto& toks = s->tokens;
  bool any = false;
  for (size_t k = 0; k + 1 < ms.size() && !any; ++k)
    any = ms[k + 1].first == ms[k].last + 1 && toks[ms[k].last].lower == ",";
  if (!any) return;
  std::vector<Mention> out;
  for (size_t k = 0; k < ms.size(); ++k) {
    Mention m = ms[k];
    if (k + 1 < ms.size() && ms[k + 1].first == m.last + 1 && toks[m.last].lower == "," &&
        m.codes.size() == 1 && ms[k + 1].codes.size() == 1) {
      const Mention& b = ms[k + 1];
      bool closes = b.last >= toks.size() || toks[b.last].punct;
      if (closes && (m.person || b.person || b.has_role) && (m.person != b.person || !m.has_role)) {
        if (!m.person) m.codes = b.codes;
        m.person = m.person || b.person;
        m.has_role = true;
        m.why += "apposition " + b.why;
        m.last = b.last;
        ++k;
      }
    }
    out.push_back(std::move(m));
  }
  ms.swap(out);
}

// An unknown name in apposition: "Zhan Qixiong, captain of a Chinese trawler," takes the role's
// code.
void NameAppositions(Sentence* s) {
  auto& toks = s->tokens;
  for (auto& m : s->mentions) {
    if (m.first < 2 || toks[m.first - 1].lower != "," || m.person) continue;
    if (!(m.last >= toks.size() || toks[m.last].punct)) continue;
    uint32_t p = m.first - 1;
    while (p > 0 && toks[p - 1].capitalized && !toks[p - 1].punct && toks[p - 1].mention < 0 &&
           m.first - p < 5)
      --p;
    if (p == m.first - 1 || (p == 0 && m.first - 1 - p < 2)) continue;
    m.why = fmt::format("name '{}' in apposition with ", std::string(toks[p].text)) + m.why;
    m.first = p;
  }
}

// A role with no country ("police", "rebels", "President Mwanawasa" when the name is unknown) takes
// the country of a place phrase in the sentence ("in Beijing", "in the Ivory Coast"), else of the
// only country the sentence names, else of the only country the document has named so far.
void InferUnknownCountries(Sentence* s, const DocumentMemory& memory) {
  auto& toks = s->tokens;
  std::string place, only;
  int distinct = 0;
  for (const auto& m : s->mentions) {
    for (const auto& c : m.codes) {
      std::string cc = c.substr(0, 3);
      if (cc == "---" || cc == "IGO" || cc == "NGO") continue;
      if (m.first > 0 && (toks[m.first - 1].lower == "in" || toks[m.first - 1].lower == "inside") &&
          place.empty()) {
        place = cc;
      }
      if (cc != only) ++distinct, only = cc;
    }
  }
  // Order: a place in this sentence; the country the story has been about (the last subject); the
  // only country this sentence names. The story comes before the sentence because in "a foreign
  // ministry spokesman urged Japan to ..." the one country named is usually the other side.
  std::string story = memory.last_subject.size() >= 3 ? memory.last_subject.substr(0, 3) : "";
  if (story == "---" || story == "IGO" || story == "NGO") story.clear();
  // "its ambassador", "their troops": the country of the sentence's first actor.
  for (auto& m : s->mentions) {
    std::string_view det = toks[m.first].lower;
    if ((det != "its" && det != "their") || m.codes.size() != 1 || m.codes[0].rfind("---", 0) != 0)
      continue;
    for (const auto& owner : s->mentions) {
      if (owner.first >= m.first) break;
      std::string cc = owner.codes[0].substr(0, 3);
      if (cc == "---") continue;
      m.codes[0] = cc + m.codes[0].substr(3);
      m.why += "; '" + std::string(det) + "' refers to " + cc;
      break;
    }
  }
  std::string fill = !place.empty() ? place : !story.empty() ? story : distinct == 1 ? only : "";
  if (fill.empty() && distinct == 0 && memory.recent_countries.size() == 1)
    fill = memory.recent_countries[0];
  if (fill.empty()) return;
  for (auto& m : s->mentions) {
    for (auto& c : m.codes) {
      if (c.rfind("---", 0) == 0 && c.size() > 3) {
        c = fill + c.substr(3);
        m.inferred = true;
        m.why += "; country from context: " + fill;
      }
    }
  }
}

void AddReferences(Sentence* s, DocumentMemory* memory) {
  auto& toks = s->tokens;
  bool any = false;
  for (const auto& t : toks) any = any || t.lower == "two" || t.lower == "both";
  if (!any) return;
  // The mention covering token t now (token marks go stale as references are inserted).
  auto covering = [&](uint32_t t) -> int {
    for (size_t k = 0; k < s->mentions.size(); ++k) {
      if (s->mentions[k].first <= t && t < s->mentions[k].last) return static_cast<int>(k);
    }
    return -1;
  };
  for (uint32_t i = 0; i + 1 < toks.size(); ++i) {
    uint32_t k = i;
    if (toks[k].lower == "the" && k + 1 < toks.size()) ++k;
    if (toks[k].lower != "two" && toks[k].lower != "both") continue;
    if (toks[k].lower == "both" && k != i) continue;
    uint32_t h = k + 1;
    if (h < toks.size() && (toks[h].lower == "asian" || toks[h].lower == "foreign")) ++h;
    if (h >= toks.size() || !InList(kReferenceHeads, toks[h].lower)) continue;
    // "The two leaders" may already be a role whose country was guessed or is unknown; the
    // reference is the better reading. Any other actor there stands.
    int taken = covering(h);
    if (taken >= 0) {
      const Mention& old = s->mentions[taken];
      bool guessed =
          old.inferred || std::all_of(old.codes.begin(), old.codes.end(),
                                      [](const std::string& c) { return c.rfind("---", 0) == 0; });
      if (!guessed || old.first < i || old.last > h + 1) continue;
      s->mentions.erase(s->mentions.begin() + taken);
    } else if (covering(i) >= 0) {
      continue;
    }
    // Countries named earlier in this sentence count too.
    std::vector<std::string> recent = memory->recent_countries;
    for (const auto& m : s->mentions) {
      if (m.first >= i) break;
      for (const auto& c : m.codes) {
        std::string cc = c.substr(0, 3);
        recent.erase(std::remove(recent.begin(), recent.end(), cc), recent.end());
        if (cc != "---" && cc != "IGO" && cc != "NGO") recent.push_back(cc);
      }
    }
    if (recent.size() < 2) continue;
    std::string_view head = toks[h].lower;
    std::string role =
        (head == "governments" || head == "leaders" || head == "ministers") ? "GOV" : "";
    // "Both sides" are the actors last named for those countries, roles included ("senior diplomats
    // met ... both sides agreed"); "the two countries" are the states.
    auto side = [&](const std::string& country) {
      if (!role.empty()) return country + role;
      if (head != "sides" && head != "side" && head != "parties") return country;
      std::string full = country;
      auto it = memory->last_code.find(country);
      if (it != memory->last_code.end()) full = it->second;
      for (const auto& m : s->mentions) {
        if (m.first >= i) break;
        for (const auto& c : m.codes)
          if (c.rfind(country, 0) == 0) full = c;
      }
      return full;
    };
    Mention m;
    m.first = i;
    m.last = h + 1;
    m.codes = {side(recent[recent.size() - 2]), side(recent.back())};
    m.has_role = !role.empty();
    m.why = fmt::format("'{}' refers to the last two countries named", std::string(toks[h].text));
    auto pos = std::find_if(s->mentions.begin(), s->mentions.end(),
                            [&](const Mention& x) { return x.first > i; });
    s->mentions.insert(pos, std::move(m));
    i = h;
  }
}

void AddPronouns(Sentence* s, DocumentMemory* memory) {
  auto& toks = s->tokens;
  for (uint32_t i = 0; i < toks.size(); ++i) {
    std::string_view w = toks[i].lower;
    std::string code, why;
    if ((w == "him" || w == "her" || w == "them") && i > 0) {
      // An object pronoun: the nearest actor named before it in an earlier clause of the sentence.
      const Mention* found = nullptr;
      for (const auto& m : s->mentions) {
        if (m.last > i) break;
        found = &m;
      }
      if (found == nullptr ||
          (w == "her" && i + 1 < toks.size() && !toks[i + 1].punct && toks[i + 1].mention < 0 &&
           !(toks[i + 1].classes & (kPreposition | kFunction)))) {
        continue;  // "her" before a noun is a possessive determiner
      }
      code = found->codes[0];
      why = "pronoun: the nearest actor before it";
    } else if ((w == "he" || w == "she") && !memory->last_person.empty()) {
      code = memory->last_person;
      why = "pronoun: the last person named";
    } else if ((w == "it" || w == "they") && i == 0 && !memory->last_subject.empty()) {
      code = memory->last_subject;
      why = "pronoun: the previous sentence's subject";
    } else {
      continue;
    }
    Mention m;
    m.first = i;
    m.last = i + 1;
    m.codes = {code};
    m.has_role = code.size() > 3;
    m.person = w == "he" || w == "she";
    m.why = why;
    auto pos = std::find_if(s->mentions.begin(), s->mentions.end(),
                            [&](const Mention& x) { return x.first > i; });
    s->mentions.insert(pos, std::move(m));
  }
}

// "TOKYO, Oct. 26 (Kyodo) -- ..." or "Beijing - ...": the dateline's place is not an actor.
void DropDateline(Sentence* s) {
  if (s->mentions.empty() || s->mentions[0].first != 0) return;
  const auto& toks = s->tokens;
  for (uint32_t k = s->mentions[0].last; k < toks.size() && k < s->mentions[0].last + 8; ++k) {
    if (toks[k].lower == "--" || toks[k].lower == "-") {
      s->mentions.erase(s->mentions.begin());
      return;
    }
    if (k > s->mentions[0].last && !toks[k].punct && !toks[k].number && !toks[k].capitalized)
      return;
  }
}

// "China-Japan summit", "Sino-Japanese ties", "U.S.-led coalition", "Vietnamese-led forces": a
// hyphenated word whose parts name states is a mention of them (one state, or a compound of two).
void HyphenatedActors(const Lexicon& lex, Day date, Sentence* s) {
  auto state_of = [&](uint32_t part) -> std::string {
    int entry = SingleWordState(lex, part);
    if (entry < 0) return "";
    const std::string& code = lex.actors[entry].RowFor(date).code;
    return code == "-" ? "" : code.substr(0, 3);
  };
  for (uint32_t i = 0; i < s->tokens.size(); ++i) {
    const Token& t = s->tokens[i];
    if (t.mention >= 0 || t.parts[0] == 0) continue;
    std::string a = state_of(t.parts[0]), b = state_of(t.parts[1]);
    if (a.empty() || a == "---") continue;
    Mention m;
    m.first = i;
    m.last = i + 1;
    m.codes = {a};
    if (!b.empty() && b != a && b != "---") m.codes.push_back(b);
    m.why = "hyphenated: " + std::string(t.text);
    auto pos = std::find_if(s->mentions.begin(), s->mentions.end(),
                            [&](const Mention& x) { return x.first > i; });
    s->mentions.insert(pos, std::move(m));
  }
}

void MarkTokens(Sentence* s) {
  for (auto& t : s->tokens) t.mention = -1;
  for (size_t k = 0; k < s->mentions.size(); ++k) {
    for (uint32_t i = s->mentions[k].first; i < s->mentions[k].last; ++i)
      s->tokens[i].mention = static_cast<int>(k);
  }
}

}  // namespace

void FindMentions(const Lexicon& lex, Day date, DocumentMemory* memory, Sentence* s,
                  std::vector<std::string>* trace) {
  auto atoms = FindAtoms(lex, *s);
  GroupAtoms(lex, date, atoms, s, trace);
  DropDateline(s);
  TitleNames(s);
  MarkTokens(s);
  HyphenatedActors(lex, date, s);
  MarkTokens(s);
  NameAppositions(s);
  MergeCompounds(s);
  MergeAppositions(s);
  MarkTokens(s);
  InferUnknownCountries(s, *memory);
  AddReferences(s, memory);
  AddPronouns(s, memory);
  MarkTokens(s);
  if (trace != nullptr) {
    for (const auto& m : s->mentions) {
      std::string span;
      for (uint32_t i = m.first; i < m.last; ++i)
        span += (i > m.first ? " " : "") + std::string(s->tokens[i].text);
      std::string codes;
      for (const auto& c : m.codes) codes += (codes.empty() ? "" : ",") + c;
      trace->push_back(
          fmt::format("  actor [{}..{}) \"{}\" -> {}   {}", m.first, m.last, span, codes, m.why));
    }
  }
}

}  // namespace dyad::coder
