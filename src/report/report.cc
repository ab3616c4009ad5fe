#include "report/report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace dyad::report {

namespace {

using analytics::EventRecord;
using analytics::Point;
using nlohmann::json;

std::string Short(const std::string& s, size_t n) {
  return s.size() <= n ? s : s.substr(0, n - 3) + "...";
}

std::string Html(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Md(const std::string& s) {
  std::string out;
  for (char c : s)
    out += c == '|' ? std::string("\\|") : c == '\n' ? std::string(" ") : std::string(1, c);
  return out;
}

std::string EventLine(const EventRecord& e) {
  return fmt::format("{} {}->{} {} ({:+.1f}) \"{}\" [{}]", FormatDate(e.date), e.source, e.target,
                     e.code, e.goldstein, Short(e.evidence, 90), e.doc_id);
}

std::string Direction(const analytics::Turn& t) { return t.after < t.before ? "down" : "up"; }

json SeriesJson(const std::vector<Point>& s) {
  json j = json::array();
  for (const Point& p : s)
    j.push_back({{"label", p.period.label},
                 {"events", p.events},
                 {"index", p.index},
                 {"low", p.index_low},
                 {"high", p.index_high},
                 {"q", {p.quad[1], p.quad[2], p.quad[3], p.quad[4]}},
                 {"mean", p.goldstein_mean},
                 {"per1000", p.per_1000}});
  return j;
}

json EventJson(const EventRecord& e) {
  return {{"date", FormatDate(e.date)},
          {"source", e.source},
          {"target", e.target},
          {"code", e.code},
          {"plover", e.plover},
          {"goldstein", e.goldstein},
          {"reports", e.reports},
          {"evidence", e.evidence},
          {"doc", e.doc_id},
          {"url", e.url},
          {"outlet", e.outlet}};
}

}  // namespace

std::string RenderStory(const ReportInput& in) {
  std::string out = fmt::format("{}-{}: {} events in {}, from {} to {}\n", in.a, in.b, in.events,
                                in.source, in.series.empty() ? "-" : in.series.front().period.label,
                                in.series.empty() ? "-" : in.series.back().period.label);
  out += "\nPeriods (relationship index, -9 confrontation .. +9 friendly):\n";
  for (const auto& s : in.segments)
    out += fmt::format("  {:>8} .. {:<8}  {:+5.1f}  {:<13} {:>5} events\n", s.first.label,
                       s.last.label, s.index, s.grade, s.events);
  out += fmt::format("\nTurning points ({}):\n", in.turns.size());
  for (const auto& t : in.turns) {
    out += fmt::format("  {}  {:<4} {:+.1f} -> {:+.1f} ({} -> {}){}\n", t.period.label,
                       Direction(t), t.before, t.after, t.grade_before, t.grade_after,
                       t.anniversary ? "  [" + t.anniversary_note + "]" : "");
    for (size_t i = 0; i < t.drivers.size() && i < 3; ++i)
      out += "      " + EventLine(t.drivers[i].event) + "\n";
  }
  const auto& ab = in.reciprocity_ab;
  const auto& ba = in.reciprocity_ba;
  out += fmt::format(
      "\nReciprocity within {} days: {} answered {} of {} conflict events from {} ({:.0f}%, "
      "{:.1f}x chance); {} answered {} of {} from {} ({:.0f}%, {:.1f}x chance)\n",
      in.reciprocity_days, in.b, ab.answered, ab.triggers, in.a, 100 * ab.rate, ab.lift, in.a,
      ba.answered, ba.triggers, in.b, 100 * ba.rate, ba.lift);
  if (!in.triangle.empty()) {
    out += "\nThe triangle (index over the range; over its last year):\n";
    for (const auto& r : in.triangle)
      out += fmt::format("  {}-{}  {:>6} events  {:+5.1f} {:<13}  {:+5.1f} {}\n", r.a, r.b,
                         r.events, r.index, r.grade, r.recent_index, r.recent_grade);
  }
  out += fmt::format("\nLatest period: CUSUM {:.1f} (alarm above {:.0f}){}\n", in.cusum.statistic,
                     in.cusum.threshold, in.cusum.alarm ? " ALARM" : "");
  return out;
}

std::string RenderMarkdown(const ReportInput& in) {
  std::string out = fmt::format("# {}–{} relations\n\n{} events from `{}`, generated {}.\n\n", in.a,
                                in.b, in.events, in.source, in.generated);
  out += "## Periods\n\n| from | to | index | grade | events |\n|---|---|---|---|---|\n";
  for (const auto& s : in.segments)
    out += fmt::format("| {} | {} | {:+.1f} | {} | {} |\n", s.first.label, s.last.label, s.index,
                       s.grade, s.events);
  out += "\n## Turning points\n\n";
  for (const auto& t : in.turns) {
    out += fmt::format("### {} — {} ({:+.1f} → {:+.1f}, {} → {})\n\n", t.period.label, Direction(t),
                       t.before, t.after, t.grade_before, t.grade_after);
    if (t.anniversary) out += "_" + t.anniversary_note + "_\n\n";
    out +=
        "| date | source | target | code | Goldstein | evidence | document |\n"
        "|---|---|---|---|---|---|---|\n";
    for (const auto& d : t.drivers)
      out += fmt::format("| {} | {} | {} | {} | {:+.1f} | {} | {} |\n", FormatDate(d.event.date),
                         d.event.source, d.event.target, d.event.code, d.event.goldstein,
                         Md(d.event.evidence), Md(d.event.doc_id));
    out += "\n";
  }
  out +=
      "## The triangle\n\n| dyad | events | index | grade | last year | grade |\n"
      "|---|---|---|---|---|---|\n";
  for (const auto& r : in.triangle)
    out += fmt::format("| {}–{} | {} | {:+.1f} | {} | {:+.1f} | {} |\n", r.a, r.b, r.events,
                       r.index, r.grade, r.recent_index, r.recent_grade);
  out +=
      "\n## Top events\n\n| date | source | target | code | Goldstein | reports | evidence |\n"
      "|---|---|---|---|---|---|---|\n";
  for (const auto& e : in.top_events)
    out += fmt::format("| {} | {} | {} | {} | {:+.1f} | {} | {} |\n", FormatDate(e.date), e.source,
                       e.target, e.code, e.goldstein, e.reports, Md(e.evidence));
  return out;
}

std::string RenderHtml(const ReportInput& in) {
  json data;
  data["a"] = in.a;
  data["b"] = in.b;
  data["series"] = SeriesJson(in.series);
  data["ab"] = SeriesJson(in.ab);
  data["ba"] = SeriesJson(in.ba);
  for (const auto& [name, s] : in.dimensions) data["dimensions"][name] = SeriesJson(s);
  data["turns"] = json::array();
  for (const auto& t : in.turns) {
    json drivers = json::array();
    for (const auto& d : t.drivers) drivers.push_back(EventJson(d.event));
    data["turns"].push_back({{"label", t.period.label},
                             {"before", t.before},
                             {"after", t.after},
                             {"anniversary", t.anniversary_note},
                             {"drivers", drivers}});
  }
  // "</" would end the script element early.
  std::string payload = data.dump(-1, ' ', false, json::error_handler_t::replace);
  for (size_t p = 0; (p = payload.find("</", p)) != std::string::npos; p += 3)
    payload.replace(p, 2, "<\\/");

  std::string h =
      fmt::format(R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{a}–{b} relations</title>
<style>
body{{font-family:system-ui,sans-serif;margin:24px auto;max-width:1180px;color:#222}}
h1{{margin-bottom:4px}} .sub{{color:#666;margin-top:0}}
.chart{{position:relative;height:330px;margin:8px 0 28px}} .small{{height:260px}}
table{{border-collapse:collapse;width:100%;margin:8px 0 24px;font-size:14px}}
td,th{{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}}
th{{background:#f4f4f4}} .num{{text-align:right}} .down{{color:#b22}} .up{{color:#276}}
.grade{{display:inline-block;padding:1px 6px;border-radius:3px;font-size:12px;color:#fff}}
</style></head><body>
<h1>{a}–{b} relations</h1>
<p class="sub">{events} events from {source}; {first} to {last}; generated {generated}.</p>
<h2>Relationship index</h2>
<p>Weighted mean Goldstein of the period's events (×0.9, decayed), on the −9..+9 scale with its six
grades; the shaded band is the 95% uncertainty from the event counts; dashed lines mark turning points.</p>
<div class="chart"><canvas id="index"></canvas></div>
)",
                  fmt::arg("a", Html(in.a)), fmt::arg("b", Html(in.b)),
                  fmt::arg("events", in.events), fmt::arg("source", Html(in.source)),
                  fmt::arg("first", in.series.empty() ? "" : in.series.front().period.label),
                  fmt::arg("last", in.series.empty() ? "" : in.series.back().period.label),
                  fmt::arg("generated", Html(in.generated)));
  h += "<h2>Periods</h2><table><tr><th>from</th><th>to</th><th class=num>index</th><th>grade</th>"
       "<th class=num>events</th></tr>\n";
  for (const auto& s : in.segments)
    h += fmt::format(
        "<tr><td>{}</td><td>{}</td><td class=num>{:+.1f}</td><td>{}</td><td "
        "class=num>{}</td></tr>\n",
        s.first.label, s.last.label, s.index, s.grade, s.events);
  h += "</table>\n<h2>Turning points and what drove them</h2>\n<table><tr><th>period</th><th>change"
       "</th><th>driving events (evidence, document)</th></tr>\n";
  for (const auto& t : in.turns) {
    std::string drivers;
    for (const auto& d : t.drivers)
      drivers += fmt::format("<div>{} <b>{}→{}</b> {} ({:+.1f}): “{}” <small>{}</small></div>",
                             FormatDate(d.event.date), Html(d.event.source), Html(d.event.target),
                             Html(d.event.code), d.event.goldstein, Html(d.event.evidence),
                             Html(d.event.doc_id));
    h += fmt::format(
        "<tr><td>{}</td><td class={}>{:+.1f} → {:+.1f}<br>{} → {}{}</td><td>{}</td></tr>\n",
        t.period.label, Direction(t), t.before, t.after, t.grade_before, t.grade_after,
        t.anniversary ? "<br><i>" + Html(t.anniversary_note) + "</i>" : "", drivers);
  }
  h += R"(</table>
<h2>Events by quad class</h2><div class="chart small"><canvas id="quads"></canvas></div>
<h2>Dimensions</h2><p>The index computed on each dimension's events alone, by year.</p>
<div class="chart"><canvas id="dims"></canvas></div>
<h2>Asymmetry</h2><p>The index of what each side did to the other.</p>
<div class="chart small"><canvas id="asym"></canvas></div>
)";
  const auto& rab = in.reciprocity_ab;
  const auto& rba = in.reciprocity_ba;
  h += fmt::format(
      "<p>Reciprocity within {} days: {} answered {} of {} conflict events from {} ({:.0f}%, "
      "{:.1f}× "
      "chance); {} answered {} of {} from {} ({:.0f}%, {:.1f}× chance).</p>\n",
      in.reciprocity_days, Html(in.b), rab.answered, rab.triggers, Html(in.a), 100 * rab.rate,
      rab.lift, Html(in.a), rba.answered, rba.triggers, Html(in.b), 100 * rba.rate, rba.lift);
  h += "<h2>The triangle</h2><table><tr><th>dyad</th><th class=num>events</th><th class=num>index"
       "</th><th>grade</th><th class=num>last year</th><th>grade</th></tr>\n";
  for (const auto& r : in.triangle)
    h += fmt::format(
        "<tr><td>{}–{}</td><td class=num>{}</td><td class=num>{:+.1f}</td><td>{}</td>"
        "<td class=num>{:+.1f}</td><td>{}</td></tr>\n",
        Html(r.a), Html(r.b), r.events, r.index, r.grade, r.recent_index, r.recent_grade);
  h +=
      "</table>\n<h2>Top events</h2><table><tr><th>date</th><th>source</th><th>target</th>"
      "<th>code</th><th class=num>Goldstein</th><th class=num>reports</th><th>evidence</th></tr>\n";
  for (const auto& e : in.top_events)
    h += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=num>{:+.1f}</td>"
        "<td class=num>{}</td><td>{} <small>{}</small></td></tr>\n",
        FormatDate(e.date), Html(e.source), Html(e.target), Html(e.code), e.goldstein, e.reports,
        Html(e.evidence), Html(e.doc_id));
  h += "</table>\n<script>";
  h += kChartJs;
  h += "</script>\n<script>const D = " + payload + ";\n";
  h += R"(
const GRADES=[[-9,-6,'rgba(178,34,34,.18)','confrontation'],[-6,-3,'rgba(230,120,60,.16)','tense'],
 [-3,0,'rgba(240,200,80,.16)','discord'],[0,3,'rgba(200,200,200,.14)','ordinary'],
 [3,6,'rgba(120,190,120,.16)','good'],[6,9,'rgba(40,140,80,.18)','friendly']];
const bands={id:'bands',beforeDatasetsDraw(c){const y=c.scales.y,a=c.chartArea,x=c.ctx;if(!y)return;
 for(const [lo,hi,col,name] of GRADES){const t=y.getPixelForValue(hi),b=y.getPixelForValue(lo);
 x.fillStyle=col;x.fillRect(a.left,t,a.right-a.left,b-t);x.fillStyle='#777';x.font='11px sans-serif';
 x.fillText(name,a.left+4,t+12);}}};
const turnsPlugin={id:'turns',afterDatasetsDraw(c){const xs=c.scales.x,a=c.chartArea,x=c.ctx;
 for(const t of D.turns){const i=c.data.labels.indexOf(t.label);if(i<0)continue;const px=xs.getPixelForValue(i);
 x.save();x.strokeStyle=t.after<t.before?'#b22':'#276';x.setLineDash([4,3]);x.beginPath();
 x.moveTo(px,a.top);x.lineTo(px,a.bottom);x.stroke();x.restore();x.fillStyle='#333';
 x.font='10px sans-serif';x.fillText(t.label,px+2,a.top+10);}}};
const labels=D.series.map(p=>p.label);
const common={animation:false,maintainAspectRatio:false,elements:{point:{radius:0}},
 plugins:{legend:{position:'bottom'}}};
new Chart(document.getElementById('index'),{type:'line',data:{labels,datasets:[
 {label:'95% band',data:D.series.map(p=>p.high),borderWidth:0,backgroundColor:'rgba(60,90,160,.18)',fill:'+1'},
 {label:'',data:D.series.map(p=>p.low),borderWidth:0,fill:false},
 {label:'index',data:D.series.map(p=>p.index),borderColor:'#1f3f8f',borderWidth:2,fill:false}]},
 options:{...common,scales:{y:{min:-9,max:9}}},plugins:[bands,turnsPlugin]});
new Chart(document.getElementById('quads'),{type:'bar',data:{labels,datasets:[
 ['verbal cooperation','#6aa84f'],['material cooperation','#38761d'],['verbal conflict','#e69138'],
 ['material conflict','#990000']].map(([l,c],i)=>({label:l,backgroundColor:c,data:D.series.map(p=>p.q[i])}))},
 options:{...common,scales:{x:{stacked:true},y:{stacked:true}}}});
const dimColors={diplomatic:'#3c78d8',economic:'#38761d',military:'#990000',territorial:'#e69138',
 history:'#674ea7',society:'#a64d79','third-party':'#666'};
const dimNames=Object.keys(D.dimensions||{});
const dimLabels=dimNames.length?D.dimensions[dimNames[0]].map(p=>p.label):[];
new Chart(document.getElementById('dims'),{type:'line',data:{labels:dimLabels,datasets:dimNames.map(n=>({
 label:n,borderColor:dimColors[n]||'#000',borderWidth:2,fill:false,spanGaps:true,
 data:D.dimensions[n].map(p=>p.events?p.index:null)}))},options:{...common,scales:{y:{min:-9,max:9}}},plugins:[bands]});
new Chart(document.getElementById('asym'),{type:'line',data:{labels:D.ab.map(p=>p.label),datasets:[
 {label:D.a+' → '+D.b,data:D.ab.map(p=>p.index),borderColor:'#c0392b',borderWidth:2,fill:false},
 {label:D.b+' → '+D.a,data:D.ba.map(p=>p.index),borderColor:'#2471a3',borderWidth:2,fill:false}]},
 options:{...common,scales:{y:{min:-9,max:9}}},plugins:[bands]});
</script></body></html>
)";
  return h;
}

}  // namespace dyad::report
