// Readers for every input kind, and how each reports bad input.
#include "io/sources.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>

#include "io/csv.h"
#include "io/encoding.h"
#include "io/html.h"
#include "io/input.h"

namespace dyad::io {
namespace {

namespace fs = std::filesystem;

class Collect : public SourceSink {
 public:
  void OnDocument(Document&& d) override { docs.push_back(std::move(d)); }
  void OnProblem(const std::string& m) override { problems.push_back(m); }
  void OnNote(const std::string& m) override { notes.push_back(m); }
  std::vector<Document> docs;
  std::vector<std::string> problems, notes;
};

class SourcesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dyad_sources_test_" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& bytes) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  Collect Read(const std::string& path, SourceOptions o = {}) {
    Collect c;
    ReadSource(path, o, &c);
    return c;
  }
  fs::path dir_;
};

std::string Gzip(const std::string& s) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(compressBound(s.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  z.avail_in = s.size();
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = out.size();
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

const char* kJsonl =
    "{\"id\":\"a\",\"date\":\"2012-09-11\",\"text\":\"Japan bought three islands.\","
    "\"outlet\":\"Kyodo\",\"url\":\"https://example.org/a\"}\n"
    "not json\n"
    "{\"id\":\"b\",\"text\":\"China protested.\"}\n";

TEST_F(SourcesTest, JsonlKeepsProvenanceAndReportsBadLines) {
  auto c = Read(Write("news.jsonl", kJsonl));
  ASSERT_EQ(c.docs.size(), 2u);
  EXPECT_EQ(c.docs[0].outlet, "Kyodo");
  EXPECT_EQ(c.docs[0].url, "https://example.org/a");
  EXPECT_EQ(FormatDate(c.docs[0].date), "2012-09-11");
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_NE(c.problems[0].find("news.jsonl:2:"), std::string::npos) << c.problems[0];
}

TEST_F(SourcesTest, GzipAndZstdReadLikeThePlainFile) {
  auto gz = Read(Write("news.jsonl.gz", Gzip(kJsonl)));
  EXPECT_EQ(gz.docs.size(), 2u);
  std::string zst(ZSTD_compressBound(strlen(kJsonl)), '\0');
  zst.resize(ZSTD_compress(zst.data(), zst.size(), kJsonl, strlen(kJsonl), 3));
  auto z = Read(Write("news.jsonl.zst", zst));
  EXPECT_EQ(z.docs.size(), 2u);
}

TEST_F(SourcesTest, TruncatedGzipIsReportedWithItsByteOffset) {
  std::string big;
  for (int i = 0; i < 2000; ++i)
    big += "{\"id\":\"" + std::to_string(i) + "\",\"text\":\"Seoul and Tokyo held talks " +
           std::to_string(i * 7919) + " times.\"}\n";
  std::string gz = Gzip(big);
  auto c = Read(Write("cut.jsonl.gz", gz.substr(0, gz.size() / 2)));
  EXPECT_GT(c.docs.size(), 0u);  // what came before the cut is kept
  EXPECT_LT(c.docs.size(), 2000u);
  ASSERT_FALSE(c.problems.empty());
  EXPECT_NE(c.problems.back().find("truncated gzip"), std::string::npos) << c.problems.back();
}

TEST_F(SourcesTest, CsvMapsColumnsAndReportsWrongFieldCounts) {
  std::string csv =
      "headline,published,body,source\n"
      "\"Talks\",2014-11-10,\"Abe and Xi met, \"\"finally\"\".\nA second line.\",Kyodo\n"
      "short,row\n"
      "Trade,2018-10-26,China and Japan signed a currency swap.,Xinhua\n";
  auto c = Read(Write("news.csv", csv));
  ASSERT_EQ(c.docs.size(), 2u);
  EXPECT_EQ(c.docs[0].title, "Talks");
  EXPECT_EQ(c.docs[0].text, "Abe and Xi met, \"finally\".\nA second line.");
  EXPECT_EQ(c.docs[0].outlet, "Kyodo");
  EXPECT_EQ(FormatDate(c.docs[1].date), "2018-10-26");
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_NE(c.problems[0].find("news.csv:4: 2 fields, the header has 4"), std::string::npos)
      << c.problems[0];
}

TEST_F(SourcesTest, TsvWithAnExplicitColumnMapping) {
  SourceOptions o;
  ASSERT_EQ(ParseColumnFlag("text=2", &o.csv), "");
  ASSERT_EQ(ParseColumnFlag("date=when", &o.csv), "");
  EXPECT_NE(ParseColumnFlag("colour=3", &o.csv), "");
  auto c = Read(Write("x.tsv", "when\twhat\n2023-08-24\tChina banned seafood from Japan.\n"), o);
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].text, "China banned seafood from Japan.");
}

