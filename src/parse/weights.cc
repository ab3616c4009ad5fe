#include "parse/weights.h"

#include <algorithm>
#include <cmath>

namespace dyad::parse {

// ---- WeightTable ----

const WeightTable::Slot* WeightTable::Find(uint64_t key) const {
  uint32_t fp = Fingerprint(key);
  for (uint64_t i = key & mask_;; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.fingerprint == fp) return &s;
    if (s.fingerprint == 0) return nullptr;
  }
}

void WeightTable::Insert(uint64_t key, uint32_t row) {
  uint64_t i = key & mask_;
  while (slots_[i].fingerprint != 0) i = (i + 1) & mask_;
  slots_[i] = {Fingerprint(key), row};
}

// Three passes so that the cache misses of different keys overlap: first every bucket is fetched,
// then every row, then the rows are added up.
void WeightTable::Score(const uint64_t* keys, size_t n, int32_t* scores) const {
  if (slots_.empty()) return;
  for (size_t k = 0; k < n; ++k) __builtin_prefetch(&slots_[keys[k] & mask_]);
  uint32_t rows[kMaxKeys];
  size_t found = 0;
  for (size_t k = 0; k < n; ++k) {
    if (const Slot* s = Find(keys[k])) {
      rows[found++] = s->row;
      __builtin_prefetch(&entries_[s->row]);
    }
  }
  for (size_t k = 0; k < found; ++k) {
    const Entry* e = &entries_[rows[k]];
    for (uint32_t c = 1; c <= e->cls; ++c) scores[e[c].cls] += e[c].weight;
  }
}

void WeightTable::Write(ByteWriter* out) const {
  out->Put<uint32_t>(static_cast<uint32_t>(num_classes_));
  out->PutVector(keys_);
  out->PutVector(entries_);
}

bool WeightTable::Read(ByteReader* in) {
  num_classes_ = static_cast<int>(in->Get<uint32_t>());
  if (!in->GetVector(&keys_) || !in->GetVector(&entries_)) return false;
  num_features_ = keys_.size();
  size_t capacity = 16;
  while (capacity * 5 < num_features_ * 8) capacity *= 2;  // load factor at most 5/8
  mask_ = capacity - 1;
  slots_.assign(capacity, Slot{0, 0});
  size_t row = 0;
  for (uint64_t key : keys_) {
    if (row >= entries_.size()) return false;
    size_t count = entries_[row].cls;
    if (count == 0 || count > entries_.size() - row - 1) return false;
    for (size_t c = 1; c <= count; ++c)
      if (entries_[row + c].cls >= num_classes_) return false;
    Insert(key, static_cast<uint32_t>(row));
    row += count + 1;
  }
  return row == entries_.size();
}

// ---- Perceptron ----

void Perceptron::Score(const std::vector<uint64_t>& keys, std::vector<int64_t>* scores) const {
  scores->assign(num_classes_, 0);
  for (uint64_t key : keys) {
    const uint32_t* row = index_.Find(key);
    if (row == nullptr) continue;
    for (const Param& p : rows_[*row]) (*scores)[p.cls] += p.weight;
  }
}

void Perceptron::Add(uint64_t key, int cls, int delta) {
  uint32_t& row = index_.Insert(key, UINT32_MAX);
  if (row == UINT32_MAX) {
    row = static_cast<uint32_t>(rows_.size());
    rows_.emplace_back();
  }
  std::vector<Param>& params = rows_[row];
  auto it =
      std::find_if(params.begin(), params.end(), [&](const Param& p) { return p.cls == cls; });
  if (it == params.end()) {
    params.push_back({cls, 0, 0, time_});
    it = params.end() - 1;
  }
  it->total += (time_ - it->stamp) * it->weight;
  it->stamp = time_;
  it->weight += delta;
}

void Perceptron::Update(const std::vector<uint64_t>& keys, int truth, int guess) {
  if (truth == guess) return;
  for (uint64_t key : keys) {
    Add(key, truth, 1);
    Add(key, guess, -1);
  }
}

double Perceptron::Average(const Param& p) const {
  if (time_ == 0) return 0;
  return double(p.total + (time_ - p.stamp) * p.weight) / double(time_);
}

double Perceptron::SuggestScale() const {
  double max_abs = 1e-9;
  for (const auto& row : rows_)
    for (const Param& p : row) max_abs = std::max(max_abs, std::abs(Average(p)));
  return 32000.0 / max_abs;
}

WeightTable Perceptron::Freeze(double scale) const {
  std::vector<std::pair<uint64_t, uint32_t>> order;
  order.reserve(index_.size());
  index_.ForEach([&](uint64_t key, uint32_t row) { order.emplace_back(key, row); });
  std::sort(order.begin(), order.end());
  WeightTable t;
  t.num_classes_ = num_classes_;
  std::vector<WeightTable::Entry> row_entries;
  for (const auto& [key, row] : order) {
    row_entries.clear();
    for (const Param& p : rows_[row]) {
      double q = std::round(Average(p) * scale);
      q = std::clamp(q, -32767.0, 32767.0);
      if (q != 0) row_entries.push_back({static_cast<uint16_t>(p.cls), static_cast<int16_t>(q)});
    }
    if (row_entries.empty()) continue;
    std::sort(row_entries.begin(), row_entries.end(),
              [](const auto& a, const auto& b) { return a.cls < b.cls; });
    t.keys_.push_back(key);
    t.entries_.push_back({static_cast<uint16_t>(row_entries.size()), 0});
    t.entries_.insert(t.entries_.end(), row_entries.begin(), row_entries.end());
  }
  ByteWriter w;
  t.Write(&w);
  ByteReader r(w.bytes());
  WeightTable frozen;
  frozen.Read(&r);  // builds the slots exactly as loading a model file does
  return frozen;
}

}  // namespace dyad::parse
