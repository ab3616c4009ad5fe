#include "store_commands.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "cli_util.h"
#include "exchange/exchange.h"
#include "ingest/ingest.h"
#include "io/input.h"
#include "io/sources.h"
#include "store/store.h"

namespace dyad::cli {

struct QueryFlags {
  std::vector<std::string> dyad;
  std::string actor, from, to, root, plover, origin;
  bool directed = false;
  int64_t coding = 0, limit = -1;
};

struct StoreFlags {
  std::string db = "dyad.db";
  // ingest / watch
  CLI::App *ingest = nullptr, *watch = nullptr;
  std::vector<std::string> sources;
  std::string format, date, outlet, lang;
  std::vector<std::string> columns;
  int jobs = 1;
  bool quiet = false;
  std::string every = "15m";
  int polls = 0;
  // events / export
  CLI::App *events = nullptr, *exporter = nullptr;
  QueryFlags query;
  std::string out_format = "table", export_format = "gdelt", output;
  // import
  CLI::App* importer = nullptr;
  std::string import_format;
  std::vector<std::string> import_files;
  // recode / diff-runs / runs
  CLI::App *recode = nullptr, *diff = nullptr, *runs = nullptr;
  std::vector<int64_t> diff_codings;
  int diff_list = 20;
  std::string args;
};

namespace {

void AddDb(CLI::App* cmd, StoreFlags* f) {
  cmd->add_option("--db", f->db,
                  "the store: a SQLite file (created if missing) or postgresql://user@host/db")
      ->capture_default_str();
}

void AddQuery(CLI::App* cmd, QueryFlags* q) {
  cmd->add_option("--dyad", q->dyad, "two actors (country codes or code prefixes): --dyad CHN JPN")
      ->expected(2);
  cmd->add_option("--actor", q->actor, "one actor with anyone");
  cmd->add_flag("--directed", q->directed, "only the first actor as source");
  cmd->add_option("--from", q->from, "first date, YYYY-MM-DD");
  cmd->add_option("--to", q->to, "last date, YYYY-MM-DD");
  cmd->add_option("--root", q->root, "CAMEO root or code prefix, e.g. 17");
  cmd->add_option("--plover", q->plover, "PLOVER type, e.g. PROTEST");
  cmd->add_option("--origin", q->origin, "dyad, gdelt, icews or plover");
  cmd->add_option("--coding", q->coding, "a coding version (default: the current one)");
  cmd->add_option("--limit", q->limit, "at most this many events");
}

Result<store::EventQuery> MakeQuery(const QueryFlags& q) {
  store::EventQuery out;
  if (q.dyad.size() == 2) {
    out.a = q.dyad[0];
    out.b = q.dyad[1];
  } else {
    out.a = q.actor;
  }
  out.directed = q.directed;
  if (!q.from.empty() && !ParseDate(q.from, &out.from))
    return Status::Usage(fmt::format("--from '{}': want YYYY-MM-DD", q.from));
  if (!q.to.empty() && !ParseDate(q.to, &out.to))
    return Status::Usage(fmt::format("--to '{}': want YYYY-MM-DD", q.to));
  out.root = q.root;
  out.plover = q.plover;
  out.origin = q.origin;
  out.coding = q.coding;
  out.limit = q.limit;
  return out;
}

std::unique_ptr<store::Store> OpenOrNull(const std::string& db) {
  auto s = store::Store::Open(db);
  if (!s.ok()) {
    fmt::print(stderr, "dyad: {}\n", s.status().message());
    return nullptr;
  }
  return std::move(s).value();
}

// The query the flags ask for and the store to run it on; null (the problem printed) when either
// fails.
std::unique_ptr<store::Store> QueryAndStore(const StoreFlags& f, store::EventQuery* query) {
  auto q = MakeQuery(f.query);
  if (!q.ok()) {
    fmt::print(stderr, "dyad: {}\n", q.status().message());
    return nullptr;
  }
  *query = std::move(q).value();
  return OpenOrNull(f.db);
}

// ---- progress ---------------------------------------------------------------------------------

std::string Clock(double seconds) {
  int s = static_cast<int>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02}", s / 60, s % 60);
}

// A bar redrawn in place on a terminal; a plain line every 10 s otherwise.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(bool quiet) : quiet_(quiet), tty_(isatty(STDERR_FILENO)) {}
  void Update(const ingest::Progress& p) {
    if (quiet_) return;
    double rate = p.seconds > 0 ? p.sentences / p.seconds : 0;
    double frac = p.bytes_total ? std::min(1.0, double(p.bytes_done) / p.bytes_total) : 0;
    std::string eta = frac > 0.01 ? Clock(p.seconds * (1 - frac) / frac) : "?";
    if (tty_) {
      if (p.seconds - last_ < 0.2) return;
      int width = 24, fill = static_cast<int>(frac * width);
      fmt::print(stderr, "\r[{}{}] {:3.0f}%  {} docs  {} sentences  {:.0f} sent/s  ETA {}   ",
                 std::string(fill, '='), std::string(width - fill, ' '), frac * 100, p.docs,
                 p.sentences, rate, eta);
      drawn_ = true;
    } else {
      if (p.seconds - last_ < 10) return;
      fmt::print(stderr,
                 "dyad: ingest: {} docs, {} sentences, {:.0f} sentences/s, {:.0f}% (ETA {})\n",
                 p.docs, p.sentences, rate, frac * 100, eta);
    }
    last_ = p.seconds;
  }
  void Problem(const std::string& m) {
    Clear();
    fmt::print(stderr, "dyad: {}\n", m);
  }
  void Clear() {
    if (drawn_) fmt::print(stderr, "\r{}\r", std::string(110, ' '));
    drawn_ = false;
  }

