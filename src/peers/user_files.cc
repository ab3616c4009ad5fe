#include "peers/user_files.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "peers/read_util.h"

namespace dyad::peers {

Status ReadUserFile(Kind kind, const std::string& path, UserFile* out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec))
    return Status::NotFound(fmt::format("{}: is a directory, not a {} file", path, KindName(kind)));
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("{}: cannot read {} file", path, KindName(kind)));
  std::stringstream ss;
  ss << in.rdbuf();
  out->kind = kind;
  out->path = path;
  out->name = fs::path(path).filename().string();
  out->content = ss.str();
  out->format = DetectFormat(kind, out->content);
  if (out->format == Format::kUnknown) {
    return Status::InvalidInput(
        fmt::format("{}: not a {} file in a format dyad reads (dyad, TABARI or PETRARCH-2)", path,
                    KindName(kind)));
  }
  if (kind == Kind::kDiscards && out->format == Format::kDyad) {
    return Status::InvalidInput(
        fmt::format("{}: dyad has no discard format; give a PETRARCH-2 discard list", path));
  }
  if (kind == Kind::kOptions && out->format != Format::kTabari) {
    return Status::InvalidInput(fmt::format("{}: not a TABARI .options file", path));
  }
  return Status::Ok();
}

std::unique_ptr<PeerDictionary> BuildPeerDictionary(const std::vector<UserFile>& files,
                                                    std::vector<Problem>* problems) {
  auto dict = std::make_unique<PeerDictionary>();
  auto peer = [](const UserFile& f) {
    return f.format == Format::kTabari || f.format == Format::kPetrarch;
  };
  for (const UserFile& f : files) {
    if (f.kind == Kind::kVerbs && peer(f))
      ReadVerbs(f.content, f.name, f.format, dict.get(), problems);
  }
  dict->options = DefaultOptions(dict->flavor);
  for (const UserFile& f : files) {
    if (!peer(f)) continue;
    switch (f.kind) {
      case Kind::kActors:
        ReadActors(f.content, f.name, f.format, dict.get(), problems);
        break;
      case Kind::kAgents:
        ReadAgents(f.content, f.name, f.format, dict.get(), problems);
        break;
      case Kind::kDiscards:
        ReadDiscards(f.content, f.name, dict.get(), problems);
        break;
      case Kind::kIssues:
        ReadIssues(f.content, f.name, dict.get(), problems);
        break;
      case Kind::kVerbs:
      case Kind::kOptions:
        break;
    }
  }
  for (const UserFile& f : files) {
    if (f.kind == Kind::kOptions) ReadOptions(f.content, f.name, dict.get(), problems);
  }
  return dict;
}

namespace {

Phrase PlainPhrase(PeerDictionary* dict, std::string_view name) {
  Phrase p;
  std::string cur;
  auto flush = [&] {
    if (cur.empty()) return;
    for (const auto& part : WordParts(Upper(cur)))
      p.push_back({dict->Intern(part, WordMode::kExact), true});
    cur.clear();
  };
  for (char c : name) {
    if (c == ' ' || c == '\t') {
      flush();
    } else if (c == '\'' && cur.size() > 0) {
      cur.push_back(c);
    } else {
      cur.push_back(c);
    }
  }
  flush();
  if (!p.empty()) p.back().next_adjacent = false;
  return p;
}

}  // namespace

void AddPlainActor(PeerDictionary* dict, std::string_view name, std::vector<CodeRow> rows,
                   const std::string& origin) {
  Phrase p = PlainPhrase(dict, name);
  if (p.empty()) return;
  ActorEntry e;
  e.name = std::string(name);
  e.origin = origin;
  e.rows = std::move(rows);
  dict->actor_phrases.push_back({std::move(p), static_cast<uint32_t>(dict->actors.size())});
  dict->actors.push_back(std::move(e));
}

void AddPlainAgent(PeerDictionary* dict, std::string_view name, const std::string& role,
                   const std::string& origin) {
  AgentEntry a;
  a.words = PlainPhrase(dict, name);
  if (a.words.empty() || role.empty() || role == "-") return;
  a.code = role;
  a.name = std::string(name);
  a.origin = origin;
  dict->agents.push_back(std::move(a));
  // dyad's agents are written singular and match their plurals.
  AgentEntry plural = dict->agents.back();
  std::string last = dict->WordText(plural.words.back().id);
  for (const auto& form : NounPlurals(last)) {
    plural.words.back().id = dict->Intern(form, WordMode::kExact);
    dict->agents.push_back(plural);
  }
}

}  // namespace dyad::peers
