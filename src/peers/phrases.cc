#include "peers/phrases.h"

#include <fmt/format.h>

#include <algorithm>

namespace dyad::peers::detail {

bool HoldsAligned(const std::string& code, const std::string& part) {
  if (part.empty()) return true;
  for (size_t i = 0; i + part.size() <= code.size(); i += 3) {
    if (code.compare(i, part.size(), part) == 0) return true;
  }
  return false;
}

namespace {

struct AgentPick {
  const AgentEntry* agent;
  int atom;
};

// The agent match starting exactly at token p, or -1.
int AgentAt(const Sentence& s, uint32_t p) {
  if (p >= s.toks.size()) return -1;
  int a = s.toks[p].atom;
  if (a < 0 || s.atoms[a].actor || s.atoms[a].used || s.atoms[a].toks[0] != p) return -1;
  return a;
}

// The agent match ending exactly at token p, or -1.
int AgentEndingAt(const Sentence& s, int p) {
  if (p < 0) return -1;
  int a = s.toks[p].atom;
  if (a < 0 || s.atoms[a].actor || s.atoms[a].used || s.atoms[a].toks.back() != uint32_t(p))
    return -1;
  return a;
}

// May stand between an actor and its agent in a PETRARCH noun phrase ("Ostria's first Deputy
// Prime Minister").
bool NounPhraseFiller(const Tok& t) {
  return t.IsWord() && t.atom < 0 && t.verb < 0 && !(t.cls & (kConjunction | kLink | kBy));
}

std::string Compose(const std::string& actor, const std::vector<const AgentEntry*>& prefix,
                    const std::vector<const AgentEntry*>& suffix, bool former) {
  std::string code = actor;
  for (const AgentEntry* a : suffix) {
    std::string part = former ? "ELI" : a->code;
    if (!HoldsAligned(code, part)) code += part;
  }
  if (former && suffix.empty() && !HoldsAligned(code, "ELI")) code += "ELI";
  for (const AgentEntry* a : prefix) {
    if (!HoldsAligned(code, a->code)) code = a->code + code;
  }
  return code;
}

// TABARI's "CODE1/CODE2": an actor with several codes.
std::vector<std::string> SplitCodes(const std::string& code) {
  std::vector<std::string> out;
  size_t p = 0;
  while (p <= code.size()) {
    size_t q = code.find('/', p);
    if (q == std::string::npos) q = code.size();
    if (q > p) out.push_back(code.substr(p, q - p));
    p = q + 1;
  }
  return out;
}

struct Attached {
  std::vector<const AgentEntry*> prefix, suffix;
  std::vector<const AgentEntry*> alternatives;  // PETRARCH: other agents for the last suffix
  std::vector<const AgentEntry*> linked;        // PETRARCH: agents linked before the actor
  bool former = false;
};

// Finds the agents that stand with an actor and widens `occ` over them.
Attached Attach(const PeerDictionary& dict, bool petrarch, Sentence* s, Occ* occ) {
  auto& toks = s->toks;
  Attached at;
  auto take = [&](int a) -> const AgentEntry* {
    s->atoms[a].used = true;
    return &dict.agents[s->atoms[a].entry];
  };
  // After the actor: "Sudria's government", "Norland former security officials".
  uint32_t p = occ->last + 1;
  for (;;) {
    uint32_t q = p;
    while (q < toks.size() && (toks[q].kind == TokKind::kPossessive || (toks[q].cls & kFormer))) {
      at.former = at.former || (toks[q].cls & kFormer);
      ++q;
    }
    if (petrarch) {  // PETRARCH's noun phrase: "Ostria's first Deputy Prime Minister"
      // Coordinated modifiers count as one: "Ostria's awful and evil minister".
      uint32_t r = q;
      auto filler = [&](uint32_t k) {
        if (NounPhraseFiller(toks[k])) return true;
        return k > q && (toks[k].cls & kConjunction) && k + 1 < toks.size() &&
               NounPhraseFiller(toks[k + 1]) && AgentAt(*s, k + 1) < 0;
      };
      while (r < toks.size() && r < q + 4 && filler(r) && AgentAt(*s, r) < 0) ++r;
      if (r < toks.size() && AgentAt(*s, r) >= 0) q = r;
    }
    int a = AgentAt(*s, q);
    if (a < 0) break;
    const AgentEntry* ag = take(a);
    (ag->prefix ? at.prefix : at.suffix).push_back(ag);
    occ->last = s->atoms[a].toks.back();
    p = occ->last + 1;
  }
  // PETRARCH: "Danish media and government".
  while (petrarch && !at.suffix.empty() && p + 1 < toks.size() && (toks[p].cls & kConjunction) &&
         AgentAt(*s, p + 1) >= 0) {
    int a = AgentAt(*s, p + 1);
    at.alternatives.push_back(take(a));
    occ->last = s->atoms[a].toks.back();
    p = occ->last + 1;
  }
  // Before it: "MSF Norland", "human rights activists in Norland", "ambassadors of Norland".
  int b = static_cast<int>(occ->first) - 1;
  while (b >= 0 && (toks[b].cls & kFormer)) {
    at.former = true;
    --b;
  }
  bool link = b >= 0 && (toks[b].cls & kLink) && AgentEndingAt(*s, b - 1) >= 0;
  if (link) --b;
  int a = AgentEndingAt(*s, b);
  if (a < 0) return at;
  const AgentEntry* ag = take(a);
  occ->first = s->atoms[a].toks.front();
  if (petrarch && link && !ag->prefix) {
    at.linked.push_back(ag);
    // "Lawmakers and officials in Norland": every agent of the coordination.
    int c = static_cast<int>(occ->first) - 1;
    while (c >= 1 && (toks[c].cls & kConjunction) && AgentEndingAt(*s, c - 1) >= 0) {
      int a2 = AgentEndingAt(*s, c - 1);
      at.linked.insert(at.linked.begin(), take(a2));
      occ->first = s->atoms[a2].toks.front();
      c = static_cast<int>(occ->first) - 1;
    }
  } else {
    (ag->prefix ? at.prefix : at.suffix).insert((ag->prefix ? at.prefix : at.suffix).begin(), ag);
  }
  int c = static_cast<int>(occ->first) - 1;
  if (c >= 0 && (toks[c].cls & kFormer)) {
    at.former = true;
    occ->first = static_cast<uint32_t>(c);
  }
  return at;
}

}  // namespace

void BuildOccurrences(const PeerDictionary& dict, Day date, const Options& o, Sentence* s,
                      std::vector<std::string>* trace) {
  const bool petrarch = dict.flavor == Flavor::kPetrarch;
  for (size_t k = 0; k < s->atoms.size(); ++k) {
    Atom& atom = s->atoms[k];
    if (!atom.actor) continue;
    const ActorEntry& e = dict.actors[atom.entry];
    const CodeRow* row = e.RowFor(date);
    if (row == nullptr || row->code == "---") {
      if (trace)
        trace->push_back(
            fmt::format("  '{}' ({}) has no code on this date: not an actor", e.name, e.origin));
      continue;
    }
    if (!petrarch && (row->code == "###" || row->code == "+++")) {  // PETRARCH: plain codes
      bool discard = row->code == "###";
      (discard ? s->discard : s->complex) = true;
      if (s->why.empty())
        s->why = fmt::format("actor '{}' is coded {} ({})", e.name, row->code, e.origin);
      continue;
    }
    Occ occ;
    occ.first = atom.toks.front();
    occ.last = atom.toks.back();
    Attached at = Attach(dict, petrarch, s, &occ);
    // PETRARCH: one code per agent of a coordination ("Danish media and government").
    std::vector<std::vector<const AgentEntry*>> variants;
    if (!at.alternatives.empty() || !at.linked.empty()) {
      variants = {at.suffix};
      for (const AgentEntry* alt : at.alternatives) {
        variants.push_back(at.suffix);
        variants.back().back() = alt;
      }
      if (!at.linked.empty()) {
        std::vector<std::vector<const AgentEntry*>> linked;
        for (const auto& v : variants) {
          for (const AgentEntry* l : at.linked) {
            linked.push_back(v);
            linked.back().push_back(l);
          }
        }
        variants.swap(linked);
        occ.linked = at.linked;
      }
    }
    auto add = [&](const std::string& code) {
      auto add_one = [&](const std::vector<const AgentEntry*>& suffix) {
        std::string c = Compose(code, at.prefix, suffix, at.former && !petrarch);
        if (std::find(occ.codes.begin(), occ.codes.end(), c) != occ.codes.end()) return;
        occ.base.push_back(code);
        occ.codes.push_back(std::move(c));
        occ.member_first.push_back(occ.first);
      };
      if (variants.empty()) add_one(at.suffix);
      for (const auto& suffix : variants) add_one(suffix);
    };
    if (petrarch || row->code.find('/') == std::string::npos) {
      add(row->code);
    } else {
      for (const auto& code : SplitCodes(row->code)) add(code);
    }
    occ.compound = occ.codes.size() > 1 && dict.flavor == Flavor::kPetrarch;
    if (s->explain) {
      occ.why = fmt::format("'{}' {} ({})", e.name, row->code, e.origin);
      for (const AgentEntry* ag : at.prefix)
        occ.why += fmt::format(" + agent '{}' {}~", ag->name, ag->code);
      for (const auto* list : {&at.suffix, &at.alternatives, &at.linked}) {
        for (const AgentEntry* ag : *list)
          occ.why += fmt::format(" + agent '{}' ~{}", ag->name, ag->code);
      }
      if (at.former && !petrarch) occ.why += " + FORMER";
    }
    s->occs.push_back(std::move(occ));
  }
  // Agents that stand alone.
  if (o.convert_agent || petrarch) {
    for (auto& atom : s->atoms) {
      if (atom.actor || atom.used) continue;
      const AgentEntry& ag = dict.agents[atom.entry];
      Occ occ;
      occ.first = atom.toks.front();
      occ.last = atom.toks.back();
      std::string code = petrarch ? "---" + ag.code : ag.prefix ? ag.code + "~" : "~" + ag.code;
      occ.codes = {code};
      occ.base = {code};
      occ.member_first = {occ.first};
      if (s->explain) occ.why = fmt::format("agent '{}' alone ({})", ag.name, ag.origin);
      atom.used = true;
      s->occs.push_back(std::move(occ));
    }
  }
  std::sort(s->occs.begin(), s->occs.end(),
            [](const Occ& a, const Occ& b) { return a.first < b.first; });
}

namespace {

// Tokens that may stand between the members of a compound. TABARI knows its adjectives from the
// <ADJECTIVE> list; PETRARCH's parser groups any modifier after the joining word ("Norland and the
// evil awful Sudria"), so there a plain lower-case word may follow a comma or conjunction.
bool CompoundGlue(const Tok& t, bool petrarch, bool joined) {
  if (t.kind == TokKind::kComma) return true;
  if (!t.IsWord() || t.atom >= 0 || t.verb >= 0) return false;
  if ((t.cls & kConjunction) && t.up != "BUT") return true;
  if (t.cls & (kDeterminer | kAdjective)) return true;
  if (petrarch && joined && !t.cap && !(t.cls & (kLink | kPronoun | kBy)) &&
      t.kind == TokKind::kWord)
    return true;
  return t.up == "NEITHER" || t.up == "EITHER" || t.up == "BOTH";
}

}  // namespace

void MarkCompounds(const PeerDictionary& dict, Sentence* s) {
  const bool petrarch = dict.flavor == Flavor::kPetrarch;
  auto& occs = s->occs;
  if (occs.size() < 2) return;
  std::vector<Occ> out;
  out.reserve(occs.size());
  for (size_t k = 0; k < occs.size();) {
    size_t e = k;
    size_t last_conj_member = k;
    while (e + 1 < occs.size()) {
      const Occ& a = occs[e];
      const Occ& b = occs[e + 1];
      if (b.first <= a.last + 1) break;  // nothing between: two actors, not a list
      bool glue = true, conj = false, comma = false;
      for (uint32_t p = a.last + 1; p < b.first && glue; ++p) {
        glue = CompoundGlue(s->toks[p], petrarch, conj || comma);
        conj = conj || (s->toks[p].cls & kConjunction);
        comma = comma || s->toks[p].kind == TokKind::kComma;
      }
      if (!glue) break;
      // PETRARCH: after "A and B", ", and C" starts a list of its own ("between Vestria and
      // Sudria, and Sudria and Ostria").
      if (petrarch && conj && comma && last_conj_member != k) break;
      ++e;
      // TABARI: "Vestria and the evil Norland awful Sudria": after the conjunction, members
      // joined by adjectives alone still belong to the list.
      if (conj || (!petrarch && !comma && last_conj_member != k && last_conj_member + 1 == e))
        last_conj_member = e;
    }
    // A list needs a conjunction; members after the last conjunction's member are not in it.
    if (last_conj_member == k) {
      out.push_back(std::move(occs[k]));
      ++k;
      continue;
    }
    Occ c = std::move(occs[k]);
    c.compound = true;
    for (size_t j = k + 1; j <= last_conj_member; ++j) {
      // PETRARCH: "the ambassadors of Norland, Estland and Sudria" are ambassadors of each.
      if (!c.linked.empty() && occs[j].codes == occs[j].base) {
        Occ& m = occs[j];
        std::vector<std::string> codes, base;
        for (size_t b = 0; b < m.base.size(); ++b) {
          for (const AgentEntry* l : c.linked) {
            codes.push_back(Compose(m.base[b], {}, {l}, false));
            base.push_back(m.base[b]);
          }
        }
        m.codes = codes;
        m.base = base;
        m.member_first.assign(codes.size(), m.first);
      }
      for (size_t m = 0; m < occs[j].codes.size(); ++m) {
        if (std::find(c.codes.begin(), c.codes.end(), occs[j].codes[m]) != c.codes.end()) continue;
        c.codes.push_back(occs[j].codes[m]);
        c.base.push_back(occs[j].base[m]);
        c.member_first.push_back(occs[j].member_first[m]);
      }
      if (s->explain) c.why += " & " + occs[j].why;
    }
    c.last = occs[last_conj_member].last;
    c.compound = c.codes.size() > 1;
    if (s->explain) c.why = "compound: " + c.why;
    out.push_back(std::move(c));
    k = last_conj_member + 1;
  }
  occs.swap(out);
}

namespace {

int CountWords(const Sentence& s, uint32_t a, uint32_t b) {
  int n = 0;
  for (uint32_t p = a; p < b && p < s.toks.size(); ++p)
    n += s.toks[p].IsWord() && !s.toks[p].joined;
  return n;
}

}  // namespace

void DeleteCommaClauses(const Options& o, bool petrarch, Sentence* s,
                        std::vector<std::string>* trace) {
  auto& toks = s->toks;
  if (o.comma) {
    std::vector<uint32_t> commas;
    std::vector<uint8_t> inside(toks.size(), 0);
    for (const Occ& occ : s->occs) {
      for (uint32_t p = occ.first; p <= occ.last; ++p) inside[p] = 1;
    }
    for (uint32_t p = 0; p < toks.size(); ++p) {
      if (toks[p].kind == TokKind::kComma && !inside[p]) commas.push_back(p);
    }
    uint32_t end = static_cast<uint32_t>(toks.size());
    while (end > 0 && toks[end - 1].kind == TokKind::kEnd) --end;
    auto drop = [&](uint32_t a, uint32_t b, const char* what) {
      for (uint32_t p = a; p < b; ++p) toks[p].deleted = true;
      if (trace) {
        std::string words;
        for (uint32_t p = a; p < b; ++p) words += (words.empty() ? "" : " ") + toks[p].up;
        trace->push_back(fmt::format("  {} comma clause not coded: \"{}\"", what, words));
      }
    };
    if (!commas.empty()) {
      int n = CountWords(*s, 0, commas[0]);
      if (n >= o.comma_bmin && n <= o.comma_bmax) drop(0, commas[0], "initial");
      for (size_t k = 0; k + 1 < commas.size(); ++k) {
        n = CountWords(*s, commas[k] + 1, commas[k + 1]);
        if (n >= o.comma_min && n <= o.comma_max) drop(commas[k] + 1, commas[k + 1], "internal");
      }
      // A final clause needs the sentence's closing mark, and one that opens with a verb
      // continues the main clause ("Norland's foreign minister, in remarks ..., urged Westmark").
      uint32_t fc = commas.back() + 1;
      bool closed = end < toks.size();
      bool verb_first = fc < end && toks[fc].verb >= 0;
      // PETRARCH's parse makes a final ", the agency said" the main clause: it stays, as a
      // clause of its own.
      bool reporting = false;
      for (uint32_t p = fc; p < end && petrarch && !verb_first; ++p)
        reporting = reporting || toks[p].verb >= 0;
      n = CountWords(*s, fc, end);
      if (reporting) {
        toks[commas.back()].clause_break = true;
      } else if (closed && !verb_first && n >= o.comma_emin && n <= o.comma_emax) {
        drop(fc, end, "final");
      }
    }
  }
  for (Occ& occ : s->occs) {
    if (toks[occ.first].deleted || toks[occ.last].deleted) occ.cancelled = true;
  }
  s->occs.erase(
      std::remove_if(s->occs.begin(), s->occs.end(), [](const Occ& o) { return o.cancelled; }),
      s->occs.end());
}

void ResolvePronouns(const PeerDictionary& dict, const Options& o, const StoryMemory* story,
                     Sentence* s) {
  auto& toks = s->toks;
  std::vector<Occ> added;
  for (uint32_t p = 0; p < toks.size(); ++p) {
    const Tok& t = toks[p];
    if (!(t.cls & kPronoun) || t.deleted || t.atom >= 0) continue;
    const Occ* antecedent = nullptr;
    for (const Occ& occ : s->occs) {
      if (occ.last >= p) break;
      if (!occ.pronoun) {
        antecedent = &occ;
        break;
      }
    }
    Occ occ;
    occ.first = occ.last = p;
    occ.pronoun = true;
    if (antecedent != nullptr) {
      occ.codes = antecedent->codes;
      occ.base = antecedent->base;
      occ.compound = antecedent->compound;
      if (s->explain) occ.why = fmt::format("pronoun {} -> the first actor before it", t.up);
    } else if (o.forward && story != nullptr && !story->last_actor.empty()) {
      occ.codes = story->last_actor;
      occ.base = story->last_actor;
      if (s->explain) occ.why = fmt::format("pronoun {} -> the story's last first actor", t.up);
    } else {
      continue;
    }
    occ.member_first.assign(occ.codes.size(), p);
    added.push_back(std::move(occ));
  }
  (void)dict;
  s->occs.insert(s->occs.end(), added.begin(), added.end());
  std::stable_sort(s->occs.begin(), s->occs.end(),
                   [](const Occ& a, const Occ& b) { return a.first < b.first; });
}

void IndexOccurrences(Sentence* s) {
  for (auto& t : s->toks) t.occ = -1;
  for (size_t k = 0; k < s->occs.size(); ++k) {
    for (uint32_t p = s->occs[k].first; p <= s->occs[k].last; ++p) {
      if (s->toks[p].verb < 0) s->toks[p].occ = static_cast<int>(k);
    }
  }
}

}  // namespace dyad::peers::detail
