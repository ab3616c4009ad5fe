#include "parse/tagger.h"

#include <algorithm>
#include <cstddef>

#include "parse/hashing.h"

namespace dyad::parse {
namespace {

// Template ids: part of the model format (they are hashed into every key). Append, never renumber.
enum TagTemplate : uint32_t {
  kBias = 1,
  kLower,
  kForm,
  kPrefix1,                 // ..kPrefix4
  kSuffix1 = kPrefix1 + 4,  // ..kSuffix4
  kShape = kSuffix1 + 4,
  kCase,
  kHyphen,
  kDigit,
  kPrev,
  kPrev2,
  kPrevPrev2,
  kPrevLower,
  kLowerM1,
  kSuffix3M1,
  kLowerM2,
  kLowerP1,
  kSuffix3P1,
  kLowerP2,
  kAmb,
  kAmbP1,
  kAmbP2,
  kPrevAmb,
  kAmbAmbP1,
  kLowerLowerP1,
  kLowerM1Lower,
  kShapeP1,
  kAmbM1,
  kPrevSuffix3,
  // second pass: the first pass's classes of the word and the two after it
  kFirst,
  kFirstP1,
  kFirstP2,
  kPrevFirstP1,
  kFirstP1P2,
  kLowerFirstP1,
  kFirstFirstP1,
  // the word-category lexicon (WordNet): the word's bits, and those of its neighbours
  kLex,
  kLexCase,
  kPrevLex,
  kLexP1,
  kLexM1,
};

char ShapeClass(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return 'X';
  if (c >= 'a' && c <= 'z') return 'x';
  if (c >= '0' && c <= '9') return 'd';
  if (c >= 0x80) return 'u';
  return static_cast<char>(c);
}

// "Hello" -> "Xxx", "1,200" -> "d,dd": runs of one class longer than 2 are cut to 2.
uint64_t ShapeHash(std::string_view w) {
  char buf[32];
  size_t n = 0, run = 0;
  char last = 0;
  for (unsigned char c : w) {
    char k = ShapeClass(c);
    run = k == last ? run + 1 : 1;
    last = k;
    if (run <= 2 && n < sizeof buf) buf[n++] = k;
  }
  return HashBytes(std::string_view(buf, n));
}

uint32_t Flags(std::string_view w) {
  bool upper = false, lower = false, hyphen = false, digit = false;
  for (unsigned char c : w) {
    upper |= c >= 'A' && c <= 'Z';
    lower |= c >= 'a' && c <= 'z';
    hyphen |= c == '-';
    digit |= c >= '0' && c <= '9';
  }
  uint32_t f = 0;
  if (!w.empty() && w[0] >= 'A' && w[0] <= 'Z') f |= WordAtoms::kCapital;
  if (upper && !lower) f |= WordAtoms::kAllCaps;
  if (hyphen) f |= WordAtoms::kHyphen;
  if (digit) f |= WordAtoms::kDigit;
  return f;
}

constexpr uint64_t kNoWord = 0x6e6f6e65;  // atom for positions before or after the sentence

}  // namespace

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

void TaggerModel::Write(ByteWriter* out) const {
  out->PutStrings(upos);
  out->PutStrings(xpos);
  WriteFlatMap(tag_dict, out);
  WriteFlatMap(ambiguity, out);
  WriteFlatMap(word_classes, out);
  weights.Write(out);
  out->Put<uint8_t>(two_pass());
  if (two_pass()) second.Write(out);
}

bool TaggerModel::Read(ByteReader* in) {
  if (!in->GetStrings(&upos) || !in->GetStrings(&xpos) || upos.size() != xpos.size() ||
      upos.empty() || !ReadFlatMap(in, &tag_dict) || !ReadFlatMap(in, &ambiguity) ||
      !ReadFlatMap(in, &word_classes) || !weights.Read(in))
    return false;
  if (in->Get<uint8_t>() != 0 && !second.Read(in)) return false;
  Index();
  bool ok = weights.num_classes() == num_classes() && num_classes() <= kMaxClasses &&
            (!two_pass() || second.num_classes() == num_classes());
  tag_dict.ForEach([&](uint64_t, uint16_t c) { ok &= c < upos.size(); });
  return ok;
}

void TaggerModel::Index() {
  upos_hash.clear();
  is_punct.clear();
  is_verb.clear();
  for (const auto& u : upos) {
    upos_hash.push_back(HashBytes(u));
    is_punct.push_back(u == "PUNCT");
    is_verb.push_back(u == "VERB" || u == "AUX");
  }
}

void ComputeAtoms(const TaggerModel& model, const std::vector<std::string_view>& words,
                  std::vector<WordAtoms>* atoms) {
  atoms->resize(words.size());
  std::string lower;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i];
    WordAtoms& a = (*atoms)[i];
    lower.assign(w);
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    std::string_view l(lower);
    a.form = HashBytes(w);
    a.lower = HashBytes(l);
    for (size_t k = 0; k < 4; ++k) {
      size_t len = std::min(l.size(), k + 1);
      a.prefix[k] = HashBytes(l.substr(0, len));
      a.suffix[k] = HashBytes(l.substr(l.size() - len));
    }
    a.shape = ShapeHash(w);
    a.flags = Flags(w);
    // Frequent words are tagged by dictionary: the lexicon only matters for their neighbours, and
    // there their being frequent says more.
    a.word_class =
        model.tag_dict.Find(a.form) ? WordAtoms::kFrequent : WordClassBits(model.word_classes, l);
    const uint64_t* amb = model.ambiguity.Find(a.form);
    if (amb == nullptr) amb = model.ambiguity.Find(a.lower);
    a.ambiguity = amb ? *amb
                  : a.word_class != 0 && a.word_class != WordAtoms::kFrequent
                      ? Mix64(0x6c6578 ^ a.word_class)
                      : 0;
    a.runner_up = -1;  // until tagging sets them
    a.margin = 3;
  }
}

