// Coding a document with a peer's dictionaries and rules (private to the coder).
#ifndef DYAD_CODER_PEER_MODE_H_
#define DYAD_CODER_PEER_MODE_H_

#include "dyad/coder.h"
#include "peers/coder.h"

namespace dyad::coder {

// Codes `doc` sentence by sentence with `shallow`, which must have been built on lex.peer.
Result<CodedDocument> CodeWithPeers(const Lexicon& lex, peers::ShallowCoder& shallow,
                                    const Document& doc, Explanation* explanation);

}  // namespace dyad::coder

#endif  // DYAD_CODER_PEER_MODE_H_
