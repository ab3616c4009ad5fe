// Ingest: sources in, documents and events into the store, exactly once.
//
// Documents are read in input order, coded in batches (in parallel with jobs > 1) and written one
// batch per transaction, the run's counters inside the same transaction. A run killed at any
// moment loses at most its open batch, which the next run writes again; a document whose content
// (outlet + text) or URL is already stored is skipped. So a rerun ends with exactly the events of
// an uninterrupted run.
#ifndef DYAD_INGEST_INGEST_H_
#define DYAD_INGEST_INGEST_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dyad/coder.h"
#include "dyad/status.h"
#include "io/sources.h"
#include "store/store.h"

namespace dyad::ingest {

struct Progress {
  uint64_t docs = 0, sentences = 0, events = 0, problems = 0;
  uint64_t bytes_done = 0, bytes_total = 0;  // over the files of this run (0 total: unknown)
  double seconds = 0;
  std::string current;  // the source being read
};

struct Options {
  io::SourceOptions source;
  int jobs = 1;
  size_t batch_docs = 2048;
  std::string kind = "ingest";  // run kind recorded in the store
  std::string args;             // the command line, recorded with the run
  std::string dict_version;
  std::function<void(const std::string&)> on_problem;  // "file:line: what" for each skip
  std::function<void(const std::string&)> on_note;
  std::function<void(const Progress&)> on_progress;  // after each batch
};

struct Stats {
  int64_t run = 0;
  uint64_t docs_seen = 0, docs_added = 0, docs_known = 0, sentences = 0;
  uint64_t events = 0;  // event reports written (before merging into unique events)
  uint64_t problems = 0;
  double seconds = 0;
  double coding_seconds = 0;  // of which coding (summed over threads' wall time)
  double store_seconds = 0;   // of which writing to the store
};

// Reads every source, codes what is new and stores it. Fails only when the store fails; input
// problems are reported through options.on_problem and counted in Stats::problems.
Result<Stats> Ingest(const std::vector<std::string>& sources, const Lexicon& lexicon,
                     store::Store& store, const Options& options);

// Codes every stored document again with `lexicon` into a new coding, which becomes current; the
// previous codings stay for comparison.
Result<Stats> Recode(const Lexicon& lexicon, store::Store& store, const Options& options);

// A short fingerprint of every file under a dictionary directory.
std::string DictionaryVersion(const std::string& data_dir);

// 128-bit content hash (hex) of a document's identity: its outlet and text.
std::string ContentHash(const Document& doc);
// 64-bit SimHash over word 3-shingles; near-duplicate texts differ in few bits.
uint64_t SimHash(const std::string& text);

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_INGEST_H_
