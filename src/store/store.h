// The event store: documents kept once with their provenance, events kept once with counts of the
// reports behind them, every coding kept as a version. See src/store/README.md for the schema and
// the guarantees (idempotent ingest, consistency after a crash).
#ifndef DYAD_STORE_STORE_H_
#define DYAD_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dyad/event.h"
#include "dyad/status.h"
#include "store/db.h"

namespace dyad::store {

// What adding a document did.
struct AddedDocument {
  int64_t key = 0;     // the store's document key
  int64_t story = 0;   // the story (group of near-duplicate copies) it joined or started
  bool added = false;  // false: the same content was already stored (nothing written)
};

// An event as stored: the coded event plus its report counts and first report.
struct StoredEvent {
  int64_t id = 0;
  int64_t coding = 0;
  std::string origin;     // "dyad" for coded text; "gdelt", "icews", "plover" for imports
  std::string origin_id;  // the dataset's own event id (imports only)
  Event event;            // doc_id/sentence/evidence/pattern are those of the first report
  int64_t reports = 0;    // distinct documents reporting it (GDELT NumArticles)
  int64_t outlets = 0;    // distinct outlets among them (GDELT NumSources)
  int64_t stories = 0;    // distinct stories (near-duplicate copies count once)
  std::string url;        // URL of the first report
  std::string outlet;     // outlet of the first report
};

// An imported dataset row: the event with the counts and URL the dataset gives.
struct ImportedEvent {
  Event event;
  std::string origin_id;
  int64_t reports = 1, outlets = 1;
  std::string url;
};

// Which events to read. Empty strings and kNoDate mean "any".
struct EventQuery {
  std::string a, b;       // actor codes or prefixes (3 letters = country); b empty: a with anyone
  bool directed = false;  // false: a->b and b->a
  Day from = kNoDate, to = kNoDate;
  std::string root;    // CAMEO root, "17"
  std::string plover;  // PLOVER type, "PROTEST"
  std::string origin;  // "dyad", "gdelt", ...
  int64_t coding = 0;  // 0: the current coding (imports are always included unless origin says)
  int64_t limit = -1;
};

struct RunSummary {
  int64_t id = 0;
  std::string kind, started, finished, status, dict_version, dyad_version, args;
  int64_t docs_seen = 0, docs_added = 0, events_added = 0, errors = 0;
};

struct CodingInfo {
  int64_t id = 0, run = 0;
  std::string kind, dict_version, dyad_version, created;
  int64_t events = 0;
  bool current = false;
};

// One open store. Not thread-safe: one Store per thread (SQLite's WAL lets readers and one writer
// work at once; PostgreSQL serialises as usual).
class Store {
 public:
  // Opens (and creates or upgrades the schema of) the store at `location`: a SQLite path or a
  // postgresql:// URL. Fails when the location cannot be opened or holds something else.
  static Result<std::unique_ptr<Store>> Open(const std::string& location);

  Database& db() { return *db_; }

  // Records the start of a run (committed at once) and marks runs left "running" by a killed
  // process as "interrupted". Returns the run id.
  Result<int64_t> BeginRun(const std::string& kind, const std::string& args,
                           const std::string& dyad_version, const std::string& dict_version);
  // Records the end of a run with its final status ("ok", "errors", "failed").
  Status FinishRun(int64_t run, const std::string& status);

  // The coding that `dyad` events go to and are read from; created on first use with the given
  // versions. A store coded with other dictionaries keeps its coding until `recode` changes it.
  Result<int64_t> CurrentCoding(int64_t run, const std::string& dict_version,
                                const std::string& dyad_version);
  Result<int64_t> NewCoding(int64_t run, const std::string& kind, const std::string& dict_version,
                            const std::string& dyad_version);
  Status SetCurrentCoding(int64_t coding);
  Result<std::vector<CodingInfo>> Codings();
  Result<std::vector<RunSummary>> Runs();

  // Writes happen inside Begin()/Commit(); a crash before Commit() leaves nothing of the batch.
  Status Begin() { return db_->Begin(); }
  Status Commit() { return db_->Commit(); }
  Status Rollback() { return db_->Rollback(); }

  // Adds a document unless a document with the same content hash is stored. `simhash` groups
  // near-duplicate copies (Hamming distance <= 3 within 7 days) into one story.
  Result<AddedDocument> AddDocument(const Document& doc, const std::string& content_hash,
                                    uint64_t simhash, int64_t run);
  // Adds the events coded from one stored document to `coding`. An event already known (same
  // date, source, target and code in this coding) gains a report instead of a row.
  Status AddEvents(int64_t coding, const AddedDocument& doc, const std::string& outlet,
                   const std::vector<Event>& events);
  // Adds one event from another dataset; the same (origin, origin_id) twice is stored once.
  // Returns whether it was new.
  Result<bool> AddImported(int64_t coding, const std::string& origin, const ImportedEvent& e);
  // Adds to a run's counters (inside the batch's transaction, so they stay exact after a crash).
  Status CountRun(int64_t run, int64_t docs_seen, int64_t docs_added, int64_t events_added,
                  int64_t errors);

  // Reads events in (date, id) order. The callback returns false to stop.
  Status ForEachEvent(const EventQuery& q, const std::function<bool(const StoredEvent&)>& fn);
  // Up to `limit` stored documents with keys above `after_key`, in key order (for re-coding).
  Result<std::vector<std::pair<AddedDocument, Document>>> DocumentsAfter(int64_t after_key,
                                                                         int limit);
  // Whether a document with this content hash, or this URL (when not empty), is stored.
  Result<bool> HasDocument(const std::string& content_hash, const std::string& url);
  // Recomputes every event's report counts from its reports (a check, and after re-coding).
  Status Recount(int64_t coding);

  // News volume per day: stored documents per date, or, in a store of imported events only,
  // imported events per date. Kept in a small table that writers update (AddVolume).
  Result<std::map<Day, int64_t>> VolumeByDay();
  Status AddVolume(Day date, int64_t documents, int64_t imported);

  struct Totals {
    int64_t documents = 0, stories = 0, events = 0, mentions = 0;
  };
  Result<Totals> Count();

 private:
  explicit Store(std::unique_ptr<Database> db) : db_(std::move(db)) {}
  Status CreateSchema();
  Result<int64_t> FindStory(uint64_t simhash, Day date);
  std::unique_ptr<Database> db_;
};

// The first three letters of an actor code are its country field.
inline std::string CountryOf(const std::string& code) { return code.substr(0, 3); }

}  // namespace dyad::store

#endif  // DYAD_STORE_STORE_H_
