// Lemmas from a word and its tag: tables of the words seen in training, then suffix rules learned
// from training for words never seen.
#ifndef DYAD_PARSE_LEMMATIZER_H_
#define DYAD_PARSE_LEMMATIZER_H_

#include <string>
#include <string_view>
#include <vector>

#include "parse/binary_io.h"
#include "parse/flat_map.h"

namespace dyad::parse {

// One training observation: a word, its tagger class and UPOS, and its gold lemma.
struct LemmaExample {
  std::string form;
  int tag_class = 0;
  std::string upos;
  std::string lemma;
};

class Lemmatizer {
 public:
  // Learns from examples (one per token, so frequent words weigh more in the tables; the suffix
  // rules count each distinct word once, as unseen words are rare ones).
  static Lemmatizer Train(const std::vector<LemmaExample>& examples);

  // The lemma of `form` tagged with `tag_class` (whose UPOS is `upos`), looked up in this order:
  // (form, class) table, (lower-cased form, UPOS) table, the longest matching suffix rule for the
  // UPOS. Thread-safe.
  std::string Lemmatize(std::string_view form, int tag_class, std::string_view upos) const;

  size_t num_rules() const { return rules_.size(); }
  size_t num_exceptions() const { return by_form_.size() + by_lower_.size(); }

  void Write(ByteWriter* out) const;
  bool Read(ByteReader* in);

 private:
  // Lemma = base minus its last `strip` bytes, plus `append`; base is the form, or the lower-cased
  // form when `lower` is set.
  struct Rule {
    bool lower = false;
    uint32_t strip = 0;
    std::string append;
    bool operator==(const Rule&) const = default;
  };
  static Rule RuleFor(std::string_view form, std::string_view lemma);
  static std::string Apply(const Rule& r, std::string_view form);
  std::string ByRules(std::string_view form, std::string_view upos) const;
  static constexpr size_t kMaxSuffix = 6;

  FlatMap<uint32_t> by_form_;   // Key(form, class) -> index in strings_
  FlatMap<uint32_t> by_lower_;  // Key(lower, upos) -> index in strings_
  FlatMap<uint32_t> rules_;     // Key(upos, suffix) -> index in rule_list_
  std::vector<std::string> strings_;
  std::vector<Rule> rule_list_;
};

}  // namespace dyad::parse

#endif  // DYAD_PARSE_LEMMATIZER_H_
