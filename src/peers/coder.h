// The shallow coder for the peers' dictionaries: TABARI's way of coding a sentence, with the
// PETRARCH-2 variations its dictionaries need, on raw text (no parser).
//
//   peers::ShallowCoder coder(dict);                 // one per thread; dict shared, immutable
//   auto r = coder.Code(sentence, date, dict.options, &story, nullptr);
//
// See src/peers/README.md for the rules, step by step.
#ifndef DYAD_PEERS_CODER_H_
#define DYAD_PEERS_CODER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/event.h"
#include "peers/dictionary.h"

namespace dyad::peers {

struct PeerEvent {
  std::string source, target, code;
  uint32_t begin = 0, end = 0;  // byte span of the evidence within the text given to Code()
  std::string pattern;          // "file:line" of the pattern (or verb) that coded it
  int shift = 0;                // days the event's date moves (TABARI <TIME> phrases)
  std::vector<std::string> issues;
};

struct SentenceResult {
  enum Status : uint8_t { kCoded, kNoEvent, kDiscarded, kStoryDiscarded, kComplex, kTooShort };
  Status status = kNoEvent;
  std::vector<PeerEvent> events;
  std::string why;  // for discards and complex sentences: what decided it
};
const char* StatusName(SentenceResult::Status s);

// What coding remembers across the sentences of one story (for FORWARD).
struct StoryMemory {
  std::vector<std::string> last_actor;  // the first actor of the previous sentence
  void Clear() { last_actor.clear(); }
};

class ShallowCoder {
 public:
  explicit ShallowCoder(const PeerDictionary& dict);
  ~ShallowCoder();
  ShallowCoder(const ShallowCoder&) = delete;
  ShallowCoder& operator=(const ShallowCoder&) = delete;

  // Codes `text` as one sentence dated `date` under `options`. `story` may be null. When `trace`
  // is non-null, the decisions are appended to it, one line each.
  SentenceResult Code(std::string_view text, Day date, const Options& options, StoryMemory* story,
                      std::vector<std::string>* trace);
  // The same for text already normalised (text::Normalize); event spans are byte offsets into
  // `text`.
  SentenceResult CodeNormalized(std::string_view text, Day date, const Options& options,
                                StoryMemory* story, std::vector<std::string>* trace);

 private:
  struct State;
  const PeerDictionary& dict_;
  std::unique_ptr<State> state_;
};

}  // namespace dyad::peers

#endif  // DYAD_PEERS_CODER_H_