 private:
  bool quiet_, tty_;
  bool drawn_ = false;
  double last_ = 0;
};

Result<ingest::Options> MakeIngestOptions(StoreFlags& f, const Lexicon& lex) {
  ingest::Options o;
  o.source.format = f.format;
  if (!f.date.empty() && !ParseDate(f.date, &o.source.date))
    return Status::Usage(fmt::format("--date '{}': want YYYY-MM-DD", f.date));
  o.source.outlet = f.outlet;
  o.source.lang = f.lang;
  for (const auto& c : f.columns)
    if (std::string e = io::ParseColumnFlag(c, &o.source.csv); !e.empty()) return Status::Usage(e);
  o.jobs = f.jobs;
  o.args = f.args;
  o.dict_version = DictionaryVersion(lex);
  return o;
}

void PrintSummary(const ingest::Stats& s, const std::string& db, const char* verb) {
  fmt::print(
      stderr,
      "dyad: {} {} documents ({} new, {} already stored), {} sentences, {} event reports "
      "in {:.1f} s ({:.0f} sentences/s; coding {:.1f} s, storing {:.1f} s) into {}; run {}{}\n",
      verb, s.docs_seen, s.docs_added, s.docs_known, s.sentences, s.events, s.seconds,
      s.seconds > 0 ? s.sentences / s.seconds : 0, s.coding_seconds, s.store_seconds, db, s.run,
      s.problems ? fmt::format("; {} problems reported above", s.problems) : "");
}

