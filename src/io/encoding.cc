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

}  // namespace

Result<std::string> ToUtf8(const std::string& bytes, const std::string& declared,
                           std::string* converted_from) {
  converted_from->clear();
  std::string_view body = bytes;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  if (text::ValidateUtf8(body).empty()) return std::string(body);
  std::string charset = declared;
  if (charset.empty() || charset == "utf-8" || charset == "UTF-8") {
    UErrorCode err = U_ZERO_ERROR;
    UCharsetDetector* det = ucsdet_open(&err);
    std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> guard(det, ucsdet_close);
    ucsdet_setText(det, bytes.data(), static_cast<int32_t>(std::min<size_t>(bytes.size(), 1 << 20)),
                   &err);
    const UCharsetMatch* match = ucsdet_detect(det, &err);
    if (U_FAILURE(err) || !match) {
      return Status::InvalidInput("not UTF-8, and no encoding could be recognised");
    }
    int32_t confidence = ucsdet_getConfidence(match, &err);
    const char* name = ucsdet_getName(match, &err);
    if (U_FAILURE(err) || confidence < 20 || !name) {
      return Status::InvalidInput(
          fmt::format("not UTF-8, and the encoding is unclear (best guess {} at {}% confidence)",
                      name ? name : "none", confidence));
    }
    charset = name;
  }
  auto out = Convert(bytes, charset);
  if (!out.ok()) return Status::InvalidInput("not UTF-8: " + out.status().message());
  *converted_from = charset;
  return out;
}

}  // namespace dyad::io
