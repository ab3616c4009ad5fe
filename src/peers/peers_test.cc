// The peers' formats and rules, on small dictionaries written for these tests.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "peers/coder.h"
#include "peers/convert.h"
#include "peers/dictionary.h"

namespace dyad::peers {
namespace {

using Tuples = std::set<std::tuple<std::string, std::string, std::string>>;

// A tiny world in TABARI's formats.
constexpr char kTabariActors[] =
    "<NOUN>\n"
    "SHEEP_\n"
    "</NOUN>\n"
    "<ADJECTIVE>\n"
    "GRUMPY\n"
    "</ADJECTIVE>\n"
    "NORLAND  [NOR] ; a stem: meets Norlandic too\n"
    "SUDRIA_  [SUD]\n"
    "EASTMARK\n"
    "+EAST_MARK\n"
    "\t[EMK <900101]\n"
    "\t[EMKGOV 900101-991231]\n"
    "\t[EMK]\n"
    "WESTBURY [###]\n"
    "TWIN_ISLES [TIA/TIB]\n"
    "BAD LINE [NOR 99x]\n"
    "~~FINISH\n";

constexpr char kTabariAgents[] =
    "MINISTER_ [~GOV] ; comment\n"
    "RIGHTS_ACTIVISTS_ [HRI~]\n"
    "TROOPS_ [~MIL]\n";

constexpr char kTabariVerbs[] =
    "<SYNSETS>\n"
    "&FRUIT\n"
    "+APPLES\n"
    "+GREEN_PEARS\n"
    "</SYNSETS>\n"
    "PRAISE_ [051]\n"
    "{ PRAISED_ LAUDED_ }\n"
    "- * &FRUIT  [057]\n"
    "- WARMLY_* [052]\n"
    "- * $ FOR_HELP [053]\n"
    "ATTACK  [190]\n"
    "- + WAS * BY $ [191]\n"
    "MEET  [040:040]\n"
    "- % *  [043]\n"
    "SAID  [010?]\n"
    "CRICKET  [###]\n";

Tuples Code(ShallowCoder& coder, const PeerDictionary& dict, const std::string& text,
            Day date = kNoDate, SentenceResult::Status* status = nullptr) {
  auto r = coder.Code(text, date, dict.options, nullptr, nullptr);
  if (status != nullptr) *status = r.status;
  Tuples out;
  for (const auto& e : r.events) out.insert({e.source, e.target, e.code});
  return out;
}

class TabariTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ReadVerbs(kTabariVerbs, "t.verbs", Format::kTabari, &dict_, &problems_);
    dict_.options = DefaultOptions(Flavor::kTabari);
    dict_.options.min_words = 0;
    ReadActors(kTabariActors, "t.actors", Format::kTabari, &dict_, &problems_);
    ReadAgents(kTabariAgents, "t.agents", Format::kTabari, &dict_, &problems_);
    dict_.Compile();
  }
  PeerDictionary dict_;
  std::vector<Problem> problems_;
};

TEST_F(TabariTest, DetectsFormats) {
  EXPECT_EQ(DetectFormat(Kind::kActors, kTabariActors), Format::kTabari);
  EXPECT_EQ(DetectFormat(Kind::kVerbs, kTabariVerbs), Format::kTabari);
  EXPECT_EQ(DetectFormat(Kind::kActors, "Japan; Nippon | JPN\n# comment\n"), Format::kDyad);
  EXPECT_EQ(DetectFormat(Kind::kVerbs, "--- PRAISE [051] ---\nPRAISE\n- * FRUIT [057]\n"),
            Format::kPetrarch);
  EXPECT_EQ(DetectFormat(Kind::kOptions, "COMPLEX: VERBS[5]\n"), Format::kTabari);
  EXPECT_EQ(DetectFormat(Kind::kActors, "just some words\n"), Format::kUnknown);
}

TEST_F(TabariTest, ReportsBadLinesWithFileAndLine) {
  ASSERT_EQ(problems_.size(), 1u);
  EXPECT_EQ(problems_[0].file, "t.actors");
  EXPECT_EQ(problems_[0].line, 16);
  EXPECT_NE(problems_[0].message.find("99x"), std::string::npos) << problems_[0].ToString();
}

