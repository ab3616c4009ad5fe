// Part-of-speech tagging, lemmatisation and dependency parsing (Universal Dependencies: UPOS, PTB
// XPOS, UD relations with subtypes such as nsubj:pass). Load a model once; parse from any number of
// threads.
#ifndef DYAD_PARSE_H_
#define DYAD_PARSE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad {

namespace parse {
struct Model;
struct Workspace;
}  // namespace parse

// The analysis of one word. The string_views point into the Parser's model: they stay valid as
// long as the Parser that produced them.
struct ParsedWord {
  std::string_view upos;    // "NOUN", "VERB", ...
  std::string_view xpos;    // Penn Treebank tag: "NNS", "VBD", ...
  std::string lemma;        // "be" for "was"
  int head = 0;             // 1-based index of the head word; 0 for the sentence's root
  std::string_view deprel;  // "nsubj", "obl:agent", ...; "root" for the root
};

// Memory reused across Parse calls. Optional: it only saves allocations in hot loops. One per
// thread; not thread-safe itself.
class ParserWorkspace {
 public:
  ParserWorkspace();
  ~ParserWorkspace();
  ParserWorkspace(const ParserWorkspace&) = delete;
  ParserWorkspace& operator=(const ParserWorkspace&) = delete;

 private:
  friend class Parser;
  std::unique_ptr<parse::Workspace> ws_;
};

// A loaded tagger + lemmatiser + parser. Immutable after loading, so all methods are thread-safe.
class Parser {
 public:
  ~Parser();

  // Analyses one sentence. `words` are its tokens as UD English splits them (the project's
  // tokenizer does: "did" "n't", "Japan" "'s"); any byte strings are accepted. *out gets one
  // entry per word (its memory is reused). Every analysis is a single tree: exactly one word has
  // head 0. An empty sentence gives an empty result. `ws` may be null.
  void Parse(const std::vector<std::string_view>& words, std::vector<ParsedWord>* out,
             ParserWorkspace* ws = nullptr) const;

  // As Parse, but only tags and lemmatises (about three times as fast): head is -1 and deprel is
  // empty in every entry.
  void Tag(const std::vector<std::string_view>& words, std::vector<ParsedWord>* out,
           ParserWorkspace* ws = nullptr) const;

  // How the model was made (training data, options, dev scores), for logs and --version output.
  const std::string& info() const;

 private:
  friend Result<std::unique_ptr<const Parser>> LoadParserModel(const std::string& path);
  explicit Parser(std::unique_ptr<parse::Model> model);
  void Run(const std::vector<std::string_view>& words, bool parse, std::vector<ParsedWord>* out,
           ParserWorkspace* ws) const;

  std::unique_ptr<parse::Model> model_;
};

using ParserPtr = std::unique_ptr<const Parser>;

// Loads a model file written by `dyad train-parser` (e.g. data/models/en-ewt.parse). Fails with
// NotFound when the file cannot be opened and InvalidInput when it is not a model, is of another
// format version, or is truncated or corrupt; the message names the path.
Result<ParserPtr> LoadParserModel(const std::string& path);

}  // namespace dyad

#endif  // DYAD_PARSE_H_
