#include "io/input.h"

#include <fmt/format.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace dyad::io {

namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class FileSource : public ByteSource {
 public:
  FileSource(std::FILE* f, std::string name) : f_(f), name_(std::move(name)) {}
  ~FileSource() override { std::fclose(f_); }
  Result<size_t> Read(char* buf, size_t n) override {
    size_t got = std::fread(buf, 1, n, f_);
    if (got == 0 && std::ferror(f_))
      return Status::IoError(
          fmt::format("{}: read error at byte {}: {}", name_, consumed_, std::strerror(errno)));
    consumed_ += got;
    return got;
  }
  uint64_t consumed() const override { return consumed_; }

 private:
  std::FILE* f_;
  std::string name_;
  uint64_t consumed_ = 0;
};

class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string bytes) : bytes_(std::move(bytes)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    size_t got = std::min(n, bytes_.size() - pos_);
    std::memcpy(buf, bytes_.data() + pos_, got);
    pos_ += got;
    return got;
  }
  uint64_t consumed() const override { return pos_; }

 private:
  std::string bytes_;
  size_t pos_ = 0;
};

// gzip (and concatenated gzip members), via zlib's inflate.
class GzipSource : public ByteSource {
 public:
  GzipSource(std::unique_ptr<ByteSource> raw, std::string name)
      : raw_(std::move(raw)), name_(std::move(name)), in_(1 << 16) {
    std::memset(&z_, 0, sizeof z_);
    inflateInit2(&z_, 15 + 32);
  }
  ~GzipSource() override { inflateEnd(&z_); }
  uint64_t consumed() const override { return raw_->consumed(); }

  Result<size_t> Read(char* buf, size_t n) override {
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(n);
    while (z_.avail_out == n) {
      if (z_.avail_in == 0) {
        auto got = raw_->Read(in_.data(), in_.size());
        if (!got.ok()) return got.status();
        if (got.value() == 0) {
          if (!in_member_) return size_t{0};
          return Status::InvalidInput(
              fmt::format("{}: truncated gzip stream at byte {}", name_, raw_->consumed()));
        }
        z_.next_in = reinterpret_cast<Bytef*>(in_.data());
        z_.avail_in = static_cast<uInt>(got.value());
      }
      in_member_ = true;
      int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        inflateReset(&z_);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Status::InvalidInput(fmt::format("{}: corrupt gzip data near byte {}: {}", name_,
                                                raw_->consumed() - z_.avail_in,
                                                z_.msg ? z_.msg : "error"));
      }
    }
    return n - z_.avail_out;
  }

 private:
  std::unique_ptr<ByteSource> raw_;
  std::string name_;
  std::vector<char> in_;
  z_stream z_;
  bool in_member_ = false;
};

class ZstdSource : public ByteSource {
 public:
  ZstdSource(std::unique_ptr<ByteSource> raw, std::string name)
      : raw_(std::move(raw)), name_(std::move(name)), in_(ZSTD_DStreamInSize()) {
    ds_ = ZSTD_createDStream();
    ZSTD_initDStream(ds_);
  }
  ~ZstdSource() override { ZSTD_freeDStream(ds_); }
  uint64_t consumed() const override { return raw_->consumed(); }

  Result<size_t> Read(char* buf, size_t n) override {
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos == 0) {
      if (ib_.pos == ib_.size) {
        auto got = raw_->Read(in_.data(), in_.size());
        if (!got.ok()) return got.status();
        if (got.value() == 0) {
          if (!pending_) return size_t{0};
          return Status::InvalidInput(
              fmt::format("{}: truncated zstd stream at byte {}", name_, raw_->consumed()));
        }
        ib_ = {in_.data(), got.value(), 0};
      }
      size_t rc = ZSTD_decompressStream(ds_, &out, &ib_);
      if (ZSTD_isError(rc)) {
        return Status::InvalidInput(fmt::format("{}: corrupt zstd data near byte {}: {}", name_,
                                                raw_->consumed(), ZSTD_getErrorName(rc)));
      }
      pending_ = rc != 0;
    }
    return out.pos;
  }

 private:
  std::unique_ptr<ByteSource> raw_;
  std::string name_;
  std::vector<char> in_;
  ZSTD_DStream* ds_;
  ZSTD_inBuffer ib_{nullptr, 0, 0};
  bool pending_ = false;
};

}  // namespace

std::string WithoutCompressionSuffix(const std::string& path) {
  if (EndsWith(path, ".gz")) return path.substr(0, path.size() - 3);
  if (EndsWith(path, ".zst")) return path.substr(0, path.size() - 4);
  return path;
}

Result<std::unique_ptr<ByteSource>> OpenInput(const std::string& path) {
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!f) return Status::NotFound(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  // Sniff the magic bytes so that a compressed file with another name still reads.
  unsigned char magic[4] = {0, 0, 0, 0};
  size_t got = path == "-" ? 0 : std::fread(magic, 1, 4, f);
  if (path != "-" && std::ferror(f)) {
    std::string msg = fmt::format("{}: cannot read: {}", path, std::strerror(errno));
    std::fclose(f);
    return Status::IoError(msg);
  }
  if (path != "-") std::rewind(f);
  auto raw = std::make_unique<FileSource>(f, path);
  bool gz = got >= 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  bool zst =
      got >= 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd;
  if (gz || (got < 2 && EndsWith(path, ".gz")))
    return std::unique_ptr<ByteSource>(std::make_unique<GzipSource>(std::move(raw), path));
  if (zst || (got < 4 && EndsWith(path, ".zst")))
    return std::unique_ptr<ByteSource>(std::make_unique<ZstdSource>(std::move(raw), path));
  return std::unique_ptr<ByteSource>(std::move(raw));
}

std::unique_ptr<ByteSource> MemoryInput(std::string bytes) {
  return std::make_unique<MemorySource>(std::move(bytes));
}

Result<std::string> ReadAll(ByteSource& in, const std::string& name, size_t max_bytes) {
  std::string out;
  std::vector<char> buf(1 << 16);
  while (true) {
    auto got = in.Read(buf.data(), buf.size());
    if (!got.ok()) return got.status();
    if (got.value() == 0) break;
    if (out.size() + got.value() > max_bytes) {
      return Status::InvalidInput(
          fmt::format("{}: larger than {} MB; a single document is at most that (split it, or "
                      "use JSONL/CSV with one document per record)",
                      name, max_bytes >> 20));
    }
    out.append(buf.data(), got.value());
  }
  return out;
}

ByteSourceBuf::int_type ByteSourceBuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (!pending_error_.empty()) throw std::runtime_error(pending_error_);
  auto got = src_.Read(buf_.data(), buf_.size());
  if (!got.ok()) throw std::runtime_error(got.status().message());
  if (got.value() == 0) return traits_type::eof();
  setg(buf_.data(), buf_.data(), buf_.data() + got.value());
  return traits_type::to_int_type(*gptr());
}

std::streamsize ByteSourceBuf::xsgetn(char* s, std::streamsize n) {
  std::streamsize done = 0;
  while (done < n) {
    if (gptr() == egptr()) {
      try {
        if (underflow() == traits_type::eof()) break;
      } catch (const std::runtime_error& e) {
        if (done == 0) throw;
        pending_error_ = e.what();  // hand over what was read; the error comes next call
        break;
      }
    }
    std::streamsize take = std::min<std::streamsize>(n - done, egptr() - gptr());
    std::memcpy(s + done, gptr(), static_cast<size_t>(take));
    gbump(static_cast<int>(take));
    done += take;
  }
  return done;
}

}  // namespace dyad::io
