// News pages and feeds: the main text of an HTML page with its title, date, URL and outlet from
// the page's metadata; the items of RSS 2.0 and Atom feeds.
#ifndef DYAD_IO_HTML_H_
#define DYAD_IO_HTML_H_

#include <string>
#include <vector>

#include "dyad/event.h"
#include "dyad/status.h"

namespace dyad::io {

// Parses a page (any encoding that is declared or detectable). The text is the page's paragraphs
// (inside <article> or <main> when there is one; navigation, headers, footers, asides, scripts and
// forms left out), one paragraph per line. The date comes from article:published_time,
// og:published_time, <meta name="date|pubdate|DC.date.issued">, or the first <time datetime>.
// Fails when the page has no body text. `name` is used in messages.
Result<Document> ParseHtml(const std::string& bytes, const std::string& name);

// The text of an HTML fragment (a feed item's description), tags removed, entities decoded.
std::string HtmlToText(const std::string& html);

// Parses an RSS 2.0 or Atom feed. Each item becomes a document: id from guid/id (else the link),
// url from link, title, date from pubDate (RFC 822) or published/updated (ISO 8601), text from
// content:encoded, content, description or summary (HTML removed), outlet from the channel title.
// Broken XML fails with the line and byte offset of the fault; items without text are skipped
// with a message in *problems.
Result<std::vector<Document>> ParseFeed(const std::string& bytes, const std::string& name,
                                        std::vector<std::string>* problems);

// True when the bytes look like a feed (<rss, <feed, <rdf:RDF) rather than a page.
bool LooksLikeFeed(const std::string& bytes);
bool LooksLikeHtml(const std::string& bytes);

// Parses "Tue, 10 Jun 2003 04:00:00 GMT" or ISO "2003-06-10T04:00:00Z" (the date part).
bool ParseFeedDate(const std::string& s, Day* out);

}  // namespace dyad::io

#endif  // DYAD_IO_HTML_H_