TEST_F(TabariTest, ParsesCodes) {
  CodeSpec c;
  ASSERT_TRUE(ParseCode("[013:012]", &c));
  EXPECT_EQ(c.kind, CodeSpec::kEvent);
  EXPECT_EQ(c.code, "013");
  EXPECT_EQ(c.paired, "012");
  ASSERT_TRUE(ParseCode("[023?]", &c));
  EXPECT_TRUE(c.subordinate);
  ASSERT_TRUE(ParseCode("[###]", &c));
  EXPECT_EQ(c.kind, CodeSpec::kDiscard);
  ASSERT_TRUE(ParseCode("[---]", &c));
  EXPECT_EQ(c.kind, CodeSpec::kNull);
  EXPECT_FALSE(ParseCode("[a b]", &c));
}

TEST_F(TabariTest, WordModes) {
  std::vector<uint32_t> ids;
  dict_.TextIds("NORLANDIC", &ids);  // stem
  EXPECT_TRUE(std::count(ids.begin(), ids.end(), dict_.Intern("NORLAND", WordMode::kStem)));
  ids.clear();
  dict_.TextIds("SUDRIAS", &ids);  // noun ending
  EXPECT_TRUE(std::count(ids.begin(), ids.end(), dict_.Intern("SUDRIA", WordMode::kNounEnding)));
  ids.clear();
  dict_.TextIds("SUDRIAN", &ids);
  EXPECT_FALSE(std::count(ids.begin(), ids.end(), dict_.Intern("SUDRIA", WordMode::kNounEnding)));
  ids.clear();
  dict_.TextIds("PRAISING", &ids);  // verb ending, final E dropped
  EXPECT_TRUE(std::count(ids.begin(), ids.end(), dict_.Intern("PRAISE", WordMode::kEnding)));
}

TEST_F(TabariTest, CodesActorsAgentsAndPatterns) {
  ShallowCoder coder(dict_);
  EXPECT_EQ(Code(coder, dict_, "Norland praised Sudria on Monday."),
            (Tuples{{"NOR", "SUD", "051"}}));
  // A synset member of two consecutive words, and a pattern before the verb joined by "_".
  EXPECT_EQ(Code(coder, dict_, "Norland praised the green pears of Sudria."),
            (Tuples{{"NOR", "SUD", "057"}}));
  EXPECT_EQ(Code(coder, dict_, "Norland warmly praised Sudria."), (Tuples{{"NOR", "SUD", "052"}}));
  EXPECT_EQ(Code(coder, dict_, "Norland warmly and loudly praised Sudria."),
            (Tuples{{"NOR", "SUD", "051"}}));
  // "$" in a pattern names the source; agents join their actor.
  EXPECT_EQ(Code(coder, dict_, "Norland lauded Sudria's minister for help."),
            (Tuples{{"SUDGOV", "NOR", "053"}}));
  EXPECT_EQ(Code(coder, dict_, "Rights activists in Norland praised Sudria troops."),
            (Tuples{{"HRINOR", "SUDMIL", "051"}}));
}

TEST_F(TabariTest, DatesCompoundsAndCodedCompounds) {
  ShallowCoder coder(dict_);
  Day d1985, d1995;
  ASSERT_TRUE(ParseDate("19850101", &d1985));
  ASSERT_TRUE(ParseDate("19950101", &d1995));
  EXPECT_EQ(Code(coder, dict_, "East Mark praised Sudria.", d1985),
            (Tuples{{"EMK", "SUD", "051"}}));
  EXPECT_EQ(Code(coder, dict_, "East Mark praised Sudria.", d1995),
            (Tuples{{"EMKGOV", "SUD", "051"}}));
  EXPECT_EQ(Code(coder, dict_, "Norland and the grumpy Sudria praised Eastmark.", d1985),
            (Tuples{{"NOR", "EMK", "051"}, {"SUD", "EMK", "051"}}));
  EXPECT_EQ(Code(coder, dict_, "Norland praised Twin Isles."),
            (Tuples{{"NOR", "TIA", "051"}, {"NOR", "TIB", "051"}}));
  // "%": a compound acting on itself; a paired code gives the reverse event.
  EXPECT_EQ(Code(coder, dict_, "Norland and Sudria will meet."),
            (Tuples{{"NOR", "SUD", "043"}, {"SUD", "NOR", "043"}}));
  EXPECT_EQ(Code(coder, dict_, "Norland will meet Sudria."),
            (Tuples{{"NOR", "SUD", "040"}, {"SUD", "NOR", "040"}}));
}

