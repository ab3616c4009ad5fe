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

// Keys of features with one to four atoms under template `t`: each atom is multiplied by its own
// odd constant (and rotated), so (a, b) and (b, a) differ, and one final mix spreads the bits. One
// mix per key rather than one per atom: parsing computes over a hundred keys per move. Key 0 is
// reserved for "empty" in tables, so it is never returned.
inline uint64_t Rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
inline uint64_t FinishKey(uint64_t h) {
  h = Mix64(h);
  return h ? h : 1;
}
inline uint64_t Seed(uint32_t t) { return (uint64_t{t} + 1) * 0x9e3779b97f4a7c15ULL; }
inline uint64_t Key(uint32_t t, uint64_t a) {
  return FinishKey(Seed(t) ^ a * 0xc2b2ae3d27d4eb4fULL);
}
inline uint64_t Key(uint32_t t, uint64_t a, uint64_t b) {
  return FinishKey(Seed(t) ^ a * 0xc2b2ae3d27d4eb4fULL ^ Rotl(b * 0x165667b19e3779f9ULL, 21));
}
inline uint64_t Key(uint32_t t, uint64_t a, uint64_t b, uint64_t c) {
  return FinishKey(Seed(t) ^ a * 0xc2b2ae3d27d4eb4fULL ^ Rotl(b * 0x165667b19e3779f9ULL, 21) ^
                   Rotl(c * 0x27d4eb2f165667c5ULL, 42));
}
inline uint64_t Key(uint32_t t, uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
  return FinishKey(Seed(t) ^ a * 0xc2b2ae3d27d4eb4fULL ^ Rotl(b * 0x165667b19e3779f9ULL, 21) ^
                   Rotl(c * 0x27d4eb2f165667c5ULL, 42) ^ Rotl(d * 0x94d049bb133111ebULL, 11));
}

}  // namespace dyad::parse

#endif  // DYAD_PARSE_HASHING_H_
