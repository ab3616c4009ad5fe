#include "analytics_commands.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>

#include "analytics/analytics.h"
#include "cli_util.h"
#include "report/report.h"
#include "store/store.h"

namespace dyad::cli {

namespace an = dyad::analytics;

struct AnalyticsFlags {
  CLI::App *series = nullptr, *turns = nullptr, *story = nullptr, *report = nullptr,
           *alerts = nullptr;
  std::vector<std::string> dyad;
  std::string db = "dyad.db", by = "month", dimension, from, to, format, output;
  bool directed = false;
  double penalty = 1.0;
  std::vector<std::string> thirds = {"USA", "RUS", "PRK", "KOR", "TWN"};
};

namespace {

const char* kDimensions = "analytics/dimensions.txt";

an::EventRecord Record(const store::StoredEvent& s) {
  an::EventRecord r;
  r.id = s.id;
  r.date = s.event.date;
  r.source = s.event.source;
  r.target = s.event.target;
  r.code = s.event.code;
  r.plover = s.event.plover;
  r.quad = s.event.quad;
  r.goldstein = s.event.goldstein;
  r.contexts = s.event.contexts;
  r.reports = std::max<int64_t>(1, s.reports);
  r.outlets = s.outlets;
  r.evidence = s.event.evidence_text;
  r.doc_id = s.event.doc_id;
  r.url = s.url;
  r.outlet = s.outlet;
  return r;
}

Result<std::vector<an::EventRecord>> Load(store::Store& st, const std::string& a,
                                          const std::string& b, Day from, Day to) {
  store::EventQuery q;
  q.a = a;
  q.b = b;
  q.from = from;
  q.to = to;
  std::vector<an::EventRecord> out;
  Status s = st.ForEachEvent(q, [&](const store::StoredEvent& e) {
    if (e.event.date != kNoDate) out.push_back(Record(e));
    return true;
  });
  if (!s.ok()) return s;
  return out;
}

std::string Today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// Weighted mean index of a set of events (whole range, and their last year).
report::TriangleRow Triangle(const std::string& a, const std::string& b,
                             const std::vector<an::EventRecord>& events) {
  report::TriangleRow r{a, b};
  Day last = kNoDate;
  for (const auto& e : events) last = std::max(last, e.date);
  double w = 0, wg = 0, rw = 0, rwg = 0;
  for (const auto& e : events) {
    w += e.weight();
    wg += e.weight() * e.goldstein;
    if (e.date > last - 365) rw += e.weight(), rwg += e.weight() * e.goldstein;
  }
  r.events = static_cast<int64_t>(events.size());
  r.index = w > 0 ? std::clamp(0.9 * wg / w, -9.0, 9.0) : 0;
  r.recent_index = rw > 0 ? std::clamp(0.9 * rwg / rw, -9.0, 9.0) : 0;
  r.grade = an::Grade(r.index);
  r.recent_grade = an::Grade(r.recent_index);
  return r;
}

struct Context {
  std::unique_ptr<store::Store> store;
  an::Dimensions dims;
  std::map<Day, int64_t> volume;
  an::SeriesOptions options;
  Day from = kNoDate, to = kNoDate;
};

Result<Context> Prepare(const AnalyticsFlags& f, const std::string& data_dir) {
  Context c;
  if (f.dyad.size() != 2) return Status::Usage("give two actors, e.g. CHN JPN");
  if (!an::ParseGranularity(f.by, &c.options.by))
    return Status::Usage(fmt::format("--by '{}': want day, week, month, quarter or year", f.by));
  if (!f.from.empty() && !ParseDate(f.from, &c.from))
    return Status::Usage(fmt::format("--from '{}': want YYYY-MM-DD", f.from));
  if (!f.to.empty() && !ParseDate(f.to, &c.to))
    return Status::Usage(fmt::format("--to '{}': want YYYY-MM-DD", f.to));
  const auto& names = an::Dimensions::Names();
  if (!f.dimension.empty() && std::find(names.begin(), names.end(), f.dimension) == names.end())
    return Status::Usage(
        fmt::format("--dimension '{}': want one of diplomatic, economic, military, "
                    "territorial, history, society, third-party",
                    f.dimension));
  auto dims = an::Dimensions::Load(data_dir + "/" + kDimensions);
  if (!dims.ok()) return dims.status();
  c.dims = std::move(dims).value();
  auto st = store::Store::Open(f.db);
  if (!st.ok()) return st.status();
  c.store = std::move(st).value();
  auto volume = c.store->VolumeByDay();
  if (!volume.ok()) return volume.status();
  c.volume = std::move(volume).value();
  c.options.a = f.dyad[0];
  c.options.b = f.dyad[1];
  c.options.directed = f.directed;
  c.options.from = c.from;
  c.options.to = c.to;
  return c;
}

// The events of either member with the third parties, for the "third-party" dimension.
Result<std::vector<an::EventRecord>> ThirdPartyEvents(Context& c, const AnalyticsFlags& f) {
  std::vector<an::EventRecord> out;
  for (const auto& member : f.dyad)
    for (const auto& third : f.thirds) {
      auto ev = Load(*c.store, member, third, c.from, c.to);
      if (!ev.ok()) return ev.status();
      out.insert(out.end(), ev->begin(), ev->end());
    }
  return out;
}

Result<std::vector<an::EventRecord>> DimensionEvents(Context& c, const AnalyticsFlags& f,
                                                     const std::vector<an::EventRecord>& dyad) {
  if (c.options.dimension == "third-party") return ThirdPartyEvents(c, f);
  return dyad;
}

Result<report::ReportInput> Assemble(Context& c, const AnalyticsFlags& f) {
  report::ReportInput in;
  in.a = f.dyad[0];
  in.b = f.dyad[1];
  in.source = f.db;
  in.by = c.options.by;
  in.generated = Today();
  auto events = Load(*c.store, in.a, in.b, c.from, c.to);
  if (!events.ok()) return events.status();
  in.events = static_cast<int64_t>(events->size());
  an::SeriesOptions o = c.options;
  o.directed = false;
  o.dimension.clear();
  in.series = an::BuildSeries(events.value(), o, &c.dims, c.volume);
  an::SeriesOptions d = o;
  d.directed = true;
  in.ab = an::BuildSeries(events.value(), d, &c.dims, c.volume);
  std::swap(d.a, d.b);
  in.ba = an::BuildSeries(events.value(), d, &c.dims, c.volume);
  an::SeriesOptions yearly = o;
  yearly.by = an::Granularity::kYear;
  yearly.index.half_life = 1;
  for (const auto& name : an::Dimensions::Names()) {
    if (name == "third-party") {
      auto third = ThirdPartyEvents(c, f);
      if (!third.ok()) return third.status();
      in.dimensions[name] = an::BuildSeries(third.value(), yearly, &c.dims, c.volume);
      continue;
    }
    yearly.dimension = name;
    in.dimensions[name] = an::BuildSeries(events.value(), yearly, &c.dims, c.volume);
  }
  an::TurnOptions t;
  t.penalty_scale = f.penalty;
  in.turns = an::FindTurns(in.series, events.value(), c.options.by, t);
  in.segments = an::Segments(in.series, in.turns);
  in.reciprocity_ab = an::ComputeReciprocity(events.value(), in.a, in.b, in.reciprocity_days);
  in.reciprocity_ba = an::ComputeReciprocity(events.value(), in.b, in.a, in.reciprocity_days);
  in.cusum = an::LatestCusum(in.series);
  in.triangle.push_back(Triangle(in.a, in.b, events.value()));
  for (const auto& third : f.thirds)
    for (const auto& member : f.dyad) {
      auto ev = Load(*c.store, third, member, c.from, c.to);
      if (!ev.ok()) return ev.status();
      if (!ev->empty()) in.triangle.push_back(Triangle(third, member, ev.value()));
    }
  std::vector<an::EventRecord> top = events.value();
  std::sort(top.begin(), top.end(), [](const an::EventRecord& x, const an::EventRecord& y) {
    double kx = std::fabs(x.goldstein) * x.weight(), ky = std::fabs(y.goldstein) * y.weight();
    return kx != ky ? kx > ky : x.id < y.id;
  });
  if (top.size() > 20) top.resize(20);
  in.top_events = std::move(top);
  return in;
}

int Fail(const Status& s) {
  fmt::print(stderr, "dyad: {}\n", s.message());
  return 2;
}

int RunSeries(AnalyticsFlags& f, Context& c) {
  auto events = Load(*c.store, f.dyad[0], f.dyad[1], c.from, c.to);
  if (!events.ok()) return Fail(events.status());
  c.options.dimension = f.dimension;
  auto source = DimensionEvents(c, f, events.value());
  if (!source.ok()) return Fail(source.status());
  if (c.options.dimension == "third-party") c.options.dimension.clear(), c.options.directed = false;
  auto series = an::BuildSeries(source.value(), c.options, &c.dims, c.volume);
  std::string fmt_ = f.format.empty() ? "table" : f.format;
  if (fmt_ == "json") {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& p : series)
      j.push_back({{"period", p.period.label},
                   {"events", p.events},
                   {"verbal_cooperation", p.quad[1]},
                   {"material_cooperation", p.quad[2]},
                   {"verbal_conflict", p.quad[3]},
                   {"material_conflict", p.quad[4]},
                   {"goldstein_sum", p.goldstein_sum},
                   {"goldstein_mean", p.goldstein_mean},
                   {"net_cooperation", p.net_cooperation},
                   {"volume", p.volume},
                   {"events_per_1000", p.per_1000},
                   {"index", p.index},
                   {"index_low", p.index_low},
                   {"index_high", p.index_high},
                   {"grade", p.grade}});
    Out(j.dump(1) + "\n");
  } else {
    const char* sep = fmt_ == "csv" ? "," : "  ";
    if (fmt_ == "csv")
      Out("period,events,verbal_coop,material_coop,verbal_conflict,material_conflict,goldstein_sum,"
          "goldstein_mean,net_cooperation,volume,events_per_1000,index,index_low,index_high,"
          "grade\n");
    else
      Out("period       events  vc  mc  vf  mf  gold.sum  mean   net   per1k   index  (95% band)   "
          " grade\n");
    for (const auto& p : series) {
      if (fmt_ == "csv")
        Out(fmt::format(
            "{}{s}{}{s}{}{s}{}{s}{}{s}{}{s}{:.1f}{s}{:.3f}{s}{:.3f}{s}{:.0f}{s}{:.2f}{s}"
            "{:.3f}{s}{:.3f}{s}{:.3f}{s}{}\n",
            p.period.label, p.events, p.quad[1], p.quad[2], p.quad[3], p.quad[4], p.goldstein_sum,
            p.goldstein_mean, p.net_cooperation, p.volume, p.per_1000, p.index, p.index_low,
            p.index_high, p.grade, fmt::arg("s", sep)));
      else
        Out(
            fmt::format("{:<11} {:>6} {:>3} {:>3} {:>3} {:>3} {:>9.1f} {:>5.1f} {:>5.2f} {:>7.1f}  "
                        "{:+5.1f} ({:+5.1f},{:+5.1f})  {}\n",
                        p.period.label, p.events, p.quad[1], p.quad[2], p.quad[3], p.quad[4],
                        p.goldstein_sum, p.goldstein_mean, p.net_cooperation, p.per_1000, p.index,
                        p.index_low, p.index_high, p.grade));
    }
  }
  FlushOut();
  return 0;
}

nlohmann::json TurnJson(const an::Turn& t) {
  nlohmann::json drivers = nlohmann::json::array();
  for (const auto& d : t.drivers)
    drivers.push_back({{"date", FormatDate(d.event.date)},
                       {"source", d.event.source},
                       {"target", d.event.target},
                       {"code", d.event.code},
                       {"goldstein", d.event.goldstein},
                       {"reports", d.event.reports},
                       {"contribution", d.contribution},
                       {"evidence", d.event.evidence},
                       {"doc_id", d.event.doc_id},
                       {"url", d.event.url}});
  return {{"period", t.period.label},
          {"before", t.before},
          {"after", t.after},
          {"grade_before", t.grade_before},
          {"grade_after", t.grade_after},
          {"anniversary", t.anniversary},
          {"note", t.anniversary_note},
          {"drivers", drivers}};
}

int RunTurns(AnalyticsFlags& f, Context& c) {
  // Only what turns need: the dyad's events, its series, the change points.
  auto events = Load(*c.store, f.dyad[0], f.dyad[1], c.from, c.to);
  if (!events.ok()) return Fail(events.status());
  an::SeriesOptions o = c.options;
  o.directed = false;
  auto series = an::BuildSeries(events.value(), o, &c.dims, c.volume);
  an::TurnOptions t;
  t.penalty_scale = f.penalty;
  auto turns = an::FindTurns(series, events.value(), o.by, t);
  if (f.format == "json") {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& t : turns) j.push_back(TurnJson(t));
    Out(j.dump(1) + "\n");
  } else {
    for (const auto& t : turns) {
      Out(fmt::format("{}  {:+.1f} -> {:+.1f}  ({} -> {}){}\n", t.period.label, t.before, t.after,
                      t.grade_before, t.grade_after,
                      t.anniversary ? "  [" + t.anniversary_note + "]" : ""));
      for (const auto& d : t.drivers)
        Out(fmt::format("    {} {}->{} {} {:+.1f}  \"{}\"  [{}]\n", FormatDate(d.event.date),
                        d.event.source, d.event.target, d.event.code, d.event.goldstein,
                        d.event.evidence, d.event.doc_id));
    }
  }
  FlushOut();
  return 0;
}

