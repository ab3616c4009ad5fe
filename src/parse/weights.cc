#include "parse/weights.h"

#include <algorithm>
#include <cmath>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

void WeightTable::SetClasses(int n) {
  num_classes_ = n;
  padded_classes_ = (n + 7) / 8 * 8;
}

void WeightTable::AddRow(const int16_t* row, int32_t* scores) const {
  if (row[0] != kDense) {
    for (int k = 0; k < row[0]; ++k) scores[row[1 + 2 * k]] += row[2 + 2 * k];
    return;
  }
  const int16_t* w = row + 1;
#ifdef __SSE2__
  for (int c = 0; c < padded_classes_; c += 8) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w + c));
    // Sign-extend 16 -> 32 bits: put each weight in a lane's top half, then shift it down.
    __m128i lo = _mm_srai_epi32(_mm_unpacklo_epi16(v, v), 16);
    __m128i hi = _mm_srai_epi32(_mm_unpackhi_epi16(v, v), 16);
    __m128i* s = reinterpret_cast<__m128i*>(scores + c);
    _mm_storeu_si128(s, _mm_add_epi32(_mm_loadu_si128(s), lo));
    _mm_storeu_si128(s + 1, _mm_add_epi32(_mm_loadu_si128(s + 1), hi));
  }
#else
  for (int c = 0; c < padded_classes_; ++c) scores[c] += w[c];
#endif
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
      __builtin_prefetch(&data_[s->row]);
      __builtin_prefetch(&data_[s->row] + 32);
    }
  }
  for (size_t k = 0; k < found; ++k) AddRow(&data_[rows[k]], scores);
}

void WeightTable::AppendRow(const std::vector<int16_t>& weights) {
  int count = 0;
  for (int16_t w : weights) count += w != 0;
  num_weights_ += count;
  // Dense when that is at most ~1.5 times the size of the pairs: faster to add, rarely larger.
  if (3 * count >= padded_classes_) {
    ++num_dense_;
    data_.push_back(kDense);
    data_.insert(data_.end(), weights.begin(), weights.end());
    data_.resize(data_.size() + padded_classes_ - num_classes_, 0);
    return;
  }
  data_.push_back(static_cast<int16_t>(count));
  for (int c = 0; c < num_classes_; ++c) {
    if (weights[c] == 0) continue;
    data_.push_back(static_cast<int16_t>(c));
    data_.push_back(weights[c]);
  }
}

void WeightTable::Write(ByteWriter* out) const {
  out->Put<uint32_t>(static_cast<uint32_t>(num_classes_));
  out->PutVector(keys_);
  out->PutVector(data_);
}

bool WeightTable::Read(ByteReader* in) {
  uint32_t classes = in->Get<uint32_t>();
  if (classes == 0 || classes > 30000) return false;
  SetClasses(static_cast<int>(classes));
  if (!in->GetVector(&keys_) || !in->GetVector(&data_)) return false;
  size_t capacity = 16;
  while (capacity * 5 < keys_.size() * 8) capacity *= 2;  // load factor at most 5/8
  mask_ = capacity - 1;
  slots_.assign(capacity, Slot{0, 0});
  num_weights_ = num_dense_ = 0;
  size_t row = 0;
  for (uint64_t key : keys_) {
    if (row >= data_.size() || data_.size() > UINT32_MAX) return false;
    int16_t header = data_[row];
    size_t size = header == kDense ? padded_classes_ : 2 * static_cast<size_t>(header);
    if (header < kDense || size > data_.size() - row - 1) return false;
    if (header == kDense) {
      ++num_dense_;
      for (size_t c = 0; c < size; ++c) num_weights_ += data_[row + 1 + c] != 0;
    } else {
      num_weights_ += header;
      for (size_t k = 0; k < size; k += 2)
        if (data_[row + 1 + k] < 0 || data_[row + 1 + k] >= num_classes_) return false;
    }
    Insert(key, static_cast<uint32_t>(row));
    row += size + 1;
  }
  return row == data_.size();
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

WeightTable Perceptron::Freeze(double scale, double min_abs) const {
  std::vector<std::pair<uint64_t, uint32_t>> order;
  order.reserve(index_.size());
  index_.ForEach([&](uint64_t key, uint32_t row) { order.emplace_back(key, row); });
  std::sort(order.begin(), order.end());
  WeightTable t;
  t.SetClasses(num_classes_);
  std::vector<int16_t> weights(num_classes_);
  for (const auto& [key, row] : order) {
    std::fill(weights.begin(), weights.end(), 0);
    bool any = false;
    for (const Param& p : rows_[row]) {
      double avg = Average(p);
      if (std::abs(avg) < min_abs) continue;
      double q = std::clamp(std::round(avg * scale), -32767.0, 32767.0);
      weights[p.cls] = static_cast<int16_t>(q);
      any |= q != 0;
    }
    if (!any) continue;
    t.keys_.push_back(key);
    t.AppendRow(weights);
  }
  ByteWriter w;
  t.Write(&w);
  ByteReader r(w.bytes());
  WeightTable frozen;
  frozen.Read(&r);  // builds the slots exactly as loading a model file does
  return frozen;
}

}  // namespace dyad::parse
