#include "coder/syntax.h"

#include <fmt/format.h>

#include <array>

namespace dyad::coder {
namespace {

constexpr int kNoToken = -1;

// Prepositions whose object is what an act is done to or with: "talks with Japan", "sanctions on
// Iran", "withdrew from Lebanon". Places ("in", "at"), times and reasons ("over", "about") are
// not targets.
constexpr std::array<std::string_view, 11> kTargetCases = {
    "to", "with", "against", "toward", "towards", "on", "upon", "from", "into", "onto", "for"};

// The case marker of a nominal: "to" in "to Japan".
std::string_view CaseOf(const Sentence& s, const SyntaxView& v, uint32_t t) {
  for (uint32_t c : v.children[t]) {
    if (v.Rel(c, "case")) return s.tokens[c].lower;
  }
  return {};
}

// Dependents through which an actor phrase reaches its actor: "leaders of the coalition", "a group
// of Yoruba elders", "officials from Japan", "the rebel Revolutionary United Front (RUF)". Other
// prepositional modifiers lead away from it ("a ceasefire at talks in Malaysia").
bool NominalLink(const Sentence& s, const SyntaxView& v, uint32_t c) {
  std::string_view base = v.BaseRel(c);
  if (base == "nmod") {
    // "President Dos Santos": a title describing the name.
    if (v.Rel(c, "nmod:poss") || v.Rel(c, "nmod:desc")) return true;
    std::string_view cs = CaseOf(s, v, c);
    return cs == "of" || cs == "from";
  }
  return base == "compound" || base == "amod" || base == "appos" || base == "conj" ||
         base == "flat";
}

bool RelativePronoun(std::string_view lower) {
  return lower == "who" || lower == "which" || lower == "that" || lower == "whom";
}

int Depth(const SyntaxView& v, uint32_t t) {
  int d = 0;
  for (int h = v.Head(t); h >= 0 && d < 200; h = v.Head(static_cast<uint32_t>(h))) ++d;
  return d;
}

bool InMatch(const Sentence& s, const Match& m, int mention) {
  for (uint32_t i = 0; i < m.word_count; ++i) {
    if (s.tokens[m.words[i]].mention == mention) return true;
  }
  return false;
}

bool Negator(std::string_view lower) {
  return lower == "not" || lower == "n't" || lower == "never";
}

}  // namespace

std::string_view SyntaxView::BaseRel(uint32_t t) const {
  std::string_view r = words[t].deprel;
  size_t colon = r.find(':');
  return colon == std::string_view::npos ? r : r.substr(0, colon);
}

void ParseSentence(const Parser& parser, const Sentence& s, ParserWorkspace* ws, SyntaxView* v) {
  std::vector<std::string_view> words;
  words.reserve(s.tokens.size());
  for (const Token& t : s.tokens) words.push_back(t.text);
  parser.Parse(words, &v->words, ws);
  v->children.resize(v->words.size());
  for (auto& c : v->children) c.clear();
  for (uint32_t t = 0; t < v->words.size(); ++t) {
    int h = v->Head(t);
    if (h >= 0 && static_cast<size_t>(h) < v->words.size()) v->children[h].push_back(t);
  }
}

namespace {

// The actor a nominal stands for: its own mention, else the nearest mention among its nominal
// dependents (breadth first, at most three links down). A role with no country ("workers"), or
// with one guessed from context, gives way to a country among its dependents ("angry French paper
// workers").
// A country named inside the phrase of a weak or guessed mention at x: "two Palestinian" in "two
// Palestinian bombers", "French" in "angry French paper workers".
int NamedInside(const Sentence& s, const SyntaxView& v, uint32_t x, int depth) {
  for (uint32_t c : v.children[x]) {
    std::string_view rel = v.words[c].deprel;
    if (rel != "amod" && rel != "compound" && rel != "flat" && rel != "nmod:poss") continue;
    int mention = s.tokens[c].mention;
    if (mention >= 0 && !IsWeak(s.mentions[mention]) && !s.mentions[mention].inferred)
      return mention;
    if (depth < 2) {
      int inner = NamedInside(s, v, c, depth + 1);
      if (inner >= 0) return inner;
    }
  }
  return kNoMention;
}

int MentionOf(const Sentence& s, const SyntaxView& v, uint32_t t) {
  std::array<std::pair<uint32_t, int>, 64> queue;
  size_t n = 0;
  queue[n++] = {t, 0};
  for (size_t i = 0; i < n; ++i) {
    auto [x, d] = queue[i];
    int mention = s.tokens[x].mention;
    if (mention >= 0) {
      const Mention& m = s.mentions[mention];
      if (IsWeak(m) || m.inferred) {
        int named = NamedInside(s, v, x, 0);
        if (named >= 0) return named;
      }
      return mention;
    }
    if (d == 3) continue;
    for (uint32_t c : v.children[x]) {
      if (n < queue.size() && NominalLink(s, v, c)) queue[n++] = {c, d + 1};
    }
  }
  return kNoMention;
}

// The subject of predicate h: its own, a coordinated verb's, a controlling verb's ("agreed to
// send"), an object controller's ("urged Japan to stop" makes Japan the subject of "stop") or, in a
// relative clause, the noun it modifies. Sets *passive for a passive subject of h itself.
int SubjectToken(const Sentence& s, const SyntaxView& v, uint32_t h, bool* passive,
                 std::string* how, bool* shared) {
  uint32_t x = h;
  bool own = true;  // still on h or a verb coordinated with it
  for (int step = 0; step < 8; ++step) {
    for (uint32_t c : v.children[x]) {
      std::string_view rel = v.words[c].deprel;
      if (rel == "nsubj" || rel == "nsubj:pass" || rel == "csubj") {
        if (rel == "nsubj:pass") *passive = own;
        if (RelativePronoun(s.tokens[c].lower) && v.Rel(x, "acl:relcl") && v.Head(x) >= 0) {
          *how = fmt::format("the noun '{}' that the relative clause describes",
                             s.tokens[v.Head(x)].text);
          return v.Head(x);
        }
        *how = fmt::format("{} of '{}'", rel, s.tokens[x].text);
        return static_cast<int>(c);
      }
    }
    int up = v.Head(x);
    if (up < 0) break;
    std::string_view base = v.BaseRel(x);
    if (base == "xcomp") {
      for (uint32_t c : v.children[up]) {
        if (v.Rel(c, "obj") || v.Rel(c, "iobj")) {
          *how = fmt::format("object of '{}', which controls '{}'", s.tokens[up].text,
                             s.tokens[x].text);
          return static_cast<int>(c);
        }
      }
      own = false;
    } else if (base == "conj") {
      *shared = true;
      // Coordinated verbs share the first one's subject; coordinated nouns do not have one.
      if (v.words[x].upos != "VERB" && v.words[x].upos != "AUX") break;
    } else if (v.Rel(x, "acl") && v.BaseRel(up) == "obj" && v.Head(up) >= 0 && [&] {
                 for (uint32_t c : v.children[x])
                   if (v.Rel(c, "mark") && v.words[c].lemma == "to") return true;
                 return false;
               }()) {
      // "the government approved a plan to shoot down ...": who holds the plan acts.
      own = false;
      x = static_cast<uint32_t>(v.Head(up));
      continue;
    } else if (v.Rel(x, "acl") && (v.Rel(up, "root") || v.BaseRel(up) == "nsubj")) {
      // "Senior diplomats met in Beijing" parsed as a noun phrase: the noun is the subject.
      *how = fmt::format("'{}', the noun the parse hangs '{}' on", s.tokens[up].text,
                         s.tokens[x].text);
      return up;
    } else if (v.Rel(x, "acl:relcl")) {
      *how = fmt::format("the noun '{}' that the relative clause describes", s.tokens[up].text);
      return up;
    } else if (v.words[x].upos == "NOUN" && (base == "obj" || base == "nsubj")) {
      // "held talks with", "a visit ... angered": only the light-verb object climbs.
      if (base != "obj") break;
      own = false;
    } else {
      break;
    }
    x = static_cast<uint32_t>(up);
  }
  return kNoToken;
}

}  // namespace

namespace {
int ClauseVerb(const SyntaxView& v, uint32_t predicate);
}  // namespace

uint32_t PredicateOf(const SyntaxView& v, const Match& m) {
  // The pattern's first required word is written as its verb; when the parse agrees, it is the
  // predicate even if a misparse hangs it below another word of the match.
  if (m.head < v.words.size() && (v.words[m.head].upos == "VERB")) {
    bool literal = false;
    for (uint32_t i = 0; i < m.word_count; ++i) literal = literal || m.words[i] == m.head;
    if (literal) return m.head;
  }
  int best = -1, best_depth = 1 << 30;
  for (uint32_t i = 0; i < m.word_count; ++i) {
    uint32_t w = m.words[i];
    if (w >= v.words.size()) continue;
    int d = Depth(v, w);
    if (d < best_depth) best = static_cast<int>(w), best_depth = d;
  }
  if (best < 0) best = static_cast<int>(std::min<size_t>(m.head, v.words.size() - 1));
  return static_cast<uint32_t>(best);
}

bool InClauseOf(const Sentence& s, const SyntaxView& v, uint32_t inner, uint32_t outer) {
  uint32_t x = inner;
  for (int step = 0; step < 40; ++step) {
    int up = v.Head(x);
    if (up < 0) return false;
    if (static_cast<uint32_t>(up) == outer) {
      // The link into outer decides: a complement, or an adverbial or noun clause introduced by a
      // complementiser ("accused China *of* holding", "condemned Japan *for* signing"); not a
      // result or time clause ("..., prompting China to summon", "after talks").
      std::string_view base = v.BaseRel(x);
      if (base == "ccomp" || base == "xcomp" || base == "csubj") return true;
      if (base != "advcl" && base != "acl") return false;
      for (uint32_t c : v.children[x]) {
        if (!v.Rel(c, "mark") && !v.Rel(c, "case")) continue;
        std::string_view w = s.tokens[c].lower;
        if (w == "to" || w == "that" || w == "of" || w == "for" || w == "against") return true;
      }
      return false;
    }
    x = static_cast<uint32_t>(up);
  }
  return false;
}

int UnrealizedBy(const Sentence& s, const SyntaxView& v, uint32_t predicate) {
  // Lemmas of verbs (and their nouns) whose complement is asked for, hoped for or denied.
  // ("refused to" is not here: the modality rules turn the refused act into a rejection.)
  static const std::array<std::string_view, 20> kGovernors = {
      "demand", "urge",    "ask",    "call", "request", "insist",  "appeal",
      "press",  "want",    "hope",   "wish", "propose", "suggest", "deny",
      "plead",  "implore", "exhort", "beg",  "lobby",   "petition"};
  uint32_t x = predicate;
  for (int step = 0; step < 3; ++step) {
    int up = v.Head(x);
    if (up < 0) return -1;
    std::string_view base = v.BaseRel(x);
    bool complement = base == "ccomp" || base == "xcomp";
    if (base == "advcl" || base == "acl") {
      for (uint32_t c : v.children[x]) {
        if (v.Rel(c, "mark") && (s.tokens[c].lower == "to" || s.tokens[c].lower == "that"))
          complement = true;
      }
    }
    if (!complement) return -1;
    std::string_view lemma = v.words[up].lemma;
    for (std::string_view g : kGovernors) {
      if (lemma == g) return up;
    }
    // "agreed to demand that ...": climb through one more complement.
    x = static_cast<uint32_t>(up);
  }
  return -1;
}

bool HistoricalReference(const SyntaxView& v, uint32_t predicate) {
  static const std::array<std::string_view, 8> kPast = {"anniversary", "commemoration", "memory",
                                                        "remembrance", "memorial",      "history",
                                                        "legacy",      "commemorate"};
  int x = v.Head(predicate);
  for (int step = 0; x >= 0 && step < 6; ++step, x = v.Head(static_cast<uint32_t>(x))) {
    std::string_view lemma = v.words[x].lemma;
    for (std::string_view w : kPast) {
      if (lemma == w) return true;
    }
    // Only through noun phrases and the clauses that describe them, not up into the main verb.
    std::string_view upos = v.words[x].upos;
    if (upos != "NOUN" && upos != "PROPN" && !v.Rel(static_cast<uint32_t>(x), "acl:relcl") &&
        !v.Rel(static_cast<uint32_t>(x), "acl"))
      return false;
  }
  return false;
}

int RefusedBy(const SyntaxView& v, uint32_t predicate) {
  // An infinitive complement; with a time phrase between, parsers often hang it as "advcl".
  bool infinitive = v.BaseRel(predicate) == "xcomp";
  if (v.BaseRel(predicate) == "advcl") {
    for (uint32_t c : v.children[predicate]) {
      if (v.Rel(c, "mark") && v.words[c].lemma == "to") infinitive = true;
    }
  }
  if (!infinitive) return -1;
  int up = v.Head(predicate);
  if (up < 0) return -1;
  std::string_view lemma = v.words[up].lemma;
  if (lemma == "refuse" || lemma == "decline" || lemma == "reject" || lemma == "fail") return up;
  return -1;
}

namespace {

// The verb whose clause the predicate belongs to: itself when a verb, else the verb its noun
// phrase hangs on ("held *talks*", "the second round of *negotiations*").
int ClauseVerb(const SyntaxView& v, uint32_t predicate) {
  int x = static_cast<int>(predicate);
  for (int step = 0; x >= 0 && step < 5; ++step) {
    std::string_view upos = v.words[x].upos;
    if (upos == "VERB" || upos == "AUX") return x;
    std::string_view base = v.BaseRel(static_cast<uint32_t>(x));
    if (base != "obj" && base != "nmod" && base != "compound" && base != "obl" && base != "nsubj")
      return -1;
    x = v.Head(static_cast<uint32_t>(x));
  }
  return -1;
}

}  // namespace

int CalledOffBy(const SyntaxView& v, uint32_t predicate) {
  static const std::array<std::string_view, 13> kOff = {
      "postpone", "cancel", "delay", "suspend", "scrap", "shelve", "defer",
      "halt",     "freeze", "skip",  "abort",   "axe",   "call"};
  int verb = ClauseVerb(v, predicate);
  if (verb < 0 || static_cast<uint32_t>(verb) == predicate) return -1;
  std::string_view lemma = v.words[verb].lemma;
  for (std::string_view w : kOff) {
    if (lemma != w) continue;
    if (w == "call") {  // only "call off"
      for (uint32_t c : v.children[verb]) {
        if (v.Rel(c, "compound:prt") && v.words[c].lemma == "off") return verb;
      }
      return -1;
    }
    return verb;
  }
  return -1;
}

int PromisedBy(const SyntaxView& v, uint32_t predicate) {
  int verb = ClauseVerb(v, predicate);
  if (verb < 0 || static_cast<uint32_t>(verb) == predicate) return -1;
  std::string_view lemma = v.words[verb].lemma;
  if (lemma == "promise" || lemma == "pledge" || lemma == "offer" || lemma == "vow" ||
      lemma == "propose")
    return verb;
  return -1;
}

int HypotheticalBy(const SyntaxView& v, uint32_t predicate) {
  if (v.words[predicate].upos != "NOUN" || v.BaseRel(predicate) != "nsubj") return -1;
  int verb = v.Head(predicate);
  if (verb < 0) return -1;
  for (uint32_t c : v.children[verb]) {
    std::string_view lemma = v.words[c].lemma;
    if (v.Rel(c, "aux") &&
        (lemma == "could" || lemma == "would" || lemma == "might" || lemma == "may"))
      return static_cast<int>(c);
  }
  return -1;
}

int ObligedBy(const SyntaxView& v, uint32_t predicate) {
  int verb = ClauseVerb(v, predicate);
  // Coordinated verbs share the first one's modal: "should abide by ... and resolve ...".
  for (int step = 0; verb >= 0 && step < 4; ++step) {
    for (uint32_t c : v.children[verb]) {
      if (!v.Rel(c, "aux")) continue;
      std::string_view lemma = v.words[c].lemma;
      if (lemma == "should" || lemma == "must" || lemma == "ought") return static_cast<int>(c);
    }
    if (v.BaseRel(static_cast<uint32_t>(verb)) != "conj") break;
    verb = v.Head(static_cast<uint32_t>(verb));
  }
  return -1;
}

bool TopicClause(const SyntaxView& v, uint32_t predicate) {
  if (v.words[predicate].xpos != "VBG") return false;
  for (uint32_t c : v.children[predicate]) {
    if (!v.Rel(c, "mark") && !v.Rel(c, "case")) continue;
    std::string_view w = v.words[c].lemma;
    if (w == "on" || w == "about" || w == "over" || w == "regarding" || w == "concerning")
      return true;
  }
  return false;
}

bool Background(const SyntaxView& v, uint32_t predicate) {
  // "the trawler detained after the collision": a past participle with no object of its own. One
  // with an object ("authorities detained a professor") is an active verb the parser took for a
  // modifier.
  if (!v.Rel(predicate, "acl") || v.words[predicate].xpos != "VBN") return false;
  for (uint32_t c : v.children[predicate]) {
    if (v.Rel(c, "obj") || v.Rel(c, "iobj")) return false;
  }
  // The noun must itself be an object or oblique of something. When it is the root or a subject
  // ("Senior diplomats met in Beijing" parsed as a noun phrase), the participle is the main verb
  // the parser took for a modifier.
  int noun = v.Head(predicate);
  if (noun < 0) return false;
  // "Tens of thousands of protesters rallied": a quantity phrase hung on the root is the subject.
  int top = noun;
  while (top >= 0 && v.BaseRel(static_cast<uint32_t>(top)) == "nmod") top = v.Head(top);
  if (top >= 0 && v.Rel(static_cast<uint32_t>(top), "root")) return false;
  std::string_view base = v.BaseRel(static_cast<uint32_t>(noun));
  return base == "obj" || base == "iobj" || base == "obl" || base == "nmod" || base == "appos";
}

SyntaxRoles RolesFromParse(const Sentence& s, const SyntaxView& v, const Match& m) {
  SyntaxRoles r;
  const uint32_t h = PredicateOf(v, m);
  r.predicate = h;
  const bool nominal = v.words[h].upos == "NOUN" || v.words[h].upos == "PROPN";

  // Source.
  // A noun act that a verb of judging, reporting or recalling takes as its object ("criticized the
  // protests", "referring to the protests") is what that verb is about, not its subject's act
  // (unlike "staged protests").
  if (nominal) {
    static const std::array<std::string_view, 40> kAbout = {
        "criticize", "criticise", "condemn", "denounce", "deplore",     "decry",       "slam",
        "blast",     "protest",   "oppose",  "refer",    "mention",     "recall",      "cite",
        "describe",  "blame",     "welcome", "praise",   "hail",        "applaud",     "support",
        "endorse",   "discuss",   "comment", "report",   "deny",        "investigate", "probe",
        "question",  "regret",    "lament",  "mark",     "commemorate", "remember",    "watch",
        "monitor",   "cover",     "recount", "witness",  "film"};
    int up = v.Head(h);
    std::string_view base = v.BaseRel(h);
    if (up >= 0 && (base == "obj" || base == "obl")) {
      for (std::string_view w : kAbout) r.foreign_noun = r.foreign_noun || v.words[up].lemma == w;
      // "discussed *their* concerns": a possessive pronoun makes it the subject's own.
      for (uint32_t c : v.children[h]) {
        std::string_view w = s.tokens[c].lower;
        if (v.Rel(c, "nmod:poss") &&
            (w == "their" || w == "its" || w == "his" || w == "her" || w == "our" || w == "my"))
          r.foreign_noun = false;
      }
      if (r.foreign_noun)
        r.why = fmt::format("'{}' is what '{}' is about, not its subject's act", s.tokens[h].text,
                            s.tokens[up].text);
    }
  }
  std::string how;
  int subj = r.foreign_noun ? -1 : SubjectToken(s, v, h, &r.passive, &how, &r.shared_subject);
  // "arrived ... and was greeted by": a passive verb sharing a coordinated verb's subject.
  for (uint32_t c : v.children[h]) r.passive = r.passive || v.Rel(c, "aux:pass");
  if (r.passive) {
    r.passive_subject = subj >= 0 ? MentionOf(s, v, static_cast<uint32_t>(subj)) : kNoMention;
    for (uint32_t c : v.children[h]) {
      if (v.Rel(c, "obl:agent") || ((v.BaseRel(c) == "obl") && CaseOf(s, v, c) == "by")) {
        r.source = MentionOf(s, v, c);
        if (r.source >= 0) how = fmt::format("'by' agent of passive '{}'", s.tokens[h].text);
        break;
      }
    }
  } else if (subj >= 0) {
    r.source = MentionOf(s, v, static_cast<uint32_t>(subj));
    // A common noun that is no actor is a thing or an unnamed group; a name or a pronoun may
    // still stand for an actor the mention finder did not know.
    r.subject_not_actor = r.source == kNoMention && v.words[subj].upos == "NOUN";
  }
  if (r.source == kNoMention && !r.passive && nominal) {
    for (uint32_t c : v.children[h]) {
      if (v.Rel(c, "nmod:poss") || (v.BaseRel(c) == "nmod" && CaseOf(s, v, c) == "by")) {
        r.source = MentionOf(s, v, c);
        if (r.source >= 0) how = fmt::format("possessor of '{}'", s.tokens[h].text);
        break;
      }
    }
    // "Chinese protests": a country adjective on the act's noun names who acts.
    if (r.source == kNoMention && r.foreign_noun) {
      for (uint32_t c : v.children[h]) {
        int mention = s.tokens[c].mention;
        if (v.Rel(c, "amod") && mention >= 0 && !IsWeak(s.mentions[mention]) &&
            !InMatch(s, m, mention)) {
          r.source = mention;
          how = fmt::format("country adjective of '{}'", s.tokens[h].text);
          break;
        }
      }
    }
  }
  if (r.source >= 0) r.why = (r.why.empty() ? "" : r.why + "; ") + "source: " + how;

  // Target: an object of any word of the match, best relation first, then nearest after it.
  int target_rank = 9, target_token = kNoToken;
  auto consider = [&](uint32_t head_word) {
    // Dependents after a verb coordinated with this word are that verb's ("sealed off streets ...
    // and allowed people to approach"), whatever the parser hung them on.
    uint32_t limit = static_cast<uint32_t>(v.words.size());
    for (uint32_t c : v.children[head_word]) {
      if (c > head_word && v.BaseRel(c) == "conj" &&
          (v.words[c].upos == "VERB" || v.words[c].upos == "AUX")) {
        limit = std::min(limit, c);
      }
    }
    for (uint32_t c : v.children[head_word]) {
      if (c > limit) continue;
      std::string_view rel = v.words[c].deprel;
      std::string_view base = v.BaseRel(c);
      int rank = 9;
      if (rel == "iobj") {
        rank = 0;
      } else if (rel == "obj") {
        rank = 1;
      } else if ((base == "obl" || base == "nmod") && rel != "obl:tmod" && rel != "obl:npmod" &&
                 rel != "nmod:poss" && rel != "obl:agent") {
        std::string_view cs = CaseOf(s, v, c);
        bool is_target = false;
        for (std::string_view w : kTargetCases) is_target = is_target || w == cs;
        // Nouns take their object with "of": "the seizure of the trawler".
        if (cs == "of" && (v.words[head_word].upos == "NOUN")) is_target = true;
        if (is_target) rank = 2;
      }
      if (rank == 9) continue;
      int mention = MentionOf(s, v, c);
      if (mention == kNoMention || mention == r.source || mention == r.passive_subject) continue;
      // A role phrase with no country, or one the pattern itself spells ("deployed patrol ships"),
      // is not what the act is done to.
      if (IsWeak(s.mentions[mention]) || InMatch(s, m, mention)) continue;
      if (rank < target_rank || (rank == target_rank && static_cast<int>(c) < target_token)) {
        target_rank = rank;
        target_token = static_cast<int>(c);
        r.target = mention;
      }
    }
  };
  consider(h);
  // "promised China a package of loans", "gave Japan aid": the recipient is the verb's indirect
  // object (which parsers often label a second object).
  if (nominal && !r.foreign_noun) {
    static const std::array<std::string_view, 13> kDative = {
        "give", "offer", "promise", "send",   "grant",   "lend",  "hand",
        "pay",  "sell",  "award",   "extend", "provide", "pledge"};
    int verb = ClauseVerb(v, h);
    // Only when the act's noun phrase is the verb's direct object.
    int top = static_cast<int>(h);
    while (top >= 0 && v.Head(static_cast<uint32_t>(top)) != verb)
      top = v.Head(static_cast<uint32_t>(top));
    bool dative = verb >= 0 && top >= 0 && v.Rel(static_cast<uint32_t>(top), "obj");
    if (dative) {
      dative = false;
      for (std::string_view w : kDative) dative = dative || v.words[verb].lemma == w;
    }
    if (dative && static_cast<uint32_t>(verb) != h) {
      auto on_path = [&](uint32_t c) {  // is c h itself or one of its ancestors below the verb?
        for (int x = static_cast<int>(h); x >= 0 && x != verb; x = v.Head(static_cast<uint32_t>(x)))
          if (static_cast<uint32_t>(x) == c) return true;
        return false;
      };
      for (uint32_t c : v.children[verb]) {
        if ((!v.Rel(c, "iobj") && !v.Rel(c, "obj")) || on_path(c) || c > h) continue;
        int mention = MentionOf(s, v, c);
        if (mention >= 0 && mention != r.source && !IsWeak(s.mentions[mention]) &&
            target_rank > 0) {
          target_rank = 0;
          target_token = static_cast<int>(c);
          r.target = mention;
        }
      }
    }
  }
  for (uint32_t i = 0; i < m.word_count; ++i) {
    if (m.words[i] != h && m.words[i] < v.words.size()) consider(m.words[i]);
  }
  if (r.target >= 0) {
    if (!r.why.empty()) r.why += "; ";
    r.why += fmt::format("target: {} of '{}'", v.words[target_token].deprel,
                         s.tokens[v.Head(target_token)].text);
  }
  if (r.passive) {
    if (!r.why.empty()) r.why += "; ";
    r.why += fmt::format("passive '{}'", s.tokens[h].text);
  }

  // Negation on the predicate or on a verb whose scope holds it: one that controls it ("did not
  // agree to send"), or one whose object a relative clause around it describes ("had never done
  // anything it needed to apologise for").
  for (uint32_t x = h, step = 0; step < 6; ++step) {
    for (uint32_t c : v.children[x]) {
      if (!v.Rel(c, "advmod") || !Negator(s.tokens[c].lower) || r.negated) continue;
      r.negated = true;
      r.negated_at = x;
      for (uint32_t a : v.children[x]) {
        std::string_view aux = v.words[a].lemma;
        if (v.Rel(a, "aux") &&
            (aux == "will" || aux == "would" || aux == "can" || aux == "could" || aux == "shall"))
          r.refused = true;
      }
    }
    if (r.negated) break;
    int up = v.Head(x);
    if (up < 0) break;
    std::string_view base = v.BaseRel(x);
    bool noun_to_verb = (base == "obj" || v.Rel(x, "nsubj:pass")) &&
                        (v.words[x].upos == "NOUN" || v.words[x].upos == "PRON");
    if (base != "xcomp" && !v.Rel(x, "acl:relcl") && !noun_to_verb) break;
    x = static_cast<uint32_t>(up);
  }
  return r;
}

std::string FormatParse(const Sentence& s, const SyntaxView& v) {
  std::string out;
  for (uint32_t t = 0; t < v.words.size(); ++t) {
    const ParsedWord& w = v.words[t];
    out += fmt::format("{}{}:{}/{}->{}:{}", t ? " " : "", t + 1, s.tokens[t].text, w.upos, w.head,
                       w.deprel);
  }
  return out;
}

}  // namespace dyad::coder
