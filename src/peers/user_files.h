// Dictionary files a user names on the command line: read, format detected, and (when they are the
// peers') compiled into a PeerDictionary.
#ifndef DYAD_PEERS_USER_FILES_H_
#define DYAD_PEERS_USER_FILES_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/coder.h"
#include "peers/dictionary.h"

namespace dyad::peers {

struct UserFile {
  Kind kind = Kind::kActors;
  std::string path;  // as given
  std::string name;  // file name, for messages
  std::string content;
  Format format = Format::kUnknown;
};

// Reads `path` and detects its format. NotFound when it cannot be read; InvalidInput (naming the
// file) when it is in no format dyad knows for this kind of dictionary.
Status ReadUserFile(Kind kind, const std::string& path, UserFile* out);

// Compiles the peer-format files among `files` (verbs first, so that the flavor and its default
// options are known; an options file last). Problems are appended with file:line.
std::unique_ptr<PeerDictionary> BuildPeerDictionary(const std::vector<UserFile>& files,
                                                    std::vector<Problem>* problems);

// Adds one of dyad's own actors or agents (names are whole words, matched case-insensitively) to a
// peer dictionary that is not yet compiled.
void AddPlainActor(PeerDictionary* dict, std::string_view name, std::vector<CodeRow> rows,
                   const std::string& origin);
void AddPlainAgent(PeerDictionary* dict, std::string_view name, const std::string& role,
                   const std::string& origin);

}  // namespace dyad::peers

#endif  // DYAD_PEERS_USER_FILES_H_
