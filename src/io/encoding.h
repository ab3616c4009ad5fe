// Text that is not UTF-8: detect its encoding (ICU) and convert it, or refuse with a reason.
#ifndef DYAD_IO_ENCODING_H_
#define DYAD_IO_ENCODING_H_

#include <string>

#include "dyad/status.h"

namespace dyad::io {

// Returns `bytes` as UTF-8. Valid UTF-8 comes back as is (a BOM removed). Otherwise the encoding
// is `declared` when given (e.g. from an HTML meta tag or an XML declaration) or detected; the
// text is converted and *converted_from names the encoding. Fails when no encoding is recognised
// with confidence or the conversion meets bytes that are invalid in it.
Result<std::string> ToUtf8(const std::string& bytes, const std::string& declared,
                           std::string* converted_from);

}  // namespace dyad::io

#endif  // DYAD_IO_ENCODING_H_
