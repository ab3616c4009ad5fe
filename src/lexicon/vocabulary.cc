#include "lexicon/vocabulary.h"

#include <libstemmer.h>
#include <utf8proc.h>

#include <cctype>

namespace dyad::lexicon {

Stemmer::Stemmer() : stemmer_(sb_stemmer_new("english", "UTF_8")) {}
Stemmer::~Stemmer() { sb_stemmer_delete(stemmer_); }

std::string Stemmer::Stem(std::string_view lower) {
  if (stemmer_ == nullptr || lower.empty()) return std::string(lower);
  const sb_symbol* s = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(lower.data()),
                                       static_cast<int>(lower.size()));
  if (s == nullptr) return std::string(lower);
  return std::string(reinterpret_cast<const char*>(s),
                     static_cast<size_t>(sb_stemmer_length(stemmer_)));
}

std::string Lower(std::string_view word) {
  std::string out(word);
  bool ascii = true;
  for (char& c : out) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  if (ascii) return out;
  out.clear();
  out.reserve(word.size());
  size_t i = 0;
  while (i < word.size()) {
    auto c = static_cast<unsigned char>(word[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(std::tolower(c)));
      ++i;
      continue;
    }
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(word.data()) + i,
                              static_cast<utf8proc_ssize_t>(word.size() - i), &cp);
    if (n <= 0) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    utf8proc_uint8_t buf[4];
    auto m = utf8proc_encode_char(utf8proc_tolower(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(m));
    i += static_cast<size_t>(n);
  }
  return out;
}

Vocabulary::Vocabulary() { keys_.push_back(""); }

void Vocabulary::AddIrregular(std::string form, std::string lemma) {
  irregular_[std::move(form)] = std::move(lemma);
}

void Vocabulary::AddNominal(std::string noun, std::string verb) {
  nominal_[std::move(noun)] = std::move(verb);
}

namespace {
// Snowball undoubles a final consonant only when it strips -ed/-ing ("boycotted" -> "boycot") but
// leaves the bare word alone ("boycott"); undoubling every stem makes both forms meet.
std::string Undouble(std::string stem) {
  size_t n = stem.size();
  if (n >= 4 && stem[n - 1] == stem[n - 2] &&
      std::string_view("bdfgmnprt").find(stem[n - 1]) != std::string_view::npos) {
    stem.pop_back();
  }
  return stem;
}
}  // namespace

std::string Vocabulary::Key(std::string_view lower, Stemmer& stemmer) const {
  std::string w(lower);
  auto nom = nominal_.find(w);
  if (nom != nominal_.end()) w = nom->second;
  auto it = irregular_.find(w);
  if (it != irregular_.end()) return Undouble(stemmer.Stem(it->second));
  if (nom != nominal_.end()) return Undouble(stemmer.Stem(w));
  return Undouble(stemmer.Stem(lower));
}

uint32_t Vocabulary::Intern(std::string_view word, Stemmer& stemmer) {
  auto memo = intern_memo_.find(std::string(word));
  if (memo != intern_memo_.end()) return memo->second;
  std::string key = Key(Lower(word), stemmer);
  auto [it, inserted] = ids_.emplace(key, static_cast<uint32_t>(keys_.size()));
  if (inserted) keys_.push_back(key);
  intern_memo_.emplace(std::string(word), it->second);
  return it->second;
}

std::string Vocabulary::NameKey(std::string_view lower) const {
  std::string w(lower);
  auto it = irregular_.find(w);
  if (it != irregular_.end()) return it->second;
  auto ends = [&](std::string_view suf) {
    return w.size() > suf.size() + 2 && w.compare(w.size() - suf.size(), suf.size(), suf) == 0;
  };
  if (ends("ies")) return w.substr(0, w.size() - 3) + "y";
  if (ends("sses") || ends("xes") || ends("ches") || ends("shes") || ends("zes"))
    return w.substr(0, w.size() - 2);
  if (ends("s") && !ends("ss") && !ends("us") && !ends("is") && !ends("'s"))
    return w.substr(0, w.size() - 1);
  return w;
}

uint32_t Vocabulary::InternName(std::string_view word) {
  std::string key = NameKey(Lower(word));
  auto [it, inserted] = name_ids_.emplace(key, static_cast<uint32_t>(keys_.size()));
  if (inserted) keys_.push_back("~" + key);
  return it->second;
}

uint32_t Vocabulary::LookupName(std::string_view lower) const {
  auto it = name_ids_.find(NameKey(lower));
  return it == name_ids_.end() ? kUnknownWord : it->second;
}

uint32_t Vocabulary::InternExact(std::string_view word) {
  std::string key = "=" + std::string(word);
  auto [it, inserted] = exact_ids_.emplace(std::string(word), static_cast<uint32_t>(keys_.size()));
  if (inserted) keys_.push_back(key);
  return it->second;
}

uint32_t Vocabulary::Lookup(std::string_view lower, Stemmer& stemmer) const {
  auto it = ids_.find(Key(lower, stemmer));
  return it == ids_.end() ? kUnknownWord : it->second;
}

uint32_t Vocabulary::LookupExact(std::string_view word) const {
  auto it = exact_ids_.find(std::string(word));
  return it == exact_ids_.end() ? kUnknownWord : it->second;
}

const std::string& Vocabulary::KeyOf(uint32_t id) const {
  return keys_[id < keys_.size() ? id : 0];
}

}  // namespace dyad::lexicon
