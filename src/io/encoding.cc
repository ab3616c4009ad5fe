#include "io/encoding.h"

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <memory>

#include "text/normalize.h"

namespace dyad::io {

namespace {

Result<std::string> Convert(const std::string& bytes, const std::string& charset) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset.c_str(), &err);
  if (U_FAILURE(err)) return Status::InvalidInput(fmt::format("unknown encoding '{}'", charset));
  std::unique_ptr<UConverter, void (*)(UConverter*)> guard(conv, ucnv_close);
  // Invalid bytes stop the conversion instead of turning silently into U+FFFD.
  ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  std::u16string wide(bytes.size() * 2 + 16, u'\0');
  int32_t n = ucnv_toUChars(conv, wide.data(), static_cast<int32_t>(wide.size()), bytes.data(),
                            static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) {
    return Status::InvalidInput(
        fmt::format("bytes that are not valid {} ({})", charset, u_errorName(err)));
  }
  wide.resize(n);
  UConverter* utf8 = ucnv_open("UTF-8", &err);
  std::unique_ptr<UConverter, void (*)(UConverter*)> guard8(utf8, ucnv_close);
  std::string out(wide.size() * 3 + 16, '\0');
  int32_t m = ucnv_fromUChars(utf8, out.data(), static_cast<int32_t>(out.size()), wide.data(),
                              static_cast<int32_t>(wide.size()), &err);
  if (U_FAILURE(err))
    return Status::InvalidInput(fmt::format("conversion failed ({})", u_errorName(err)));
  out.resize(m);
  return out;
}

// The offset of a NUL or of the first of many control bytes: binary data, not text in any encoding
// dyad reads (UTF-16 and UTF-32 are not news-page encodings and are refused too).
size_t BinaryOffset(const std::string& bytes) {
  size_t controls = 0, first = std::string::npos;
  for (size_t i = 0; i < bytes.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) return i;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b) {
      if (first == std::string::npos) first = i;
      ++controls;
    }
  }
  return controls * 20 > bytes.size() ? first : std::string::npos;
}

// The encoding ICU finds most likely, preferring the East Asian multi-byte encodings among its
// plausible candidates when the text converts cleanly in them: short Japanese or Chinese passages
// inside English text otherwise pass for a Western single-byte code page.
Result<std::string> Detect(const std::string& bytes) {
  UErrorCode err = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&err);
  std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> guard(det, ucsdet_close);
  ucsdet_setText(det, bytes.data(), static_cast<int32_t>(std::min<size_t>(bytes.size(), 1 << 20)),
                 &err);
  int32_t n = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det, &n, &err);
  if (U_FAILURE(err) || n == 0)
    return Status::InvalidInput("not UTF-8, and no encoding could be recognised");
  static const char* kEastAsian[] = {"Shift_JIS", "GB18030",     "EUC-JP",      "EUC-KR",
                                     "Big5",      "ISO-2022-JP", "ISO-2022-CN", "ISO-2022-KR"};
  for (int32_t i = 0; i < n; ++i) {
    const char* name = ucsdet_getName(matches[i], &err);
    int32_t confidence = ucsdet_getConfidence(matches[i], &err);
    if (!name || confidence < 10) continue;
    for (const char* cjk : kEastAsian)
      if (std::string(name) == cjk && Convert(bytes, name).ok()) return std::string(name);
  }
  const char* best = ucsdet_getName(matches[0], &err);
  int32_t confidence = ucsdet_getConfidence(matches[0], &err);
  if (!best || confidence < 20) {
    return Status::InvalidInput(
        fmt::format("not UTF-8, and the encoding is unclear (best guess {} at {}% confidence)",
                    best ? best : "none", confidence));
  }
  return std::string(best);
}

}  // namespace

Result<std::string> ToUtf8(const std::string& bytes, const std::string& declared,
                           std::string* converted_from) {
  converted_from->clear();
  std::string_view body = bytes;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  if (text::ValidateUtf8(body).empty()) return std::string(body);
  if (size_t bin = BinaryOffset(bytes); bin != std::string::npos)
    return Status::InvalidInput(
        fmt::format("binary data, not text (control byte at offset {})", bin));
  std::string charset = declared;
  if (charset.empty() || charset == "utf-8" || charset == "UTF-8") {
    auto guess = Detect(bytes);
    if (!guess.ok()) return guess.status();
    charset = guess.value();
  }
  auto out = Convert(bytes, charset);
  if (!out.ok()) return Status::InvalidInput("not UTF-8: " + out.status().message());
  *converted_from = charset;
  return out;
}

}  // namespace dyad::io
