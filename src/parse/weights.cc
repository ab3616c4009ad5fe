#include "parse/weights.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>

#ifdef __x86_64__
#include <immintrin.h>
#endif

namespace dyad::parse {

// ---- WeightTable ----

size_t WeightTable::Capacity(size_t keys) {
  size_t capacity = 16;
  while (capacity * 5 < keys * 8) capacity *= 2;  // load factor at most 5/8
  return capacity;
}

namespace {

#ifdef __x86_64__
// Adds a dense row with AVX2 (16 classes per step); chosen at run time where the CPU has it.
__attribute__((target("avx2"))) void AddDenseAvx2(const int16_t* w, int padded, int16_t* scores) {
  int c = 0;
  for (; c + 16 <= padded; c += 16) {
    __m256i* s = reinterpret_cast<__m256i*>(scores + c);
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + c));
    _mm256_storeu_si256(s, _mm256_add_epi16(_mm256_loadu_si256(s), v));
  }
  if (c < padded) {  // padded is a multiple of 8
    __m128i* s = reinterpret_cast<__m128i*>(scores + c);
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w + c));
    _mm_storeu_si128(s, _mm_add_epi16(_mm_loadu_si128(s), v));
  }
}

bool HasAvx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}
#endif

}  // namespace

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
#ifdef __x86_64__
  avx2_ = HasAvx2();
#endif
  // Adding a dense row costs about padded/16 steps with AVX2, padded/8 with SSE2; a sparse one
  // about one step per weight.
  dense_from_ = avx2_ ? padded_classes_ / 12 : padded_classes_ / 6;
}

void WeightTable::AddRow(const int16_t* row, int16_t* scores) const {
  if (row[0] != kDense) {
    const uint16_t* e = reinterpret_cast<const uint16_t*>(row + 1);
    for (int k = 0; k < row[0]; ++k) scores[e[k] >> 8] += codebook_[e[k] & 0xFF];
    return;
  }
  const int16_t* w = row + 1;
#ifdef __x86_64__
  if (avx2_) {
    AddDenseAvx2(w, padded_classes_, scores);
    return;
  }
  for (int c = 0; c < padded_classes_; c += 8) {  // SSE2, part of x86-64
    __m128i* s = reinterpret_cast<__m128i*>(scores + c);
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w + c));
    _mm_storeu_si128(s, _mm_add_epi16(_mm_loadu_si128(s), v));
  }
#else
  for (int c = 0; c < padded_classes_; ++c) scores[c] = static_cast<int16_t>(scores[c] + w[c]);
#endif
}

// Every lookup is a cache miss into megabytes of table, so lookups are pipelined: the bucket of
// key k + kAhead is fetched while key k is probed, and a row is added kRowsAhead rows after its
// prefetch. Issuing every prefetch at once would overflow the CPU's few outstanding-miss buffers
// and drop most of them.
void WeightTable::Score(const uint64_t* keys, size_t n, int16_t* scores) const {
  assert(n <= static_cast<size_t>(max_keys_));
  if (slots_.empty()) return;
  constexpr size_t kAhead = 12, kRowsAhead = 8;
  const int16_t* data = data_.data();
  const Slot* slots = slots_.data();
  for (size_t k = 0; k < n && k < kAhead; ++k) __builtin_prefetch(slots + (keys[k] & mask_));
  const int16_t* rows[kMaxKeysEver];
  size_t found = 0, added = 0;
  for (size_t k = 0; k < n; ++k) {
    if (k + kAhead < n) __builtin_prefetch(slots + (keys[k + kAhead] & mask_));
    if (const Slot* s = Find(keys[k])) {
      const int16_t* row = data + (s->row & ~kDenseRow);
      __builtin_prefetch(row);
      if (s->row & kDenseRow) {  // starts on a cache line: fetch all of its lines
        for (int line = 32; line <= padded_classes_; line += 32) __builtin_prefetch(row + line);
      } else {
        __builtin_prefetch(row + 32);
      }
      rows[found++] = row;
    }
    if (found - added > kRowsAhead) AddRow(rows[added++], scores);
  }
  while (added < found) AddRow(rows[added++], scores);
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
    int16_t v = static_cast<int16_t>(std::clamp(std::round(level[i]), 1.0, double(hi)));
    codebook_[i] = v;
    codebook_[i | 0x80] = static_cast<int16_t>(-v);
  }
  return code_of;
}

void WeightTable::Write(ByteWriter* out) const {
  out->Put<uint32_t>(static_cast<uint32_t>(num_classes_));
  out->Put<uint32_t>(static_cast<uint32_t>(max_keys_));
  for (int16_t v : codebook_) out->Put<int16_t>(v);
  out->PutVector(keys_);
  // Rows go out in the file's form (AppendRow's rule), whatever form Build gave them in memory.
  std::vector<uint8_t> code_of(32768, 0);
  for (int code = 0; code < 128; ++code) code_of[codebook_[code]] = static_cast<uint8_t>(code);
  std::vector<int16_t> file_data, weights(num_classes_);
  for (uint32_t row : rows_) {
    const int16_t* r = data_.data() + row;
    if (r[0] == kDense) {
      std::copy(r + 1, r + 1 + num_classes_, weights.begin());
      AppendRow(weights, code_of, &file_data);
    } else {
      file_data.insert(file_data.end(), r, r + 1 + r[0]);
    }
  }
  out->PutVector(file_data);
}

