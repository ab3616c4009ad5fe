// Clause boundaries and attributions ("..., the ministry said", "according to Kyodo").
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "coder/sentence.h"
#include "text/dates.h"

namespace dyad::coder {
namespace {

constexpr std::array<std::string_view, 20> kBoundaryWords = {
    ";",       ":",     "but",    "while", "whereas", "although", "though",
    "because", "after", "before", "when",  "since",   "unless",   "until",
    "which",   "who",   "whom",   "where", "amid",    "\""};
constexpr std::array<std::string_view, 16> kReportingWords = {
    "said",      "says",     "say",       "told",   "tells",     "added",     "stated", "noted",
    "announced", "reported", "according", "quoted", "confirmed", "explained", "wrote",  "claimed"};

}  // namespace

uint32_t ClassesOf(std::string_view lower) {
  static const WordSet kBoundarySet(kBoundaryWords), kReportingSet(kReportingWords);
  static const WordSet kFunctionWords(std::array<std::string_view, 44>{
      "and",  "or",   "nor",   "but",  "the",   "a",   "an",   "to",   "of",   "in",    "on",
      "at",   "for",  "with",  "by",   "from",  "as",  "that", "this", "it",   "its",   "is",
      "was",  "were", "be",    "been", "are",   "has", "have", "had",  "will", "would", "not",
      "also", "who",  "which", "they", "their", "he",  "she",  "his",  "her",  "than",  "then"});
  uint32_t c = 0;
  if (kFunctionWords.Has(lower)) c |= kFunction;
  if (IsModifierWord(lower)) c |= kModifier;
  if (IsPrepositionWord(lower)) c |= kPreposition;
  if (kBoundarySet.Has(lower)) c |= kBoundary;
  if (kReportingSet.Has(lower)) c |= kReporting;
  if (text::IsDateWord(lower)) c |= kDateWord;
  return c;
}

void MarkClauses(Sentence* s, std::vector<std::string>* trace) {
  auto& toks = s->tokens;
  for (uint32_t i = 0; i < toks.size(); ++i) {
    Token& t = toks[i];
    if (t.mention >= 0) continue;
    if (i > 0 && (t.classes & kBoundary)) t.boundary = true;
    // "told Chinese leaders that Japan would provide ...": a complement clause with its own
    // subject. Only after a reporting verb: in "demanded that Japan release ..." the demand keeps
    // its target.
    if (t.lower == "that" && i + 1 < toks.size() && toks[i + 1].mention >= 0) {
      for (uint32_t k = i; k > 0 && !toks[k].boundary; --k) {
        if (toks[k - 1].classes & kReporting) {
          t.boundary = true;
          break;
        }
      }
    }
    // ", prompting China to summon ...": a participial clause whose actor acts in it.
    if (i > 0 && toks[i - 1].lower == "," &&
        (t.lower == "prompting" || t.lower == "forcing" || t.lower == "leading" ||
         t.lower == "causing" || t.lower == "sparking" || t.lower == "triggering" ||
         t.lower == "drawing" || t.lower == "spurring")) {
      t.boundary = true;
    }
    // ", and Japan criticized ...": a new clause with its own subject.
    if ((t.lower == "and" || t.lower == "but" || t.lower == "or") && i > 0 &&
        toks[i - 1].lower == "," && i + 1 < toks.size() && toks[i + 1].mention >= 0) {
      t.boundary = true;
    }
    if (!(t.classes & kReporting)) continue;
    // The speaker stands just before the reporting verb, or just after it ("said the ministry",
    // "according to Kyodo").
    int speaker = -1;
    uint32_t k = i;
    while (
        k > 0 && k + 2 > i &&
        (toks[k - 1].lower == "also" || toks[k - 1].lower == "has" || toks[k - 1].lower == "had"))
      --k;
    if (k > 0 && toks[k - 1].mention >= 0) speaker = toks[k - 1].mention;
    // "Japanese prosecutors in Naha said": the place is where the speaker is, not the speaker.
    if (speaker >= 0 && s->mentions[speaker].place) {
      uint32_t f = s->mentions[speaker].first;
      if (f >= 2 && (toks[f - 1].lower == "in" || toks[f - 1].lower == "at") &&
          toks[f - 2].mention >= 0) {
        speaker = toks[f - 2].mention;
      }
    }
    uint32_t after = i + 1;
    if (after < toks.size() && toks[after].lower == "to") ++after;
    bool inverted = speaker < 0 && after < toks.size() && toks[after].mention >= 0;
    if (inverted) speaker = toks[after].mention;
    if (speaker < 0) continue;
    if (i > 0) t.boundary = true;
    const Mention& m = s->mentions[speaker];
    // A trailing attribution is a clause of its own: "China entered the waters, the coast guard
    // said."
    if (!inverted && m.first > 0 && toks[m.first - 1].lower == ",")
      toks[m.first - 1].boundary = true;
    if (inverted && m.last < toks.size() && toks[m.last].lower == ",") toks[m.last].boundary = true;
    if (inverted && i > 0 && toks[i - 1].lower == ",") toks[i - 1].boundary = true;
    s->speaker = speaker;
    const uint32_t speaker_first = m.first;
    // "China said it would ..." : the pronoun is the speaker.
    // "announced on Thursday that it ...": dates and "that" may stand between verb and pronoun.
    uint32_t p = i + 1;
    while (p < toks.size() && p < i + 5 && toks[p].mention < 0 &&
           ((toks[p].classes & kDateWord) || toks[p].lower == "on" || toks[p].lower == "that" ||
            toks[p].lower == "last" || toks[p].lower == "this")) {
      ++p;
    }
    if (p < toks.size() && toks[p].mention < 0 &&
        (toks[p].lower == "it" || toks[p].lower == "they" || toks[p].lower == "he" ||
         toks[p].lower == "she")) {
      Mention pm;
      pm.first = p;
      pm.last = p + 1;
      pm.codes = m.codes;
      pm.person = m.person;
      pm.has_role = m.has_role;
      pm.why = "pronoun: the speaker of the attribution";
      auto pos = std::find_if(s->mentions.begin(), s->mentions.end(),
                              [&](const Mention& x) { return x.first > p; });
      s->mentions.insert(pos, std::move(pm));
      for (size_t j = 0; j < s->mentions.size(); ++j) {
        for (uint32_t q = s->mentions[j].first; q < s->mentions[j].last; ++q)
          toks[q].mention = static_cast<int>(j);
      }
      // Indices after the insertion point moved by one.
      for (size_t j = 0; j < s->mentions.size(); ++j) {
        if (s->mentions[j].first == speaker_first) {
          s->speaker = static_cast<int>(j);
          break;
        }
      }
    }
  }
  int clause = 0;
  for (auto& t : toks) {
    if (t.boundary) ++clause;
    t.clause = clause;
  }
  // Quoted words and boundaries inside a mention never split it.
  for (auto& m : s->mentions) {
    for (uint32_t q = m.first + 1; q < m.last; ++q) toks[q].clause = toks[m.first].clause;
  }
  if (trace != nullptr && s->speaker >= 0) {
    trace->push_back(
        fmt::format("  attribution speaker: mention at token {}", s->mentions[s->speaker].first));
  }
}

}  // namespace dyad::coder