int RunIngest(StoreFlags& f, const Lexicon& lex, const std::string& kind) {
  auto options = MakeIngestOptions(f, lex);
  if (!options.ok()) {
    fmt::print(stderr, "dyad: {}\n", options.status().message());
    return 2;
  }
  auto st = OpenOrNull(f.db);
  if (!st) return 2;
  // A store keeps one current coding, made by one coder configuration (dictionaries, --syntax).
  // Ingesting with another one adds new documents to it as they are coded now; say so.
  if (auto codings = st->Codings(); codings.ok()) {
    for (const auto& c : codings.value()) {
      if (!c.current || c.dict_version == options->dict_version) continue;
      fmt::print(stderr,
                 "dyad: warning: {}'s current coding {} was made with dictionaries {}; this run "
                 "codes with {} (other dictionaries or --syntax). New documents join coding {}; "
                 "stored ones keep their events. To code everything the new way: dyad recode --db "
                 "{} (with the same --data/--syntax)\n",
                 f.db, c.id, c.dict_version.substr(0, 12), options->dict_version.substr(0, 12),
                 c.id, f.db);
    }
  }
  ProgressPrinter progress(f.quiet || kind == "watch");
  options->kind = kind;
  options->on_problem = [&](const std::string& m) { progress.Problem(m); };
  options->on_note = [&](const std::string& m) {
    if (!f.quiet) progress.Problem(m);
  };
  options->on_progress = [&](const ingest::Progress& p) { progress.Update(p); };
  auto stats = ingest::Ingest(f.sources, lex, *st, options.value());
  progress.Clear();
  if (!stats.ok()) {
    fmt::print(stderr, "dyad: ingest failed: {}\n", stats.status().message());
    return 2;
  }
  if (!f.quiet) PrintSummary(stats.value(), f.db, kind == "watch" ? "watch: read" : "ingested");
  return stats->problems ? 1 : 0;
}

// "15m", "30s", "2h", "1d" in seconds; 0 when malformed.
int64_t ParseInterval(const std::string& s) {
  if (s.empty()) return 0;
  char unit = s.back();
  std::string digits =
      std::isdigit(static_cast<unsigned char>(unit)) ? s : s.substr(0, s.size() - 1);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return 0;
  int64_t n = std::stoll(digits);
  switch (unit) {
    case 's':
      return n;
    case 'm':
      return n * 60;
    case 'h':
      return n * 3600;
    case 'd':
      return n * 86400;
    default:
      return std::isdigit(static_cast<unsigned char>(unit)) ? n : 0;
  }
}

int RunWatch(StoreFlags& f, const Lexicon& lex) {
  int64_t every = ParseInterval(f.every);
  if (every <= 0) {
    fmt::print(stderr, "dyad: --every '{}': want a number with s, m, h or d (e.g. 15m)\n", f.every);
    return 2;
  }
  int worst = 0;
  for (int poll = 1; f.polls == 0 || poll <= f.polls; ++poll) {
    int rc = RunIngest(f, lex, "watch");
    if (rc == 2) return 2;
    worst = std::max(worst, rc);
    if (f.polls != 0 && poll == f.polls) break;
    std::this_thread::sleep_for(std::chrono::seconds(every));
  }
  return worst;
}

// ---- events -----------------------------------------------------------------------------------