int RunStory(AnalyticsFlags& f, Context& c) {
  auto in = Assemble(c, f);
  if (!in.ok()) return Fail(in.status());
  Out(report::RenderStory(in.value()));
  FlushOut();
  return 0;
}

int RunReport(AnalyticsFlags& f, Context& c) {
  auto in = Assemble(c, f);
  if (!in.ok()) return Fail(in.status());
  std::string text =
      f.format == "md" ? report::RenderMarkdown(in.value()) : report::RenderHtml(in.value());
  std::string path = f.output.empty() ? (f.format == "md" ? "report.md" : "report.html") : f.output;
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    fmt::print(stderr, "dyad: {}: cannot write the report\n", path);
    return 2;
  }
  fmt::print(stderr, "dyad: wrote {} ({} KB): {} events, {} turning points\n", path,
             text.size() / 1024, in->events, in->turns.size());
  return 0;
}

int RunAlerts(AnalyticsFlags& f, Context& c) {
  auto in = Assemble(c, f);
  if (!in.ok()) return Fail(in.status());
  const auto& s = in->series;
  std::vector<std::string> alerts;
  if (s.size() >= 2 && s.back().grade != s[s.size() - 2].grade)
    alerts.push_back(
        fmt::format("the index crossed a grade boundary in {}: {} ({:+.1f}) -> {} ({:+.1f})",
                    s.back().period.label, s[s.size() - 2].grade, s[s.size() - 2].index,
                    s.back().grade, s.back().index));
  if (in->cusum.alarm)
    alerts.push_back(fmt::format(
        "CUSUM alarm: the latest periods moved {} (statistic {:.1f} > {:.0f})",
        in->cusum.direction < 0 ? "down" : "up", in->cusum.statistic, in->cusum.threshold));
  // The events of the latest period that pushed hardest, as the alert's evidence.
  std::vector<an::EventRecord> latest;
  if (!s.empty())
    for (const auto& e : in->top_events)
      if (e.date >= s.back().period.start) latest.push_back(e);
  if (f.format == "json") {
    nlohmann::json j = {{"dyad", {in->a, in->b}},
                        {"period", s.empty() ? "" : s.back().period.label},
                        {"index", s.empty() ? 0 : s.back().index},
                        {"grade", s.empty() ? "" : s.back().grade},
                        {"cusum", in->cusum.statistic},
                        {"alerts", alerts},
                        {"events", nlohmann::json::array()}};
    for (const auto& e : latest)
      j["events"].push_back({{"date", FormatDate(e.date)},
                             {"source", e.source},
                             {"target", e.target},
                             {"code", e.code},
                             {"evidence", e.evidence},
                             {"doc_id", e.doc_id}});
    Out(j.dump(1) + "\n");
  } else {
    Out(alerts.empty()
            ? fmt::format("{}-{}: no alert for {} ({:+.1f}, {})\n", in->a, in->b,
                          s.empty() ? "-" : s.back().period.label, s.empty() ? 0 : s.back().index,
                          s.empty() ? "" : s.back().grade)
            : "");
    for (const auto& a : alerts) Out(fmt::format("ALERT {}-{}: {}\n", in->a, in->b, a));
    for (const auto& e : latest)
      Out(fmt::format("    {} {}->{} {} \"{}\" [{}]\n", FormatDate(e.date), e.source, e.target,
                      e.code, e.evidence, e.doc_id));
  }
  FlushOut();
  return alerts.empty() ? 0 : 3;
}

}  // namespace