size_t TagFeatures(const std::vector<WordAtoms>& atoms, size_t i, int prev, int prev2,
                   const int* first, uint64_t* keys) {
  const WordAtoms& w = atoms[i];
  // Neighbours j positions away; outside the sentence every atom is kNoWord.
  auto near = [&](int j) -> const WordAtoms* {
    std::ptrdiff_t k = static_cast<std::ptrdiff_t>(i) + j;
    return k < 0 || k >= static_cast<std::ptrdiff_t>(atoms.size()) ? nullptr : &atoms[k];
  };
  auto lower_at = [&](int j) { return near(j) ? near(j)->lower : kNoWord; };
  auto suffix3_at = [&](int j) { return near(j) ? near(j)->suffix[2] : kNoWord; };
  auto amb_at = [&](int j) { return near(j) ? near(j)->ambiguity : kNoWord; };
  auto shape_at = [&](int j) { return near(j) ? near(j)->shape : kNoWord; };
  auto lex_at = [&](int j) { return near(j) ? near(j)->word_class : kNoWord; };
  uint64_t t1 = static_cast<uint64_t>(prev + 1), t2 = static_cast<uint64_t>(prev2 + 1);
  size_t n = 0;
  keys[n++] = Key(kBias, 0);
  keys[n++] = Key(kLower, w.lower);
  keys[n++] = Key(kForm, w.form);
  for (uint32_t k = 0; k < 4; ++k) {
    keys[n++] = Key(kPrefix1 + k, w.prefix[k]);
    keys[n++] = Key(kSuffix1 + k, w.suffix[k]);
  }
  keys[n++] = Key(kShape, w.shape);
  keys[n++] = Key(kCase, (w.flags & 3) | (i == 0 ? 4 : 0));
  if (w.flags & WordAtoms::kHyphen) keys[n++] = Key(kHyphen, 1);
  if (w.flags & WordAtoms::kDigit) keys[n++] = Key(kDigit, 1);
  keys[n++] = Key(kPrev, t1);
  keys[n++] = Key(kPrev2, t2);
  keys[n++] = Key(kPrevPrev2, t1, t2);
  keys[n++] = Key(kPrevLower, t1, w.lower);
  keys[n++] = Key(kLowerM1, lower_at(-1));
  keys[n++] = Key(kSuffix3M1, suffix3_at(-1));
  keys[n++] = Key(kLowerM2, lower_at(-2));
  keys[n++] = Key(kLowerP1, lower_at(1));
  keys[n++] = Key(kSuffix3P1, suffix3_at(1));
  keys[n++] = Key(kLowerP2, lower_at(2));
  keys[n++] = Key(kAmb, w.ambiguity);
  keys[n++] = Key(kAmbP1, amb_at(1));
  keys[n++] = Key(kAmbP2, amb_at(2));
  keys[n++] = Key(kPrevAmb, t1, w.ambiguity);
  keys[n++] = Key(kAmbAmbP1, w.ambiguity, amb_at(1));
  keys[n++] = Key(kLowerLowerP1, w.lower, lower_at(1));
  keys[n++] = Key(kLowerM1Lower, lower_at(-1), w.lower);
  keys[n++] = Key(kShapeP1, shape_at(1));
  keys[n++] = Key(kAmbM1, amb_at(-1));
  keys[n++] = Key(kPrevSuffix3, t1, w.suffix[2]);
  keys[n++] = Key(kLex, w.word_class);
  keys[n++] = Key(kLexCase, w.word_class, (w.flags & 3) | (i == 0 ? 4 : 0));
  keys[n++] = Key(kPrevLex, t1, w.word_class);
  keys[n++] = Key(kLexP1, lex_at(1));
  keys[n++] = Key(kLexM1, lex_at(-1));
  if (first == nullptr) return n;
  auto first_at = [&](size_t j) { return i + j < atoms.size() ? first[i + j] + 1 : 0; };
  uint64_t f0 = first_at(0), f1 = first_at(1), f2 = first_at(2);
  keys[n++] = Key(kFirst, f0);
  keys[n++] = Key(kFirstP1, f1);
  keys[n++] = Key(kFirstP2, f2);
  keys[n++] = Key(kPrevFirstP1, t1, f1);
  keys[n++] = Key(kFirstP1P2, f1, f2);
  keys[n++] = Key(kLowerFirstP1, w.lower, f1);
  keys[n++] = Key(kFirstFirstP1, f0, f1);
  return n;
}