std::string Csv(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Tsv(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string Contexts(const std::vector<std::string>& c) {
  std::string out;
  for (const auto& x : c) out += (out.empty() ? "" : ",") + x;
  return out;
}

constexpr const char* kEventColumns[] = {"id",      "date",      "source",  "target", "code",
                                         "quad",    "goldstein", "plover",  "mode",   "context",
                                         "reports", "outlets",   "stories", "origin", "doc_id",
                                         "url",     "evidence",  "pattern"};

std::vector<std::string> EventFields(const store::StoredEvent& e) {
  const Event& v = e.event;
  return {std::to_string(e.id),
          FormatDate(v.date),
          v.source,
          v.target,
          v.code,
          std::to_string(v.quad),
          fmt::format("{:.1f}", v.goldstein),
          v.plover,
          v.mode,
          Contexts(v.contexts),
          std::to_string(e.reports),
          std::to_string(e.outlets),
          std::to_string(e.stories),
          e.origin,
          v.doc_id,
          e.url,
          v.evidence_text,
          v.pattern};
}

std::string EventLine(const store::StoredEvent& e, const std::string& format) {
  if (format == "jsonl") return exchange::PloverJson(e);
  auto fields = EventFields(e);
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += format == "csv" ? "," : "\t";
    out += format == "csv" ? Csv(fields[i]) : Tsv(fields[i]);
  }
  return out + "\n";
}

std::string TableLine(const store::StoredEvent& e) {
  const Event& v = e.event;
  std::string evidence =
      v.evidence_text.size() > 60 ? v.evidence_text.substr(0, 57) + "..." : v.evidence_text;
  return fmt::format("{:<10}  {:<9} {:<9} {:<4} {:>5.1f}  {:<10} {:>3} {:>3}  {}\n",
                     FormatDate(v.date), v.source.substr(0, 9), v.target.substr(0, 9), v.code,
                     v.goldstein, v.plover.substr(0, 10), e.reports, e.outlets, Tsv(evidence));
}

int RunEvents(StoreFlags& f) {
  store::EventQuery query;
  auto st = QueryAndStore(f, &query);
  if (!st) return 2;
  const std::string& format = f.out_format;
  if (format == "csv" || format == "tsv") {
    std::string header;
    for (const char* c : kEventColumns)
      header += (header.empty() ? "" : format == "csv" ? "," : "\t") + std::string(c);
    Out(header + "\n");
  } else if (format == "table") {
    Out(fmt::format("{:<10}  {:<9} {:<9} {:<4} {:>5}  {:<10} {:>3} {:>3}  {}\n", "date", "source",
                    "target", "code", "gold", "plover", "rep", "out", "evidence"));
  }
  size_t n = 0;
  Status s = st->ForEachEvent(query, [&](const store::StoredEvent& e) {
    Out(format == "table" ? TableLine(e) : EventLine(e, format));
    ++n;
    return true;
  });
  FlushOut();
  if (!s.ok()) {
    fmt::print(stderr, "dyad: {}\n", s.message());
    return 2;
  }
  if (format == "table") fmt::print(stderr, "dyad: {} events\n", n);
  return 0;
}

int RunExport(StoreFlags& f) {
  store::EventQuery query;
  auto st = QueryAndStore(f, &query);
  if (!st) return 2;
  std::FILE* out = stdout;
  if (!f.output.empty() && f.output != "-") {
    out = std::fopen(f.output.c_str(), "wb");
    if (!out) {
      fmt::print(stderr, "dyad: {}: cannot write: {}\n", f.output, std::strerror(errno));
      return 2;
    }
  }
  size_t n = 0;
  bool write_failed = false;
  Status s = st->ForEachEvent(query, [&](const store::StoredEvent& e) {
    std::string line = f.export_format == "gdelt" ? exchange::GdeltRow(e) : exchange::PloverJson(e);
    if (out == stdout) {
      Out(line);
    } else if (std::fwrite(line.data(), 1, line.size(), out) != line.size()) {
      write_failed = true;
      return false;
    }
    ++n;
    return true;
  });
  if (out == stdout) {
    FlushOut();
  } else if (std::fclose(out) != 0) {
    write_failed = true;
  }
  if (write_failed) {
    fmt::print(stderr, "dyad: {}: write failed: {}\n", f.output, std::strerror(errno));
    return 2;
  }
  if (!s.ok()) {
    fmt::print(stderr, "dyad: {}\n", s.message());
    return 2;
  }
  fmt::print(stderr, "dyad: exported {} events as {}\n", n, f.export_format);
  return 0;
}

// ---- import -----------------------------------------------------------------------------------

// Reads one dataset file line by line into the store, one transaction per 5,000 rows.
Status ImportFile(const std::string& path, exchange::Importer& importer, store::Store& st,
                  int64_t run, int64_t coding, const std::string& origin, int64_t* added,
                  int64_t* problems) {
  auto in = io::OpenInput(path);
  if (!in.ok()) {
    fmt::print(stderr, "dyad: {}\n", in.status().message());
    ++*problems;
    return Status::Ok();
  }
  io::ByteSourceBuf buf(*in.value());
  std::istream stream(&buf);
  std::string line;
  int64_t line_no = 0, in_batch = 0, batch_added = 0, batch_errors = 0;
  std::map<Day, int64_t> volume;
  if (Status s = st.Begin(); !s.ok()) return s;
  auto count = [&]() -> Status {
    for (const auto& [day, n] : volume)
      if (Status s = st.AddVolume(day, 0, n); !s.ok()) return s;
    volume.clear();
    return st.CountRun(run, in_batch, 0, batch_added, batch_errors);
  };
  auto commit = [&]() -> Status {
    if (Status s = count(); !s.ok()) return s;
    if (Status s = st.Commit(); !s.ok()) return s;
    in_batch = batch_added = batch_errors = 0;
    return st.Begin();
  };
  try {
    while (std::getline(stream, line)) {
      ++line_no;
      store::ImportedEvent e;
      std::string err = importer.Parse(line, &e);
      if (err == "skip") continue;
      ++in_batch;
      if (!err.empty()) {
        fmt::print(stderr, "dyad: {}:{}: {}\n", path, line_no, err);
        ++*problems;
        ++batch_errors;
        continue;
      }
      auto fresh = st.AddImported(coding, origin, e);
      if (!fresh.ok()) return fresh.status();
      batch_added += fresh.value();
      *added += fresh.value();
      if (fresh.value()) ++volume[e.event.date];
      if (in_batch >= 5000)
        if (Status s = commit(); !s.ok()) return s;
    }
  } catch (const std::exception& ex) {
    fmt::print(stderr, "dyad: {}: after line {}: {}\n", path, line_no, ex.what());
    ++*problems;
  }
  if (Status s = count(); !s.ok()) return s;
  return st.Commit();
}

int RunImport(StoreFlags& f, const Lexicon& lex) {
  auto importer = exchange::Importer::Make(f.import_format, lex);
  auto st = OpenOrNull(f.db);
  if (!st) return 2;
  auto run = st->BeginRun("import-" + f.import_format, f.args, Version(), DictionaryVersion(lex));
  if (!run.ok()) {
    fmt::print(stderr, "dyad: {}\n", run.status().message());
    return 2;
  }
  auto coding = st->NewCoding(run.value(), "import-" + f.import_format, "", "");
  if (!coding.ok()) {
    fmt::print(stderr, "dyad: {}\n", coding.status().message());
    return 2;
  }
  int64_t added = 0, problems = 0;
  for (const auto& path : f.import_files) {
    Status s = ImportFile(path, *importer, *st, run.value(), coding.value(), f.import_format,
                          &added, &problems);
    if (!s.ok()) {
      st->Rollback();
      st->FinishRun(run.value(), "failed");
      fmt::print(stderr, "dyad: import failed: {}\n", s.message());
      return 2;
    }
  }
  st->FinishRun(run.value(), problems ? "errors" : "ok");
  fmt::print(stderr, "dyad: imported {} new {} events into {}{}\n", added, f.import_format, f.db,
             problems ? fmt::format("; {} problems reported above", problems) : "");
  return problems ? 1 : 0;
}

// ---- recode, diff-runs, runs --------------------------------------------------------------------

int RunRecode(StoreFlags& f, const Lexicon& lex) {
  auto options = MakeIngestOptions(f, lex);
  auto st = OpenOrNull(f.db);
  if (!st || !options.ok()) return 2;
  options->on_problem = [](const std::string& m) { fmt::print(stderr, "dyad: {}\n", m); };
  auto stats = ingest::Recode(lex, *st, options.value());
  if (!stats.ok()) {
    fmt::print(stderr, "dyad: recode failed: {}\n", stats.status().message());
    return 2;
  }
  auto codings = st->Codings();
  int64_t id = codings.ok() && !codings->empty() ? codings->back().id : 0;
  fmt::print(stderr, "dyad: recoded {} documents into coding {} ({} event reports) in {:.1f} s\n",
             stats->docs_seen, id, stats->events, stats->seconds);
  return stats->problems ? 1 : 0;
}

using EventKey = std::tuple<Day, std::string, std::string, std::string>;

Result<std::map<EventKey, store::StoredEvent>> CodingEvents(store::Store& st, int64_t coding) {
  std::map<EventKey, store::StoredEvent> out;
  store::EventQuery q;
  q.coding = coding;
  q.origin = "dyad";
  Status s = st.ForEachEvent(q, [&](const store::StoredEvent& e) {
    out.emplace(EventKey{e.event.date, e.event.source, e.event.target, e.event.code}, e);
    return true;
  });
  if (!s.ok()) return s;
  return out;
}

int RunDiff(StoreFlags& f) {
  auto st = OpenOrNull(f.db);
  if (!st) return 2;
  auto codings = st->Codings();
  if (!codings.ok()) return 2;
  std::vector<int64_t> ids = f.diff_codings;
  if (ids.empty()) {  // the last two codings of text
    for (auto it = codings->rbegin(); it != codings->rend() && ids.size() < 2; ++it)
      if (it->kind == "ingest" || it->kind == "recode") ids.insert(ids.begin(), it->id);
  }
  if (ids.size() != 2) {
    fmt::print(stderr, "dyad: diff-runs needs two codings (see `dyad runs`)\n");
    return 2;
  }
  auto a = CodingEvents(*st, ids[0]);
  auto b = CodingEvents(*st, ids[1]);
  if (!a.ok() || !b.ok()) return 2;
  std::vector<const store::StoredEvent*> gone, came;
  for (const auto& [k, e] : a.value())
    if (!b->count(k)) gone.push_back(&e);
  for (const auto& [k, e] : b.value())
    if (!a->count(k)) came.push_back(&e);
  Out(
      fmt::format("coding {}: {} events; coding {}: {} events; {} in both, {} only in {}, {} only "
                  "in {}\n",
                  ids[0], a->size(), ids[1], b->size(), a->size() - gone.size(), gone.size(),
                  ids[0], came.size(), ids[1]));
  auto list = [&](const char* sign, const std::vector<const store::StoredEvent*>& v) {
    for (size_t i = 0; i < v.size() && int(i) < f.diff_list; ++i) Out(sign + TableLine(*v[i]));
    if (int(v.size()) > f.diff_list)
      Out(fmt::format("{} ... {} more\n", sign, v.size() - f.diff_list));
  };
  list("- ", gone);
  list("+ ", came);
  FlushOut();
  return 0;
}

int RunRuns(StoreFlags& f) {
  auto st = OpenOrNull(f.db);
  if (!st) return 2;
  auto runs = st->Runs();
  auto codings = st->Codings();
  auto totals = st->Count();
  if (!runs.ok() || !codings.ok() || !totals.ok()) return 2;
  Out(fmt::format("store {}: {} documents in {} stories, {} events, {} reports\n\n", f.db,
                  totals->documents, totals->stories, totals->events, totals->mentions));
  Out("run  kind           started               status       seen    added   events  errors\n");
  for (const auto& r : runs.value())
    Out(fmt::format("{:<4} {:<14} {:<21} {:<11} {:>6} {:>8} {:>8} {:>7}\n", r.id, r.kind, r.started,
                    r.status, r.docs_seen, r.docs_added, r.events_added, r.errors));
  Out("\ncoding  run  kind            dictionaries   dyad    events  current\n");
  for (const auto& c : codings.value())
    Out(fmt::format("{:<7} {:<4} {:<15} {:<14} {:<7} {:>6}  {}\n", c.id, c.run, c.kind,
                    c.dict_version.substr(0, 12), c.dyad_version, c.events, c.current ? "*" : ""));
  FlushOut();
  return 0;
}

}  // namespace

