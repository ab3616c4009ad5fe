#include "parse/conllu.h"

#include <gtest/gtest.h>

#include <sstream>

namespace dyad::parse {
namespace {

// A made-up sentence with a multiword token, an empty node and every column in use.
constexpr char kSample[] =
    "# sent_id = toy-1\n"
    "# text = I don't know, Sam did.\n"
    "1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t4:nsubj\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n"
    "5\t,\t,\tPUNCT\t,\t_\t7\tpunct\t7:punct\t_\n"
    "6\tSam\tSam\tPROPN\tNNP\t_\t7\tnsubj\t7:nsubj\t_\n"
    "7\tdid\tdo\tVERB\tVBD\t_\t4\tparataxis\t4:parataxis\tSpaceAfter=No\n"
    "7.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t7:xcomp\t_\n"
    "8\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n"
    "\n";

std::vector<Sentence> ReadAll(const std::string& text, std::vector<std::string>* errors) {
  std::istringstream in(text);
  ConlluReader reader(in, "t.conllu");
  std::vector<Sentence> out;
  Sentence s;
  std::string error;
  while (reader.Next(&s, &error)) {
    if (error.empty())
      out.push_back(s);
    else
      errors->push_back(error);
  }
  return out;
}

TEST(ConlluTest, RoundTripKeepsEveryLine) {
  std::vector<std::string> errors;
  auto sentences = ReadAll(std::string(kSample) + kSample, &errors);
  ASSERT_TRUE(errors.empty()) << errors[0];
  ASSERT_EQ(sentences.size(), 2u);
  const Sentence& s = sentences[0];
  EXPECT_EQ(s.words.size(), 8u);  // the range and the empty node are not words
  EXPECT_EQ(s.extras.size(), 2u);
  EXPECT_EQ(s.Comment("sent_id"), "toy-1");
  EXPECT_EQ(s.words[6].form, "did");
  EXPECT_EQ(s.words[6].head, 4);
  EXPECT_EQ(s.words[3].head, 0);
  EXPECT_EQ(sentences[1].line, 14);
  EXPECT_EQ(ToConllu(s), kSample);
  EXPECT_EQ(CheckTree(s), "");
}

TEST(ConlluTest, BrokenLinesAreReportedWithFileAndLineAndReadingGoesOn) {
  std::string text = std::string(kSample);
  text += "1\tOnly\tonly\tADV\tRB\t_\t0\troot\n\n";                                  // 8 fields
  text += "1\tA\ta\tDET\tDT\t_\tx\tdet\t_\t_\n\n";                                   // bad HEAD
  text += "1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n3\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n\n";  // ID gap
  text += "1\tA\ta\tDET\tDT\t_\t9\troot\t_\t_\n\n";         // head out of range
  text += "1\tcaf\xC3\x28\tx\tX\tX\t_\t0\troot\t_\t_\n\n";  // invalid UTF-8
  text += kSample;
  std::vector<std::string> errors;
  auto sentences = ReadAll(text, &errors);
  EXPECT_EQ(sentences.size(), 2u);
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0], "t.conllu:14: expected 10 tab-separated fields, found 8");
  EXPECT_EQ(errors[1], "t.conllu:16: bad HEAD 'x'");
  EXPECT_EQ(errors[2], "t.conllu:19: word ID 3 out of sequence (expected 2)");
  EXPECT_EQ(errors[3], "t.conllu:21: word 1: HEAD 9 is beyond the sentence's 1 words");
  EXPECT_NE(errors[4].find("t.conllu:23: invalid UTF-8"), std::string::npos) << errors[4];
}

TEST(ConlluTest, CheckTreeFindsCyclesAndRoots) {
  std::vector<std::string> errors;
  Sentence s = ReadAll(kSample, &errors)[0];
  s.words[0].head = 0;
  EXPECT_EQ(CheckTree(s), "2 words headed by 0 (want exactly 1)");
  s.words[0].head = 2;
  s.words[1].head = 1;
  EXPECT_EQ(CheckTree(s), "word 1: on a cycle");
}

TEST(ConlluTest, MissingFileIsNotFound) {
  auto r = ReadConlluFile("/nonexistent/x.conllu");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "/nonexistent/x.conllu: cannot open file");
}

}  // namespace
}  // namespace dyad::parse
