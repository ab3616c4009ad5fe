#include "parse/weights.h"

#include <algorithm>
#include <cmath>
#include <cstring>

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
    const uint16_t* e = reinterpret_cast<const uint16_t*>(row + 1);
    for (int k = 0; k < row[0]; ++k) scores[e[k] >> 8] += codebook_[e[k] & 0xFF];
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
  const int16_t* data = data_.data();
  for (size_t k = 0; k < n; ++k) __builtin_prefetch(&slots_[keys[k] & mask_]);
  uint32_t rows[kMaxKeys];
  size_t found = 0;
  for (size_t k = 0; k < n; ++k) {
    if (const Slot* s = Find(keys[k])) {
      rows[found++] = s->row;
      __builtin_prefetch(data + s->row);
      __builtin_prefetch(data + s->row + 32);
    }
  }
  for (size_t k = 0; k < found; ++k) AddRow(data + rows[k], scores);
}

void WeightTable::AppendRow(const std::vector<int16_t>& weights,
                            const std::vector<uint8_t>& code_of, std::vector<int16_t>* data) const {
  int count = 0;
  for (int16_t w : weights) count += w != 0;
  // Dense when that is at most ~3 times the size of the pairs: faster to add, rarely larger.
  if (3 * count >= padded_classes_) {
    data->push_back(kDense);
    data->insert(data->end(), weights.begin(), weights.end());
    data->resize(data->size() + padded_classes_ - num_classes_, 0);
    return;
  }
  data->push_back(static_cast<int16_t>(count));
  for (int c = 0; c < num_classes_; ++c) {
    int w = weights[c];
    if (w == 0) continue;
    uint16_t code = code_of[std::abs(w)] | (w < 0 ? 0x80 : 0);
    data->push_back(static_cast<int16_t>(c << 8 | code));
  }
}

std::vector<uint8_t> WeightTable::FitCodebook(const std::vector<uint64_t>& histogram) {
  constexpr int kLevels = 128;
  int lo = 1, hi = 1;
  for (int v = 1; v < 32768; ++v) {
    if (histogram[v] == 0) continue;
    if (lo == 1 && histogram[lo] == 0) lo = v;
    hi = v;
  }
  std::vector<double> level(kLevels);
  for (int i = 0; i < kLevels; ++i) level[i] = lo * std::pow(double(hi) / lo, i / (kLevels - 1.0));
  std::vector<uint8_t> code_of(32768, 0);
  for (int iteration = 0; iteration <= 20; ++iteration) {
    std::vector<double> sum(kLevels, 0), count(kLevels, 0);
    int nearest = 0;
    for (int v = 1; v < 32768; ++v) {  // levels stay sorted, so the nearest one only moves up
      while (nearest + 1 < kLevels && level[nearest + 1] - v < v - level[nearest]) ++nearest;
      code_of[v] = static_cast<uint8_t>(nearest);
      sum[nearest] += double(histogram[v]) * v;
      count[nearest] += double(histogram[v]);
    }
    if (iteration == 20) break;
    for (int i = 0; i < kLevels; ++i)
      if (count[i] > 0) level[i] = sum[i] / count[i];
    std::sort(level.begin(), level.end());
  }
  for (int i = 0; i < kLevels; ++i) {
    int16_t v = static_cast<int16_t>(std::clamp(std::round(level[i]), 1.0, 32767.0));
    codebook_[i] = v;
    codebook_[i | 0x80] = static_cast<int16_t>(-v);
  }
  return code_of;
}

void WeightTable::Write(ByteWriter* out) const {
  out->Put<uint32_t>(static_cast<uint32_t>(num_classes_));
  for (int16_t v : codebook_) out->Put<int16_t>(v);
  out->PutVector(keys_);
  out->Put<uint64_t>(data_.size());
  out->bytes().append(reinterpret_cast<const char*>(data_.data()), data_.size() * sizeof(int16_t));
}

bool WeightTable::Read(ByteReader* in) {
  uint32_t classes = in->Get<uint32_t>();
  if (classes == 0 || classes > kMaxClasses) return false;
  SetClasses(static_cast<int>(classes));
  for (int16_t& v : codebook_) v = in->Get<int16_t>();
  std::vector<int16_t> data;
  return in->GetVector(&keys_) && in->GetVector(&data) && Build(data);
}

bool WeightTable::Build(const std::vector<int16_t>& data) {
  if (data.size() > UINT32_MAX) return false;
  size_t capacity = 16;
  while (capacity * 5 < keys_.size() * 8) capacity *= 2;  // load factor at most 5/8
  mask_ = capacity - 1;
  slots_.Reset(capacity);
  num_weights_ = num_dense_ = 0;
  size_t row = 0;
  for (uint64_t key : keys_) {
    if (row >= data.size()) return false;
    int16_t header = data[row];
    size_t size = header == kDense ? padded_classes_ : static_cast<size_t>(header);
    if (header < kDense || size > data.size() - row - 1) return false;
    if (header == kDense) {
      ++num_dense_;
      for (size_t c = 0; c < size; ++c) num_weights_ += data[row + 1 + c] != 0;
    } else {
      num_weights_ += header;
      for (size_t k = 0; k < size; ++k)
        if ((static_cast<uint16_t>(data[row + 1 + k]) >> 8) >= num_classes_) return false;
    }
    Insert(key, static_cast<uint32_t>(row));
    row += size + 1;
  }
  if (row != data.size()) return false;
  data_.Reset(data.size());
  if (!data.empty()) std::memcpy(data_.data(), data.data(), data.size() * sizeof(int16_t));
  return true;
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
    updates_.push_back(0);
  }
  if (delta > 0) ++updates_[row];
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

WeightTable Perceptron::Freeze(double scale, int min_updates) const {
  std::vector<std::pair<uint64_t, uint32_t>> order;
  order.reserve(index_.size());
  index_.ForEach([&](uint64_t key, uint32_t row) {
    if (updates_[row] >= static_cast<uint32_t>(min_updates)) order.emplace_back(key, row);
  });
  std::sort(order.begin(), order.end());
  WeightTable t;
  t.SetClasses(num_classes_);
  std::vector<int16_t> weights(num_classes_), data;
  auto quantise = [&](uint32_t row) {
    std::fill(weights.begin(), weights.end(), 0);
    int count = 0;
    for (const Param& p : rows_[row]) {
      weights[p.cls] =
          static_cast<int16_t>(std::clamp(std::round(Average(p) * scale), -32767.0, 32767.0));
      count += weights[p.cls] != 0;
    }
    return count;
  };
  // First the magnitudes that sparse rows will code, to fit the codebook; then the rows.
  std::vector<uint64_t> histogram(32768, 0);
  for (const auto& [key, row] : order) {
    if (3 * quantise(row) >= t.padded_classes_) continue;
    for (int16_t w : weights) ++histogram[std::abs(w)];
  }
  histogram[0] = 0;
  std::vector<uint8_t> code_of = t.FitCodebook(histogram);
  for (const auto& [key, row] : order) {
    if (quantise(row) == 0) continue;
    t.keys_.push_back(key);
    t.AppendRow(weights, code_of, &data);
  }
  t.Build(data);
  return t;
}

}  // namespace dyad::parse