StoreCommands::StoreCommands(CLI::App& app, std::string* data_flag)
    : f_(std::make_unique<StoreFlags>()) {
  StoreFlags* f = f_.get();
  auto add_data = [data_flag](CLI::App* cmd) {
    cmd->add_option("--data", *data_flag, "dictionary directory");
  };
  auto add_source_flags = [f, add_data](CLI::App* cmd) {
    cmd->add_option("--format", f->format, "input format when the name does not say")
        ->check(CLI::IsMember({"jsonl", "csv", "tsv", "text", "html", "feed"}));
    cmd->add_option("--date", f->date, "date for documents without one (YYYY-MM-DD)");
    cmd->add_option("--outlet", f->outlet, "outlet for documents that name none");
    cmd->add_option("--lang", f->lang, "language for documents that name none");
    cmd->add_option("--column", f->columns,
                    "CSV/TSV column of a field: text=body, date=published, id=3 (repeatable)");
    cmd->add_option("-j,--jobs", f->jobs, "coding threads")->check(CLI::Range(1, 256));
    cmd->add_flag("-q,--quiet", f->quiet, "no progress or summary");
    AddDb(cmd, f);
    add_data(cmd);
    AddSyntaxOptions(cmd);
  };
  f->ingest = app.add_subcommand(
      "ingest",
      "read news (JSONL, CSV/TSV, text, HTML, RSS/Atom, directories, .gz/.zst, URLs), "
      "code it and store documents and events once");
  f->ingest->add_option("sources", f->sources, "files, directories or URLs")->required();
  add_source_flags(f->ingest);

  f->watch = app.add_subcommand("watch", "poll feeds on a schedule and ingest what is new");
  f->watch->add_option("feeds", f->sources, "feed URLs or files")->required();
  f->watch->add_option("--every", f->every, "interval: 30s, 15m, 1h")->capture_default_str();
  f->watch->add_option("--polls", f->polls, "stop after this many polls (0: never)");
  add_source_flags(f->watch);

  f->events = app.add_subcommand("events", "list stored events");
  AddQuery(f->events, &f->query);
  f->events->add_option("--format", f->out_format, "table, jsonl, csv or tsv")
      ->check(CLI::IsMember({"table", "jsonl", "csv", "tsv"}))
      ->capture_default_str();
  AddDb(f->events, f);

  f->exporter =
      app.add_subcommand("export", "write stored events as GDELT 2.0 rows or PLOVER JSONL");
  AddQuery(f->exporter, &f->query);
  f->exporter->add_option("--format", f->export_format, "gdelt or plover")
      ->check(CLI::IsMember({"gdelt", "plover"}))
      ->capture_default_str();
  f->exporter->add_option("-o,--output", f->output, "output file (default stdout)");
  AddDb(f->exporter, f);

  f->importer =
      app.add_subcommand("import", "add events from GDELT, ICEWS or PLOVER/POLECAT files");
  f->importer->add_option("format", f->import_format, "gdelt, icews or plover")
      ->required()
      ->check(CLI::IsMember({"gdelt", "icews", "plover"}));
  f->importer->add_option("files", f->import_files, "files (.gz/.zst too)")->required();
  AddDb(f->importer, f);
  add_data(f->importer);

  f->recode = app.add_subcommand(
      "recode", "code the stored documents again (e.g. with new dictionaries) as a new coding");
  f->recode->add_option("-j,--jobs", f->jobs, "coding threads")->check(CLI::Range(1, 256));
  AddDb(f->recode, f);
  add_data(f->recode);
  AddSyntaxOptions(f->recode);

  f->diff = app.add_subcommand("diff-runs", "compare the events of two codings");
  f->diff->add_option("codings", f->diff_codings, "two coding ids (default: the last two)")
      ->expected(0, 2);
  f->diff->add_option("--list", f->diff_list, "list at most this many changes each way");
  AddDb(f->diff, f);

  f->runs = app.add_subcommand("runs", "what the store holds: runs and codings");
  AddDb(f->runs, f);
}

StoreCommands::~StoreCommands() = default;

void StoreCommands::SetCommandLine(int argc, char** argv) {
  f_->args.clear();
  for (int i = 0; i < argc; ++i) f_->args += (i ? " " : "") + std::string(argv[i]);
}

bool StoreCommands::Run(const std::string& data_dir, int* rc) {
  StoreFlags& f = *f_;
  if (*f.events) return *rc = RunEvents(f), true;
  if (*f.exporter) return *rc = RunExport(f), true;
  if (*f.diff) return *rc = RunDiff(f), true;
  if (*f.runs) return *rc = RunRuns(f), true;
  if (!*f.ingest && !*f.watch && !*f.importer && !*f.recode) return false;
  auto lex = LoadOrDie(data_dir, false, true);
  if (*f.ingest) *rc = RunIngest(f, *lex, "ingest");
  if (*f.watch) *rc = RunWatch(f, *lex);
  if (*f.importer) *rc = RunImport(f, *lex);
  if (*f.recode) *rc = RunRecode(f, *lex);
  return true;
}

}  // namespace dyad::cli
