#include "ingest/ingest.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <thread>

namespace dyad::ingest {

namespace {

using Clock = std::chrono::steady_clock;

std::string Hex(uint64_t hi, uint64_t lo) { return fmt::format("{:016x}{:016x}", hi, lo); }

// The outlet a report counts under: its outlet, else its URL's host, else "".
std::string OutletKey(const Document& d) {
  if (!d.outlet.empty()) return d.outlet;
  size_t scheme = d.url.find("://");
  if (scheme == std::string::npos) return "";
  size_t start = scheme + 3, end = d.url.find('/', start);
  return d.url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Codes documents on `jobs` threads; results keep the input order.
std::vector<Result<CodedDocument>> CodeAll(std::vector<std::unique_ptr<Coder>>& coders,
                                           const std::vector<const Document*>& docs) {
  std::vector<Result<CodedDocument>> out(docs.size(), Result<CodedDocument>(Status::Usage("")));
  auto work = [&](size_t t) {
    for (size_t i = t; i < docs.size(); i += coders.size()) out[i] = coders[t]->Code(*docs[i]);
  };
  if (coders.size() == 1 || docs.size() < 8) {
    for (size_t i = 0; i < docs.size(); ++i) out[i] = coders[0]->Code(*docs[i]);
    return out;
  }
  std::vector<std::thread> threads;
  for (size_t t = 0; t < coders.size(); ++t) threads.emplace_back(work, t);
  for (auto& th : threads) th.join();
  return out;
}

// Collects documents from the readers and writes them batch by batch.
class Writer : public io::SourceSink {
 public:
  Writer(const Lexicon& lexicon, store::Store& store, const Options& options, int64_t run,
         int64_t coding)
      : store_(store), options_(options), run_(run), coding_id_(coding), start_(Clock::now()) {
    for (int i = 0; i < std::max(1, options.jobs); ++i)
      coders_.push_back(std::make_unique<Coder>(lexicon));
    stats_.run = run;
  }

  void OnDocument(Document&& doc) override {
    if (!status_.ok()) return;
    batch_.push_back(std::move(doc));
    if (batch_.size() >= options_.batch_docs) Flush();
  }
  void OnProblem(const std::string& message) override {
    ++stats_.problems;
    ++pending_errors_;
    if (options_.on_problem) options_.on_problem(message);
  }
  void OnNote(const std::string& message) override {
    if (options_.on_note) options_.on_note(message);
  }
  void OnProgress(uint64_t bytes) override { file_bytes_ = bytes; }

  void StartFile(const std::string& name) {
    bytes_before_ += file_bytes_;
    file_bytes_ = 0;
    progress_.current = name;
  }
  void set_total(uint64_t total) { progress_.bytes_total = total; }

  // Hands the open batch to the coding thread and writes the batch coded before it (one
  // transaction). Coding batch N+1 overlaps writing batch N. After a store failure, nothing more
  // is written.
  void Flush() {
    if (!status_.ok()) return;
    auto next = std::make_unique<Batch>();
    next->docs = std::move(batch_);
    batch_.clear();
    if (Status s = FindFresh(next.get()); !s.ok()) status_ = s;
    FinishInFlight();
    if (status_.ok() && !next->docs.empty()) {
      in_flight_ = std::move(next);
      coding_ = std::async(std::launch::async, [this, b = in_flight_.get()] { CodeBatch(b); });
    }
    Report();
  }
  // Writes what is still being coded; call once at the end.
  void Drain() {
    FinishInFlight();
    Report();
  }

  Status status() const { return status_; }
  Stats stats() {
    stats_.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    return stats_;
  }

 private:
  struct Batch {
    std::vector<Document> docs;
    std::vector<size_t> fresh;  // indexes of documents not stored yet
    std::vector<std::string> hashes;
    std::vector<uint64_t> simhashes;
    std::vector<Result<CodedDocument>> coded;
    size_t known = 0;
    double coding_seconds = 0;
  };

  // Which documents of the batch are new (a read; the write comes later).
  Status FindFresh(Batch* b) {
    for (size_t i = 0; i < b->docs.size(); ++i) {
      std::string hash = ContentHash(b->docs[i]);
      auto known = store_.HasDocument(hash, b->docs[i].url);
      if (!known.ok()) return known.status();
      if (known.value()) {
        ++b->known;
        continue;
      }
      b->fresh.push_back(i);
      b->hashes.push_back(std::move(hash));
    }
    return Status::Ok();
  }

  // On the coding thread: codes the new documents and fingerprints them for story grouping.
  void CodeBatch(Batch* b) {
    auto t0 = Clock::now();
    std::vector<const Document*> docs;
    for (size_t i : b->fresh) docs.push_back(&b->docs[i]);
    b->coded = CodeAll(coders_, docs);
    for (const Document* d : docs) b->simhashes.push_back(SimHash(d->text));
    b->coding_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  }

  void FinishInFlight() {
    if (!in_flight_) return;
    coding_.wait();
    if (status_.ok()) {
      auto t0 = Clock::now();
      if (Status s = WriteBatch(*in_flight_); !s.ok()) {
        store_.Rollback();
        status_ = s;
      }
      stats_.store_seconds += std::chrono::duration<double>(Clock::now() - t0).count();
      stats_.coding_seconds += in_flight_->coding_seconds;
    }
    in_flight_.reset();
  }

  Status WriteBatch(const Batch& b) {
    if (Status s = store_.Begin(); !s.ok()) return s;
    int64_t added = 0, events = 0;
    std::map<Day, int64_t> volume;
    for (size_t k = 0; k < b.fresh.size(); ++k) {
      const Document& d = b.docs[b.fresh[k]];
      const auto& coded = b.coded[k];
      if (!coded.ok()) {
        OnProblem(fmt::format("{}: document '{}': {}", d.source, d.id, coded.status().message()));
        continue;
      }
      for (const auto& w : coded->warnings)
        OnProblem(fmt::format("{}: document '{}': {}", d.source, d.id, w));
      auto doc = store_.AddDocument(d, b.hashes[k], b.simhashes[k], run_);
      if (!doc.ok()) return doc.status();
      if (!doc->added) continue;  // a copy earlier in this batch or the one before
      if (Status s = store_.AddEvents(coding_id_, doc.value(), OutletKey(d), coded->events);
          !s.ok())
        return s;
      ++added;
      ++volume[d.date];
      events += static_cast<int64_t>(coded->events.size());
      stats_.sentences += coded->sentences;
    }
    for (const auto& [day, n] : volume)
      if (Status s = store_.AddVolume(day, n, 0); !s.ok()) return s;
    int64_t seen = static_cast<int64_t>(b.docs.size());
    if (Status s = store_.CountRun(run_, seen, added, events, pending_errors_); !s.ok()) return s;
    if (Status s = store_.Commit(); !s.ok()) return s;
    pending_errors_ = 0;
    stats_.docs_seen += b.docs.size();
    stats_.docs_known += b.known;
    stats_.docs_added += added;
    stats_.events += events;
    return Status::Ok();
  }

  void Report() {
    if (!options_.on_progress) return;
    progress_.docs = stats_.docs_seen;
    progress_.sentences = stats_.sentences;
    progress_.events = stats_.events;
    progress_.problems = stats_.problems;
    progress_.bytes_done = bytes_before_ + file_bytes_;
    progress_.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    options_.on_progress(progress_);
  }

  store::Store& store_;
  const Options& options_;
  int64_t run_, coding_id_;
  Clock::time_point start_;
  std::unique_ptr<Batch> in_flight_;
  std::future<void> coding_;
  std::vector<std::unique_ptr<Coder>> coders_;
  std::vector<Document> batch_;
  Stats stats_;
  Progress progress_;
  int64_t pending_errors_ = 0;
  uint64_t bytes_before_ = 0, file_bytes_ = 0;
  Status status_;
};

}  // namespace

std::string ContentHash(const Document& doc) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  XXH3_128bits_update(state, doc.outlet.data(), doc.outlet.size());
  XXH3_128bits_update(state, "\0", 1);
  XXH3_128bits_update(state, doc.text.data(), doc.text.size());
  XXH128_hash_t h = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  return Hex(h.high64, h.low64);
}

uint64_t SimHash(const std::string& text) {
  // Words are runs of ASCII letters and digits (lowercased) or of non-ASCII bytes, so CJK counts
  // too; each word is hashed once and a shingle's hash mixes its three word hashes.
  std::vector<uint64_t> words;
  words.reserve(text.size() / 5 + 1);
  char buf[64];
  size_t len = 0;
  auto flush = [&] {
    if (len) words.push_back(XXH3_64bits(buf, len));
    len = 0;
  };
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      if (len < sizeof buf) buf[len++] = static_cast<char>(u < 0x80 ? std::tolower(u) : u);
    } else {
      flush();
    }
  }
  flush();
  int counts[64] = {0};
  size_t n = words.size() < 3 ? words.size() : words.size() - 2;
  for (size_t i = 0; i < n; ++i) {
    uint64_t h = words[i];
    for (size_t k = 1; k < 3 && i + k < words.size(); ++k)
      h = (h ^ (words[i + k] + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2))) *
          0xff51afd7ed558ccdULL;
    for (int b = 0; b < 64; ++b) counts[b] += (h >> b) & 1 ? 1 : -1;
  }
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b)
    if (counts[b] > 0) out |= uint64_t{1} << b;
  return out;
}