AnalyticsCommands::AnalyticsCommands(CLI::App& app, std::string* data_flag)
    : f_(std::make_unique<AnalyticsFlags>()) {
  AnalyticsFlags* f = f_.get();
  auto common = [f, data_flag](CLI::App* cmd) {
    cmd->add_option("actors", f->dyad, "the dyad: two country codes (or code prefixes)")
        ->expected(2)
        ->required();
    cmd->add_option("--db", f->db, "the store")->capture_default_str();
    cmd->add_option("--by", f->by, "day, week, month, quarter or year")->capture_default_str();
    cmd->add_option("--from", f->from, "first date, YYYY-MM-DD");
    cmd->add_option("--to", f->to, "last date, YYYY-MM-DD");
    cmd->add_option("--penalty", f->penalty, "change-point penalty scale (higher: fewer turns)");
    cmd->add_option("--data", *data_flag, "dictionary directory (for analytics/dimensions.txt)");
  };
  f->series = app.add_subcommand("series",
                                 "a dyad's measures by period: counts by quad class, "
                                 "Goldstein, net cooperation, volume, index and grade");
  common(f->series);
  f->series->add_option(
      "--dimension", f->dimension,
      "diplomatic, economic, military, territorial, history, society, third-party");
  f->series->add_flag("--directed", f->directed, "only the first actor's acts toward the second");
  f->series->add_option("--format", f->format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  f->turns =
      app.add_subcommand("turns", "turning points (change points) and the events behind them");
  common(f->turns);
  f->turns->add_option("--format", f->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));
  f->story =
      app.add_subcommand("story", "the relationship's story: periods, grades, turning points");
  common(f->story);
  f->report = app.add_subcommand("report", "write a self-contained HTML (or Markdown) report");
  common(f->report);
  f->report->add_option("-o,--output", f->output, "output file (default report.html / report.md)");
  f->report->add_option("--format", f->format, "html or md")->check(CLI::IsMember({"html", "md"}));
  f->alerts = app.add_subcommand(
      "alerts",
      "did the latest period cross a grade boundary or fire a CUSUM alarm? (exit 3 if so)");
  common(f->alerts);
  f->alerts->add_option("--format", f->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
}

AnalyticsCommands::~AnalyticsCommands() = default;

bool AnalyticsCommands::Run(const std::string& data_dir, int* rc) {
  AnalyticsFlags& f = *f_;
  if (!*f.series && !*f.turns && !*f.story && !*f.report && !*f.alerts) return false;
  auto c = Prepare(f, data_dir);
  if (!c.ok()) {
    *rc = Fail(c.status());
    return true;
  }
  if (*f.series) *rc = RunSeries(f, c.value());
  if (*f.turns) *rc = RunTurns(f, c.value());
  if (*f.story) *rc = RunStory(f, c.value());
  if (*f.report) *rc = RunReport(f, c.value());
  if (*f.alerts) *rc = RunAlerts(f, c.value());
  return true;
}

}  // namespace dyad::cli
