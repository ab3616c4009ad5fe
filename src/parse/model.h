// The whole model (tagger, lemmatiser, parser), its file format, and the analysis of one sentence.
//
// File layout (little-endian): "DYADPARS", u32 format version, u64 payload size, u64 payload hash,
// then the payload: an info string, the tagger, the lemmatiser and the parser. The hash catches
// truncated and corrupted files before anything is decoded.
#ifndef DYAD_PARSE_MODEL_H_
#define DYAD_PARSE_MODEL_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"
#include "parse/lemmatizer.h"
#include "parse/parser.h"
#include "parse/tagger.h"

namespace dyad::parse {

constexpr uint32_t kModelFormatVersion = 2;

struct Model {
  std::string info;  // how the model was made: data, options, dev scores
  TaggerModel tagger;
  Lemmatizer lemmatizer;
  ParserModel parser;
};

// Serialises a model to bytes / writes it to `path` (replacing it).
std::string SerializeModel(const Model& model);
Status SaveModel(const Model& model, const std::string& path);

// Decodes bytes written by SerializeModel; `name` is used in error messages.
Result<std::unique_ptr<Model>> DeserializeModel(std::string_view bytes, const std::string& name);
// Reads a model file; errors name the path and what is wrong (missing, not a model, wrong version,
// corrupt).
Result<std::unique_ptr<Model>> LoadModel(const std::string& path);

// The analysis of one sentence. Vectors are indexed by word.
struct Analysis {
  std::vector<int> tags;  // tagger classes: model.tagger.upos[tag], .xpos[tag]
  std::vector<std::string> lemmas;
  std::vector<int> heads;   // 1-based head word, 0 for the root (as in CoNLL-U)
  std::vector<int> labels;  // model.parser.labels[label]
};

// Reusable memory for Analyze; one per thread. `analysis` is spare room for callers that want a
// result without allocating (the public API uses it).
struct Workspace {
  std::vector<WordAtoms> word_atoms;
  std::vector<NodeAtoms> node_atoms;
  ParseScratch scratch;
  std::vector<int> heads;
  Analysis analysis;
};

// What Analyze computes beyond tags.
struct AnalyzeOptions {
  bool lemmas = true;
  bool parse = true;
};

// Tags, lemmatises and parses `words` (one sentence). Thread-safe for a shared model, given one
// Workspace per thread. With `gold_tags`, parses with those tagger classes instead of predicting.
void Analyze(const Model& model, const std::vector<std::string_view>& words,
             const AnalyzeOptions& options, Workspace* ws, Analysis* out,
             const std::vector<int>* gold_tags = nullptr);

// Fills the parser's node atoms from the tagger's word atoms and classes, the root last.
void NodeAtomsFor(const TaggerModel& tagger, const std::vector<WordAtoms>& words,
                  const std::vector<int>& tags, std::vector<NodeAtoms>* atoms);

}  // namespace dyad::parse

#endif  // DYAD_PARSE_MODEL_H_