bool WeightTable::Read(ByteReader* in) {
  uint32_t classes = in->Get<uint32_t>();
  if (classes == 0 || classes > kMaxClasses) return false;
  SetClasses(static_cast<int>(classes));
  uint32_t max_keys = in->Get<uint32_t>();
  if (max_keys == 0 || max_keys > kMaxKeysEver) return false;
  max_keys_ = static_cast<int>(max_keys);
  int16_t limit = static_cast<int16_t>(32767 / max_keys_);
  for (int16_t& v : codebook_) v = in->Get<int16_t>();
  for (int code = 0; code < 128; ++code)
    if (codebook_[code] <= 0 || codebook_[code] > limit ||
        codebook_[code | 0x80] != -codebook_[code])
      return false;
  std::vector<int16_t> data;
  return in->GetVector(&keys_) && in->GetVector(&data) && Build(data);
}

// Checks the file's rows against keys_ and lays them out in memory: a sparse row with more than
// dense_from_ weights is expanded, as adding it dense is faster than one weight at a time.
bool WeightTable::Build(const std::vector<int16_t>& data) {
  if (data.size() > UINT32_MAX) return false;
  size_t capacity = Capacity(keys_.size());
  mask_ = capacity - 1;
  slots_.Reset(capacity);
  num_weights_ = num_dense_ = 0;
  rows_.clear();
  std::vector<int16_t> memory;
  memory.reserve(data.size());
  size_t row = 0;
  for (uint64_t key : keys_) {
    if (row >= data.size()) return false;
    int16_t header = data[row];
    size_t size = header == kDense ? padded_classes_ : static_cast<size_t>(header);
    if (header < kDense || size > data.size() - row - 1) return false;
    const int16_t* r = data.data() + row + 1;
    bool dense = header == kDense || header > dense_from_;
    // Dense rows start on a cache line (data_ is 64-byte aligned), so Score knows which lines to
    // prefetch.
    if (dense) memory.resize((memory.size() + 31) / 32 * 32, 0);
    if (memory.size() >= kDenseRow) return false;
    rows_.push_back(static_cast<uint32_t>(memory.size()));
    Insert(key, rows_.back() | (dense ? kDenseRow : 0));
    if (header == kDense) {
      ++num_dense_;
      int16_t limit = static_cast<int16_t>(32767 / max_keys_);
      for (size_t c = 0; c < size; ++c) {
        if (r[c] > limit || r[c] < -limit) return false;  // could overflow a 16-bit score
        num_weights_ += r[c] != 0;
      }
      memory.insert(memory.end(), r - 1, r + size);
    } else {
      num_weights_ += header;
      for (size_t k = 0; k < size; ++k)
        if ((static_cast<uint16_t>(r[k]) >> 8) >= num_classes_) return false;
      if (header > dense_from_) {
        memory.push_back(kDense);
        size_t at = memory.size();
        memory.resize(at + padded_classes_, 0);
        for (size_t k = 0; k < size; ++k) {
          uint16_t e = static_cast<uint16_t>(r[k]);
          memory[at + (e >> 8)] = codebook_[e & 0xFF];
        }
      } else {
        memory.insert(memory.end(), r - 1, r + size);
      }
    }
    row += size + 1;
  }
  if (row != data.size() || memory.size() >= kDenseRow) return false;
  data_.Reset(memory.size());
  if (!memory.empty()) std::memcpy(data_.data(), memory.data(), memory.size() * sizeof(int16_t));
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

WeightTable Perceptron::Freeze(int max_keys, int min_updates) const {
  double max_abs = 1e-9;
  for (const auto& row : rows_)
    for (const Param& p : row) max_abs = std::max(max_abs, std::abs(Average(p)));
  double limit = 32767 / max_keys, scale = limit / max_abs;
  WeightTable t;
  t.SetClasses(num_classes_);
  t.max_keys_ = max_keys;
  std::vector<int16_t> weights(num_classes_), data;
  auto quantise = [&](uint32_t row) {
    std::fill(weights.begin(), weights.end(), 0);
    int count = 0;
    for (const Param& p : rows_[row]) {
      weights[p.cls] =
          static_cast<int16_t>(std::clamp(std::round(Average(p) * scale), -limit, limit));
      count += weights[p.cls] != 0;
    }
    return count;
  };
  // The features kept, and the magnitudes that sparse rows will code, to fit the codebook.
  std::vector<std::pair<uint64_t, uint32_t>> order;
  std::vector<uint64_t> histogram(32768, 0);
  index_.ForEach([&](uint64_t key, uint32_t row) {
    if (updates_[row] < static_cast<uint32_t>(min_updates)) return;
    int count = quantise(row);
    if (count == 0) return;
    order.emplace_back(key, row);
    if (3 * count >= t.padded_classes_) return;
    for (int16_t w : weights) ++histogram[std::abs(w)];
  });
  histogram[0] = 0;
  std::vector<uint8_t> code_of = t.FitCodebook(histogram);
  // In bucket order, so that loading fills the table front to back instead of at random (one
  // cache miss per key otherwise).
  uint64_t mask = WeightTable::Capacity(order.size()) - 1;
  std::sort(order.begin(), order.end(), [mask](const auto& a, const auto& b) {
    return std::pair(a.first & mask, a.first) < std::pair(b.first & mask, b.first);
  });
  for (const auto& [key, row] : order) {
    quantise(row);
    t.keys_.push_back(key);
    t.AppendRow(weights, code_of, &data);
  }
  t.Build(data);
  return t;
}

}  // namespace dyad::parse