TEST_F(SourcesTest, CsvWithoutATextColumnFailsNamingTheHeader) {
  auto c = Read(Write("bad.csv", "a,b\n1,2\n"));
  EXPECT_TRUE(c.docs.empty());
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_NE(c.problems[0].find("bad.csv:1: no text column"), std::string::npos) << c.problems[0];
}

TEST_F(SourcesTest, PlainTextTakesItsDateFromTheFileName) {
  auto c = Read(Write("2010-09-08-trawler.txt", "Japan arrested a Chinese captain."));
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(FormatDate(c.docs[0].date), "2010-09-08");
  EXPECT_EQ(FormatDate(DateFromName("/a/19721001_x.txt")), "1972-10-01");
  EXPECT_EQ(DateFromName("v20121.txt"), kNoDate);
}

TEST_F(SourcesTest, ShiftJisTextIsConvertedToUtf8) {
  // "日本" in Shift_JIS, inside English text.
  std::string sjis =
      "Tokyo (\x93\xfa\x96\x7b) said talks with Beijing would resume. "
      "\x93\xfa\x96\x7b\x82\xc6\x92\x86\x8d\x91\x82\xcd\x89\xef\x92\x6b\x82\xb5\x82\xbd\x81\x42";
  auto c = Read(Write("sjis.txt", sjis));
  ASSERT_EQ(c.docs.size(), 1u) << (c.problems.empty() ? "" : c.problems[0]);
  EXPECT_NE(c.docs[0].text.find("日本"), std::string::npos) << c.docs[0].text;
  ASSERT_EQ(c.notes.size(), 1u);
}

TEST_F(SourcesTest, HtmlPageGivesMainTextAndMetadata) {
  std::string html = R"(<!doctype html><html lang="en"><head><title>Site | Story</title>
<meta property="og:title" content="Abe arrives in Beijing">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2018-10-25T09:00:00+09:00">
<link rel="canonical" href="https://news.example/abe-beijing"></head>
<body><nav><p>Home | World</p></nav><article><h1>Abe arrives</h1>
<p>Prime Minister Shinzo Abe arrived in Beijing on Thursday.</p><script>var x=1;</script>
<p>He will meet Xi Jinping &amp; Li Keqiang.</p></article><footer><p>Copyright</p></footer></body></html>)";
  auto c = Read(Write("page.html", html));
  ASSERT_EQ(c.docs.size(), 1u);
  const Document& d = c.docs[0];
  EXPECT_EQ(d.title, "Abe arrives in Beijing");
  EXPECT_EQ(d.outlet, "Example News");
  EXPECT_EQ(d.url, "https://news.example/abe-beijing");
  EXPECT_EQ(FormatDate(d.date), "2018-10-25");
  EXPECT_EQ(d.text,
            "Prime Minister Shinzo Abe arrived in Beijing on Thursday.\nHe will meet Xi Jinping & "
            "Li Keqiang.");
}

TEST_F(SourcesTest, HtmlWithoutBodyTextIsReported) {
  auto c = Read(Write("empty.html", "<html><head><title>x</title></head><body></body></html>"));
  EXPECT_TRUE(c.docs.empty());
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_NE(c.problems[0].find("no body text"), std::string::npos);
}

