#include "parse/lemmatizer.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "parse/hashing.h"
#include "parse/tagger.h"

namespace dyad::parse {
namespace {

enum LemmaTemplate : uint32_t { kByForm = 1, kByLower, kRule };

uint64_t RuleKey(std::string_view upos, std::string_view suffix) {
  return Key(kRule, HashBytes(upos), HashBytes(suffix));
}

// The most frequent value in `counts`; ties go to the smallest value, so training is deterministic.
template <typename T>
const T& Majority(const std::map<T, int>& counts) {
  auto best = counts.begin();
  for (auto it = counts.begin(); it != counts.end(); ++it)
    if (it->second > best->second) best = it;
  return best->first;
}

}  // namespace

Lemmatizer::Rule Lemmatizer::RuleFor(std::string_view form, std::string_view lemma) {
  auto make = [&](bool lower) {
    std::string base = lower ? AsciiLower(form) : std::string(form);
    size_t common = 0;
    while (common < base.size() && common < lemma.size() && base[common] == lemma[common]) ++common;
    return Rule{lower, static_cast<uint32_t>(base.size() - common),
                std::string(lemma.substr(common))};
  };
  Rule as_is = make(false), lowered = make(true);
  // Lower-case when that explains more of the lemma, or as much and the lemma is lower case, so
  // that "the" -> "the" teaches the same rule as "The" -> "the".
  bool lemma_lower =
      std::none_of(lemma.begin(), lemma.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (lowered.strip < as_is.strip || (lowered.strip == as_is.strip && lemma_lower)) return lowered;
  return as_is;
}

std::string Lemmatizer::Apply(const Rule& r, std::string_view form) {
  std::string base = r.lower ? AsciiLower(form) : std::string(form);
  if (r.strip > base.size()) return std::string(form);
  base.resize(base.size() - r.strip);
  return base + r.append;
}

std::string Lemmatizer::ByRules(std::string_view form, std::string_view upos) const {
  std::string lower = AsciiLower(form);
  for (size_t k = std::min(lower.size(), kMaxSuffix) + 1; k-- > 0;) {
    if (const uint32_t* r =
            rules_.Find(RuleKey(upos, std::string_view(lower).substr(lower.size() - k))))
      return Apply(rule_list_[*r], form);
  }
  return std::string(form);
}

std::string Lemmatizer::Lemmatize(std::string_view form, int tag_class,
                                  std::string_view upos) const {
  if (const uint32_t* s = by_form_.Find(Key(kByForm, HashBytes(form), tag_class)))
    return strings_[*s];
  std::string lower = AsciiLower(form);
  if (const uint32_t* s = by_lower_.Find(Key(kByLower, HashBytes(lower), HashBytes(upos))))
    return strings_[*s];
  return ByRules(form, upos);
}

Lemmatizer Lemmatizer::Train(const std::vector<LemmaExample>& examples) {
  Lemmatizer lem;
  // Suffix rules, from each distinct (form, UPOS, lemma) once.
  std::set<std::tuple<std::string, std::string, std::string>> types;
  for (const auto& e : examples) types.emplace(e.form, e.upos, e.lemma);
  // (suffix length, UPOS, suffix) -> rule -> count; ordered so shorter suffixes come first.
  std::map<std::tuple<size_t, std::string, std::string>,
           std::map<std::tuple<bool, uint32_t, std::string>, int>>
      counts;
  for (const auto& [form, upos, lemma] : types) {
    Rule r = RuleFor(form, lemma);
    std::string lower = AsciiLower(form);
    for (size_t k = 0; k <= std::min(lower.size(), kMaxSuffix); ++k)
      ++counts[{k, upos, lower.substr(lower.size() - k)}][{r.lower, r.strip, r.append}];
  }
  for (const auto& [key, rules] : counts) {
    const auto& [k, upos, suffix] = key;
    int support = 0;
    for (const auto& [r, n] : rules) support += n;
    const auto& [lower, strip, append] = Majority(rules);
    Rule best{lower, strip, append};
    if (k > 0) {
      if (support < 2) continue;
      // Keep a longer suffix only when it changes the answer of the shorter ones.
      bool same = true;
      for (size_t j = k; j-- > 0 && same;) {
        if (const uint32_t* r =
                lem.rules_.Find(RuleKey(upos, std::string_view(suffix).substr(k - j)))) {
          same = lem.rule_list_[*r] == best;
          break;
        }
      }
      if (same) continue;
    }
    lem.rules_.Insert(RuleKey(upos, suffix), static_cast<uint32_t>(lem.rule_list_.size()));
    lem.rule_list_.push_back(best);
  }
  // Tables of seen words where the rules get the lemma wrong, by token frequency.
  std::map<std::pair<std::string, std::string>, std::map<std::string, int>> by_lower;
  std::map<std::pair<std::string, int>, std::map<std::string, int>> by_form;
  for (const auto& e : examples) {
    ++by_lower[{AsciiLower(e.form), e.upos}][e.lemma];
    ++by_form[{e.form, e.tag_class}][e.lemma];
  }
  for (const auto& [key, lemmas] : by_lower) {
    const std::string& lemma = Majority(lemmas);
    if (lem.ByRules(key.first, key.second) == lemma) continue;
    lem.by_lower_.Insert(Key(kByLower, HashBytes(key.first), HashBytes(key.second)),
                         static_cast<uint32_t>(lem.strings_.size()));
    lem.strings_.push_back(lemma);
  }
  std::map<int, std::string> upos_of;
  for (const auto& e : examples) upos_of[e.tag_class] = e.upos;
  for (const auto& [key, lemmas] : by_form) {
    const std::string& lemma = Majority(lemmas);
    if (lem.Lemmatize(key.first, key.second, upos_of[key.second]) == lemma) continue;
    lem.by_form_.Insert(Key(kByForm, HashBytes(key.first), key.second),
                        static_cast<uint32_t>(lem.strings_.size()));
    lem.strings_.push_back(lemma);
  }
  return lem;
}

void Lemmatizer::Write(ByteWriter* out) const {
  WriteFlatMap(by_form_, out);
  WriteFlatMap(by_lower_, out);
  WriteFlatMap(rules_, out);
  out->PutStrings(strings_);
  out->Put<uint32_t>(static_cast<uint32_t>(rule_list_.size()));
  for (const Rule& r : rule_list_) {
    out->Put<uint8_t>(r.lower);
    out->Put<uint32_t>(r.strip);
    out->PutString(r.append);
  }
}

bool Lemmatizer::Read(ByteReader* in) {
  if (!ReadFlatMap(in, &by_form_) || !ReadFlatMap(in, &by_lower_) || !ReadFlatMap(in, &rules_) ||
      !in->GetStrings(&strings_))
    return false;
  uint32_t n = in->Get<uint32_t>();
  for (uint32_t i = 0; i < n && in->ok(); ++i) {
    Rule r;
    r.lower = in->Get<uint8_t>() != 0;
    r.strip = in->Get<uint32_t>();
    r.append = in->GetString();
    rule_list_.push_back(std::move(r));
  }
  bool ok = in->ok();
  by_form_.ForEach([&](uint64_t, uint32_t s) { ok &= s < strings_.size(); });
  by_lower_.ForEach([&](uint64_t, uint32_t s) { ok &= s < strings_.size(); });
  rules_.ForEach([&](uint64_t, uint32_t r) { ok &= r < rule_list_.size(); });
  return ok;
}

}  // namespace dyad::parse
