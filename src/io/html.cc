#include "io/html.h"

#include <fmt/format.h>
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <pugixml.hpp>

#include "io/encoding.h"

namespace dyad::io {

namespace {

using GumboPtr = std::unique_ptr<GumboOutput, void (*)(GumboOutput*)>;

GumboPtr Parse(const std::string& utf8) {
  return GumboPtr(gumbo_parse_with_options(&kGumboDefaultOptions, utf8.data(), utf8.size()),
                  [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Attr(const GumboNode* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : "";
}

// Collapses runs of whitespace to one space and trims.
std::string Squeeze(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

bool Skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
      return true;
    default:
      return false;
  }
}

void InnerText(const GumboNode* n, std::string* out) {
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
      n->type == GUMBO_NODE_CDATA) {
    *out += n->v.text.text;
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT || Skipped(n->v.element.tag)) return;
  if (n->v.element.tag == GUMBO_TAG_BR) *out += ' ';
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) InnerText(static_cast<GumboNode*>(kids.data[i]), out);
}

const GumboNode* Find(const GumboNode* n, GumboTag tag) {
  if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
  if (n->v.element.tag == tag) return n;
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i)
    if (const GumboNode* f = Find(static_cast<GumboNode*>(kids.data[i]), tag)) return f;
  return nullptr;
}

// Paragraph-level blocks under `n`, skipping page furniture.
void Paragraphs(const GumboNode* n, std::vector<std::string>* out) {
  if (n->type != GUMBO_NODE_ELEMENT || Skipped(n->v.element.tag)) return;
  GumboTag tag = n->v.element.tag;
  if (tag == GUMBO_TAG_P || tag == GUMBO_TAG_LI || tag == GUMBO_TAG_BLOCKQUOTE) {
    std::string text;
    InnerText(n, &text);
    text = Squeeze(text);
    if (!text.empty()) out->push_back(text);
    return;
  }
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) Paragraphs(static_cast<GumboNode*>(kids.data[i]), out);
}

struct PageMeta {
  std::string title, og_title, url, outlet, date, charset, lang;
};

void CollectMeta(const GumboNode* n, PageMeta* m) {
  if (n->type != GUMBO_NODE_ELEMENT) return;
  GumboTag tag = n->v.element.tag;
  if (tag == GUMBO_TAG_META) {
    std::string key = Lower(Attr(n, "property"));
    if (key.empty()) key = Lower(Attr(n, "name"));
    if (key.empty()) key = Lower(Attr(n, "itemprop"));
    std::string content = Attr(n, "content");
    if (!Attr(n, "charset").empty()) m->charset = Attr(n, "charset");
    if (key == "og:title") m->og_title = content;
    if (key == "og:url" && m->url.empty()) m->url = content;
    if (key == "og:site_name") m->outlet = content;
    if (m->date.empty() && (key == "article:published_time" || key == "og:published_time" ||
                            key == "date" || key == "pubdate" || key == "dc.date.issued" ||
                            key == "datepublished" || key == "publish-date"))
      m->date = content;
  } else if (tag == GUMBO_TAG_LINK && Lower(Attr(n, "rel")) == "canonical") {
    m->url = Attr(n, "href");
  } else if (tag == GUMBO_TAG_TITLE && m->title.empty()) {
    InnerText(n, &m->title);
    m->title = Squeeze(m->title);
  } else if (tag == GUMBO_TAG_TIME && m->date.empty()) {
    m->date = Attr(n, "datetime");
  } else if (tag == GUMBO_TAG_HTML) {
    m->lang = Attr(n, "lang");
  }
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) CollectMeta(static_cast<GumboNode*>(kids.data[i]), m);
}

// The charset a page declares in its first 2 KB: <meta charset=...> or content="...charset=...".
std::string DeclaredCharset(const std::string& bytes) {
  std::string head = Lower(bytes.substr(0, 2048));
  size_t at = head.find("charset=");
  if (at == std::string::npos) return "";
  at += 8;
  while (at < head.size() && (head[at] == '"' || head[at] == '\'')) ++at;
  size_t end = at;
  while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) ||
                               head[end] == '-' || head[end] == '_'))
    ++end;
  return head.substr(at, end - at);
}

}  // namespace

bool ParseFeedDate(const std::string& raw, Day* out) {
  std::string s = raw;
  s.erase(0, s.find_first_not_of(" \t\r\n"));
  if (s.size() >= 10 && std::isdigit(static_cast<unsigned char>(s[0])) && s[4] == '-')
    return ParseDate(s.substr(0, 10), out);
  // RFC 822: [Day, ]DD Mon YYYY ...
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  size_t comma = s.find(',');
  if (comma != std::string::npos && comma < 5) s = s.substr(comma + 1);
  int day = 0, year = 0;
  char mon[4] = {0};
  if (std::sscanf(s.c_str(), " %d %3s %d", &day, mon, &year) != 3) return false;
  std::string m = Lower(mon);
  for (unsigned i = 0; i < 12; ++i) {
    if (m == kMonths[i]) {
      if (year < 100) year += year < 50 ? 2000 : 1900;
      if (day < 1 || day > 31) return false;
      *out = DaysFromCivil(year, i + 1, static_cast<unsigned>(day));
      return true;
    }
  }
  return false;
}

