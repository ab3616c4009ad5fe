// Coding with a peer's dictionaries: dyad splits the document into sentences, the peer's rules
// (src/peers) code each one, and the events get dyad's fields (ontology, evidence, provenance).
#include "coder/peer_mode.h"

#include <fmt/format.h>

#include "coder/sentence.h"
#include "lexicon/lexicon.h"
#include "text/normalize.h"
#include "text/tokenize.h"

namespace dyad::coder {

Result<CodedDocument> CodeWithPeers(const Lexicon& lex, peers::ShallowCoder& shallow,
                                    const Document& doc, Explanation* explanation) {
  auto prepared = PrepareText(doc);
  if (!prepared.ok()) return prepared.status();
  const text::NormalizedText* norm = &prepared->norm;
  const auto& raw = prepared->raw;
  const auto& ranges = prepared->ranges;
  CodedDocument result;
  result.sentences = ranges.size();
  std::vector<std::string>* trace = explanation != nullptr ? &explanation->lines : nullptr;
  peers::StoryMemory story;
  const peers::PeerDictionary& dict = *lex.peer;
  for (size_t si = 0; si < ranges.size(); ++si) {
    const auto& r = ranges[si];
    if (std::string w = TooLongWarning(r, si); !w.empty()) {
      result.warnings.push_back(std::move(w));
      continue;
    }
    uint32_t begin = raw[r.first].begin, end = raw[r.last - 1].end;
    std::string_view sentence(norm->text.data() + begin, end - begin);
    if (trace != nullptr) {
      trace->push_back(
          fmt::format("sentence {}: \"{}\" (coded by {}'s rules)", si + 1, sentence,
                      dict.flavor == peers::Flavor::kTabari ? "TABARI" : "PETRARCH-2"));
    }
    auto coded = shallow.CodeNormalized(sentence, doc.date, dict.options, &story, trace);
    if (coded.status == peers::SentenceResult::kStoryDiscarded) {
      result.warnings.push_back(
          fmt::format("sentence {}: the story is discarded ({})", si + 1, coded.why));
      break;
    }
    uint32_t sb = norm->origin[begin], se = norm->origin[end];
    for (const auto& pe : coded.events) {
      Event e;
      e.doc_id = doc.id;
      e.sentence = static_cast<int>(si);
      e.date = doc.date == kNoDate ? kNoDate : doc.date + pe.shift;
      e.source = pe.source;
      e.target = pe.target;
      e.code = pe.code;
      DescribeCode(lex, &e);  // CAMEO 1.1b3 codes get Goldstein, quad and PLOVER; others stay blank
      e.contexts.insert(e.contexts.end(), pe.issues.begin(), pe.issues.end());
      e.evidence = {norm->origin[begin + pe.begin], norm->origin[begin + pe.end]};
      e.evidence_text = doc.text.substr(e.evidence.begin, e.evidence.end - e.evidence.begin);
      e.sentence_text = doc.text.substr(sb, se - sb);
      e.pattern = pe.pattern;
      result.events.push_back(std::move(e));
    }
  }
  return result;
}

}  // namespace dyad::coder
