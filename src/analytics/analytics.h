// Dyad measures: series by period, dimensions, a relationship index with grades and an uncertainty
// band, asymmetry and reciprocity, change points with the events that drove them, and alarms for
// the latest period. Pure functions over event records; see src/analytics/README.md for every
// formula.
#ifndef DYAD_ANALYTICS_ANALYTICS_H_
#define DYAD_ANALYTICS_ANALYTICS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "dyad/event.h"
#include "dyad/status.h"

namespace dyad::analytics {

// ---- periods ----------------------------------------------------------------------------------

enum class Granularity { kDay, kWeek, kMonth, kQuarter, kYear };
bool ParseGranularity(const std::string& s, Granularity* out);  // day, week, month, quarter, year

struct Period {
  int64_t index = 0;  // consecutive periods have consecutive indexes
  Day start = 0, end = 0;
  std::string label;  // 2012-09, 2012-Q3, 2012, 2012-W37, 2012-09-11
};
Period PeriodOf(Day d, Granularity g);
Period PeriodAt(int64_t index, Granularity g);

// ---- events -----------------------------------------------------------------------------------

// What the measures need of an event (the store's StoredEvent converts to this).
struct EventRecord {
  int64_t id = 0;
  Day date = kNoDate;
  std::string source, target, code, plover;
  int quad = 0;
  double goldstein = 0;
  std::vector<std::string> contexts;
  int64_t reports = 1, outlets = 1;
  std::string evidence, doc_id, url, outlet;
  // Weight of the event in every mean: (1 + ln(reports)) * (1 + |Goldstein|/2). Repeated reporting
  // adds confidence without letting one story swamp a period; intense acts count more than mild
  // ones, so that a seafood ban is not cancelled out by four routine phone calls.
  double weight() const;
};

// Maps events to the seven dimensions (diplomatic, economic, military/security,
// territorial/maritime, history/memory, society/public opinion, third-party) from their PLOVER
// contexts, then their CAMEO root; the table is data/analytics/dimensions.txt.
class Dimensions {
 public:
  // Loads "key | dimension" lines; key is a context name or "root:NN". Fails naming file:line.
  static Result<Dimensions> Load(const std::string& path);
  // The event's dimension: its first context with a dimension (in the file's order of priority),
  // else its root's, else "diplomatic".
  std::string Of(const EventRecord& e) const;
  static const std::vector<std::string>& Names();

 private:
  std::vector<std::pair<std::string, std::string>> contexts_;  // in priority order
  std::map<std::string, std::string> roots_;
};

// ---- series and the index ---------------------------------------------------------------------

// The relationship index's grades on the -9..+9 scale (the Tsinghua Sino-foreign relations scale).
std::string Grade(double index);  // confrontation, tense, discord, ordinary, good, friendly
inline constexpr double kGradeBounds[] = {-6, -3, 0, 3, 6};

struct IndexOptions {
  double half_life = 1;     // in periods: how fast older periods fade
  double prior_weight = 2;  // events' worth of pull toward the baseline in sparse periods
  double baseline = 0;      // set by BuildSeries to the dyad's long-run mean Goldstein
};

struct Point {
  Period period;
  int64_t events = 0;
  int64_t quad[5] = {0, 0, 0, 0,
                     0};  // [1..4]: verbal coop, material coop, verbal/material conflict
  double goldstein_sum = 0, goldstein_mean = 0;  // weighted mean
  double net_cooperation = 0;  // (cooperative - conflictual events) / events, in [-1, 1]
  double volume = 0;           // news volume: documents (else all events) in the period
  double per_1000 = 0;         // events per 1,000 units of volume
  double index = 0, index_low = 0, index_high = 0;  // relationship index and its 95% band
  std::string grade;
  // Sums behind the means (weights w, w*g, w*g^2, w^2).
  double w = 0, wg = 0, wg2 = 0, w2 = 0;
};

struct SeriesOptions {
  Granularity by = Granularity::kMonth;
  std::string a, b;                  // the dyad (country codes or prefixes), for direction
  bool directed = false;             // only a -> b
  std::string dimension;             // only events of this dimension ("" = all)
  Day from = kNoDate, to = kNoDate;  // range of periods to emit (default: first to last event)
  IndexOptions index;
};

// One point per period from the first to the last (empty periods included, so that time reads
// evenly), with the index computed over the whole run. `volume` maps days to news volume.
std::vector<Point> BuildSeries(const std::vector<EventRecord>& events, const SeriesOptions& options,
                               const Dimensions* dimensions, const std::map<Day, int64_t>& volume);

// Fills index, band and grade from the points' sums (exponential decay with the half-life, a prior
// of prior_weight events at the baseline).
void ComputeIndex(const IndexOptions& options, std::vector<Point>* series);

// ---- asymmetry and reciprocity -----------------------------------------------------------------

bool Matches(const std::string& code, const std::string& actor);  // code starts with actor

struct Reciprocity {
  int64_t triggers = 0;  // conflict events from `from` to `to`
  int64_t answered = 0;  // of which followed by conflict from `to` within k days
  double rate = 0, base_rate = 0, lift = 0;  // answered/triggers; chance of such a reply; ratio
};
// Does conflict from `to` toward `from` follow conflict from `from` within k days, more than
// chance would have it?
Reciprocity ComputeReciprocity(const std::vector<EventRecord>& events, const std::string& from,
                               const std::string& to, int k_days);

// ---- change points ----------------------------------------------------------------------------

// PELT (Killick et al. 2012) for changes in a weighted mean: minimises the sum over segments of
// sum_i w_i (x_i - mean_w)^2 plus `penalty` per change. Returns the start indexes of segments after
// the first. Segments hold at least min_size points.
std::vector<size_t> Pelt(const std::vector<double>& x, const std::vector<double>& w, double penalty,
                         size_t min_size);

struct Driver {
  EventRecord event;
  double contribution = 0;  // weight * (Goldstein - mean before), in the direction of the change
};

struct Turn {
  Period period;                 // the first period of the new level
  double before = 0, after = 0;  // index-scale means of the segments around it
  std::string grade_before, grade_after;
  std::vector<Driver> drivers;  // largest contributions first
  bool anniversary = false;     // the drivers cluster on 7 Jul, 15 Aug, 18 Sep or 13 Dec
  std::string anniversary_note;
};

struct TurnOptions {
  double penalty_scale = 1.0;  // multiplies the default penalty (higher: fewer turns)
  size_t min_size = 1;
  size_t drivers = 5;
};

// Change points of the series' period means, each with the events that moved it.
std::vector<Turn> FindTurns(const std::vector<Point>& series,
                            const std::vector<EventRecord>& events, Granularity by,
                            const TurnOptions& options);

struct Cusum {
  bool alarm = false;
  double statistic = 0;  // largest standardised cumulative deviation over the recent periods
  double threshold = 4;
  int direction = 0;  // -1 worse, +1 better
};
// Two-sided CUSUM over the last `recent` non-empty periods against the level before them.
Cusum LatestCusum(const std::vector<Point>& series, size_t recent = 3);

// ---- the story -------------------------------------------------------------------------------

struct Segment {
  Period first, last;
  double index = 0;
  std::string grade;
  int64_t events = 0;
};
// The periods between turns with their mean index and grade.
std::vector<Segment> Segments(const std::vector<Point>& series, const std::vector<Turn>& turns);

}  // namespace dyad::analytics

#endif  // DYAD_ANALYTICS_ANALYTICS_H_
