// The store's guarantees, on SQLite always and on PostgreSQL when $DYAD_TEST_POSTGRES names a
// server (scripts/test.sh starts one; under CI=true its absence is a failure).
#include "store/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace dyad::store {
namespace {

std::string PostgresUrl() {
  const char* url = std::getenv("DYAD_TEST_POSTGRES");
  return url ? url : "";
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres") {
      std::string url = PostgresUrl();
      if (url.empty()) GTEST_SKIP() << "skipped: $DYAD_TEST_POSTGRES not set";
      // A schema of this process's own: tests run in parallel against one server.
      std::string schema = "store_test_" + std::to_string(getpid());
      auto db = OpenDatabase(url);
      ASSERT_TRUE(db.ok()) << db.status().message();
      ASSERT_TRUE(
          db.value()
              ->Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema)
              .ok());
      location_ = url + (url.find('?') == std::string::npos ? "?" : "&") +
                  "options=-csearch_path%3D" + schema;
    } else {
      location_ = (std::filesystem::temp_directory_path() /
                   ("dyad_store_test_" + std::to_string(getpid()) + ".db"))
                      .string();
      for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(location_ + ext);
    }
    auto s = Store::Open(location_);
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(s).value();
    auto run = store_->BeginRun("test", "", "0", "dict");
    ASSERT_TRUE(run.ok());
    run_ = run.value();
    auto coding = store_->CurrentCoding(run_, "dict", "0");
    ASSERT_TRUE(coding.ok());
    coding_ = coding.value();
  }
  void TearDown() override {
    store_.reset();
    if (GetParam() == "postgres" && !location_.empty()) {
      auto db = OpenDatabase(PostgresUrl());
      if (db.ok())
        db.value()->Exec("DROP SCHEMA IF EXISTS store_test_" + std::to_string(getpid()) +
                         " CASCADE");
    }
    if (GetParam() == "sqlite")
      for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(location_ + ext);
  }

  static Document Doc(const std::string& id, const std::string& outlet, const std::string& text,
                      Day date) {
    Document d;
    d.id = id;
    d.outlet = outlet;
    d.text = text;
    d.date = date;
    return d;
  }
  static Event Ev(const std::string& src, const std::string& tgt, const std::string& code, Day date,
                  int sentence = 0) {
    Event e;
    e.source = src;
    e.target = tgt;
    e.code = code;
    e.date = date;
    e.sentence = sentence;
    e.quad = code[0] == '1' ? 3 : 1;
    e.goldstein = code[0] == '1' ? -4 : 3;
    e.evidence = {0, 5};
    e.evidence_text = "text";
    return e;
  }
  // Adds a document with its events in one transaction; returns what AddDocument said.
  AddedDocument Add(const Document& d, const std::string& hash, uint64_t simhash,
                    const std::vector<Event>& events) {
    EXPECT_TRUE(store_->Begin().ok());
    auto added = store_->AddDocument(d, hash, simhash, run_);
    EXPECT_TRUE(added.ok()) << added.status().message();
    if (added->added) {
      Status s = store_->AddEvents(coding_, added.value(), d.outlet, events);
      EXPECT_TRUE(s.ok()) << s.message();
    }
    EXPECT_TRUE(store_->Commit().ok());
    return added.value();
  }
  std::vector<StoredEvent> Query(EventQuery q = {}) {
    std::vector<StoredEvent> out;
    Status s = store_->ForEachEvent(q, [&](const StoredEvent& e) {
      out.push_back(e);
      return true;
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return out;
  }

  std::string location_;
  std::unique_ptr<Store> store_;
  int64_t run_ = 0, coding_ = 0;
};

TEST_P(StoreTest, SameDocumentTwiceIsStoredOnce) {
  Day day = DaysFromCivil(2012, 9, 11);
  auto d = Doc("a", "Kyodo", "Japan bought the islands.", day);
  auto first = Add(d, "h1", 1, {Ev("JPNGOV", "CHN", "120", day)});
  auto second = Add(d, "h1", 1, {Ev("JPNGOV", "CHN", "120", day)});
  EXPECT_TRUE(first.added);
  EXPECT_FALSE(second.added);
  EXPECT_EQ(first.key, second.key);
  auto events = Query();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].reports, 1);
  auto totals = store_->Count();
  EXPECT_EQ(totals->documents, 1);
  EXPECT_EQ(totals->mentions, 1);
}

TEST_P(StoreTest, OneEventReportedTwiceCountsReportsOutletsAndStories) {
  Day day = DaysFromCivil(2010, 9, 8);
  // Two outlets carry the same wire story (near-identical simhash); a third writes its own.
  Add(Doc("k1", "Kyodo", "Japan arrested the captain.", day), "h1", 0xF0F0,
      {Ev("JPNCOP", "CHN", "173", day)});
  Add(Doc("x1", "Xinhua", "Japan arrested the captain!", day), "h2", 0xF0F1,
      {Ev("JPNCOP", "CHN", "173", day)});
  Add(Doc("k2", "Kyodo", "Coast guard detains trawler skipper.", day), "h3", 0x0123456789abcdefULL,
      {Ev("JPNCOP", "CHN", "173", day), Ev("JPNCOP", "CHN", "173", day, 1)});
  auto events = Query();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].reports, 3);  // three documents
  EXPECT_EQ(events[0].outlets, 2);  // Kyodo and Xinhua
  EXPECT_EQ(events[0].stories, 2);  // the wire copies are one story
  // The counters agree with a recount from the reports.
  ASSERT_TRUE(store_->Recount(coding_).ok());
  auto again = Query();
  EXPECT_EQ(again[0].reports, 3);
  EXPECT_EQ(again[0].outlets, 2);
  EXPECT_EQ(again[0].stories, 2);
}

