#include "coder/modality.h"

#include <algorithm>
#include <array>
#include <map>

#include "coder/sentence.h"

namespace dyad::coder {
namespace {

constexpr std::array<std::string_view, 6> kNegators = {"not", "n't",     "never",
                                                       "no",  "without", "nor"};
constexpr std::array<std::string_view, 16> kRefusals = {
    "refuse", "refused",  "refuses", "refusing",  "decline", "declined", "declines", "declining",
    "reject", "rejected", "rejects", "rejecting", "fail",    "failed",   "fails",    "reluctant"};
constexpr std::array<std::string_view, 4> kThreats = {"threaten", "threatened", "threatens",
                                                      "threatening"};
constexpr std::array<std::string_view, 78> kIntents = {
    "consensus", "agreement",   "deal",      "accord",    "decision",   "commitment", "pledge",
    "promise",   "willingness", "readiness", "offer",     "proposal",   "plan",       "intention",
    "bid",       "deadline",    "vow",       "vowed",     "vows",       "pledge",     "pledged",
    "pledges",   "promise",     "promised",  "promises",  "plan",       "plans",      "planned",
    "planning",  "intend",      "intends",   "intended",  "agree",      "agreed",     "agrees",
    "offer",     "offered",     "offers",    "aim",       "aims",       "aimed",      "seek",
    "seeks",     "sought",      "hope",      "hopes",     "hoped",      "want",       "wants",
    "wanted",    "propose",     "proposed",  "proposes",  "prepare",    "prepared",   "decide",
    "decided",   "decides",     "expected",  "set",       "ready",      "willing",    "likely",
    "scheduled", "due",         "going",     "committed", "determined", "resolved",   "eager",
    "wish",      "wishes",      "wished",    "vowing",    "pledging",   "promising",  "agreeing",
    "offering"};
constexpr std::array<std::string_view, 7> kWillNot = {"will", "would", "wo",   "ca",
                                                      "can",  "shall", "could"};
constexpr std::array<std::string_view, 3> kObligation = {"must", "should", "ought"};
constexpr std::array<std::string_view, 5> kFuture = {"will", "would", "shall", "'ll", "to"};
constexpr std::array<std::string_view, 12> kAdverbs = {
    "also",       "soon",  "still",       "further", "jointly", "formally",
    "eventually", "again", "immediately", "quickly", "now",     "then"};

}  // namespace

Modality ModalityBefore(const Sentence& s, uint32_t start, std::string* cue) {
  const auto& toks = s.tokens;
  int clause = start < toks.size() ? toks[start].clause : 0;
  // Up to four words back, skipping adverbs, stopping at actors and clause edges.
  std::array<std::string_view, 4> w{};
  size_t n = 0;
  for (uint32_t k = start; k > 0 && n < w.size(); --k) {
    const Token& t = toks[k - 1];
    if (t.clause != clause || t.mention >= 0) break;
    if (InList(kAdverbs, t.lower)) continue;
    w[n++] = t.lower;
  }
  for (size_t i = 0; i < n && i < 3; ++i) {
    if (InList(kNegators, w[i])) {
      // "will not meet", "won't accept", "cannot accept": a refusal, which CAMEO codes as
      // rejection.
      if (i + 1 < n && InList(kWillNot, w[i + 1])) {
        *cue = std::string(w[i + 1]) + " " + std::string(w[i]);
        return Modality::kRefused;
      }
      *cue = std::string(w[i]);
      return Modality::kNegated;
    }
  }
  // "Iraq must cooperate", "Japan should apologise": demanded or advised, not done.
  if (n >= 1 && InList(kObligation, w[0])) {
    *cue = std::string(w[0]);
    return Modality::kUnrealized;
  }
  // "have yet to launch": not done.
  if (n >= 2 && w[0] == "to" && w[1] == "yet") {
    *cue = "yet to";
    return Modality::kNegated;
  }
  if (n >= 2 && w[0] == "to") {
    *cue = std::string(w[1]) + " to";
    if (InList(kRefusals, w[1])) return Modality::kRefused;
    if (InList(kThreats, w[1])) return Modality::kThreatened;
    if (InList(kIntents, w[1])) return Modality::kIntended;
    if (n >= 3 && InList(kIntents, w[2]) && (w[1] == "be" || w[1] == "not"))
      return Modality::kIntended;
  }
  if (n >= 1 && InList(kFuture, w[0]) && w[0] != "to") {
    *cue = std::string(w[0]);
    return Modality::kIntended;
  }
  // Intent governs the whole verb phrase: "is ready to contribute up to 4,000 troops to a
  // peacekeeping force" - look further back, to the clause's last actor or comma.
  for (uint32_t k = start, seen = 0; k > 1 && seen < 12; --k, ++seen) {
    const Token& t = toks[k - 1];
    // Lists inside the phrase ("political, diplomatic and security dialogue") do not end it; a new
    // clause or an actor does.
    if (t.clause != clause || t.mention >= 0 || t.lower == ";") break;
    // "refused on Sunday to apologise", "declined again to comment": a time phrase or adverb
    // between the refusal and its infinitive.
    if (t.lower == "to" && k >= 3 && k + 1 >= start) {  // the infinitive is the act itself
      for (uint32_t j = k - 1; j > 0 && k - 1 - j < 4; --j) {
        const Token& u = toks[j - 1];
        if (u.mention >= 0 || u.clause != clause) break;
        if (InList(kRefusals, u.lower)) {
          if (j + 1 == k) break;  // adjacent: handled above
          *cue = u.lower + " ... to";
          return Modality::kRefused;
        }
        if (!(u.classes & kDateWord) && u.lower != "on" && u.lower != "again" &&
            u.lower != "flatly" && u.lower != "also" && u.lower != "last" && u.lower != "this")
          break;
      }
    }
    if (t.lower == "to" && toks[k - 2].lower == "yet") {  // "have yet to launch a mechanism"
      *cue = "yet to";
      return Modality::kNegated;
    }
    if (t.lower == "to" && InList(kIntents, toks[k - 2].lower) && toks[k - 2].mention < 0) {
      *cue = toks[k - 2].lower + " to";
      return Modality::kIntended;
    }
    if ((t.lower == "will" || t.lower == "would") && seen > 0) {
      *cue = t.lower;
      return Modality::kIntended;
    }
  }
  return Modality::kPlain;
}

std::string IntentCode(const std::string& code) {
  static const std::map<std::string, std::string> kMap = {
      {"061", "0311"}, {"062", "0312"}, {"063", "0313"}, {"064", "0314"}, {"071", "0331"},
      {"072", "0332"}, {"073", "0333"}, {"074", "0334"}, {"081", "0351"}, {"082", "0352"},
      {"084", "0353"}, {"085", "0354"}, {"086", "0355"}, {"087", "0356"}};
  std::string three = code.substr(0, 3);
  if (auto it = kMap.find(three); it != kMap.end()) return it->second;
  // A promised political reform (resigning, changing a policy, rights or institutions) is 034x,
  // the intent beside 083x's accession.
  if (three == "083") return code.size() == 4 ? "034" + code.substr(3) : "034";
  std::string root = code.substr(0, 2);
  if (root == "04") return "036";
  if (root == "05") return "032";
  if (root == "06") return "031";
  if (root == "07") return "033";
  if (root == "08") return "035";
  if (root >= "14") return ThreatCode(code);
  return code;  // statements, appeals, intents, and verbal conflict keep their code
}

std::string ThreatCode(const std::string& code) {
  std::string root = code.substr(0, 2);
  std::string three = code.substr(0, 3);
  if (three == "162") return "1311";
  if (three == "163") return "1312";
  if (three == "161" || three == "164" || three == "166") return "1313";
  if (root == "16") return "131";
  if (root == "17") return "137";
  if (root == "15" || root == "18" || root == "19" || root == "20") return "138";
  if (root == "13") return code;
  return "130";
}

std::string RefusalCode(const std::string& code) {
  static const std::map<std::string, std::string> kMap = {
      {"061", "1211"}, {"062", "1212"}, {"081", "1241"}, {"082", "1242"},
      {"084", "1243"}, {"085", "1244"}, {"086", "1245"}, {"087", "1246"}};
  std::string three = code.substr(0, 3);
  if (auto it = kMap.find(three); it != kMap.end()) return it->second;
  std::string root = code.substr(0, 2);
  if (three == "055") return "124";  // refusing to apologise is refusing to yield
  if (root == "04") return "125";
  if (root == "06") return "121";
  if (root == "07") return "122";
  if (root == "08") return "124";
  if (root == "12") return code;
  return "120";
}

}  // namespace dyad::coder
