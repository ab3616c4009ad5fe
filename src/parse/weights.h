// Linear models over hashed sparse features: the averaged perceptron that training updates, and the
// frozen, quantised table that tagging and parsing read.
#ifndef DYAD_PARSE_WEIGHTS_H_
#define DYAD_PARSE_WEIGHTS_H_

#include <array>
#include <cstdint>
#include <vector>

#include "parse/binary_io.h"
#include "parse/flat_map.h"
#include "parse/huge_array.h"

namespace dyad::parse {

// Immutable feature -> class-weight rows. A row with many classes is stored dense with 16-bit
// weights (added with SIMD); a row with few as 2-byte (class, code) pairs, where an 8-bit code
// (sign and one of 128 magnitudes fitted to the table's weights) stands for the weight. Weights
// are scaled so that the sum of max_keys() of them fits in 16 bits: scores are added up in 16-bit
// lanes, twice as many per SIMD step, and cannot overflow. At most kMaxClasses classes.
// Thread-safe for reading.
class WeightTable {
 public:
  WeightTable() = default;

  int num_classes() const { return num_classes_; }
  // Score arrays passed to Score() must have this many entries (num_classes rounded up to 8).
  int padded_classes() const { return padded_classes_; }
  size_t num_features() const { return keys_.size(); }
  size_t num_weights() const { return num_weights_; }
  size_t num_dense_rows() const { return num_dense_; }

  static constexpr int kMaxClasses = 256;
  static constexpr int kMaxKeysEver = 256;

  // The most features Score() may add up for one decision.
  int max_keys() const { return max_keys_; }

  // Adds the weights of every feature in keys[0, n) to scores[0, padded_classes()). Keys not in
  // the table add nothing. n must be at most max_keys().
  void Score(const uint64_t* keys, size_t n, int16_t* scores) const;

  void Write(ByteWriter* out) const;
  // Fails (returns false) on a truncated or inconsistent encoding.
  bool Read(ByteReader* in);

 private:
  friend class Perceptron;
  // A slot holds the key's upper 32 bits (0 = empty; the lower bits chose the bucket) and the
  // offset of its row in data_, with kDenseRow set when the row is dense.
  struct Slot {
    uint32_t fingerprint;
    uint32_t row;
  };
  static constexpr uint32_t kDenseRow = 1u << 31;
  // A row starts with a header: kDense, then padded_classes_ weights; or a count n, then n
  // entries (class << 8 | code).
  static constexpr int16_t kDense = -1;
  static uint32_t Fingerprint(uint64_t key) {
    uint32_t f = static_cast<uint32_t>(key >> 32);
    return f ? f : 1;
  }
  // Slots for a table of `keys` keys: a power of two, at most 5/8 full.
  static size_t Capacity(size_t keys);
  const Slot* Find(uint64_t key) const;
  void Insert(uint64_t key, uint32_t row);
  void AddRow(const int16_t* row, int16_t* scores) const;
  // Appends a row to `data`; `weights` has num_classes_ entries, zeros for absent classes.
  // `code_of` maps a weight's magnitude to its magnitude code (see FitCodebook).
  void AppendRow(const std::vector<int16_t>& weights, const std::vector<uint8_t>& code_of,
                 std::vector<int16_t>* data) const;
  // Fits 128 magnitudes to a histogram of |weight| (Lloyd's algorithm, started log-spaced), fills
  // codebook_, and returns the code of every magnitude 0..32767.
  std::vector<uint8_t> FitCodebook(const std::vector<uint64_t>& histogram);
  void SetClasses(int n);
  // Checks the file-format `data` against keys_ and builds the slots and data_ from them.
  bool Build(const std::vector<int16_t>& data);

  int num_classes_ = 0, padded_classes_ = 0;
  int max_keys_ = 0;
  bool avx2_ = false;   // the CPU has AVX2: dense rows are added 8 classes at a time
  int dense_from_ = 0;  // sparse rows with more weights than this are expanded in memory
  size_t num_weights_ = 0, num_dense_ = 0;
  uint64_t mask_ = 0;
  std::array<int16_t, 256> codebook_{};  // code -> weight: bit 7 the sign, bits 0-6 the magnitude
  std::vector<uint64_t> keys_;           // sorted (kept for Write)
  std::vector<uint32_t> rows_;           // offset in data_ of keys_[i]'s row
  HugeArray<Slot> slots_;
  HugeArray<int16_t> data_;
};

// Averaged perceptron with integer updates and lazily kept sums (Collins 2002; Daumé's trick), rows
// stored sparsely: a feature only holds the classes it was ever updated for.
class Perceptron {
 public:
  explicit Perceptron(int num_classes) : num_classes_(num_classes) {}

  int num_classes() const { return num_classes_; }
  size_t num_features() const { return index_.size(); }

  // scores[c] = sum of current weights for class c; `scores` is resized to num_classes().
  void Score(const std::vector<uint64_t>& keys, std::vector<int64_t>* scores) const;
  // +1 to `truth`, -1 to `guess` for every key (nothing when they are equal).
  void Update(const std::vector<uint64_t>& keys, int truth, int guess);
  // Advances the clock that weights are averaged over; call once per training instance.
  void Tick() { ++time_; }

  // The averaged weights, scaled so that the largest is 32767 / max_keys and rounded (8-bit codes
  // in sparse rows). Features updated fewer than `min_updates` times are left out (pruning: the
  // many rare features carry little), and so are weights that round to 0.
  WeightTable Freeze(int max_keys, int min_updates = 1) const;

 private:
  struct Param {
    int32_t cls;
    int32_t weight;
    int64_t total;  // sum of weight over [0, stamp)
    int64_t stamp;
  };
  double Average(const Param& p) const;
  void Add(uint64_t key, int cls, int delta);

  int num_classes_;
  int64_t time_ = 0;
  FlatMap<uint32_t> index_;  // key -> row in rows_
  std::vector<std::vector<Param>> rows_;
  std::vector<uint32_t> updates_;  // per row: how many updates touched the feature
};

}  // namespace dyad::parse

#endif  // DYAD_PARSE_WEIGHTS_H_
