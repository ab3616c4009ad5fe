// The public API (include/dyad/parse.h) over the model internals.
#include "dyad/parse.h"
#include "parse/model.h"

namespace dyad {

ParserWorkspace::ParserWorkspace() : ws_(std::make_unique<parse::Workspace>()) {}
ParserWorkspace::~ParserWorkspace() = default;

Parser::Parser(std::unique_ptr<parse::Model> model) : model_(std::move(model)) {}
Parser::~Parser() = default;

const std::string& Parser::info() const { return model_->info; }

void Parser::Parse(const std::vector<std::string_view>& words, std::vector<ParsedWord>* out,
                   ParserWorkspace* ws) const {
  Run(words, true, out, ws);
}

void Parser::Tag(const std::vector<std::string_view>& words, std::vector<ParsedWord>* out,
                 ParserWorkspace* ws) const {
  Run(words, false, out, ws);
}

void Parser::Run(const std::vector<std::string_view>& words, bool parse,
                 std::vector<ParsedWord>* out, ParserWorkspace* ws) const {
  ParserWorkspace local;
  ParserWorkspace& w = ws != nullptr ? *ws : local;
  parse::Analysis& a = w.ws_->analysis;
  parse::AnalyzeOptions options;
  options.parse = parse;
  parse::Analyze(*model_, words, options, w.ws_.get(), &a);
  out->resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    ParsedWord& p = (*out)[i];
    p.upos = model_->tagger.upos[a.tags[i]];
    p.xpos = model_->tagger.xpos[a.tags[i]];
    p.lemma.swap(a.lemmas[i]);
    p.head = parse ? a.heads[i] : -1;
    p.deprel = parse ? std::string_view(model_->parser.labels[a.labels[i]]) : std::string_view();
  }
}

Result<ParserPtr> LoadParserModel(const std::string& path) {
  auto model = parse::LoadModel(path);
  if (!model.ok()) return model.status();
  return ParserPtr(new Parser(std::move(model).value()));
}

}  // namespace dyad