namespace {

// The best class (the first of equals), and the runner-up and how far behind it is, for the parser
// to hedge on likely tagging errors. One pass over the scores.
int BestAndRunnerUp(const int16_t* scores, int num_classes, int weight_limit, WordAtoms* a) {
  int best = 0, second = -1;
  for (int c = 1; c < num_classes; ++c) {
    if (scores[c] > scores[best]) {
      second = best;
      best = c;
    } else if (second < 0 || scores[c] > scores[second]) {
      second = c;
    }
  }
  int margin = second < 0 ? weight_limit * 4 : scores[best] - scores[second];
  a->runner_up = second;
  a->margin = margin < weight_limit / 2 ? 0 : margin < weight_limit * 2 ? 1 : 2;
  return best;
}

}  // namespace

void TagPass(const TaggerModel& model, const WeightTable& weights, std::vector<WordAtoms>* atoms,
             const int* first, std::vector<int>* classes) {
  classes->assign(atoms->size(), 0);
  int prev = -1, prev2 = -1;
  uint64_t keys[kMaxTagFeatures];
  int16_t scores[kMaxClasses];
  int limit = 32767 / std::max(weights.max_keys(), 1);
  for (size_t i = 0; i < atoms->size(); ++i) {
    WordAtoms& a = (*atoms)[i];
    int best = 0;
    if (const uint16_t* c = model.tag_dict.Find(a.form)) {
      best = *c;
      a.runner_up = -1;
      a.margin = 3;
    } else if (first != nullptr && a.margin >= 2) {
      // The first pass won by a wide margin: the second keeps its class, runner-up and margin
      // (on EWT dev: the same UPOS, and tagging alone ~15% faster).
      best = first[i];
    } else {
      size_t n = TagFeatures(*atoms, i, prev, prev2, first, keys);
      std::fill(scores, scores + weights.padded_classes(), 0);
      weights.Score(keys, n, scores);
      best = BestAndRunnerUp(scores, model.num_classes(), limit, &a);
    }
    (*classes)[i] = best;
    prev2 = prev;
    prev = best;
  }
}

void Tag(const TaggerModel& model, const std::vector<std::string_view>& words,
         std::vector<WordAtoms>* atoms, std::vector<int>* classes) {
  ComputeAtoms(model, words, atoms);
  if (!model.two_pass()) {
    TagPass(model, model.weights, atoms, nullptr, classes);
    return;
  }
  thread_local std::vector<int> first;  // the first pass's classes; kept to save an allocation
  TagPass(model, model.weights, atoms, nullptr, &first);
  TagPass(model, model.second, atoms, first.data(), classes);
}

}  // namespace dyad::parse
