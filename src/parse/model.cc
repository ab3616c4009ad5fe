#include "parse/model.h"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>

#include "parse/hashing.h"

namespace dyad::parse {
namespace {

constexpr char kMagic[8] = {'D', 'Y', 'A', 'D', 'P', 'A', 'R', 'S'};
constexpr size_t kHeaderSize = 8 + 4 + 8 + 8;
constexpr uint64_t kRootWord = 0x726f6f74ULL;  // atom of the root node

}  // namespace

std::string SerializeModel(const Model& model) {
  ByteWriter payload;
  payload.PutString(model.info);
  model.tagger.Write(&payload);
  model.lemmatizer.Write(&payload);
  model.parser.Write(&payload);
  ByteWriter out;
  out.bytes().append(kMagic, sizeof kMagic);
  out.Put<uint32_t>(kModelFormatVersion);
  out.Put<uint64_t>(payload.bytes().size());
  out.Put<uint64_t>(HashBytes(payload.bytes()));
  out.bytes() += payload.bytes();
  return std::move(out.bytes());
}

Status SaveModel(const Model& model, const std::string& path) {
  std::string bytes = SerializeModel(model);
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError(fmt::format("{}: cannot create file", tmp));
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) return Status::IoError(fmt::format("{}: write failed", tmp));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    return Status::IoError(fmt::format("{}: cannot rename {} to it", path, tmp));
  return Status::Ok();
}

Result<std::unique_ptr<Model>> DeserializeModel(std::string_view bytes, const std::string& name) {
  ByteReader header(bytes);
  char magic[8];
  for (char& c : magic) c = header.Get<char>();
  uint32_t version = header.Get<uint32_t>();
  uint64_t size = header.Get<uint64_t>(), hash = header.Get<uint64_t>();
  if (!header.ok() || std::string_view(magic, 8) != std::string_view(kMagic, 8))
    return Status::InvalidInput(fmt::format("{}: not a dyad parser model", name));
  if (version != kModelFormatVersion)
    return Status::InvalidInput(fmt::format("{}: model format version {}, this build reads {}",
                                            name, version, kModelFormatVersion));
  std::string_view payload = bytes.substr(kHeaderSize);
  if (payload.size() != size || HashBytes(payload) != hash)
    return Status::InvalidInput(fmt::format("{}: model file is truncated or corrupt", name));
  auto model = std::make_unique<Model>();
  ByteReader in(payload);
  model->info = in.GetString();
  if (!in.ok() || !model->tagger.Read(&in) || !model->lemmatizer.Read(&in) ||
      !model->parser.Read(&in) || !in.AtEnd())
    return Status::InvalidInput(fmt::format("{}: model file has a bad encoding", name));
  return model;
}

Result<std::unique_ptr<Model>> LoadModel(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Status::NotFound(fmt::format("{}: cannot open model file", path));
  std::string bytes(static_cast<size_t>(in.tellg()), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    return Status::IoError(fmt::format("{}: read error", path));
  return DeserializeModel(bytes, path);
}

void NodeAtomsFor(const TaggerModel& tagger, const std::vector<WordAtoms>& words,
                  const std::vector<int>& tags, std::vector<NodeAtoms>* atoms) {
  atoms->resize(words.size() + 1);
  uint16_t puncts = 0, verbs = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    int t = tags[i];
    int second = words[i].runner_up;
    uint32_t tag2 = static_cast<uint32_t>(second >= 0 ? second : tagger.num_classes() + 1);
    (*atoms)[i] = {words[i].lower,
                   static_cast<uint32_t>(t),
                   tagger.upos_hash[t],
                   words[i].ambiguity,
                   puncts,
                   verbs,
                   tag2,
                   static_cast<uint32_t>(words[i].margin)};
    puncts += tagger.is_punct[t];
    verbs += tagger.is_verb[t];
  }
  uint32_t root_tag = static_cast<uint32_t>(tagger.num_classes());
  atoms->back() = {kRootWord, root_tag, kRootWord, kRootWord, puncts, verbs, root_tag, 3};
}

void Analyze(const Model& model, const std::vector<std::string_view>& words,
             const AnalyzeOptions& options, Workspace* ws, Analysis* out,
             const std::vector<int>* gold_tags) {
  size_t n = words.size();
  if (gold_tags != nullptr) {
    ComputeAtoms(model.tagger, words, &ws->word_atoms);
    out->tags = *gold_tags;
  } else {
    Tag(model.tagger, words, &ws->word_atoms, &out->tags);
  }
  out->lemmas.resize(n);
  for (size_t i = 0; i < n && options.lemmas; ++i) {
    int t = out->tags[i];
    out->lemmas[i] = model.lemmatizer.Lemmatize(words[i], t, model.tagger.upos[t]);
  }
  out->heads.assign(n, 0);
  out->labels.assign(n, model.parser.transitions.root_label);
  if (!options.parse || n == 0) return;
  uint32_t num_tags = static_cast<uint32_t>(model.tagger.num_classes());
  NodeAtomsFor(model.tagger, ws->word_atoms, out->tags, &ws->node_atoms);
  ParseGreedy(model.parser, ws->node_atoms, num_tags, &ws->scratch, &ws->heads, &out->labels);
  for (size_t i = 0; i < n; ++i)
    out->heads[i] = ws->heads[i] == static_cast<int>(n) ? 0 : ws->heads[i] + 1;
}

}  // namespace dyad::parse
