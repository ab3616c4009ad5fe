// Feature keys: every feature is a 64-bit hash of its template id and its atoms (word hashes, tag
// and label ids, counts). Models store keys, never strings, so a key's value must not change
// between versions: these functions are part of the model format.
#ifndef DYAD_PARSE_HASHING_H_
#define DYAD_PARSE_HASHING_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace dyad::parse {

// The finaliser of MurmurHash3: a cheap bijective mix of all 64 bits.
inline uint64_t Mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// Hash of a byte string, never 0 (8 bytes at a time; the length is mixed in, so "a" and "a\0"
// differ).
inline uint64_t HashBytes(std::string_view s) {
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ (s.size() * 0x100000001b3ULL);
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    h = Mix64(h ^ v);
  }
  uint64_t tail = 0;
  for (size_t k = 0; i + k < s.size(); ++k)
    tail |= uint64_t(static_cast<unsigned char>(s[i + k])) << (8 * k);
  h = Mix64(h ^ tail ^ 0x5bd1e995ULL);
  return h ? h : 1;  // never 0, the empty key of tables
}

// Keys of features with one to four atoms under template `t`. Atoms are positional: (a, b)
// and (b, a) give different keys. Key 0 is reserved for "empty" in tables, so it is never returned.
inline uint64_t Key(uint32_t t, uint64_t a) {
  uint64_t h = Mix64((uint64_t(t) << 32 | 0x2545f491ULL) ^ a * 0x9e3779b97f4a7c15ULL);
  return h ? h : 1;
}
inline uint64_t Key(uint32_t t, uint64_t a, uint64_t b) {
  uint64_t h = Mix64(Key(t, a) ^ b * 0xc2b2ae3d27d4eb4fULL);
  return h ? h : 1;
}
inline uint64_t Key(uint32_t t, uint64_t a, uint64_t b, uint64_t c) {
  uint64_t h = Mix64(Key(t, a, b) ^ c * 0x165667b19e3779f9ULL);
  return h ? h : 1;
}

inline uint64_t Key(uint32_t t, uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
  uint64_t h = Mix64(Key(t, a, b, c) ^ d * 0x27d4eb2f165667c5ULL);
  return h ? h : 1;
}

}  // namespace dyad::parse

#endif  // DYAD_PARSE_HASHING_H_