std::string DictionaryVersion(const std::string& data_dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code ec;
  for (const char* sub : {"actors", "verbs", "ontology", "lexicon"}) {
    for (auto it = fs::recursive_directory_iterator(fs::path(data_dir) / sub, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file()) files.push_back(it->path().string());
  }
  for (const char* f : {"agents.txt", "issues.txt"})
    files.push_back((fs::path(data_dir) / f).string());
  std::sort(files.begin(), files.end());
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  std::string buf;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) continue;
    buf.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    std::string rel = fs::relative(f, data_dir, ec).string();
    XXH3_64bits_update(state, rel.data(), rel.size() + 1);
    XXH3_64bits_update(state, buf.data(), buf.size());
  }
  uint64_t h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return fmt::format("{:016x}", h).substr(0, 12);
}

Result<Stats> Ingest(const std::vector<std::string>& sources, const Lexicon& lexicon,
                     store::Store& store, const Options& options) {
  auto run = store.BeginRun(options.kind, options.args, Version(), options.dict_version);
  if (!run.ok()) return run.status();
  auto coding = store.CurrentCoding(run.value(), options.dict_version, Version());
  if (!coding.ok()) return coding.status();
  Writer writer(lexicon, store, options, run.value(), coding.value());
  auto inputs = io::ExpandSources(sources, &writer);
  writer.set_total(io::TotalBytes(inputs));
  for (const auto& source : inputs) {
    writer.StartFile(source);
    io::ReadSource(source, options.source, &writer);
    if (!writer.status().ok()) break;
  }
  writer.Flush();
  writer.Drain();
  Stats stats = writer.stats();
  if (!writer.status().ok()) {
    store.FinishRun(run.value(), "failed");
    return writer.status();
  }
  if (Status s = store.FinishRun(run.value(), stats.problems ? "errors" : "ok"); !s.ok()) return s;
  return stats;
}

