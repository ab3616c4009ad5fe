// Word ids, codes and the indexes of the compiled peer dictionaries.
#include "peers/dictionary.h"

#include <algorithm>
#include <cctype>

namespace dyad::peers {

const char* FormatName(Format f) {
  switch (f) {
    case Format::kDyad:
      return "dyad";
    case Format::kTabari:
      return "TABARI";
    case Format::kPetrarch:
      return "PETRARCH-2";
    case Format::kUnknown:
      break;
  }
  return "unknown";
}

const char* KindName(Kind k) {
  switch (k) {
    case Kind::kActors:
      return "actors";
    case Kind::kVerbs:
      return "verbs";
    case Kind::kAgents:
      return "agents";
    case Kind::kDiscards:
      return "discards";
    case Kind::kIssues:
      return "issues";
    case Kind::kOptions:
      return "options";
  }
  return "?";
}

const CodeRow* ActorEntry::RowFor(Day date) const {
  const CodeRow* fallback = nullptr;
  for (const CodeRow& r : rows) {
    if (!r.dated) {
      if (fallback == nullptr) fallback = &r;
      continue;
    }
    if (date != kNoDate && date >= r.from && date <= r.to) return &r;
  }
  return fallback;
}

bool ParseCode(std::string_view text, CodeSpec* out) {
  size_t b = text.find_first_not_of(" \t[");
  size_t e = text.find_last_not_of(" \t]");
  if (b == std::string_view::npos || e < b) return false;
  std::string_view body = text.substr(b, e - b + 1);
  *out = CodeSpec{};
  if (!body.empty() && (body.back() == '?' || body.back() == '!')) {
    (body.back() == '?' ? out->subordinate : out->dominant) = true;
    body.remove_suffix(1);
  }
  if (body == "---" || body.empty()) return true;
  if (body == "###") {
    out->kind = CodeSpec::kDiscard;
    return true;
  }
  if (body == "+++") {
    out->kind = CodeSpec::kComplex;
    return true;
  }
  for (char c : body) {
    if (c == ' ' || c == '\t' || c == '[' || c == ']') return false;
  }
  size_t colon = body.find(':');
  out->kind = CodeSpec::kEvent;
  if (colon == std::string_view::npos) {
    out->code = std::string(body);
  } else {
    out->code = std::string(body.substr(0, colon));
    out->paired = std::string(body.substr(colon + 1));
    if (out->code == "---") out->code.clear();
    if (out->paired == "---") out->paired.clear();
    if (out->code.empty() && out->paired.empty()) out->kind = CodeSpec::kNull;
  }
  return true;
}

PeerDictionary::PeerDictionary() { words_.push_back({"", WordMode::kExact}); }
PeerDictionary::~PeerDictionary() = default;

uint32_t PeerDictionary::Intern(std::string_view upper, WordMode mode) {
  std::string key;
  key.reserve(upper.size() + 1);
  key.push_back(static_cast<char>('0' + static_cast<int>(mode)));
  key.append(upper);
  auto it = interned_.find(key);
  if (it != interned_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(words_.size());
  words_.push_back({std::string(upper), mode});
  interned_.emplace(std::move(key), id);
  switch (mode) {
    case WordMode::kExact:
    case WordMode::kForms:
    case WordMode::kVerbForms:
      exact_[std::string(upper)].push_back(id);
      break;
    case WordMode::kEnding:
      ending_.emplace(std::string(upper), id);
      break;
    case WordMode::kNounEnding:
      noun_ending_.emplace(std::string(upper), id);
      break;
    case WordMode::kStem:
      stem_.emplace(std::string(upper), id);
      max_stem_ = std::max(max_stem_, upper.size());
      break;
  }
  return id;
}

void PeerDictionary::AddSpelling(std::string_view form, uint32_t id) {
  auto& ids = exact_[std::string(form)];
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

namespace {
// TABARI's regular endings for "WORD_": verbs (VERBEND-01..05 in its validation suite) and nouns.
constexpr std::string_view kVerbEndings[] = {"S", "ES", "ED", "D", "EN", "ING"};
constexpr std::string_view kNounEndings[] = {"S", "ES"};

// Adds the ids of `map` that `w` meets as a base plus one of `endings` (bases of 3+ letters).
template <size_t N>
void WithEndings(const std::unordered_map<std::string, uint32_t>& map, const std::string& w,
                 const std::string_view (&endings)[N], std::vector<uint32_t>* out) {
  if (map.empty()) return;
  if (auto it = map.find(w); it != map.end()) out->push_back(it->second);
  for (std::string_view end : endings) {
    if (w.size() < end.size() + 3 || w.compare(w.size() - end.size(), end.size(), end) != 0)
      continue;
    std::string base = w.substr(0, w.size() - end.size());
    if (end == "D" && base.back() != 'E') continue;
    if (auto it = map.find(base); it != map.end()) out->push_back(it->second);
    if (end == "ING") {  // "DEPLORING" -> "DEPLORE"
      if (auto it2 = map.find(base + "E"); it2 != map.end()) out->push_back(it2->second);
    }
  }
}
}  // namespace

void PeerDictionary::TextIds(std::string_view upper, std::vector<uint32_t>* out) const {
  size_t start = out->size();
  if (auto it = exact_.find(std::string(upper)); it != exact_.end())
    out->insert(out->end(), it->second.begin(), it->second.end());
  if (!ending_.empty() || !noun_ending_.empty()) {
    std::string w(upper);
    WithEndings(ending_, w, kVerbEndings, out);
    WithEndings(noun_ending_, w, kNounEndings, out);
  }
  if (!stem_.empty()) {
    size_t n = std::min(upper.size(), max_stem_);
    std::string prefix;
    for (size_t k = 1; k <= n; ++k) {
      prefix.assign(upper.substr(0, k));
      if (auto it = stem_.find(prefix); it != stem_.end()) out->push_back(it->second);
    }
  }
  std::sort(out->begin() + static_cast<long>(start), out->end());
  out->erase(std::unique(out->begin() + static_cast<long>(start), out->end()), out->end());
}

uint32_t PeerDictionary::SynsetIndex(std::string_view name) {
  auto it = synset_names_.find(std::string(name));
  if (it != synset_names_.end()) return it->second;
  uint32_t index = static_cast<uint32_t>(synsets.size());
  synsets.push_back({std::string(name), {}});
  synset_names_.emplace(std::string(name), index);
  return index;
}

namespace {
void IndexBy(std::vector<std::vector<uint32_t>>* index, uint32_t key, uint32_t value) {
  if (key >= index->size()) index->resize(key + 1);
  (*index)[key].push_back(value);
}
const std::vector<uint32_t>* Lookup(const std::vector<std::vector<uint32_t>>& index, uint32_t key) {
  if (key >= index.size() || index[key].empty()) return nullptr;
  return &index[key];
}
}  // namespace

void PhraseIndex::Build(const std::vector<const Phrase*>& phrases) {
  constexpr uint32_t kNone = UINT32_MAX;  // keyed by the first word alone
  struct Item {
    uint32_t first, second, size, entry;
  };
  std::vector<Item> items;
  items.reserve(phrases.size());
  uint32_t max_id = 0;
  for (uint32_t i = 0; i < phrases.size(); ++i) {
    const Phrase& p = *phrases[i];
    bool two = p.size() >= 2 && p[0].next_adjacent;
    items.push_back({p[0].id, two ? p[1].id : kNone, static_cast<uint32_t>(p.size()), i});
    max_id = std::max(max_id, p[0].id);
    if (two) max_id = std::max(max_id, p[1].id);
  }
  // By first word, then second (alone last), then longer phrases first, then file order.
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.second != b.second) return a.second < b.second;
    if (a.size != b.size) return a.size > b.size;
    return a.entry < b.entry;
  });
  marks_.assign(phrases.empty() ? 0 : max_id + 1, 0);
  heads_.assign(marks_.size(), Head{});
  one_list_.clear();
  two_keys_.clear();
  two_start_.clear();
  two_list_.clear();
  for (size_t i = 0; i < items.size();) {
    uint32_t first = items[i].first;
    marks_[first] |= kFirst;
    Head h;
    h.two_begin = static_cast<uint32_t>(two_keys_.size());
    for (; i < items.size() && items[i].first == first && items[i].second != kNone; ++i) {
      uint32_t second = items[i].second;
      marks_[second] |= kSecond;
      if (two_keys_.size() == h.two_begin || two_keys_.back() != second) {
        two_keys_.push_back(second);
        two_start_.push_back(static_cast<uint32_t>(two_list_.size()));
      }
      two_list_.push_back(items[i].entry);
    }
    h.two_end = static_cast<uint32_t>(two_keys_.size());
    h.one_begin = static_cast<uint32_t>(one_list_.size());
    for (; i < items.size() && items[i].first == first; ++i) one_list_.push_back(items[i].entry);
    h.one_end = static_cast<uint32_t>(one_list_.size());
    heads_[first] = h;
  }
  two_start_.push_back(static_cast<uint32_t>(two_list_.size()));
}

