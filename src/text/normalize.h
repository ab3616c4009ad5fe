// UTF-8 validation and normalisation that keeps a byte map back to the original text.
#ifndef DYAD_TEXT_NORMALIZE_H_
#define DYAD_TEXT_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad::text {

// Text after normalisation. `text` is ASCII-leaning UTF-8: typographic quotes, dashes, ellipses and
// unusual spaces are folded to their ASCII forms, C0 and C1 control characters (but newline) become
// spaces, Unicode line and paragraph separators become newlines; other code points are kept as they
// are. `origin[i]` is the byte offset in the original of normalised byte i; origin has text.size()
// + 1 entries, the last one being the original's size.
struct NormalizedText {
  std::string text;
  std::vector<uint32_t> origin;
};

// Validates `raw` as UTF-8 without NUL bytes and normalises it. On bad input returns InvalidInput
// naming the byte offset and the offending byte value.
Result<NormalizedText> Normalize(std::string_view raw);

// Returns "" when `raw` is valid UTF-8, else a message naming the first bad byte offset.
std::string ValidateUtf8(std::string_view raw);

}  // namespace dyad::text

#endif  // DYAD_TEXT_NORMALIZE_H_
