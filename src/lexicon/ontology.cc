// Public look-ups into the compiled dictionaries: the CAMEO ontology and actor names.
#include <algorithm>
#include <cctype>
#include <map>

#include "dyad/coder.h"
#include "lexicon/lexicon.h"

namespace dyad {

namespace {
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

std::string DictionaryVersion(const Lexicon& lexicon) { return lexicon.version; }

bool DescribeCode(const Lexicon& lexicon, Event* e) {
  const lexicon::CameoInfo* info = lexicon.Cameo(e->code);
  if (info == nullptr) return false;
  e->goldstein = info->goldstein;
  e->quad = info->quad;
  e->plover = info->plover;
  e->mode = info->mode;
  e->contexts = info->contexts;
  return true;
}

bool DescribePloverType(const Lexicon& lexicon, const std::string& type, Event* e) {
  std::map<int, int> quads;
  double sum = 0;
  int n = 0;
  for (const auto& [code, info] : lexicon.cameo) {
    if (info.plover != type) continue;
    ++quads[info.quad];
    sum += info.goldstein;
    ++n;
  }
  if (n == 0) return false;
  e->plover = type;
  e->quad = std::max_element(quads.begin(), quads.end(), [](const auto& a, const auto& b) {
              return a.second < b.second;
            })->first;
  e->goldstein = sum / n;
  return true;
}

std::string ActorCodeFor(const Lexicon& lexicon, std::string_view name, Day date) {
  std::string want = Lower(name);
  for (const auto& entry : lexicon.actors) {
    if (entry.place || entry.rows.empty() || Lower(entry.name) != want) continue;
    const auto& row = entry.RowFor(date);
    if (row.code.empty() || row.code == "-") continue;
    return row.code;
  }
  return "";
}

}  // namespace dyad