TEST_F(SourcesTest, RssAndAtomItemsBecomeDocuments) {
  std::string rss = R"(<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Talks</title><link>https://w.example/1</link><guid>w-1</guid>
<pubDate>Mon, 10 Nov 2014 08:00:00 GMT</pubDate><description>&lt;p&gt;Abe and Xi met in Beijing.&lt;/p&gt;</description></item>
<item><title>No text</title><link>https://w.example/2</link></item></channel></rss>)";
  auto c = Read(Write("wire.rss", rss));
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].id, "w-1");
  EXPECT_EQ(c.docs[0].outlet, "Wire");
  EXPECT_EQ(c.docs[0].text, "Abe and Xi met in Beijing.");
  EXPECT_EQ(FormatDate(c.docs[0].date), "2014-11-10");
  EXPECT_EQ(c.problems.size(), 1u);  // the item without text
  std::string atom =
      R"(<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><id>tag:a,1</id><title>T</title><link rel="alternate" href="https://a.example/1"/>
<published>2023-08-24T12:00:00Z</published><summary>China banned seafood imports.</summary></entry></feed>)";
  auto a = Read(Write("a.atom", atom));
  ASSERT_EQ(a.docs.size(), 1u);
  EXPECT_EQ(a.docs[0].url, "https://a.example/1");
  EXPECT_EQ(FormatDate(a.docs[0].date), "2023-08-24");
}

TEST_F(SourcesTest, BrokenFeedNamesLineAndOffset) {
  auto c =
      Read(Write("broken.xml", "<?xml version=\"1.0\"?>\n<rss><channel>\n<item><title>x</item>"));
  EXPECT_TRUE(c.docs.empty());
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_NE(c.problems[0].find("broken.xml:3: broken XML at byte"), std::string::npos)
      << c.problems[0];
}

TEST_F(SourcesTest, DirectoriesAreReadRecursivelyInOrderSkippingHiddenFiles) {
  Write("d/b/2.txt", "Second.");
  Write("d/a.txt", "First.");
  Write("d/.hidden/x.txt", "Hidden.");
  Collect sink;
  auto files = ExpandSources({(dir_ / "d").string(), (dir_ / "missing").string()}, &sink);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_NE(files[0].find("a.txt"), std::string::npos);
  EXPECT_NE(files[1].find("2.txt"), std::string::npos);
  ASSERT_EQ(sink.problems.size(), 1u);
  EXPECT_NE(sink.problems[0].find("no such file"), std::string::npos);
}

TEST_F(SourcesTest, AnOversizedPlainTextFileIsRefusedWithoutReadingItAll) {
  std::string path = (dir_ / "huge.txt").string();
  { std::ofstream(path) << "x"; }
  fs::resize_file(path, 3ull << 30);  // sparse: 3 GB of zeros costs no disk
  auto c = Read(path);
  EXPECT_TRUE(c.docs.empty());
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_NE(c.problems[0].find("larger than 8 MB"), std::string::npos) << c.problems[0];
}

TEST(Encoding, Utf8PassesThroughAndGbkConverts) {
  std::string from;
  EXPECT_EQ(ToUtf8("\xEF\xBB\xBFplain", "", &from).value(), "plain");
  EXPECT_EQ(from, "");
  // "中国" in GBK, declared.
  auto g = ToUtf8("\xd6\xd0\xb9\xfa", "GBK", &from);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g.value(), "中国");
  EXPECT_EQ(from, "GBK");
}

TEST(FeedDate, Rfc822AndIso) {
  Day d;
  ASSERT_TRUE(ParseFeedDate("Tue, 10 Jun 2003 04:00:00 GMT", &d));
  EXPECT_EQ(FormatDate(d), "2003-06-10");
  ASSERT_TRUE(ParseFeedDate("2025-11-14T10:00:00+08:00", &d));
  EXPECT_EQ(FormatDate(d), "2025-11-14");
  EXPECT_FALSE(ParseFeedDate("yesterday", &d));
}

}  // namespace
}  // namespace dyad::io