TEST_F(TabariTest, PassiveSubordinateDiscardsAndNouns) {
  ShallowCoder coder(dict_);
  EXPECT_EQ(Code(coder, dict_, "Sudria was attacked by Norland."), (Tuples{{"NOR", "SUD", "191"}}));
  // "SAID [010?]" yields to a verb after it.
  EXPECT_EQ(Code(coder, dict_, "Norland said it praised Sudria."), (Tuples{{"NOR", "SUD", "051"}}));
  EXPECT_EQ(Code(coder, dict_, "Norland said so to Sudria."), (Tuples{{"NOR", "SUD", "010"}}));
  SentenceResult::Status status;
  EXPECT_TRUE(Code(coder, dict_, "Norland praised Westbury.", kNoDate, &status).empty());
  EXPECT_EQ(status, SentenceResult::kDiscarded);
  EXPECT_TRUE(Code(coder, dict_, "Norland played cricket with Sudria.", kNoDate, &status).empty());
  EXPECT_EQ(status, SentenceResult::kDiscarded);
  // A verb after a determiner is a noun.
  EXPECT_TRUE(Code(coder, dict_, "Norland saw the attack on Sudria.").empty());
}

TEST_F(TabariTest, OptionsCommands) {
  Options o;
  EXPECT_EQ(ApplyOptionCommand("COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR", &o), "");
  EXPECT_EQ(o.complex_verbs, 5);
  EXPECT_TRUE(o.no_actor_prior);
  EXPECT_EQ(ApplyOptionCommand("COMMA: MIN = 4 MAX = 6 BMIN = 3", &o), "");
  EXPECT_EQ(o.comma_max, 6);
  EXPECT_EQ(o.comma_bmin, 3);
  EXPECT_EQ(ApplyOptionCommand("SET: CODE ALL", &o), "");
  EXPECT_EQ(o.code_by, Options::CodeBy::kAll);
  EXPECT_EQ(ApplyOptionCommand("DEFAULT: SOURCE [SRC] PRIOR TARGET [TGT]", &o), "");
  EXPECT_EQ(o.default_source, "SRC");
  EXPECT_TRUE(o.default_source_prior);
  EXPECT_EQ(ApplyOptionCommand("LABEL: 010=YIELD", &o).rfind("ignored", 0), 0u);
  EXPECT_FALSE(ApplyOptionCommand("SET: FROBNICATE = TRUE", &o).empty());
}

// PETRARCH-2's formats: verb blocks, generated forms, plurals, discards.
constexpr char kPetrarchVerbs[] =
    "&FRUIT\n"
    "+APPLE\n"
    "+PEAR_\n"
    "\n"
    "--- PRAISE [051] ---\n"
    "PRAISE\n"
    "LAUD {LAUDS LAUDED LAUDING} [052]\n"
    "- * &FRUIT [057]  # comment\n"
    "- * (FOR HELP) [053]\n"
    "\n"
    "--- CHEER [---] ---\n"
    "+CHEER_ON {+CHEERED_ON}\n"
    "- * {LOUD SUPPORT} [054]\n";

constexpr char kPetrarchActors[] =
    "<!-- a comment -->\n"
    "NORLAND [NOR]\n"
    "+NORLANDIC\n"
    "SUDRIA_ [SUD]  # comment\n"
    "SOUTH RIVER [SRV]\n";

constexpr char kPetrarchAgents[] =
    "!PERSON! = MAN, MEN\n"
    "POLICE {} [~COP]\n"
    "CONGRESS!PERSON! [~LEG]\n"
    "MINISTER [~GOV]\n";

class PetrarchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ReadVerbs(kPetrarchVerbs, "p.verbs", Format::kPetrarch, &dict_, &problems_);
    dict_.options = DefaultOptions(Flavor::kPetrarch);
    ReadActors(kPetrarchActors, "p.actors", Format::kPetrarch, &dict_, &problems_);
    ReadAgents(kPetrarchAgents, "p.agents", Format::kPetrarch, &dict_, &problems_);
    ReadDiscards("+CRICKET\nFOOT BALL_\n", "p.discards", &dict_, &problems_);
    dict_.Compile();
  }
  PeerDictionary dict_;
  std::vector<Problem> problems_;
};

TEST_F(PetrarchTest, ReadsEverything) {
  for (const auto& p : problems_) ADD_FAILURE() << p.ToString();
  EXPECT_EQ(DetectFormat(Kind::kActors, kPetrarchActors), Format::kPetrarch);
  EXPECT_EQ(DetectFormat(Kind::kAgents, kPetrarchAgents), Format::kPetrarch);
  EXPECT_EQ(dict_.flavor, Flavor::kPetrarch);
  EXPECT_EQ(dict_.blocks.size(), 2u);
}

