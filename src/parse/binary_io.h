// Little-endian binary encoding for model files: a writer that appends to a string and a reader
// that checks every read against the end of its buffer, so a truncated or corrupt file is an error,
// never a crash.
#ifndef DYAD_PARSE_BINARY_IO_H_
#define DYAD_PARSE_BINARY_IO_H_

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace dyad::parse {

static_assert(std::endian::native == std::endian::little, "model files are read by memcpy");

class ByteWriter {
 public:
  template <typename T>
  void Put(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  template <typename T>
  void PutVector(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    Put<uint64_t>(v.size());
    out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void PutString(std::string_view s) {
    Put<uint32_t>(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void PutStrings(const std::vector<std::string>& v) {
    Put<uint32_t>(static_cast<uint32_t>(v.size()));
    for (const auto& s : v) PutString(s);
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

// Reads from a buffer it does not own. After any failed read, ok() is false and later reads return
// zeros and empty values.
class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}

  bool ok() const { return ok_; }
  bool AtEnd() const { return pos_ == in_.size(); }

  template <typename T>
  T Get() {
    T v{};
    if (!Need(sizeof v)) return v;
    std::memcpy(&v, in_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  template <typename T>
  bool GetVector(std::vector<T>* v) {
    uint64_t n = Get<uint64_t>();
    if (!ok_ || n > (in_.size() - pos_) / sizeof(T)) return Fail();
    v->resize(n);
    if (n) std::memcpy(v->data(), in_.data() + pos_, n * sizeof(T));
    pos_ += n * sizeof(T);
    return true;
  }
  std::string GetString() {
    uint32_t n = Get<uint32_t>();
    if (!Need(n)) return "";
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  bool GetStrings(std::vector<std::string>* v) {
    uint32_t n = Get<uint32_t>();
    if (!ok_ || n > in_.size() - pos_) return Fail();
    v->clear();
    for (uint32_t i = 0; i < n && ok_; ++i) v->push_back(GetString());
    return ok_;
  }

 private:
  bool Need(size_t n) { return (ok_ && n <= in_.size() - pos_) || Fail(); }
  bool Fail() {
    ok_ = false;
    return false;
  }

  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace dyad::parse

#endif  // DYAD_PARSE_BINARY_IO_H_