bool LooksLikeFeed(const std::string& bytes) {
  std::string head = Lower(bytes.substr(0, 1024));
  return head.find("<rss") != std::string::npos || head.find("<feed") != std::string::npos ||
         head.find("<rdf:rdf") != std::string::npos;
}

bool LooksLikeHtml(const std::string& bytes) {
  std::string head = Lower(bytes.substr(0, 1024));
  return head.find("<!doctype html") != std::string::npos ||
         head.find("<html") != std::string::npos || head.find("<body") != std::string::npos;
}

std::string HtmlToText(const std::string& html) {
  if (html.find('<') == std::string::npos && html.find('&') == std::string::npos)
    return Squeeze(html);
  auto out = Parse(html);
  std::vector<std::string> paras;
  Paragraphs(out->root, &paras);
  if (paras.empty()) {
    std::string text;
    InnerText(out->root, &text);
    return Squeeze(text);
  }
  std::string text;
  for (const auto& p : paras) text += (text.empty() ? "" : "\n") + p;
  return text;
}

Result<Document> ParseHtml(const std::string& bytes, const std::string& name) {
  std::string from;
  auto utf8 = ToUtf8(bytes, DeclaredCharset(bytes), &from);
  if (!utf8.ok()) return Status::InvalidInput(fmt::format("{}: {}", name, utf8.status().message()));
  auto out = Parse(utf8.value());
  PageMeta meta;
  CollectMeta(out->root, &meta);
  const GumboNode* body = Find(out->root, GUMBO_TAG_BODY);
  const GumboNode* main = Find(out->root, GUMBO_TAG_ARTICLE);
  if (!main) main = Find(out->root, GUMBO_TAG_MAIN);
  std::vector<std::string> paras;
  if (main) Paragraphs(main, &paras);
  if (paras.empty() && body) Paragraphs(body, &paras);
  if (paras.empty()) {
    return Status::InvalidInput(fmt::format("{}: the page has no body text (no paragraphs)", name));
  }
  Document doc;
  for (const auto& p : paras) doc.text += (doc.text.empty() ? "" : "\n") + p;
  doc.title = !meta.og_title.empty() ? meta.og_title : meta.title;
  doc.url = meta.url;
  doc.outlet = meta.outlet;
  doc.lang = meta.lang;
  if (!meta.date.empty() && !ParseFeedDate(meta.date, &doc.date)) doc.date = kNoDate;
  return doc;
}

Result<std::vector<Document>> ParseFeed(const std::string& bytes, const std::string& name,
                                        std::vector<std::string>* problems) {
  pugi::xml_document xml;
  pugi::xml_parse_result r = xml.load_buffer(bytes.data(), bytes.size());
  if (!r) {
    int64_t line =
        1 + std::count(bytes.begin(), bytes.begin() + std::min<ptrdiff_t>(r.offset, bytes.size()),
                       '\n');
    return Status::InvalidInput(
        fmt::format("{}:{}: broken XML at byte {}: {}", name, line, r.offset, r.description()));
  }
  std::vector<Document> docs;
  auto add = [&](pugi::xml_node item, const std::string& outlet, bool atom) {
    Document d;
    d.title = HtmlToText(item.child_value("title"));
    if (atom) {
      for (pugi::xml_node link : item.children("link"))
        if (d.url.empty() || std::string(link.attribute("rel").value()) == "alternate")
          d.url = link.attribute("href").value();
      d.id = item.child_value("id");
    } else {
      d.url = item.child_value("link");
      d.id = item.child_value("guid");
    }
    if (d.id.empty()) d.id = d.url;
    for (const char* k : {"pubDate", "published", "updated", "dc:date"}) {
      std::string v = item.child_value(k);
      if (!v.empty() && ParseFeedDate(v, &d.date)) break;
    }
    for (const char* k : {"content:encoded", "content", "description", "summary"}) {
      std::string v = item.child_value(k);
      if (v.empty()) v = item.child(k).text().get();
      if (!v.empty()) {
        d.text = HtmlToText(v);
        break;
      }
    }
    d.outlet = outlet;
    if (d.text.empty()) {
      problems->push_back(fmt::format("{}: item '{}' has no text; skipped", name, d.title));
      return;
    }
    if (d.id.empty()) d.id = fmt::format("{}#{}", name, docs.size() + 1);
    docs.push_back(std::move(d));
  };
  if (pugi::xml_node rss = xml.child("rss")) {
    pugi::xml_node channel = rss.child("channel");
    std::string outlet = HtmlToText(channel.child_value("title"));
    for (pugi::xml_node item : channel.children("item")) add(item, outlet, false);
  } else if (pugi::xml_node feed = xml.child("feed")) {
    std::string outlet = HtmlToText(feed.child_value("title"));
    for (pugi::xml_node entry : feed.children("entry")) add(entry, outlet, true);
  } else if (pugi::xml_node rdf = xml.child("rdf:RDF")) {
    std::string outlet = HtmlToText(rdf.child("channel").child_value("title"));
    for (pugi::xml_node item : rdf.children("item")) add(item, outlet, false);
  } else {
    return Status::InvalidInput(
        fmt::format("{}: XML but not a feed (no <rss>, <feed> or <rdf:RDF>)", name));
  }
  return docs;
}

}  // namespace dyad::io