TEST_F(PetrarchTest, Codes) {
  ShallowCoder coder(dict_);
  EXPECT_EQ(Code(coder, dict_, "Norland praises Sudria."), (Tuples{{"NOR", "SUD", "051"}}));
  // A verb's own code; a synset member's plural; a prepositional phrase.
  EXPECT_EQ(Code(coder, dict_, "Norland lauded Sudria."), (Tuples{{"NOR", "SUD", "052"}}));
  EXPECT_EQ(Code(coder, dict_, "Norland praised the apples of Sudria."),
            (Tuples{{"NOR", "SUD", "057"}}));
  EXPECT_EQ(Code(coder, dict_, "Norland praised the pears of Sudria."),  // "PEAR_": no plural
            (Tuples{{"NOR", "SUD", "051"}}));
  EXPECT_EQ(Code(coder, dict_, "Norland praised Sudria for its help."),
            (Tuples{{"NOR", "SUD", "053"}}));
  EXPECT_EQ(Code(coder, dict_, "Norland cheered on Sudria with loud support."),
            (Tuples{{"NOR", "SUD", "054"}}));
  // Agents: no plural for POLICE, substitutions, a gap in "SOUTH RIVER".
  EXPECT_EQ(Code(coder, dict_, "Norland congressmen praised Sudria police."),
            (Tuples{{"NORLEG", "SUDCOP", "051"}}));
  EXPECT_EQ(Code(coder, dict_, "Norland praised the South Blue River."),
            (Tuples{{"NOR", "SRV", "051"}}));
  // A possessive's noun phrase keeps its agent across coordinated modifiers.
  EXPECT_EQ(Code(coder, dict_, "Norland's old and wise minister praised Sudria."),
            (Tuples{{"NORGOV", "SUD", "051"}}));
  // Modals are auxiliaries.
  EXPECT_EQ(Code(coder, dict_, "Norland will praise Sudria."), (Tuples{{"NOR", "SUD", "051"}}));
  SentenceResult::Status status;
  EXPECT_TRUE(Code(coder, dict_, "Norland praised Sudria at cricket.", kNoDate, &status).empty());
  EXPECT_EQ(status, SentenceResult::kStoryDiscarded);
  EXPECT_TRUE(Code(coder, dict_, "Norland praised Sudria at foot ball.", kNoDate, &status).empty());
  EXPECT_EQ(status, SentenceResult::kDiscarded);
}

TEST(ConvertTest, CarriesWhatDyadCanAndReportsTheRest) {
  PeerDictionary dict;
  std::vector<Problem> problems;
  ReadVerbs(kTabariVerbs, "t.verbs", Format::kTabari, &dict, &problems);
  ReadActors(kTabariActors, "t.actors", Format::kTabari, &dict, &problems);
  ReadAgents(kTabariAgents, "t.agents", Format::kTabari, &dict, &problems);
  DyadVocabulary vocab{[](const std::string& c) { return c != "052"; },
                       [](const std::string& r) { return r == "GOV" || r == "MIL"; },
                       [](const std::string&) { return false; }};
  Conversion c = ToDyad(dict, vocab);
  auto has = [](const std::vector<DyadLine>& lines, const std::string& text) {
    for (const auto& l : lines) {
      if (l.text == text) return true;
    }
    return false;
  };
  EXPECT_TRUE(has(c.actors, "Sudria | SUD"));
  EXPECT_TRUE(has(c.actors, "Eastmark; East Mark | EMKGOV | 1990-01-01 | 1999-12-31"));
  EXPECT_TRUE(has(c.agents, "minister | GOV"));
  EXPECT_TRUE(has(c.verbs, "051 praise|praised|lauded"));
  EXPECT_TRUE(has(c.verbs, "053 praise|praised|lauded ... $ ... for help"));
  std::string lost;
  for (const auto& p : c.lost) lost += p.ToString() + "\n";
  EXPECT_NE(lost.find("t.actors:14: actor 'WESTBURY' code '###' dropped"), std::string::npos)
      << lost;
  EXPECT_NE(lost.find("'TIA/TIB' dropped: dyad has no compound codes"), std::string::npos) << lost;
  EXPECT_NE(lost.find("t.agents:2: agent 'RIGHTS_ACTIVISTS_'"), std::string::npos) << lost;
  EXPECT_NE(lost.find("'%' (a compound acting on itself)"), std::string::npos) << lost;
  EXPECT_NE(lost.find("'052' is not a CAMEO code"), std::string::npos) << lost;
  EXPECT_NE(lost.find("stem 'NORLAND' kept as a whole word"), std::string::npos) << lost;
  EXPECT_GT(c.carried, 0);
}

}  // namespace
}  // namespace dyad::peers
