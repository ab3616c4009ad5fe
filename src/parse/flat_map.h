// An open-addressing hash map from non-zero 64-bit keys (already hashes) to small values. Faster
// and far smaller than std::unordered_map for the millions of feature keys a training run sees.
#ifndef DYAD_PARSE_FLAT_MAP_H_
#define DYAD_PARSE_FLAT_MAP_H_

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <utility>
#include <vector>

#include "parse/binary_io.h"

namespace dyad::parse {

template <typename V>
class FlatMap {
 public:
  FlatMap() { Rehash(16); }

  size_t size() const { return size_; }

  // The value stored under `key` (non-zero), or nullptr.
  const V* Find(uint64_t key) const {
    assert(key != 0);
    for (size_t i = key & mask_;; i = (i + 1) & mask_) {
      if (keys_[i] == key) return &values_[i];
      if (keys_[i] == 0) return nullptr;
    }
  }
  V* Find(uint64_t key) { return const_cast<V*>(static_cast<const FlatMap*>(this)->Find(key)); }

  // The value under `key`, inserted as `init` when absent.
  V& Insert(uint64_t key, const V& init) {
    assert(key != 0);
    if ((size_ + 1) * 4 > keys_.size() * 3) Rehash(keys_.size() * 2);
    size_t i = key & mask_;
    for (; keys_[i] != 0; i = (i + 1) & mask_)
      if (keys_[i] == key) return values_[i];
    keys_[i] = key;
    values_[i] = init;
    ++size_;
    return values_[i];
  }

  // Calls f(key, value) for every entry, in table order (deterministic for a given insertion set).
  template <typename F>
  void ForEach(F f) const {
    for (size_t i = 0; i < keys_.size(); ++i)
      if (keys_[i] != 0) f(keys_[i], values_[i]);
  }

 private:
  void Rehash(size_t capacity) {
    std::vector<uint64_t> old_keys(capacity, 0);
    std::vector<V> old_values(capacity);
    old_keys.swap(keys_);
    old_values.swap(values_);
    mask_ = capacity - 1;
    size_ = 0;
    for (size_t i = 0; i < old_keys.size(); ++i)
      if (old_keys[i] != 0) Insert(old_keys[i], old_values[i]);
  }

  std::vector<uint64_t> keys_;
  std::vector<V> values_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

// Writes a map as (key, value) pairs sorted by key, so files do not depend on the table's layout.
template <typename V>
void WriteFlatMap(const FlatMap<V>& map, ByteWriter* out) {
  std::vector<std::pair<uint64_t, V>> pairs;
  map.ForEach([&](uint64_t k, const V& v) { pairs.emplace_back(k, v); });
  std::sort(pairs.begin(), pairs.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<uint64_t> keys;
  std::vector<V> values;
  for (const auto& [k, v] : pairs) {
    keys.push_back(k);
    values.push_back(v);
  }
  out->PutVector(keys);
  out->PutVector(values);
}

// Reads what WriteFlatMap wrote into an empty map; false on a bad encoding.
template <typename V>
bool ReadFlatMap(ByteReader* in, FlatMap<V>* map) {
  std::vector<uint64_t> keys;
  std::vector<V> values;
  if (!in->GetVector(&keys) || !in->GetVector(&values) || keys.size() != values.size())
    return false;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == 0) return false;
    map->Insert(keys[i], values[i]);
  }
  return true;
}

}  // namespace dyad::parse

#endif  // DYAD_PARSE_FLAT_MAP_H_
