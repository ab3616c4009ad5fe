// Word identity for matching: lower-casing, irregular forms, then Snowball English stems.
#ifndef DYAD_LEXICON_VOCABULARY_H_
#define DYAD_LEXICON_VOCABULARY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sb_stemmer;

namespace dyad::lexicon {

// Id 0 is "a word no dictionary mentions": it never matches anything.
inline constexpr uint32_t kUnknownWord = 0;

// Computes stems. Owns a Snowball stemmer, which is not thread-safe: one Stemmer per thread.
class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  // The stem of an already lower-cased word.
  std::string Stem(std::string_view lower);

 private:
  sb_stemmer* stemmer_;
};

// Lower-cases ASCII and the Latin-1/Latin Extended letters news uses (via utf8proc).
std::string Lower(std::string_view word);

// Maps words to the ids that dictionaries are compiled to. Built while loading dictionaries
// (Intern), then only read (Lookup), which is thread-safe.
class Vocabulary {
 public:
  Vocabulary();
  // Irregular inflections, form -> lemma (lower case).
  void AddIrregular(std::string form, std::string lemma);
  // Event nouns, noun -> verb ("suspension" -> "suspend"); used for pattern words only, not names.
  void AddNominal(std::string noun, std::string verb);
  // The id of a dictionary word (any case or inflection), creating it if new.
  uint32_t Intern(std::string_view word, Stemmer& stemmer);
  // The id of a dictionary name word (actors, agents): lower case, irregular forms and plurals
  // folded, but no stemming, so "protester" stays apart from "protest". Creates it if new.
  uint32_t InternName(std::string_view word);
  // The id of a case-sensitive dictionary word (such as "US"), creating it if new.
  uint32_t InternExact(std::string_view word);
  // The id of a text word, kUnknownWord if no dictionary uses it. `lower` is the lower-cased word.
  uint32_t Lookup(std::string_view lower, Stemmer& stemmer) const;
  uint32_t LookupExact(std::string_view word) const;
  uint32_t LookupName(std::string_view lower) const;
  // The noun form of a lower-cased word: irregular plural folded, regular plural -s/-es/-ies
  // removed.
  std::string NameKey(std::string_view lower) const;
  // The lemma-stem key behind an id, for explanations.
  const std::string& KeyOf(uint32_t id) const;
  size_t size() const { return keys_.size(); }
  std::string Key(std::string_view lower, Stemmer& stemmer) const;

 private:
  std::unordered_map<std::string, std::string> irregular_;
  std::unordered_map<std::string, std::string> nominal_;
  std::unordered_map<std::string, uint32_t> ids_;        // stem key -> id
  std::unordered_map<std::string, uint32_t> exact_ids_;  // exact word -> id
  std::unordered_map<std::string, uint32_t> name_ids_;   // noun form -> id
  std::vector<std::string> keys_;
  std::unordered_map<std::string, uint32_t> intern_memo_;  // dictionary word as written -> stem id
};

}  // namespace dyad::lexicon

#endif  // DYAD_LEXICON_VOCABULARY_H_
