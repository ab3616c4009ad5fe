#include "store/store.h"

#include <fmt/format.h>

#include <bit>
#include <chrono>
#include <ctime>

namespace dyad::store {

namespace {

constexpr int kSchemaVersion = 1;

// The schema, written once with two placeholders for what the dialects spell differently.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id {pk}, kind TEXT NOT NULL, started TEXT NOT NULL, finished TEXT, status TEXT NOT NULL,
  dyad_version TEXT, dict_version TEXT, args TEXT,
  docs_seen BIGINT NOT NULL DEFAULT 0, docs_added BIGINT NOT NULL DEFAULT 0,
  events_added BIGINT NOT NULL DEFAULT 0, errors BIGINT NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS codings (
  id {pk}, run BIGINT, kind TEXT NOT NULL, dict_version TEXT, dyad_version TEXT,
  created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
  id {pk}, doc_id TEXT, url TEXT, outlet TEXT, lang TEXT, date BIGINT, title TEXT,
  hash TEXT NOT NULL UNIQUE, simhash BIGINT, story BIGINT, run BIGINT, source TEXT, text TEXT);
CREATE INDEX IF NOT EXISTS documents_doc_id ON documents (doc_id);
CREATE INDEX IF NOT EXISTS documents_url ON documents (url);
CREATE TABLE IF NOT EXISTS simbands (band BIGINT NOT NULL, doc BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS simbands_band ON simbands (band, doc);
CREATE TABLE IF NOT EXISTS events (
  id {pk}, coding BIGINT NOT NULL, origin TEXT NOT NULL, origin_id TEXT, date BIGINT NOT NULL,
  source TEXT NOT NULL, target TEXT NOT NULL, src3 TEXT NOT NULL, tgt3 TEXT NOT NULL,
  code TEXT NOT NULL, quad INTEGER, goldstein {real}, plover TEXT, mode TEXT, contexts TEXT,
  reports BIGINT NOT NULL DEFAULT 0, outlets BIGINT NOT NULL DEFAULT 0,
  stories BIGINT NOT NULL DEFAULT 0, url TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS events_key ON events (coding, date, source, target, code)
  WHERE origin_id IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS events_origin ON events (origin, origin_id)
  WHERE origin_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_dyad ON events (src3, tgt3, date);
CREATE INDEX IF NOT EXISTS events_target ON events (tgt3, date);
CREATE TABLE IF NOT EXISTS mentions (
  event BIGINT NOT NULL, doc BIGINT NOT NULL, sentence INTEGER NOT NULL, ev_begin INTEGER NOT NULL,
  ev_end INTEGER NOT NULL, outlet TEXT NOT NULL, story BIGINT NOT NULL, pattern TEXT,
  evidence TEXT, sent_begin INTEGER NOT NULL, sent_end INTEGER NOT NULL,
  PRIMARY KEY (event, doc, sentence, ev_begin)){rowid};
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc);
CREATE TABLE IF NOT EXISTS daily (
  date BIGINT PRIMARY KEY, documents BIGINT NOT NULL DEFAULT 0, imported BIGINT NOT NULL DEFAULT 0);
)sql";

std::string SchemaFor(Dialect d) {
  std::string s = kSchema;
  auto replace = [&s](std::string_view from, std::string_view to) {
    for (size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, from.size(), to);
  };
  bool sqlite = d == Dialect::kSqlite;
  replace("{pk}", sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY");
  replace("{real}", sqlite ? "REAL" : "DOUBLE PRECISION");
  replace("{rowid}", sqlite ? " WITHOUT ROWID" : "");
  return s;
}

std::string Now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string JoinContexts(const std::vector<std::string>& contexts) {
  std::string out;
  for (const auto& c : contexts) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::vector<std::string> SplitContexts(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// Runs a statement that returns one integer (or none: `fallback`).
Result<int64_t> QueryInt(Statement* st, int64_t fallback) {
  auto row = st->Step();
  if (!row.ok()) return row.status();
  int64_t v = row.value() && !st->IsNull(0) ? st->Int(0) : fallback;
  st->Reset();
  return v;
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& location) {
  auto db = OpenDatabase(location);
  if (!db.ok()) return db.status();
  std::unique_ptr<Store> store(new Store(std::move(db).value()));
  if (Status s = store->CreateSchema(); !s.ok()) return s;
  return store;
}

Status Store::CreateSchema() {
  if (Status s = db_->Begin(); !s.ok()) return s;
  if (Status s = db_->Exec(SchemaFor(db_->dialect())); !s.ok()) {
    db_->Rollback();
    return Status::IoError(fmt::format("{}: not a dyad store? ({})", db_->Describe(), s.message()));
  }
  auto get = db_->Prepare("SELECT value FROM meta WHERE key = 'schema_version'");
  if (!get.ok()) return get.status();
  auto row = get.value()->Step();
  std::string version = row.ok() && row.value() ? get.value()->Text(0) : "";
  get.value()->Reset();
  if (version.empty()) {
    auto put = db_->Prepare("INSERT INTO meta (key, value) VALUES ('schema_version', $1)");
    if (!put.ok()) return put.status();
    put.value()->Bind(1, std::to_string(kSchemaVersion));
    if (Status s = put.value()->Run(); !s.ok()) return s;
  } else if (version != std::to_string(kSchemaVersion)) {
    db_->Rollback();
    return Status::InvalidInput(fmt::format("{}: store schema version {} (this dyad reads {})",
                                            db_->Describe(), version, kSchemaVersion));
  }
  return db_->Commit();
}

Result<int64_t> Store::BeginRun(const std::string& kind, const std::string& args,
                                const std::string& dyad_version, const std::string& dict_version) {
  if (Status s = db_->Begin(); !s.ok()) return s;
  // A run still "running" when a new one starts was killed: nothing of its open batch was kept.
  if (Status s = db_->Exec("UPDATE runs SET status = 'interrupted' WHERE status = 'running'");
      !s.ok()) {
    db_->Rollback();
    return s;
  }
  auto st = db_->Prepare(
      "INSERT INTO runs (kind, started, status, dyad_version, dict_version, args) "
      "VALUES ($1, $2, 'running', $3, $4, $5) RETURNING id");
  if (!st.ok()) return st.status();
  Statement* s = st.value();
  s->Bind(1, kind);
  s->Bind(2, Now());
  s->Bind(3, dyad_version);
  s->Bind(4, dict_version);
  s->Bind(5, args);
  auto id = QueryInt(s, 0);
  if (!id.ok()) {
    db_->Rollback();
    return id.status();
  }
  if (Status c = db_->Commit(); !c.ok()) return c;
  return id;
}

Status Store::FinishRun(int64_t run, const std::string& status) {
  auto st = db_->Prepare("UPDATE runs SET status = $1, finished = $2 WHERE id = $3");
  if (!st.ok()) return st.status();
  st.value()->Bind(1, status);
  st.value()->Bind(2, Now());
  st.value()->Bind(3, run);
  return st.value()->Run();
}

Status Store::CountRun(int64_t run, int64_t docs_seen, int64_t docs_added, int64_t events_added,
                       int64_t errors) {
  auto st = db_->Prepare(
      "UPDATE runs SET docs_seen = docs_seen + $1, docs_added = docs_added + $2, "
      "events_added = events_added + $3, errors = errors + $4 WHERE id = $5");
  if (!st.ok()) return st.status();
  Statement* s = st.value();
  s->Bind(1, docs_seen);
  s->Bind(2, docs_added);
  s->Bind(3, events_added);
  s->Bind(4, errors);
  s->Bind(5, run);
  return s->Run();
}

Result<int64_t> Store::NewCoding(int64_t run, const std::string& kind,
                                 const std::string& dict_version, const std::string& dyad_version) {
  auto st = db_->Prepare(
      "INSERT INTO codings (run, kind, dict_version, dyad_version, created) "
      "VALUES ($1, $2, $3, $4, $5) RETURNING id");
  if (!st.ok()) return st.status();
  Statement* s = st.value();
  s->Bind(1, run);
  s->Bind(2, kind);
  s->Bind(3, dict_version);
  s->Bind(4, dyad_version);
  s->Bind(5, Now());
  return QueryInt(s, 0);
}

Status Store::SetCurrentCoding(int64_t coding) {
  auto st = db_->Prepare(
      "INSERT INTO meta (key, value) VALUES ('current_coding', $1) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!st.ok()) return st.status();
  st.value()->Bind(1, std::to_string(coding));
  return st.value()->Run();
}

Result<int64_t> Store::CurrentCoding(int64_t run, const std::string& dict_version,
                                     const std::string& dyad_version) {
  auto get = db_->Prepare("SELECT value FROM meta WHERE key = 'current_coding'");
  if (!get.ok()) return get.status();
  auto row = get.value()->Step();
  if (!row.ok()) return row.status();
  if (row.value()) {
    int64_t id = std::stoll(get.value()->Text(0));
    get.value()->Reset();
    return id;
  }
  get.value()->Reset();
  if (run == 0) return int64_t{0};  // read-only callers: no coding yet
  auto id = NewCoding(run, "ingest", dict_version, dyad_version);
  if (!id.ok()) return id;
  if (Status s = SetCurrentCoding(id.value()); !s.ok()) return s;
  return id;
}

Result<int64_t> Store::FindStory(uint64_t simhash, Day date) {
  auto st = db_->Prepare(
      "SELECT d.id, d.story, d.simhash, d.date FROM simbands b JOIN documents d ON d.id = b.doc "
      "WHERE b.band = $1 ORDER BY b.doc DESC LIMIT 16");
  if (!st.ok()) return st.status();
  Statement* s = st.value();
  for (int band = 0; band < 4; ++band) {
    int64_t key = (int64_t{band} << 16) | static_cast<int64_t>((simhash >> (16 * band)) & 0xffff);
    s->Bind(1, key);
    while (true) {
      auto row = s->Step();
      if (!row.ok()) return row.status();
      if (!row.value()) break;
      uint64_t other = static_cast<uint64_t>(s->Int(2));
      Day other_date = static_cast<Day>(s->Int(3));
      bool near_in_time = date == kNoDate || other_date == kNoDate ||
                          std::abs(int64_t{date} - int64_t{other_date}) <= 7;
      if (near_in_time && std::popcount(simhash ^ other) <= 3) {
        int64_t story = s->Int(1);
        s->Reset();
        return story;
      }
    }
    s->Reset();
  }
  return int64_t{0};
}

Result<AddedDocument> Store::AddDocument(const Document& meta, const std::string& content_hash,
                                         uint64_t simhash, int64_t run) {
  AddedDocument out;
  // Two statements, not one with OR: most documents have no URL, and an OR over the URL index
  // would visit all of them.
  auto known =
      db_->Prepare(meta.url.empty() ? "SELECT id, story FROM documents WHERE hash = $1"
                                    : "SELECT id, story FROM documents WHERE hash = $1 UNION ALL "
                                      "SELECT id, story FROM documents WHERE url = $2 LIMIT 1");
  if (!known.ok()) return known.status();
  known.value()->Bind(1, content_hash);
  if (!meta.url.empty()) known.value()->Bind(2, meta.url);
  auto row = known.value()->Step();
  if (!row.ok()) return row.status();
  if (row.value()) {
    out.key = known.value()->Int(0);
    out.story = known.value()->Int(1);
    known.value()->Reset();
    return out;
  }
  known.value()->Reset();
  auto story = FindStory(simhash, meta.date);
  if (!story.ok()) return story.status();
  auto ins = db_->Prepare(
      "INSERT INTO documents (doc_id, url, outlet, lang, date, title, hash, simhash, story, run, "
      "source, text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id");
  if (!ins.ok()) return ins.status();
  Statement* s = ins.value();
  s->Bind(1, meta.id);
  s->Bind(2, meta.url);
  s->Bind(3, meta.outlet);
  s->Bind(4, meta.lang);
  s->Bind(5, int64_t{meta.date});
  s->Bind(6, meta.title);
  s->Bind(7, content_hash);
  s->Bind(8, static_cast<int64_t>(simhash));
  s->Bind(9, story.value());
  s->Bind(10, run);
  s->Bind(11, meta.source);
  s->Bind(12, meta.text);
  auto key = QueryInt(s, 0);
  if (!key.ok()) return key.status();
  out.key = key.value();
  out.added = true;
  out.story = story.value() ? story.value() : out.key;
  if (!story.value()) {
    auto set = db_->Prepare("UPDATE documents SET story = id WHERE id = $1");
    if (!set.ok()) return set.status();
    set.value()->Bind(1, out.key);
    if (Status st = set.value()->Run(); !st.ok()) return st;
  }
  auto band = db_->Prepare("INSERT INTO simbands (band, doc) VALUES ($1, $2)");
  if (!band.ok()) return band.status();
  for (int b = 0; b < 4; ++b) {
    band.value()->Bind(1,
                       (int64_t{b} << 16) | static_cast<int64_t>((simhash >> (16 * b)) & 0xffff));
    band.value()->Bind(2, out.key);
    if (Status st = band.value()->Run(); !st.ok()) return st;
  }
  return out;
}

Status Store::AddEvents(int64_t coding, const AddedDocument& doc, const std::string& outlet,
                        const std::vector<Event>& events) {
  auto up = db_->Prepare(
      "INSERT INTO events (coding, origin, date, source, target, src3, tgt3, code, quad, "
      "goldstein, plover, mode, contexts) VALUES ($1, 'dyad', $2, $3, $4, $5, $6, $7, $8, $9, "
      "$10, $11, $12) ON CONFLICT (coding, date, source, target, code) WHERE origin_id IS NULL "
      "DO UPDATE SET coding = excluded.coding RETURNING id, reports");
  auto mention = db_->Prepare(
      "INSERT INTO mentions (event, doc, sentence, ev_begin, ev_end, outlet, story, pattern, "
      "evidence, sent_begin, sent_end) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
      "ON CONFLICT DO NOTHING RETURNING event");
  auto seen = db_->Prepare(
      "SELECT SUM(CASE WHEN doc = $2 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN outlet = $3 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN story = $4 THEN 1 ELSE 0 END) FROM mentions WHERE event = $1");
  auto bump = db_->Prepare(
      "UPDATE events SET reports = reports + $2, outlets = outlets + $3, stories = stories + $4 "
      "WHERE id = $1");
  for (auto* st : {&up, &mention, &seen, &bump})
    if (!st->ok()) return st->status();
  for (const Event& e : events) {
    Statement* u = up.value();
    u->Bind(1, coding);
    u->Bind(2, int64_t{e.date});
    u->Bind(3, e.source);
    u->Bind(4, e.target);
    u->Bind(5, CountryOf(e.source));
    u->Bind(6, CountryOf(e.target));
    u->Bind(7, e.code);
    u->Bind(8, e.quad);
    u->Bind(9, e.goldstein);
    u->Bind(10, e.plover);
    u->Bind(11, e.mode);
    u->Bind(12, JoinContexts(e.contexts));
    auto row = u->Step();
    if (!row.ok()) return row.status();
    Result<int64_t> id = u->Int(0);
    bool fresh = u->Int(1) == 0;  // no report yet: this report is the first of everything
    u->Reset();
    Statement* m = mention.value();
    m->Bind(1, id.value());
    m->Bind(2, doc.key);
    m->Bind(3, e.sentence);
    m->Bind(4, int64_t{e.evidence.begin});
    m->Bind(5, int64_t{e.evidence.end});
    m->Bind(6, outlet);
    m->Bind(7, doc.story);
    m->Bind(8, e.pattern);
    m->Bind(9, e.evidence_text);
    m->Bind(10, int64_t{e.sentence_span.begin});
    m->Bind(11, int64_t{e.sentence_span.end});
    auto inserted = QueryInt(m, 0);
    if (!inserted.ok()) return inserted.status();
    if (inserted.value() == 0) continue;  // this very report is already stored
    Statement* b = bump.value();
    if (fresh) {
      b->Bind(1, id.value());
      b->Bind(2, int64_t{1});
      b->Bind(3, int64_t{1});
      b->Bind(4, int64_t{1});
      if (Status st = b->Run(); !st.ok()) return st;
      continue;
    }
    Statement* q = seen.value();
    q->Bind(1, id.value());
    q->Bind(2, doc.key);
    q->Bind(3, outlet);
    q->Bind(4, doc.story);
    auto r = q->Step();
    if (!r.ok()) return r.status();
    int64_t same_doc = q->Int(0), same_outlet = q->Int(1), same_story = q->Int(2);
    q->Reset();
    b->Bind(1, id.value());
    b->Bind(2, int64_t{same_doc == 1});
    b->Bind(3, int64_t{same_outlet == 1});
    b->Bind(4, int64_t{same_story == 1});
    if (Status s = b->Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<bool> Store::AddImported(int64_t coding, const std::string& origin,
                                const ImportedEvent& ie) {
  auto st = db_->Prepare(
      "INSERT INTO events (coding, origin, origin_id, date, source, target, src3, tgt3, code, "
      "quad, goldstein, plover, mode, contexts, reports, outlets, stories, url) VALUES ($1, $2, "
      "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $15, $17) "
      "ON CONFLICT (origin, origin_id) WHERE origin_id IS NOT NULL DO NOTHING RETURNING id");
  if (!st.ok()) return st.status();
  Statement* s = st.value();
  const Event& e = ie.event;
  s->Bind(1, coding);
  s->Bind(2, origin);
  s->Bind(3, ie.origin_id);
  s->Bind(4, int64_t{e.date});
  s->Bind(5, e.source);
  s->Bind(6, e.target);
  s->Bind(7, CountryOf(e.source));
  s->Bind(8, CountryOf(e.target));
  s->Bind(9, e.code);
  s->Bind(10, e.quad);
  s->Bind(11, e.goldstein);
  s->Bind(12, e.plover);
  s->Bind(13, e.mode);
  s->Bind(14, JoinContexts(e.contexts));
  s->Bind(15, ie.reports);
  s->Bind(16, ie.outlets);
  s->Bind(17, ie.url);
  auto id = QueryInt(s, 0);
  if (!id.ok()) return id.status();
  return id.value() != 0;
}

namespace {

// A query parameter: an integer or a string.
struct Param {
  Param(int64_t v) : is_int(true), n(v) {}                  // NOLINT: implicit by design
  Param(std::string v) : is_int(false), s(std::move(v)) {}  // NOLINT
  bool is_int;
  int64_t n = 0;
  std::string s;
};

// Builds the WHERE clause of an event query; parameters are numbered from 1 in `params`.
class Where {
 public:
  std::string Placeholder(Param value) {
    params_.push_back(std::move(value));
    return fmt::format("${}", params_.size());
  }
  std::string Actor(const char* side, const std::string& code) {
    if (code.size() == 3)
      return fmt::format("{}3 = {}", side[0] == 's' ? "src" : "tgt", Placeholder(code));
    return fmt::format("{} LIKE {}", side, Placeholder(code + "%"));
  }
  void Add(std::string clause) { clauses_.push_back(std::move(clause)); }
  std::string Sql() const {
    std::string out;
    for (const auto& c : clauses_) out += (out.empty() ? " WHERE " : " AND ") + c;
    return out;
  }
  const std::vector<Param>& params() const { return params_; }

 private:
  std::vector<std::string> clauses_;
  std::vector<Param> params_;
};

void BuildWhere(const EventQuery& q, int64_t coding, Where* w) {
  if (!q.a.empty() && !q.b.empty()) {
    std::string ab = "(" + w->Actor("source", q.a) + " AND " + w->Actor("target", q.b) + ")";
    if (q.directed) {
      w->Add(ab);
    } else {
      std::string ba = "(" + w->Actor("source", q.b) + " AND " + w->Actor("target", q.a) + ")";
      w->Add("(" + ab + " OR " + ba + ")");
    }
  } else if (!q.a.empty()) {
    w->Add(q.directed ? w->Actor("source", q.a)
                      : "(" + w->Actor("source", q.a) + " OR " + w->Actor("target", q.a) + ")");
  }
  if (q.from != kNoDate) w->Add("date >= " + w->Placeholder(int64_t{q.from}));
  if (q.to != kNoDate) w->Add("date <= " + w->Placeholder(int64_t{q.to}));
  if (!q.root.empty()) w->Add("code LIKE " + w->Placeholder(q.root + "%"));
  if (!q.plover.empty()) w->Add("plover = " + w->Placeholder(q.plover));
  if (!q.origin.empty()) w->Add("origin = " + w->Placeholder(q.origin));
  w->Add("(origin <> 'dyad' OR coding = " + w->Placeholder(coding) + ")");
}

}  // namespace

Status Store::ForEachEvent(const EventQuery& q, const std::function<bool(const StoredEvent&)>& fn) {
  int64_t coding = q.coding;
  if (coding == 0) {
    auto c = CurrentCoding(0, "", "");
    if (!c.ok()) return c.status();
    coding = c.value();
  }
  Where w;
  BuildWhere(q, coding, &w);
  std::string sql =
      "SELECT id, coding, origin, origin_id, date, source, target, code, quad, goldstein, plover, "
      "mode, contexts, reports, outlets, stories, url FROM events" +
      w.Sql() + " ORDER BY date, id";
  if (q.limit >= 0) sql += fmt::format(" LIMIT {}", q.limit);
  auto st = db_->Prepare(sql);
  if (!st.ok()) return st.status();
  auto first = db_->Prepare(
      "SELECT d.doc_id, m.sentence, m.ev_begin, m.ev_end, m.evidence, m.pattern, d.url, d.outlet, "
      "m.sent_begin, m.sent_end FROM mentions m JOIN documents d ON d.id = m.doc WHERE m.event = "
      "$1 "
      "ORDER BY m.doc, m.sentence LIMIT 1");
  if (!first.ok()) return first.status();
  Statement* s = st.value();
  for (size_t i = 0; i < w.params().size(); ++i) {
    const Param& p = w.params()[i];
    if (p.is_int)
      s->Bind(static_cast<int>(i + 1), p.n);
    else
      s->Bind(static_cast<int>(i + 1), p.s);
  }
  while (true) {
    auto row = s->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    StoredEvent e;
    e.id = s->Int(0);
    e.coding = s->Int(1);
    e.origin = s->Text(2);
    e.origin_id = s->Text(3);
    e.event.date = static_cast<Day>(s->Int(4));
    e.event.source = s->Text(5);
    e.event.target = s->Text(6);
    e.event.code = s->Text(7);
    e.event.quad = static_cast<int>(s->Int(8));
    e.event.goldstein = s->Real(9);
    e.event.plover = s->Text(10);
    e.event.mode = s->Text(11);
    e.event.contexts = SplitContexts(s->Text(12));
    e.reports = s->Int(13);
    e.outlets = s->Int(14);
    e.stories = s->Int(15);
    e.url = s->Text(16);
    if (e.origin != "dyad") {  // imported: no reports of ours to look up
      if (!fn(e)) break;
      continue;
    }
    Statement* f = first.value();
    f->Bind(1, e.id);
    auto frow = f->Step();
    if (!frow.ok()) {
      s->Reset();
      return frow.status();
    }
    if (frow.value()) {
      e.event.doc_id = f->Text(0);
      e.event.sentence = static_cast<int>(f->Int(1));
      e.event.evidence = {static_cast<uint32_t>(f->Int(2)), static_cast<uint32_t>(f->Int(3))};
      e.event.evidence_text = f->Text(4);
      e.event.pattern = f->Text(5);
      e.url = f->Text(6);
      e.outlet = f->Text(7);
      e.event.sentence_span = {static_cast<uint32_t>(f->Int(8)), static_cast<uint32_t>(f->Int(9))};
    }
    f->Reset();
    if (!fn(e)) break;
  }
  s->Reset();
  return Status::Ok();
}

Result<std::vector<std::pair<AddedDocument, Document>>> Store::DocumentsAfter(int64_t after_key,
                                                                              int limit) {
  auto st = db_->Prepare(
      "SELECT id, story, doc_id, url, outlet, lang, date, title, source, text FROM documents "
      "WHERE id > $1 ORDER BY id LIMIT $2");
  if (!st.ok()) return st.status();
  Statement* s = st.value();
  s->Bind(1, after_key);
  s->Bind(2, int64_t{limit});
  std::vector<std::pair<AddedDocument, Document>> out;
  while (true) {
    auto row = s->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    Document m;
    m.id = s->Text(2);
    m.url = s->Text(3);
    m.outlet = s->Text(4);
    m.lang = s->Text(5);
    m.date = static_cast<Day>(s->Int(6));
    m.title = s->Text(7);
    m.source = s->Text(8);
    m.text = s->Text(9);
    out.emplace_back(AddedDocument{s->Int(0), s->Int(1), false}, std::move(m));
  }
  s->Reset();
  return out;
}

Result<bool> Store::HasDocument(const std::string& content_hash, const std::string& url) {
  auto st = db_->Prepare(url.empty() ? "SELECT COUNT(*) FROM documents WHERE hash = $1"
                                     : "SELECT (SELECT COUNT(*) FROM documents WHERE hash = $1) + "
                                       "(SELECT COUNT(*) FROM documents WHERE url = $2)");
  if (!st.ok()) return st.status();
  st.value()->Bind(1, content_hash);
  if (!url.empty()) st.value()->Bind(2, url);
  auto n = QueryInt(st.value(), 0);
  if (!n.ok()) return n.status();
  return n.value() > 0;
}

Status Store::Recount(int64_t coding) {
  auto st = db_->Prepare(
      "UPDATE events SET "
      "reports = (SELECT COUNT(DISTINCT doc) FROM mentions WHERE event = events.id), "
      "outlets = (SELECT COUNT(DISTINCT outlet) FROM mentions WHERE event = events.id), "
      "stories = (SELECT COUNT(DISTINCT story) FROM mentions WHERE event = events.id) "
      "WHERE coding = $1 AND origin = 'dyad'");
  if (!st.ok()) return st.status();
  st.value()->Bind(1, coding);
  return st.value()->Run();
}

Status Store::AddVolume(Day date, int64_t documents, int64_t imported) {
  auto st = db_->Prepare(
      "INSERT INTO daily (date, documents, imported) VALUES ($1, $2, $3) ON CONFLICT (date) DO "
      "UPDATE SET documents = daily.documents + $2, imported = daily.imported + $3");
  if (!st.ok()) return st.status();
  st.value()->Bind(1, int64_t{date});
  st.value()->Bind(2, documents);
  st.value()->Bind(3, imported);
  return st.value()->Run();
}

Result<std::map<Day, int64_t>> Store::VolumeByDay() {
  // A store written before the daily table existed gets it filled once.
  auto empty = db_->Prepare(
      "SELECT CASE WHEN EXISTS (SELECT 1 FROM daily) THEN 0 WHEN EXISTS (SELECT 1 FROM "
      "documents) OR EXISTS (SELECT 1 FROM events WHERE origin <> 'dyad') THEN 1 ELSE 0 END");
  if (!empty.ok()) return empty.status();
  auto rebuild = QueryInt(empty.value(), 0);
  if (!rebuild.ok()) return rebuild.status();
  if (rebuild.value()) {
    Status s = db_->Exec(
        "INSERT INTO daily (date, documents, imported) SELECT date, SUM(d), SUM(i) FROM ("
        "SELECT date, COUNT(*) AS d, 0 AS i FROM documents GROUP BY date UNION ALL "
        "SELECT date, 0, COUNT(*) FROM events WHERE origin <> 'dyad' GROUP BY date) AS v "
        "GROUP BY date");
    if (!s.ok()) return s;
  }
  std::map<Day, int64_t> docs, imported;
  auto st = db_->Prepare("SELECT date, documents, imported FROM daily");
  if (!st.ok()) return st.status();
  Statement* s = st.value();
  while (true) {
    auto row = s->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    Day d = static_cast<Day>(s->Int(0));
    if (d == kNoDate) continue;
    if (s->Int(1)) docs[d] = s->Int(1);
    if (s->Int(2)) imported[d] = s->Int(2);
  }
  s->Reset();
  return docs.empty() ? imported : docs;
}

Result<Store::Totals> Store::Count() {
  Totals t;
  const char* queries[] = {"SELECT COUNT(*) FROM documents",
                           "SELECT COUNT(DISTINCT story) FROM documents",
                           "SELECT COUNT(*) FROM events", "SELECT COUNT(*) FROM mentions"};
  int64_t* out[] = {&t.documents, &t.stories, &t.events, &t.mentions};
  for (int i = 0; i < 4; ++i) {
    auto st = db_->Prepare(queries[i]);
    if (!st.ok()) return st.status();
    auto v = QueryInt(st.value(), 0);
    if (!v.ok()) return v.status();
    *out[i] = v.value();
  }
  return t;
}

Result<std::vector<CodingInfo>> Store::Codings() {
  auto current = CurrentCoding(0, "", "");
  if (!current.ok()) return current.status();
  auto st = db_->Prepare(
      "SELECT c.id, c.run, c.kind, c.dict_version, c.dyad_version, c.created, "
      "(SELECT COUNT(*) FROM events e WHERE e.coding = c.id) FROM codings c ORDER BY c.id");
  if (!st.ok()) return st.status();
  std::vector<CodingInfo> out;
  Statement* s = st.value();
  while (true) {
    auto row = s->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    CodingInfo c{s->Int(0), s->Int(1), s->Text(2), s->Text(3), s->Text(4), s->Text(5), s->Int(6)};
    c.current = c.id == current.value();
    out.push_back(std::move(c));
  }
  s->Reset();
  return out;
}

Result<std::vector<RunSummary>> Store::Runs() {
  auto st = db_->Prepare(
      "SELECT id, kind, started, finished, status, dict_version, dyad_version, args, docs_seen, "
      "docs_added, events_added, errors FROM runs ORDER BY id");
  if (!st.ok()) return st.status();
  std::vector<RunSummary> out;
  Statement* s = st.value();
  while (true) {
    auto row = s->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    out.push_back({s->Int(0), s->Text(1), s->Text(2), s->Text(3), s->Text(4), s->Text(5),
                   s->Text(6), s->Text(7), s->Int(8), s->Int(9), s->Int(10), s->Int(11)});
  }
  s->Reset();
  return out;
}

}  // namespace dyad::store