void PeerDictionary::Compile() {
  verb_index_.clear();
  std::vector<const Phrase*> phrases;
  for (const auto& ap : actor_phrases) phrases.push_back(&ap.words);
  actor_index_.Build(phrases);
  phrases.clear();
  for (const auto& a : agents) phrases.push_back(&a.words);
  agent_index_.Build(phrases);
  for (uint32_t i = 0; i < verbs.size(); ++i) {
    const VerbForm& f = verbs[i];
    IndexBy(&verb_index_, f.before.empty() ? f.verb : f.before[0].id, i);
  }
  phrases.clear();
  for (const auto& d : discards) phrases.push_back(&d.words);
  discard_index_.Build(phrases);
  phrases.clear();
  for (const auto& ip : issue_phrases) phrases.push_back(&ip.words);
  issue_index_.Build(phrases);
  for (auto& list : verb_index_) {
    std::stable_sort(list.begin(), list.end(), [&](uint32_t a, uint32_t b) {
      return verbs[a].before.size() + verbs[a].after.size() >
             verbs[b].before.size() + verbs[b].after.size();
    });
  }
  for (auto& syn : synsets) {
    syn.by_first.clear();
    syn.by_last.clear();
    syn.other_first.clear();
    syn.other_last.clear();
    for (uint32_t m = 0; m < syn.members.size(); ++m) {
      const ElemSeq& seq = syn.members[m];
      if (seq.empty()) continue;
      if (seq.front().kind == Elem::kWord)
        syn.by_first[seq.front().id].push_back(m);
      else
        syn.other_first.push_back(m);
      if (seq.back().kind == Elem::kWord)
        syn.by_last[seq.back().id].push_back(m);
      else
        syn.other_last.push_back(m);
    }
  }
  for (auto& p : patterns) {
    p.required.clear();
    for (const ElemSeq* seq : {&p.upper, &p.lower}) {
      for (const Elem& e : *seq)
        if (e.kind == Elem::kWord) p.required.push_back(e.id);
    }
  }
  for (auto& block : blocks) {
    std::stable_sort(block.patterns.begin(), block.patterns.end(), [&](uint32_t a, uint32_t b) {
      return patterns[a].weight > patterns[b].weight;
    });
    std::stable_sort(block.patterns.begin(), block.patterns.end(), [&](uint32_t a, uint32_t b) {
      return patterns[a].weight != patterns[b].weight ? patterns[a].weight > patterns[b].weight
                                                      : a < b;
    });
  }
  noun_.assign(words_.size(), 0);
  adjective_.assign(words_.size(), 0);
  for (uint32_t id : nouns) noun_[id] = 1;
  for (uint32_t id : adjectives) adjective_[id] = 1;
  compiled_ = true;
}

uint8_t PeerDictionary::StartsMask(uint32_t id) const {
  uint8_t m = 0;
  if (actor_index_.Starts(id)) m |= kStartsActor;
  if (agent_index_.Starts(id)) m |= kStartsAgent;
  if (discard_index_.Starts(id)) m |= kStartsDiscard;
  if (issue_index_.Starts(id)) m |= kStartsIssue;
  if (VerbsStartingWith(id) != nullptr) m |= kStartsVerb;
  return m;
}

const std::vector<uint32_t>* PeerDictionary::VerbsStartingWith(uint32_t id) const {
  return Lookup(verb_index_, id);
}
bool PeerDictionary::IsNoun(uint32_t id) const { return id < noun_.size() && noun_[id]; }
bool PeerDictionary::IsAdjective(uint32_t id) const {
  return id < adjective_.size() && adjective_[id];
}

}  // namespace dyad::peers
