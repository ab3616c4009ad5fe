#include "text/normalize.h"

#include <fmt/format.h>
#include <utf8proc.h>

namespace dyad::text {
namespace {

// The ASCII replacement for a code point, or nullptr to keep it as it is.
const char* Fold(utf8proc_int32_t cp) {
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0xFF07:
      return "'";
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0xFF02:
      return "\"";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return "-";
    case 0x2026:
      return "...";
    case 0x00A0:
    case 0x2002:
    case 0x2003:
    case 0x2004:
    case 0x2005:
    case 0x2006:
    case 0x2007:
    case 0x2008:
    case 0x2009:
    case 0x200A:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return " ";
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0xFEFF:
    case 0x00AD:
      return "";
    case 0xFF0C:
    case 0x3001:
      return ",";
    case 0x3002:
    case 0xFF0E:
      return ".";
    default:
      break;
  }
  if (cp < 0x20 && cp != '\n') return " ";                      // tabs, CR and other controls
  if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) return "\n";  // line and paragraph separators
  if (cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return " ";     // DEL and C1 controls
  return nullptr;
}

}  // namespace

std::string ValidateUtf8(std::string_view raw) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(raw.data());
  size_t i = 0;
  while (i < raw.size()) {
    if (p[i] != 0 && p[i] < 0x80) {  // ASCII fast path
      ++i;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t n =
        utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(raw.size() - i), &cp);
    if (n < 0) {
      return fmt::format("invalid UTF-8 at byte {} (0x{:02X})", i, static_cast<unsigned>(p[i]));
    }
    if (cp == 0) return fmt::format("NUL byte at byte {}", i);
    i += static_cast<size_t>(n);
  }
  return "";
}

Result<NormalizedText> Normalize(std::string_view raw) {
  if (raw.size() >= UINT32_MAX) return Status::InvalidInput("text longer than 4 GiB");
  NormalizedText out;
  out.text.reserve(raw.size());
  out.origin.reserve(raw.size() + 1);
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(raw.data());
  size_t i = 0;
  while (i < raw.size()) {
    // ASCII fast path: copy a whole run of printable ASCII at once.
    unsigned char c = p[i];
    if (c >= 0x20 && c < 0x7F) {
      size_t j = i;
      while (j < raw.size() && p[j] >= 0x20 && p[j] < 0x7F) ++j;
      out.text.append(raw.data() + i, j - i);
      for (size_t k = i; k < j; ++k) out.origin.push_back(static_cast<uint32_t>(k));
      i = j;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t n =
        utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(raw.size() - i), &cp);
    if (n < 0) {
      return Status::InvalidInput(
          fmt::format("invalid UTF-8 at byte {} (0x{:02X})", i, static_cast<unsigned>(c)));
    }
    if (cp == 0) return Status::InvalidInput(fmt::format("NUL byte at byte {}", i));
    if (const char* rep = Fold(cp)) {
      for (const char* r = rep; *r; ++r) {
        out.text.push_back(*r);
        out.origin.push_back(static_cast<uint32_t>(i));
      }
    } else {
      for (utf8proc_ssize_t k = 0; k < n; ++k) {
        out.text.push_back(static_cast<char>(p[i + k]));
        out.origin.push_back(static_cast<uint32_t>(i));
      }
    }
    i += static_cast<size_t>(n);
  }
  out.origin.push_back(static_cast<uint32_t>(raw.size()));
  return out;
}

}  // namespace dyad::text