Result<Stats> Recode(const Lexicon& lexicon, store::Store& store, const Options& options) {
  auto start = Clock::now();
  auto run = store.BeginRun("recode", options.args, Version(), options.dict_version);
  if (!run.ok()) return run.status();
  auto coding = store.NewCoding(run.value(), "recode", options.dict_version, Version());
  if (!coding.ok()) return coding.status();
  std::vector<std::unique_ptr<Coder>> coders;
  for (int i = 0; i < std::max(1, options.jobs); ++i)
    coders.push_back(std::make_unique<Coder>(lexicon));
  Stats stats;
  stats.run = run.value();
  int64_t after = 0;
  while (true) {
    auto page = store.DocumentsAfter(after, static_cast<int>(options.batch_docs));
    if (!page.ok()) return page.status();
    if (page->empty()) break;
    std::vector<const Document*> docs;
    for (const auto& [key, doc] : page.value()) docs.push_back(&doc);
    auto coded = CodeAll(coders, docs);
    if (Status s = store.Begin(); !s.ok()) return s;
    int64_t events = 0, errors = 0;
    for (size_t i = 0; i < docs.size(); ++i) {
      const auto& [key, doc] = page.value()[i];
      if (!coded[i].ok()) {
        ++errors;
        if (options.on_problem)
          options.on_problem(
              fmt::format("stored document '{}': {}", doc.id, coded[i].status().message()));
        continue;
      }
      if (Status s = store.AddEvents(coding.value(), key, OutletKey(doc), coded[i]->events);
          !s.ok()) {
        store.Rollback();
        return s;
      }
      events += static_cast<int64_t>(coded[i]->events.size());
      stats.sentences += coded[i]->sentences;
    }
    if (Status s = store.CountRun(run.value(), int64_t(docs.size()), 0, events, errors); !s.ok())
      return s;
    if (Status s = store.Commit(); !s.ok()) return s;
    stats.docs_seen += docs.size();
    stats.events += events;
    stats.problems += errors;
    after = page->back().first.key;
  }
  // The new coding becomes current only when it is complete.
  if (Status s = store.SetCurrentCoding(coding.value()); !s.ok()) return s;
  if (Status s = store.FinishRun(run.value(), stats.problems ? "errors" : "ok"); !s.ok()) return s;
  stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return stats;
}

}  // namespace dyad::ingest
