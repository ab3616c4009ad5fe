// Negation, refusal, intent and threat in front of a matched pattern, and the codes they lead to.
#ifndef DYAD_CODER_MODALITY_H_
#define DYAD_CODER_MODALITY_H_

#include <string>

#include "coder/sentence.h"

namespace dyad::coder {

enum class Modality { kPlain, kNegated, kRefused, kIntended, kThreatened, kUnrealized };

// Reads the words just before token `start` (within its clause).
Modality ModalityBefore(const Sentence& s, uint32_t start, std::string* cue);

// The CAMEO code for an act that is intended, threatened or refused rather than done.
std::string IntentCode(const std::string& code);
std::string ThreatCode(const std::string& code);
std::string RefusalCode(const std::string& code);

}  // namespace dyad::coder

#endif  // DYAD_CODER_MODALITY_H_
