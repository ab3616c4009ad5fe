// Views of a dyad's measures: the story as text, a Markdown report, and a self-contained HTML
// report (charts drawn by Chart.js, inlined at build time; no network needed to open it).
#ifndef DYAD_REPORT_REPORT_H_
#define DYAD_REPORT_REPORT_H_

#include <map>
#include <string>
#include <vector>

#include "analytics/analytics.h"

namespace dyad::report {

struct TriangleRow {
  std::string a, b;
  int64_t events = 0;
  double index = 0;         // over the whole range
  double recent_index = 0;  // over the last year of the range
  std::string grade, recent_grade;
};

// Everything a report shows, computed by the caller from the store.
struct ReportInput {
  std::string a, b, source;  // the dyad and the store it came from
  analytics::Granularity by = analytics::Granularity::kMonth;
  std::vector<analytics::Point> series;                             // undirected
  std::vector<analytics::Point> ab, ba;                             // directed
  std::map<std::string, std::vector<analytics::Point>> dimensions;  // by dimension name
  std::vector<analytics::Turn> turns;
  std::vector<analytics::Segment> segments;
  analytics::Reciprocity reciprocity_ab, reciprocity_ba;
  int reciprocity_days = 7;
  std::vector<TriangleRow> triangle;
  std::vector<analytics::EventRecord> top_events;
  analytics::Cusum cusum;
  int64_t events = 0;
  std::string generated;  // date of the report
};

// The story for a terminal: periods with grades, then each turning point with its top events.
std::string RenderStory(const ReportInput& in);
std::string RenderMarkdown(const ReportInput& in);
std::string RenderHtml(const ReportInput& in);

// The Chart.js build inlined into HTML reports (from Debian's libjs-chart.js at build time).
extern const char* const kChartJs;

}  // namespace dyad::report

#endif  // DYAD_REPORT_REPORT_H_
