// Byte input from files, decompressing .gz and .zst on the fly, with errors that name the file and
// the byte offset where the input went bad.
#ifndef DYAD_IO_INPUT_H_
#define DYAD_IO_INPUT_H_

#include <cstdint>
#include <memory>
#include <streambuf>
#include <string>
#include <vector>

#include "dyad/status.h"

namespace dyad::io {

// A stream of bytes. Read() returns the number of bytes read (0 at a clean end) or an error such as
// "file.gz: truncated gzip stream at byte 1234".
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
  // Bytes of the underlying file consumed so far (for progress).
  virtual uint64_t consumed() const = 0;
};

// Opens `path`, choosing a decompressor from the name (.gz, .zst) or the magic bytes.
Result<std::unique_ptr<ByteSource>> OpenInput(const std::string& path);
// A source over bytes already in memory (e.g. a fetched URL).
std::unique_ptr<ByteSource> MemoryInput(std::string bytes);

// Reads up to max_bytes; fails when the input holds more ("<name> is larger than N bytes").
Result<std::string> ReadAll(ByteSource& in, const std::string& name, size_t max_bytes);

// A std::streambuf over a ByteSource, for readers that take a std::istream. A read error is
// thrown as std::runtime_error carrying the message (readers catch it and report it).
class ByteSourceBuf : public std::streambuf {
 public:
  explicit ByteSourceBuf(ByteSource& src) : src_(src), buf_(1 << 16) {}

 protected:
  int_type underflow() override;
  std::streamsize xsgetn(char* s, std::streamsize n) override;

 private:
  ByteSource& src_;
  std::vector<char> buf_;
  std::string pending_error_;
};

// The name without a compression suffix: "a/b.jsonl.gz" -> "a/b.jsonl".
std::string WithoutCompressionSuffix(const std::string& path);

}  // namespace dyad::io

#endif  // DYAD_IO_INPUT_H_
