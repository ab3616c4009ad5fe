// The coder: a document in, events out. Pipeline per sentence: tokens -> mentions -> clauses ->
// pattern matches -> roles (source, target) -> modality -> events.
#include "dyad/coder.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <unordered_set>

#include "coder/match.h"
#include "coder/modality.h"
#include "coder/peer_mode.h"
#include "coder/sentence.h"
#include "coder/syntax.h"
#include "lexicon/lexicon.h"
#include "text/dates.h"
#include "text/normalize.h"
#include "text/tokenize.h"

namespace dyad {

const char* Version() { return "0.1.0"; }

class CoderState {
 public:
  lexicon::Stemmer stemmer;
  coder::WordCache cache;
  coder::MatchScratch match_scratch;
  ParserWorkspace parse_ws;
  coder::SyntaxView syntax;  // the current sentence's parse, when the lexicon has a parser
  std::unique_ptr<peers::ShallowCoder> peer;  // when the lexicon holds a peer's dictionaries
};

Coder::Coder(const Lexicon& lexicon) : lexicon_(lexicon), state_(std::make_unique<CoderState>()) {}
Coder::~Coder() = default;

namespace coder {
namespace {

// "thousands of protesters", "a group of activists": the "of" does not govern a complement.
bool QuantityOf(const Sentence& s, uint32_t first) {
  // "about 200 supporters", "up to 100 ethnic Albanians": the preposition counts, it does not
  // govern.
  if (first >= 1 && s.tokens[first].number) return true;
  if (first < 2 || s.tokens[first - 1].lower != "of") return false;
  const Token& q = s.tokens[first - 2];
  static const std::set<std::string_view> kQuantities = {
      "thousands", "hundreds",        "dozens",    "scores",     "millions",
      "tens",      "group",           "groups",    "some",       "many",
      "most",      "several",         "all",       "members",    "number",
      "crowd",     "crowds",          "team",      "delegation", "lot",
      "one",       "supporters",      "followers", "relatives",  "families",
      "leaders",   "representatives", "delegates"};
  return q.number || kQuantities.count(q.lower) > 0;
}

// The subject of a clause: its first actor not governed by a preposition, before token `before`.
int SubjectOf(const Sentence& s, int clause, uint32_t before) {
  for (size_t k = 0; k < s.mentions.size(); ++k) {
    const Mention& m = s.mentions[k];
    if (m.first >= before) break;
    if (s.tokens[m.first].clause != clause) continue;
    if (m.first > 0 && (s.tokens[m.first - 1].classes & kPreposition) && !QuantityOf(s, m.first))
      continue;
    return static_cast<int>(k);
  }
  return kNoMention;
}

// The first actor after token `after` in the clause (not `exclude`, not a passive's "by" agent).
int ObjectOf(const Sentence& s, int clause, uint32_t after, int exclude, bool skip_by) {
  for (size_t k = 0; k < s.mentions.size(); ++k) {
    const Mention& m = s.mentions[k];
    if (m.first < after || static_cast<int>(k) == exclude) continue;
    if (s.tokens[m.first].clause != clause) break;
    if (m.first > 0) {
      std::string_view prep = s.tokens[m.first - 1].lower;
      if (skip_by && prep == "by") continue;
      if (prep == "in" || prep == "at" || prep == "during" || prep == "inside")
        continue;  // places, not targets
      // A city or region reached or left ("flew home to Fujian", "masks to Wuhan") is a
      // destination.
      if (m.place && (prep == "to" || prep == "from" || prep == "near" || prep == "into" ||
                      prep == "toward" || prep == "towards" || prep == "of")) {
        continue;
      }
    }
    return static_cast<int>(k);
  }
  return kNoMention;
}

// The addressee of the reporting verb that introduces `clause` ("told Y that ...", "assured Y
// that"), or kNoMention.
int Addressee(const Sentence& s, int clause, int exclude) {
  if (clause == 0) return kNoMention;
  uint32_t start = 0;
  while (start < s.tokens.size() && s.tokens[start].clause < clause) ++start;
  if (start >= s.tokens.size() || s.tokens[start].lower != "that") return kNoMention;
  for (uint32_t k = start; k > 0; --k) {
    const Token& t = s.tokens[k - 1];
    if (t.lower != "told" && t.lower != "tells" && t.lower != "tell" && t.lower != "assured" &&
        t.lower != "informed" && t.lower != "warned" && t.lower != "reminded") {
      continue;
    }
    if (k < s.tokens.size() && s.tokens[k].mention >= 0 && s.tokens[k].mention != exclude) {
      return s.tokens[k].mention;
    }
    return kNoMention;
  }
  return kNoMention;
}

// The subject of the clause right after `clause` when that clause gives a reason ("after", "over",
// "because", "following", "as"), provided nothing but adverbials stands between.
int ReasonClauseActor(const Sentence& s, int clause, uint32_t after, int exclude) {
  uint32_t k = after;
  while (k < s.tokens.size() && s.tokens[k].clause == clause) ++k;
  if (k >= s.tokens.size() || k - after > 6 || s.tokens[k].clause != clause + 1) return kNoMention;
  std::string_view w = s.tokens[k].lower;
  if (w != "after" && w != "because" && w != "as" && w != "since") return kNoMention;
  int subject = SubjectOf(s, clause + 1, UINT32_MAX);
  if (subject == exclude) return kNoMention;
  return subject;
}

// The last actor before token `before` in the clause, whatever governs it.
int NearestBefore(const Sentence& s, int clause, uint32_t before) {
  int best = kNoMention;
  for (size_t k = 0; k < s.mentions.size(); ++k) {
    const Mention& m = s.mentions[k];
    if (m.last > before) break;
    if (s.tokens[m.first].clause == clause) best = static_cast<int>(k);
  }
  return best;
}

// The first "in <actor>" place after token `after` in the clause.
int PlaceOf(const Sentence& s, int clause, uint32_t after, int exclude) {
  for (size_t k = 0; k < s.mentions.size(); ++k) {
    const Mention& m = s.mentions[k];
    if (m.first < after || static_cast<int>(k) == exclude) continue;
    if (s.tokens[m.first].clause != clause) break;
    if (m.first > 0 && s.tokens[m.first - 1].lower == "in") return static_cast<int>(k);
  }
  return kNoMention;
}

// The "by" agent of a passive: "was summoned by Japan's foreign ministry".
int AgentOf(const Sentence& s, int clause, uint32_t after) {
  for (size_t k = 0; k < s.mentions.size(); ++k) {
    const Mention& m = s.mentions[k];
    if (m.first < after) continue;
    if (s.tokens[m.first].clause != clause) break;
    if (m.first > 0 && s.tokens[m.first - 1].lower == "by") return static_cast<int>(k);
  }
  return kNoMention;
}

std::string SpanText(const Sentence& s, uint32_t a, uint32_t b) {
  std::string out;
  for (uint32_t i = a; i < b && i < s.tokens.size(); ++i)
    out += (i > a ? " " : "") + std::string(s.tokens[i].text);
  return out;
}

struct SentenceContext {
  const Lexicon& lex;
  const Document& doc;
  const text::NormalizedText& norm;
  int index;
  Day date;
  uint32_t begin, end;                // normalised byte range of the sentence
  std::vector<std::string> contexts;  // from issue keywords
  std::vector<std::string>* trace;
  const SyntaxView* syntax = nullptr;  // the sentence's parse (--syntax parse), else null
};

// Appends to the explanation; the line is built only when someone is listening.
template <typename MakeLine>
void Trace(SentenceContext& c, MakeLine make_line) {
  if (c.trace != nullptr) c.trace->push_back(make_line());
}

// True when the match is the object of a reason or time-frame preposition: "over the visit",
// "against the arrest", "damage caused during anti-Japanese protests".
bool ReasonPhrase(const Sentence& s, uint32_t start) {
  uint32_t k = start;
  while (k > 0 && (s.tokens[k - 1].classes & kModifier) && s.tokens[k - 1].mention < 0) --k;
  if (k > 0 && s.tokens[k - 1].lower == "'s" && k >= 2 && s.tokens[k - 2].mention >= 0) {
    k = s.mentions[s.tokens[k - 2].mention].first;  // "over Koizumi's visit"
  }
  if (k == 0) return false;
  std::string_view w = s.tokens[k - 1].lower;
  return w == "over" || w == "against" || w == "about" || w == "following" || w == "despite" ||
         w == "amid" || w == "during";
}

// True when the match sits in a sentence-initial prepositional phrase closed by a comma.
bool FrontedPhrase(const Sentence& s, const Match& m) {
  if (m.start == 0 || !(s.tokens[0].classes & kPreposition) || !s.tokens[0].capitalized)
    return false;
  for (uint32_t k = m.end; k < s.tokens.size() && k < m.end + 6; ++k) {
    if (s.tokens[k].lower == ",") return true;
    if (s.tokens[k].mention >= 0) return false;
  }
  return false;
}

// Source and target mentions of a match from word order, after passive and attribution rules.
void AssignRolesByOrder(SentenceContext& c, const Sentence& s, const Match& m, int* source,
                        int* target) {
  const auto& p = c.lex.patterns[m.pattern];
  int clause = s.tokens[m.anchor].clause;
  *source = m.source;
  *target = m.target;
  // The passive placeholder stands for the subject; it never leaves this function.
  if (*target == kSubjectMention) *target = m.passive ? SubjectOf(s, clause, m.start) : kNoMention;
  if (*target == kSubjectMention) *target = kNoMention;
  if (m.passive && !p.has_source) {
    int subject = SubjectOf(s, clause, m.start);
    // "A camp for Congolese refugees was attacked by ...": the actor inside the subject phrase.
    if (subject == kNoMention) subject = NearestBefore(s, clause, m.start);
    *source = AgentOf(s, clause, m.end);
    if (*target == kNoMention) *target = subject;
    return;
  }
  // "protested over the visit to the shrine", "in protest at the detention of ...": an act named
  // after such a preposition is the reason for the main act, not the main subject's act. Only its
  // own possessive or "by" phrase can name its actor.
  if (*source == kNoMention && !p.has_source && ReasonPhrase(s, m.start)) {
    if (m.start >= 2 && s.tokens[m.start - 1].lower == "'s" && s.tokens[m.start - 2].mention >= 0) {
      *source = s.tokens[m.start - 2].mention;
    } else {
      *source = AgentOf(s, clause, m.end);
    }
    if (*target == kNoMention && *source >= 0) *target = ObjectOf(s, clause, m.end, *source, true);
    return;
  }
  if (*source == kNoMention) {
    // A possessive right before the pattern is its actor: "China's seizure of the trawler".
    if (m.start >= 2 && s.tokens[m.start - 1].lower == "'s" && s.tokens[m.start - 2].mention >= 0) {
      *source = s.tokens[m.start - 2].mention;
    } else {
      *source = SubjectOf(s, clause, m.start);
    }
    if (*source == kNoMention && clause > 0) {
      // "..., but refused to ..." shares the subject of the clause before.
      uint32_t first = m.start;
      while (first > 0 && s.tokens[first - 1].clause == clause) --first;
      if (s.tokens[first].lower == "but" || s.tokens[first].lower == "and")
        *source = SubjectOf(s, clause - 1, first);
    }
    // "In a phone call on Monday, Xi told Trump ...": a fronted phrase names the act; the actors
    // follow.
    if (*source == kNoMention && *target == kNoMention && FrontedPhrase(s, m)) {
      *source = ObjectOf(s, clause, m.end, kNoMention, true);
      if (*source >= 0) {
        *target = ObjectOf(s, clause, s.mentions[*source].last, *source, true);
        // "..., Xi Jinping told US President Donald Trump": the addressee after a reporting verb.
        if (*target == kNoMention)
          *target = ObjectOf(s, clause + 1, s.mentions[*source].last, *source, true);
      }
      return;
    }
    if (*source == kNoMention && s.speaker >= 0 &&
        s.tokens[s.mentions[s.speaker].first].clause != clause) {
      *source = s.speaker;
    }
  }
  if (*target == kNoMention) {
    *target = ObjectOf(s, clause, m.end, *source, true);
    // "Japan and China pledged to deepen economic ties and to work toward a pact with South Korea":
    // a compound acts among itself unless its object follows closely.
    if (*target >= 0 && *source >= 0 && s.mentions[*source].codes.size() > 1 &&
        s.mentions[*target].first > m.end + 4) {
      *target = kNoMention;
    }
  }
  // With no other target, the place where a government acts is what it acts on ("lifted the curfew
  // in Sudan", "extended the curfew in Abidjan").
  // "X told his Japanese counterpart that China had nothing to apologise for": a reported act with
  // no object of its own is addressed to whom the report was told.
  if (*target == kNoMention && *source >= 0) *target = Addressee(s, clause, *source);
  // "Japan lodged a protest after a Chinese survey ship was spotted ...": a reaction with no object
  // of its own reacts to the actor of the clause that gives its reason.
  static const std::set<std::string> kReactionRoots = {"10", "11", "12", "13", "14", "16", "17"};
  if (*target == kNoMention && *source >= 0 && kReactionRoots.count(p.code.substr(0, 2))) {
    *target = ReasonClauseActor(s, clause, m.end, *source);
  }
  // Only for acts that can be done to a place (aid, easing or imposing controls, investigating,
  // deploying, attacking), not for statements, appeals, meetings or diplomacy (01, 02, 04, 05),
  // whose place is just where they happened.
  static const std::set<std::string> kPlaceRoots = {"03", "06", "07", "08", "09", "10", "11", "12",
                                                    "13", "14", "15", "16", "17", "18", "19", "20"};
  if (*target == kNoMention && *source >= 0 && s.mentions[*source].codes.size() == 1 &&
      kPlaceRoots.count(p.code.substr(0, 2))) {
    *target = PlaceOf(s, clause, m.end, *source);
  }
  // "entered Japanese territorial waters": a country adjective inside the pattern is the target.
  if (*target == kNoMention && m.inner >= 0 && m.inner != *source) *target = m.inner;
  if (*target == *source) *target = kNoMention;
}

std::string MentionText(const Sentence& s, int mention) {
  if (mention < 0) return "none";
  return SpanText(s, s.mentions[mention].first, s.mentions[mention].last);
}

// Source and target mentions of a match. With a parse, its subject, passive agent and object win
// where it names an actor and the pattern pins none; word order fills in what the parse leaves
// open.
// "the two leaders discussed their concerns over Japan's attitude": what talks, pledges and
// diplomacy are about is their topic, not their partner.
bool TopicPhrase(const Sentence& s, const Mention& m) {
  uint32_t k = m.first;
  while (k > 0 && (s.tokens[k - 1].lower == "the" || s.tokens[k - 1].lower == "a")) --k;
  if (k == 0) return false;
  std::string_view w = s.tokens[k - 1].lower;
  return w == "over" || w == "about" || w == "regarding" || w == "concerning";
}

void DropTopicTarget(SentenceContext& c, const Sentence& s, const Match& m, int* target) {
  const auto& p = c.lex.patterns[m.pattern];
  std::string root = p.code.substr(0, 2);
  // "apologised for Japan's colonial rule": what an apology is for is its reason, not whom it is
  // offered to.
  bool reason = false;
  if (*target >= 0 && p.code == "055") {
    uint32_t k = s.mentions[*target].first;
    while (k > 0 && (s.tokens[k - 1].lower == "the" || s.tokens[k - 1].lower == "its")) --k;
    reason = k > 0 && s.tokens[k - 1].lower == "for";
  }
  if (*target >= 0 && m.target == kNoMention &&
      (reason ||
       ((root == "03" || root == "04" || root == "05") && TopicPhrase(s, s.mentions[*target])))) {
    Trace(c, [&] {
      return fmt::format("    '{}' is what the act is about, not its partner: no target",
                         MentionText(s, *target));
    });
    *target = kNoMention;
  }
}

void AssignRolesWithSyntax(SentenceContext& c, const Sentence& s, const Match& m,
                           const SyntaxRoles* syn, int* source, int* target);

void AssignRoles(SentenceContext& c, const Sentence& s, const Match& m, const SyntaxRoles* syn,
                 int* source, int* target) {
  AssignRolesWithSyntax(c, s, m, syn, source, target);
  DropTopicTarget(c, s, m, target);
}

void AssignRolesWithSyntax(SentenceContext& c, const Sentence& s, const Match& m,
                           const SyntaxRoles* syn, int* source, int* target) {
  AssignRolesByOrder(c, s, m, source, target);
  if (syn == nullptr) return;
  const auto& p = c.lex.patterns[m.pattern];
  int src = *source, tgt = *target;
  const bool source_free = m.source == kNoMention && !p.has_source;
  // The passive placeholder means "the subject fills it": the parse knows the subject better.
  const bool target_free = (m.target == kNoMention && !p.has_target) || m.target == kSubjectMention;
  // A passive with its "by" agent: the agent acts on the subject. Without one ("is prepared to",
  // "were arrested"), the word-order rules, which know stative participles, decide.
  if (syn->passive && syn->source >= 0) {
    // A target slot the "by" agent filled ("was summoned on Friday by Japan") was filled by the
    // wrong actor: the passive subject is the target.
    bool slot_took_agent = m.target == syn->source;
    if ((target_free || slot_took_agent) && syn->passive_subject >= 0) tgt = syn->passive_subject;
    if (source_free) src = syn->source;
  } else if (syn->foreign_noun && source_free) {
    // What the subject criticised or referred to is not the subject's act: only the noun's own
    // possessor, "by" phrase or country adjective names its actor, and only its own complements
    // its target.
    src = syn->source;
    if (target_free) tgt = syn->target;
  } else if (!syn->passive && source_free && syn->subject_not_actor) {
    // The parse's subject is a thing or an unnamed group: no actor does this act.
    src = kNoMention;
  } else if (!syn->passive && source_free && syn->source >= 0 && syn->source != m.target) {
    // A subject shared with a coordinated verb yields to one standing in the act's own clause
    // ("China expressed concern after Japanese vessels intercepted a boat", where the parser
    // coordinated the two verbs).
    bool own_clause_subject = false;
    if (*source >= 0 && s.mentions[*source].last <= m.start &&
        m.start - s.mentions[*source].last <= 2) {
      // "X intercepted", "X also quickly intercepted": the actor stands right before the verb.
      own_clause_subject = true;
      for (uint32_t k = s.mentions[*source].last; k < m.start; ++k) {
        const Token& t = s.tokens[k];
        if (t.punct || t.lower == "and" || t.lower == "but" || t.lower == "or")
          own_clause_subject = false;
      }
    }
    // A role with no country (a misparse's "military" as subject) yields to a named actor.
    bool weaker = IsWeak(s.mentions[syn->source]) && *source >= 0 && !IsWeak(s.mentions[*source]);
    if (!(syn->shared_subject && own_clause_subject) && !weaker) src = syn->source;
  }
  if (target_free && !(syn->passive && syn->source >= 0) && syn->target >= 0 && syn->target != src)
    tgt = syn->target;
  if (tgt == src) tgt = kNoMention;
  if (src != *source || tgt != *target) {
    Trace(c, [&] {
      return fmt::format("    syntax: source {} -> {}, target {} -> {} ({})",
                         MentionText(s, *source), MentionText(s, src), MentionText(s, *target),
                         MentionText(s, tgt), syn->why);
    });
  } else if (!syn->why.empty()) {
    Trace(c, [&] { return fmt::format("    syntax agrees ({})", syn->why); });
  }
  *source = src;
  *target = tgt;
}

// True when a compound source and the target name the same countries.
bool SameCountries(const Mention& source, const Mention& target) {
  if (source.codes.size() < 2) return false;
  for (const auto& t : target.codes) {
    bool found = false;
    for (const auto& sc : source.codes) found = found || sc.substr(0, 3) == t.substr(0, 3);
    if (!found) return false;
  }
  return true;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

// Who acts towards whom: each source member towards each target member; a compound with no target
// (or with a target that restates it) acts within itself.
Pairs BuildPairs(const Sentence& s, int source, int target) {
  Pairs pairs;
  const Mention& src = s.mentions[source];
  if (target == kNoMention || SameCountries(src, s.mentions[target])) {
    for (const auto& a : src.codes) {
      for (const auto& b : src.codes) {
        if (a != b) pairs.emplace_back(a, b);
      }
    }
  } else {
    const Mention& tgt = s.mentions[target];
    for (const auto& a : src.codes) {
      for (const auto& b : tgt.codes) {
        // A guessed country that makes an actor act on itself was a wrong guess: keep it unknown.
        if (a == b && (src.inferred || tgt.inferred)) {
          if (src.inferred)
            pairs.emplace_back("---" + a.substr(3), b);
          else
            pairs.emplace_back(a, "---" + b.substr(3));
        } else if (a != b) {
          pairs.emplace_back(a, b);
        }
      }
    }
  }
  // An event between two actors of unknown country says nothing about any dyad.
  pairs.erase(std::remove_if(pairs.begin(), pairs.end(),
                             [](const auto& p) {
                               return p.first.rfind("---", 0) == 0 && p.second.rfind("---", 0) == 0;
                             }),
              pairs.end());
  return pairs;
}

// A meeting in a country that is neither side's is a meeting at a third location (044). Returns
// that country, or "".
std::string ThirdPlace(const Sentence& s, int source, int target) {
  std::set<std::string> sides;
  for (const auto& x : s.mentions[source].codes) sides.insert(x.substr(0, 3));
  for (const auto& x : s.mentions[target].codes) sides.insert(x.substr(0, 3));
  for (const auto& place : s.mentions) {
    if (place.first == 0 || s.tokens[place.first - 1].lower != "in" || place.codes.size() != 1)
      continue;
    std::string pc = place.codes[0].substr(0, 3);
    if (pc != "---" && pc != "IGO" && pc != "NGO" && !sides.count(pc)) return pc;
  }
  return "";
}

// The evidence: the pattern with its source and target when they stand in the same clause.
dyad::Span EvidenceSpan(const SentenceContext& c, const Sentence& s, const Match& m, int source,
                        int target) {
  uint32_t a = m.start, b = m.end;
  for (int mi : {source, target}) {
    if (mi < 0) continue;
    const Mention& x = s.mentions[mi];
    if (s.tokens[x.first].clause != s.tokens[m.anchor].clause) continue;
    a = std::min(a, x.first);
    b = std::max(b, x.last);
  }
  return {c.norm.origin[s.tokens[a].begin], c.norm.origin[s.tokens[b - 1].end]};
}

void EmitEvents(SentenceContext& c, const Sentence& s, const Match& m, int source, int target,
                std::string code, std::vector<Event>* out) {
  const auto& p = c.lex.patterns[m.pattern];
  if (target < 0) target = kNoMention;
  Pairs pairs = BuildPairs(s, source, target);
  if (pairs.empty()) {
    Trace(c, [&] {
      return fmt::format("    no event: {}", target == kNoMention
                                                 ? "no target actor"
                                                 : "source and target are the same actor");
    });
    return;
  }
  if (code == "040" && target != kNoMention) {
    std::string place = ThirdPlace(s, source, target);
    if (!place.empty()) {
      Trace(c, [&] { return "    met in " + place + ", neither side's country: 040 becomes 044"; });
      code = "044";
    }
  }
  // Civilians wield no armed force and make no official complaints: "Chinese protesters attacked
  // the Japanese embassy" is unconventional violence (18), not military force (19), and "thousands
  // protested the decision" is a demonstration (141), not an official protest (114).
  bool civilian = !pairs.empty() && std::all_of(pairs.begin(), pairs.end(), [](const auto& p) {
    return p.first.size() >= 6 && p.first.compare(3, 3, "CVL") == 0;
  });
  if (civilian && (code.rfind("19", 0) == 0 || code == "114")) {
    std::string now = code == "114" ? "141" : "180";
    Trace(c, [&] { return "    by civilians: " + code + " becomes " + now; });
    code = now;
  }
  const lexicon::CameoInfo* info = c.lex.Cameo(code);
  if (info == nullptr) return;
  // "Japan must do more, the Japanese prime minister said": a demand laid on one's own country as a
  // whole is exhortation, not a demand between actors.
  if (code.rfind("10", 0) == 0) {
    pairs.erase(std::remove_if(pairs.begin(), pairs.end(),
                               [](const auto& p) {
                                 return p.second.size() == 3 &&
                                        p.first.compare(0, 3, p.second) == 0;
                               }),
                pairs.end());
    if (pairs.empty()) {
      Trace(c, [&] { return std::string("    no event: a demand on the speaker's own country"); });
      return;
    }
  }
  // Meeting, talking, negotiating and signing are done together: each side acts towards the other.
  static const std::set<std::string> kReciprocal = {"040", "041", "044", "046", "057"};
  if (target != kNoMention && kReciprocal.count(code)) {
    std::set<std::pair<std::string, std::string>> have(pairs.begin(), pairs.end());
    size_t n = pairs.size();
    for (size_t i = 0; i < n; ++i) {
      std::pair<std::string, std::string> back{pairs[i].second, pairs[i].first};
      if (have.insert(back).second) pairs.push_back(back);
    }
  }
  Event proto;
  proto.doc_id = c.doc.id;
  proto.sentence = c.index;
  proto.date = c.date;
  proto.code = code;
  proto.goldstein = info->goldstein;
  proto.quad = info->quad;
  proto.plover = info->plover;
  proto.mode = info->mode;
  proto.contexts = info->contexts;
  proto.contexts.insert(proto.contexts.end(), p.contexts.begin(), p.contexts.end());
  proto.contexts.insert(proto.contexts.end(), c.contexts.begin(), c.contexts.end());
  std::sort(proto.contexts.begin(), proto.contexts.end());
  proto.contexts.erase(std::unique(proto.contexts.begin(), proto.contexts.end()),
                       proto.contexts.end());
  proto.evidence = EvidenceSpan(c, s, m, source, target);
  proto.evidence_text =
      c.doc.text.substr(proto.evidence.begin, proto.evidence.end - proto.evidence.begin);
  uint32_t sb = c.norm.origin[c.begin], se = c.norm.origin[c.end];
  proto.sentence_span = {sb, se};
  proto.sentence_text = c.doc.text.substr(sb, se - sb);
  proto.pattern = p.id;
  for (const auto& [from, to] : pairs) {
    Event e = proto;
    e.source = from;
    e.target = to;
    Trace(c, [&] {
      return fmt::format("    EVENT {} -> {} {} ({}, goldstein {})", from, to, code, info->name,
                         info->goldstein);
    });
    out->push_back(std::move(e));
  }
}

// "agreed to hold talks": a short intent pattern directly governing another matched act is only the
// act's modality, which ModalityBefore reads; coding both would count one event twice.
bool GovernsNextMatch(const Lexicon& lex, const Sentence& s, const Match& m,
                      const std::vector<Match>& matches) {
  const auto& p = lex.patterns[m.pattern];
  // Intent patterns (03x) and bare agreement (019: "agreed", "reached a consensus") both read as
  // modality when an act follows.
  if ((p.code.substr(0, 2) != "03" && p.code != "019") || p.literals > 3 || p.has_target)
    return false;
  for (const Match& n : matches) {
    if (n.start < m.end || n.start > m.end + 3) continue;
    bool only_glue = true;
    for (uint32_t k = m.end; k < n.start; ++k) {
      std::string_view w = s.tokens[k].lower;
      only_glue =
          only_glue && (w == "to" || w == "be" || w == "also" || w == "jointly" || w == "further");
    }
    if (only_glue && m.end < s.tokens.size() && (s.tokens[m.end].lower == "to" || n.start == m.end))
      return true;
  }
  return false;
}

// Statements, appeals, demands, accusations, rejections and threats (roots 01, 02, 10-13): speech
// acts, which can have content and may spell a modal in their own patterns.
bool SpeechRoot(const std::string& code) {
  static const std::set<std::string> kSpeech = {"01", "02", "10", "11", "12", "13"};
  return kSpeech.count(code.substr(0, 2)) > 0;
}

// "demanded that Japan release the crew", "accused China of violating the ceasefire", "rejected
// calls for talks": the act after an appeal, demand, accusation, rejection or threat is its
// content, not an event that happened. Returns the embedding match, or nullptr.
const Match* EmbeddingMatch(const Lexicon& lex, const Sentence& s, const Match& n,
                            const std::vector<Match>& matches) {
  for (const Match& m : matches) {
    if (&m == &n || m.end > n.start || n.start - m.end > 16) continue;
    if (!SpeechRoot(lex.patterns[m.pattern].code)) continue;
    // Statements (01) embed what follows "that" even across the clause boundary "that" opens.
    bool statement = lex.patterns[m.pattern].code.substr(0, 2) == "01";
    if (!statement && s.tokens[m.anchor].clause != s.tokens[n.anchor].clause) continue;
    if (statement && s.tokens[n.anchor].clause - s.tokens[m.anchor].clause > 1) continue;
    bool complement = false, coordinated = false;
    // The outer pattern may end in its complementiser ("acknowledge ... that").
    std::string_view last = s.tokens[m.end - 1].lower;
    complement = last == "that" || last == "to" || last == "of" || last == "for";
    for (uint32_t k = m.end; k < n.start; ++k) {
      std::string_view w = s.tokens[k].lower;
      complement = complement || w == "to" || w == "that" || w == "of" || w == "for" || w == "on" ||
                   w == "from";
      coordinated = coordinated || w == "and" || w == "," || w == "while";
    }
    // Directly adjacent ("rejected calls for ...") or linked by a complementiser, not coordinated.
    if (!coordinated && (complement || n.start == m.end)) return &m;
  }
  return nullptr;
}

// With a parse: an act inside the clause that a statement, appeal, demand, accusation, rejection or
// threat governs is its content ("accused China of holding ...", "urged Japan to retract ..."), and
// a participle modifying a noun is background ("the trawler detained after the collision").
bool SyntaxSetsAside(SentenceContext& c, const Sentence& s, const Match& m,
                     const std::vector<Match>& matches) {
  const SyntaxView& v = *c.syntax;
  uint32_t h = PredicateOf(v, m);
  if (HistoricalReference(v, h)) {
    Trace(c, [&] {
      return fmt::format(
          "  pattern {} '{}': '{}' is inside a phrase about the past (anniversary, "
          "memory, history) in the parse; not coded",
          c.lex.patterns[m.pattern].id, c.lex.patterns[m.pattern].text, s.tokens[h].text);
    });
    return true;
  }
  if (TopicClause(v, h)) {
    Trace(c, [&] {
      return fmt::format(
          "  pattern {} '{}': '{}' says what something is about in the parse (a "
          "topic); not coded",
          c.lex.patterns[m.pattern].id, c.lex.patterns[m.pattern].text, s.tokens[h].text);
    });
    return true;
  }
  if (Background(v, h)) {
    Trace(c, [&] {
      return fmt::format(
          "  pattern {} '{}': '{}' modifies a noun (acl in the parse); background, "
          "not coded",
          c.lex.patterns[m.pattern].id, c.lex.patterns[m.pattern].text, s.tokens[h].text);
    });
    return true;
  }
  // Talks, visits and cooperation that were called off did not happen (a 16x pattern codes the
  // calling off).
  static const std::set<std::string> kCooperationRoots = {"03", "04", "05", "06", "07"};
  if (kCooperationRoots.count(c.lex.patterns[m.pattern].code.substr(0, 2))) {
    int off = CalledOffBy(v, h);
    if (off >= 0) {
      Trace(c, [&] {
        return fmt::format("  pattern {} '{}': '{}' calls it off in the parse; not coded as done",
                           c.lex.patterns[m.pattern].id, c.lex.patterns[m.pattern].text,
                           s.tokens[off].text);
      });
      return true;
    }
  }
  if (int modal = HypotheticalBy(v, h); modal >= 0) {
    Trace(c, [&] {
      return fmt::format(
          "  pattern {} '{}': a hypothesis ('{}' on its clause) in the parse; not "
          "coded",
          c.lex.patterns[m.pattern].id, c.lex.patterns[m.pattern].text, s.tokens[modal].text);
    });
    return true;
  }
  if (!SpeechRoot(c.lex.patterns[m.pattern].code)) {
    // (A demand pattern may spell the modal itself: "+ must release".)
    int modal = ObligedBy(v, h);
    if (modal >= 0) {
      Trace(c, [&] {
        return fmt::format(
            "  pattern {} '{}': '{}' makes it an obligation in the parse; not "
            "coded as done",
            c.lex.patterns[m.pattern].id, c.lex.patterns[m.pattern].text, s.tokens[modal].text);
      });
      return true;
    }
  }
  // Only acts that happen can be content: appeals, demands and denials themselves are coded.
  if (!SpeechRoot(c.lex.patterns[m.pattern].code)) {
    int governor = UnrealizedBy(s, v, h);
    if (governor >= 0) {
      Trace(c, [&] {
        return fmt::format(
            "  pattern {} '{}' is what '{}' asks for or denies in the parse; not "
            "coded as done",
            c.lex.patterns[m.pattern].id, c.lex.patterns[m.pattern].text, s.tokens[governor].text);
      });
      return true;
    }
  }
  for (const Match& outer : matches) {
    if (&outer == &m) continue;
    const auto& op = c.lex.patterns[outer.pattern];
    if (!SpeechRoot(op.code)) continue;
    uint32_t oh = PredicateOf(v, outer);
    if (oh == h || !InClauseOf(s, v, h, oh)) continue;
    Trace(c, [&] {
      return fmt::format(
          "  pattern {} '{}' is in the clause governed by '{}' ({}) in the parse: "
          "its content, not coded as done",
          c.lex.patterns[m.pattern].id, c.lex.patterns[m.pattern].text, s.tokens[oh].text, op.code);
    });
    return true;
  }
  return false;
}

void CodeMatches(SentenceContext& c, const Sentence& s, const std::vector<Match>& matches,
                 std::vector<Event>* out) {
  int last_source = kNoMention, last_target = kNoMention, last_clause = -1;
  for (const Match& m : matches) {
    const auto& p = c.lex.patterns[m.pattern];
    if (c.syntax != nullptr && SyntaxSetsAside(c, s, m, matches)) continue;
    if (const Match* outer = EmbeddingMatch(c.lex, s, m, matches)) {
      Trace(c, [&] {
        return fmt::format("  pattern {} '{}' is the content of '{}' ({}); not coded as done", p.id,
                           p.text, c.lex.patterns[outer->pattern].text,
                           c.lex.patterns[outer->pattern].code);
      });
      continue;
    }
    if (GovernsNextMatch(c.lex, s, m, matches)) {
      Trace(c, [&] {
        return (
            fmt::format("  pattern {} '{}' is the modality of the act after it; not coded alone",
                        p.id, p.text));
      });
      continue;
    }
    Trace(c, [&] {
      return (fmt::format("  pattern {} '{}' -> {} matched \"{}\"{}", p.id, p.text, p.code,
                          SpanText(s, m.start, m.end), m.passive ? " (passive)" : ""));
    });
    std::string cue;
    Modality mod = ModalityBefore(s, m.start, &cue);
    // "refused on Sunday to apologise", "promised China a package of loans": the parse links a
    // refusal or a promise the words before cannot reach.
    if (mod == Modality::kPlain && c.syntax != nullptr) {
      uint32_t pred = PredicateOf(*c.syntax, m);
      int refusal = RefusedBy(*c.syntax, pred);
      int promise = refusal < 0 ? PromisedBy(*c.syntax, pred) : -1;
      if (refusal >= 0) {
        mod = Modality::kRefused;
        cue = std::string(s.tokens[refusal].text) + " (parse)";
      } else if (promise >= 0 && !InList(std::array<std::string_view, 3>{"02", "03", "10"},
                                         std::string_view(p.code).substr(0, 2))) {
        mod = Modality::kIntended;
        cue = std::string(s.tokens[promise].text) + " (parse)";
      }
    }
    SyntaxRoles syn;
    if (c.syntax != nullptr) {
      syn = RolesFromParse(s, *c.syntax, m);
      // A negation the words just before do not show ("had never done anything it needed to
      // apologise for"); "would not meet" is a refusal, as in word order.
      if (syn.negated && mod == Modality::kPlain) {
        mod = syn.refused ? Modality::kRefused : Modality::kNegated;
        cue = fmt::format("'not' on '{}' in the parse", s.tokens[syn.negated_at].text);
      }
    }
    std::string code = p.code;
    switch (mod) {
      case Modality::kNegated:
        Trace(c, [&] { return (fmt::format("    not coded: negated by '{}'", cue)); });
        continue;
      case Modality::kUnrealized:
        Trace(c, [&] {
          return (fmt::format("    not coded: '{}' makes it demanded, not done", cue));
        });
        continue;
      case Modality::kRefused:
        code = RefusalCode(code);
        break;
      case Modality::kThreatened:
        code = ThreatCode(code);
        break;
      case Modality::kIntended:
        code = IntentCode(code);
        break;
      case Modality::kPlain:
        break;
    }
    if (code != p.code)
      Trace(c, [&] { return (fmt::format("    '{}' turns {} into {}", cue, p.code, code)); });
    int source, target;
    AssignRoles(c, s, m, c.syntax != nullptr ? &syn : nullptr, &source, &target);
    // "suspended exchanges with Japan and postponed talks": coordinated acts of one subject share
    // the object named once.
    if (target == kNoMention && source >= 0 && source == last_source && last_target >= 0 &&
        s.tokens[m.anchor].clause == last_clause) {
      target = last_target;
    }
    if (source >= 0) {
      last_source = source;
      last_target = target;
      last_clause = s.tokens[m.anchor].clause;
    }
    if (source < 0) {
      Trace(c, [&] { return std::string("    no event: no source actor"); });
      continue;
    }
    EmitEvents(c, s, m, source, target, code, out);
  }
}

std::vector<std::string> IssueContexts(const Lexicon& lex, const Sentence& s) {
  std::vector<std::string> out;
  for (uint32_t i = 0; i < s.tokens.size(); ++i) {
    const std::vector<uint32_t>* by_exact =
        s.tokens[i].exact != 0 ? lex.issue_index.Candidates(s.tokens[i].exact) : nullptr;
    for (const std::vector<uint32_t>* cands : {by_exact, s.tokens[i].issue_starts}) {
      if (cands == nullptr) continue;
      for (uint32_t ci : *cands) {
        const auto& words = lex.issues[ci].words;
        if (i + words.size() > s.tokens.size()) continue;
        bool ok = true;
        for (size_t k = 0; k < words.size() && ok; ++k) {
          const Token& t = s.tokens[i + k];
          ok = words[k].exact ? t.exact == words[k].id : t.id == words[k].id;
        }
        if (ok) out.push_back(lex.issues[ci].context);
      }
    }
  }
  return out;
}

void Remember(const Sentence& s, DocumentMemory* memory) {
  for (const auto& m : s.mentions) {
    for (const auto& code : m.codes) {
      memory->NoteCountry(code);
      if (code.size() >= 3 && code.rfind("---", 0) != 0)
        memory->last_code[code.substr(0, 3)] = code;
    }
    if (m.person && m.codes.size() == 1) memory->last_person = m.codes[0];
  }
  int subject = SubjectOf(s, 0, UINT32_MAX);
  if (subject >= 0 && s.mentions[subject].codes.size() == 1)
    memory->last_subject = s.mentions[subject].codes[0];
}

}  // namespace
}  // namespace coder

namespace coder {
namespace {

// The coder's view of one sentence's tokens: word ids, classes and flags.
void BuildSentence(const Lexicon& lex, CoderState& state, const text::NormalizedText& norm,
                   const std::vector<text::RawToken>& raw, const text::SentenceRange& r,
                   Sentence* s) {
  s->tokens.reserve(r.last - r.first);
  for (uint32_t k = r.first; k < r.last; ++k) {
    const auto& t = raw[k];
    Token tok;
    tok.begin = t.begin;
    tok.end = t.end;
    tok.text = std::string_view(norm.text).substr(t.begin, t.end - t.begin);
    tok.lower = lexicon::Lower(tok.text);
    tok.capitalized = t.capitalized;
    tok.all_caps = t.all_caps;
    tok.punct = t.kind == text::TokenKind::kPunct;
    tok.number = t.kind == text::TokenKind::kNumber;
    state.cache.Fill(lex, state.stemmer, &tok);
    s->tokens.push_back(std::move(tok));
  }
}

// The sentence's own date ("on Friday"), or kNoDate. Only sentences with a date word pay for it.
Day SentenceDate(const Sentence& s, Day doc_date, std::string* cue) {
  bool has_date_word = false;
  for (const auto& t : s.tokens) has_date_word = has_date_word || (t.classes & kDateWord);
  if (!has_date_word) return kNoDate;
  std::vector<std::string_view> words;
  words.reserve(s.tokens.size());
  for (const auto& t : s.tokens) words.push_back(t.lower);
  return text::ResolveDate(words, doc_date, cue);
}

// One event per (source, target, code) per sentence: keeps the first of events[from..].
void DedupEvents(size_t from, std::vector<Event>* events) {
  if (events->size() - from < 2) return;
  std::unordered_set<std::string> seen;
  auto dup =
      std::remove_if(events->begin() + static_cast<long>(from), events->end(), [&](const Event& e) {
        return !seen.insert(e.source + '|' + e.target + '|' + e.code).second;
      });
  events->erase(dup, events->end());
}

void TraceSentence(const Lexicon& lex, const Sentence& s, size_t index, Day date,
                   const std::string& cue, std::vector<std::string>* trace) {
  trace->push_back(fmt::format("sentence {}: \"{}\"", index + 1,
                               SpanText(s, 0, static_cast<uint32_t>(s.tokens.size()))));
  std::string toks;
  for (const auto& t : s.tokens) toks += fmt::format("{}/{} ", t.text, lex.vocab.KeyOf(t.id));
  trace->push_back("  tokens (word/lemma-stem): " + toks);
  if (date != kNoDate) trace->push_back(fmt::format("  date: '{}' -> {}", cue, FormatDate(date)));
}

}  // namespace
}  // namespace coder

namespace coder {

Result<PreparedText> PrepareText(const Document& doc) {
  auto norm = text::Normalize(doc.text);
  if (!norm.ok()) return norm.status();
  PreparedText p;
  p.norm = std::move(norm).value();
  bool truncated = false;
  p.raw = text::Tokenize(p.norm.text, SIZE_MAX, &truncated);
  if (p.raw.empty()) return Status::InvalidInput("text is empty");
  p.ranges = text::SplitSentences(p.norm.text, p.raw);
  return p;
}

std::string TooLongWarning(const text::SentenceRange& r, size_t index) {
  if (r.last - r.first <= Coder::kMaxSentenceTokens) return {};
  return fmt::format("sentence {} has {} tokens (limit {}); skipped", index + 1, r.last - r.first,
                     Coder::kMaxSentenceTokens);
}

}  // namespace coder

Result<CodedDocument> Coder::Code(const Document& doc, Explanation* explanation) {
  if (doc.text.size() > kMaxDocumentBytes) {
    return Status::InvalidInput(fmt::format("text is {} bytes, more than the limit of {}",
                                            doc.text.size(), kMaxDocumentBytes));
  }
  if (lexicon_.peer != nullptr) {
    if (state_->peer == nullptr)
      state_->peer = std::make_unique<peers::ShallowCoder>(*lexicon_.peer);
    return coder::CodeWithPeers(lexicon_, *state_->peer, doc, explanation);
  }
  auto prepared = coder::PrepareText(doc);
  if (!prepared.ok()) return prepared.status();
  const auto& norm = prepared->norm;
  const auto& raw = prepared->raw;
  const auto& ranges = prepared->ranges;
  state_->cache.StartDocument();
  CodedDocument result;
  result.sentences = ranges.size();
  coder::DocumentMemory memory;
  std::vector<std::string>* trace = explanation != nullptr ? &explanation->lines : nullptr;
  for (size_t si = 0; si < ranges.size(); ++si) {
    const auto& r = ranges[si];
    if (std::string w = coder::TooLongWarning(r, si); !w.empty()) {
      result.warnings.push_back(std::move(w));
      continue;
    }
    coder::Sentence s;
    coder::BuildSentence(lexicon_, *state_, norm, raw, r, &s);
    std::string date_cue;
    Day date = coder::SentenceDate(s, doc.date, &date_cue);
    coder::SentenceContext c{lexicon_,
                             doc,
                             norm,
                             static_cast<int>(si),
                             date == kNoDate ? doc.date : date,
                             raw[r.first].begin,
                             raw[r.last - 1].end,
                             {},
                             trace};
    if (trace != nullptr) coder::TraceSentence(lexicon_, s, si, date, date_cue, trace);
    coder::FindMentions(lexicon_, c.date, &memory, &s, trace);
    coder::MarkClauses(&s, trace);
    c.contexts = coder::IssueContexts(lexicon_, s);
    auto all = coder::FindMatches(lexicon_, s, &state_->match_scratch);
    if (trace != nullptr && all.empty()) trace->push_back("  no verb pattern matched");
    auto chosen = coder::SelectMatches(lexicon_, all);
    if (trace != nullptr && all.size() > chosen.size()) {
      trace->push_back(fmt::format(
          "  {} pattern match(es) set aside: they overlap a longer (more specific) pattern",
          all.size() - chosen.size()));
    }
    if (lexicon_.parser != nullptr && !chosen.empty() && !s.mentions.empty()) {
      coder::ParseSentence(*lexicon_.parser, s, &state_->parse_ws, &state_->syntax);
      c.syntax = &state_->syntax;
      if (trace != nullptr) trace->push_back("  parse: " + coder::FormatParse(s, state_->syntax));
    }
    size_t before = result.events.size();
    coder::CodeMatches(c, s, chosen, &result.events);
    coder::DedupEvents(before, &result.events);
    coder::Remember(s, &memory);
  }
  return result;
}

}  // namespace dyad