TEST_P(StoreTest, NearDuplicatesFarApartInTimeAreSeparateStories) {
  auto a = Add(Doc("a", "", "Same words.", DaysFromCivil(2012, 1, 1)), "h1", 77, {});
  auto b = Add(Doc("b", "", "Same words!", DaysFromCivil(2012, 6, 1)), "h2", 77, {});
  auto c = Add(Doc("c", "", "Same words?", DaysFromCivil(2012, 6, 3)), "h3", 77 ^ 0x7, {});
  EXPECT_NE(a.story, b.story);
  EXPECT_EQ(b.story, c.story);
}

TEST_P(StoreTest, QueriesFilterByDyadDirectionDateAndRoot) {
  Day d1 = DaysFromCivil(2005, 4, 9), d2 = DaysFromCivil(2005, 4, 20);
  Add(Doc("a", "o", "t1", d1), "h1", 1,
      {Ev("CHNCVL", "JPN", "145", d1), Ev("JPNGOV", "CHNGOV", "036", d1),
       Ev("USA", "JPN", "042", d1)});
  Add(Doc("b", "o", "t2", d2), "h2", 2, {Ev("JPNGOV", "CHNGOV", "043", d2)});
  EventQuery q;
  q.a = "CHN";
  q.b = "JPN";
  EXPECT_EQ(Query(q).size(), 3u);
  q.directed = true;
  EXPECT_EQ(Query(q).size(), 1u);
  q.directed = false;
  q.from = d2;
  EXPECT_EQ(Query(q).size(), 1u);
  q.from = kNoDate;
  q.root = "14";
  EXPECT_EQ(Query(q).size(), 1u);
  EventQuery gov;
  gov.a = "JPNGOV";
  gov.directed = true;
  EXPECT_EQ(Query(gov).size(), 2u);
  auto all = Query();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_LE(all[0].event.date, all[3].event.date);
  EXPECT_EQ(all[0].event.doc_id, "a");  // the first report's provenance comes along
}

TEST_P(StoreTest, ImportedEventsAreKeptOncePerOriginId) {
  int64_t coding = store_->NewCoding(run_, "import-gdelt", "", "").value();
  ImportedEvent e;
  e.event = Ev("CHN", "JPN", "112", DaysFromCivil(2013, 11, 23));
  e.origin_id = "1001";
  e.reports = 5;
  e.outlets = 3;
  ASSERT_TRUE(store_->Begin().ok());
  EXPECT_TRUE(store_->AddImported(coding, "gdelt", e).value());
  EXPECT_FALSE(store_->AddImported(coding, "gdelt", e).value());
  ASSERT_TRUE(store_->Commit().ok());
  EventQuery q;
  q.origin = "gdelt";
  auto got = Query(q);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].reports, 5);
  EXPECT_EQ(got[0].outlets, 3);
  EXPECT_EQ(got[0].origin_id, "1001");
}

TEST_P(StoreTest, ANewCodingReplacesTheCurrentOneAndKeepsTheOld) {
  Day day = DaysFromCivil(2018, 10, 26);
  auto doc = Add(Doc("a", "o", "Abe met Xi.", day), "h1", 1, {Ev("JPNGOV", "CHNGOV", "040", day)});
  int64_t second = store_->NewCoding(run_, "recode", "dict2", "0").value();
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->AddEvents(second, doc, "o", {Ev("JPNGOV", "CHNGOV", "043", day)}).ok());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Query()[0].event.code, "040");  // not current yet
  ASSERT_TRUE(store_->SetCurrentCoding(second).ok());
  EXPECT_EQ(Query()[0].event.code, "043");
  EventQuery old;
  old.coding = coding_;
  EXPECT_EQ(Query(old)[0].event.code, "040");
  auto codings = store_->Codings();
  ASSERT_EQ(codings->size(), 2u);
  EXPECT_TRUE(codings->back().current);
}

TEST_P(StoreTest, ABatchRolledBackLeavesNothing) {
  Day day = DaysFromCivil(2023, 8, 24);
  ASSERT_TRUE(store_->Begin().ok());
  auto added = store_->AddDocument(Doc("a", "o", "China banned seafood.", day), "h1", 1, run_);
  ASSERT_TRUE(
      store_->AddEvents(coding_, added.value(), "o", {Ev("CHNGOV", "JPN", "163", day)}).ok());
  ASSERT_TRUE(store_->Rollback().ok());
  EXPECT_EQ(store_->Count()->documents, 0);
  EXPECT_TRUE(Query().empty());
  EXPECT_FALSE(store_->HasDocument("h1", "").value());
}

TEST_P(StoreTest, ARunLeftRunningIsMarkedInterrupted) {
  ASSERT_TRUE(store_->BeginRun("second", "", "0", "dict").ok());
  auto runs = store_->Runs();
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ(runs->front().status, "interrupted");
  EXPECT_EQ(runs->back().status, "running");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgres"));

TEST(StoreBackends, PostgresIsTestedUnderCi) {
  const char* ci = std::getenv("CI");
  if (ci && std::string(ci) == "true") {
    EXPECT_FALSE(PostgresUrl().empty())
        << "CI=true but $DYAD_TEST_POSTGRES is not set: the PostgreSQL tests did not run";
  }
}

TEST(StoreOpen, ANonStoreFileFailsWithItsName) {
  std::string path = (std::filesystem::temp_directory_path() / "dyad_not_a_store.db").string();
  {
    FILE* f = std::fopen(path.c_str(), "wb");
    std::fputs("this is not a database, just text that is long enough to fill a header page.....",
               f);
    std::fclose(f);
  }
  auto s = Store::Open(path);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find(path), std::string::npos) << s.status().message();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace dyad::store
