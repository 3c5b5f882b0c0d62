// GML (Himsolt's Graph Modelling Language) as networkx, igraph and Newman's data pages write
// it: `graph [ directed 1 node [ id 1 label "x" value 0 ] edge [ source 1 target 2 ] ]`,
// with '#' comments, quoted strings that may span lines, and keys we do not use (Creator,
// graphics, ...) skipped whatever their nesting.
//
// A hand-written lexer and recursive-descent parser, because Boost has no GML reader and the
// grammar is tiny: list := (key value)*, value := integer | real | string | '[' list ']'.
// Every token carries its line and column, so each error points at the offending token.
// Agents are numbered in increasing order of node id, like edge-list ids. In a directed file
// edge s -> t means s's posts reach t; an undirected edge goes both ways.
#include <algorithm>
#include <charconv>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/graph/community_labels.hpp"
#include "sim/graph/graph_readers.hpp"
#include "sim/graph/text_line_reader.hpp"

namespace firestorm {
namespace {

enum class TokenKind { kKey, kInteger, kReal, kString, kOpen, kClose, kEnd };

struct Position {
  int line = 1, column = 1;
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string_view text;  // strings without their quotes
  Position at;
};

bool IsKeyStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
// 'text' for messages (built by appending: GCC 12 warns falsely on "'" + std::string).
std::string Quoted(std::string_view text) {
  std::string s(1, '\'');
  s.append(text).push_back('\'');
  return s;
}

class GmlLexer {
 public:
  GmlLexer(const std::string& path, std::string_view text) : path_(path), text_(text) {}

  Token Next() {
    SkipBlanksAndComments();
    Token t{TokenKind::kEnd, {}, {line_, column_}};
    if (pos_ >= text_.size()) return t;
    const char c = text_[pos_];
    if (c == '[' || c == ']') {
      t.kind = c == '[' ? TokenKind::kOpen : TokenKind::kClose;
      t.text = text_.substr(pos_, 1);
      Advance(1);
    } else if (c == '"') {
      const std::size_t close = text_.find('"', pos_ + 1);
      if (close == std::string_view::npos) {
        Fail(t, "a string starts here but is never closed", "add the closing '\"'");
      }
      t.kind = TokenKind::kString;
      t.text = text_.substr(pos_ + 1, close - pos_ - 1);
      Advance(close + 1 - pos_);
    } else if (IsKeyStart(c)) {
      std::size_t end = pos_;
      while (end < text_.size() && (IsKeyStart(text_[end]) || IsDigit(text_[end]))) ++end;
      t.kind = TokenKind::kKey;
      t.text = text_.substr(pos_, end - pos_);
      Advance(end - pos_);
    } else if (IsDigit(c) || c == '-' || c == '+' || c == '.') {
      LexNumber(t);
    } else {
      Fail(t, "unexpected character " + Quoted(std::string_view(&text_[pos_], 1)),
           "GML holds keys, numbers, \"strings\" and [ ] lists; comments start with '#'");
    }
    return t;
  }

  [[noreturn]] void Fail(Position at, const std::string& what, const std::string& hint) const {
    throw InputError({path_, at.line, at.column}, what, hint);
  }
  [[noreturn]] void Fail(const Token& t, const std::string& what, const std::string& hint) const {
    Fail(t.at, what, hint);
  }

 private:
  void Advance(std::size_t count) {
    for (std::size_t i = 0; i < count; ++i, ++pos_) {
      if (text_[pos_] == '\n') {
        ++line_;
        column_ = 1;
      } else {
        ++column_;
      }
    }
  }
  void SkipBlanksAndComments() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '#') {
        const std::size_t eol = text_.find('\n', pos_);
        Advance((eol == std::string_view::npos ? text_.size() : eol) - pos_);
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        Advance(1);
      } else {
        return;
      }
    }
  }
  // [+-]digits[.digits][(e|E)[+-]digits], or a signed INF/NAN (networkx writes those).
  void LexNumber(Token& t) {
    std::size_t end = pos_;
    bool real = false;
    if (text_[end] == '+' || text_[end] == '-') ++end;
    if (end < text_.size() && IsKeyStart(text_[end])) {  // +INF, -INF, -NAN
      while (end < text_.size() && IsKeyStart(text_[end])) ++end;
      real = true;
    } else {
      while (end < text_.size() && IsDigit(text_[end])) ++end;
      if (end < text_.size() && text_[end] == '.') {
        real = true;
        for (++end; end < text_.size() && IsDigit(text_[end]);) ++end;
      }
      if (end < text_.size() && (text_[end] == 'e' || text_[end] == 'E')) {
        real = true;
        ++end;
        if (end < text_.size() && (text_[end] == '+' || text_[end] == '-')) ++end;
        while (end < text_.size() && IsDigit(text_[end])) ++end;
      }
    }
    t.kind = real ? TokenKind::kReal : TokenKind::kInteger;
    t.text = text_.substr(pos_, end - pos_);
    const bool has_digit = std::any_of(t.text.begin(), t.text.end(), IsDigit);
    if (!has_digit && !real) Fail(t, Quoted(t.text) + " is not a number", kNumberHint);
    Advance(end - pos_);
  }

  static constexpr const char* kNumberHint = "numbers look like 12, -3 or 0.5";
  const std::string& path_;
  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1, column_ = 1;
};

struct GmlNode {
  std::int64_t id = 0;
  Position id_at;
  std::optional<std::string> label;  // the community attribute's value
};
struct GmlEdge {
  std::int64_t source = 0, target = 0;
  Position source_at, target_at;  // kept for "not defined" errors
};

class GmlParser {
 public:
  GmlParser(const std::string& path, std::string_view text, const std::string& attribute)
      : lexer_(path, text), attribute_(attribute) {}

  // Parses the first `graph [ ... ]` block; keys outside it (Creator, Version) are skipped.
  void Parse() {
    bool found = false;
    for (Token key = lexer_.Next(); key.kind != TokenKind::kEnd; key = lexer_.Next()) {
      ExpectKey(key);
      if (key.text == "graph" && !found) {
        ParseList(ExpectOpen(key), [&](const Token& k) { GraphKey(k); });
        found = true;
      } else {
        SkipValue(key);
      }
    }
    if (!found) {
      lexer_.Fail(Position{}, "the file has no 'graph [ ... ]' block",
                  "is this a GML file? GML starts with 'graph [' (after optional Creator lines)");
    }
  }
  bool directed() const { return directed_; }
  const std::vector<GmlNode>& nodes() const { return nodes_; }
  const std::vector<GmlEdge>& edges() const { return edges_; }
  const std::set<std::string, std::less<>>& node_keys() const { return node_keys_; }
  const GmlLexer& lexer() const { return lexer_; }

 private:
  void GraphKey(const Token& key) {
    if (key.text == "directed") {
      directed_ = ExpectInteger(key) != 0;
    } else if (key.text == "node") {
      GmlNode node;
      bool has_id = false;
      const Token open = ExpectOpen(key);
      ParseList(open, [&](const Token& k) {
        node_keys_.insert(std::string(k.text));
        if (k.text == "id") {
          node.id_at = Peek().at;
          node.id = ExpectInteger(k);
          has_id = true;
        } else if (!attribute_.empty() && k.text == attribute_) {
          node.label = std::string(ExpectScalar(k).text);
        } else {
          SkipValue(k);
        }
      });
      if (!has_id) lexer_.Fail(open, "this node has no id", "give every node 'id <integer>'");
      nodes_.push_back(std::move(node));
    } else if (key.text == "edge") {
      GmlEdge edge;
      bool has_source = false, has_target = false;
      const Token open = ExpectOpen(key);
      ParseList(open, [&](const Token& k) {
        if (k.text == "source") {
          edge.source_at = Peek().at;
          edge.source = ExpectInteger(k);
          has_source = true;
        } else if (k.text == "target") {
          edge.target_at = Peek().at;
          edge.target = ExpectInteger(k);
          has_target = true;
        } else {
          SkipValue(k);
        }
      });
      if (!has_source || !has_target) {
        lexer_.Fail(open, std::string("this edge has no ") + (has_source ? "target" : "source"),
                    "give every edge 'source <node id>' and 'target <node id>'");
      }
      edges_.push_back(edge);
    } else {
      SkipValue(key);
    }
  }

  // Calls on_key for each key of the list opened by `open`, which must consume its value.
  template <typename OnKey>
  void ParseList(const Token& open, OnKey&& on_key) {
    while (true) {
      const Token key = lexer_.Next();
      if (key.kind == TokenKind::kClose) return;
      if (key.kind == TokenKind::kEnd) {
        lexer_.Fail(open, "this '[' is never closed", "add the matching ']'");
      }
      ExpectKey(key);
      on_key(key);
    }
  }
  Token Peek() {
    GmlLexer copy = lexer_;
    return copy.Next();
  }
  Token Value(const Token& key) {
    const Token v = lexer_.Next();
    if (v.kind == TokenKind::kKey && (v.text == "INF" || v.text == "NAN")) return v;
    if (v.kind == TokenKind::kKey || v.kind == TokenKind::kClose || v.kind == TokenKind::kEnd) {
      lexer_.Fail(v, "key " + Quoted(key.text) + " has no value",
                  "every key is followed by a number, a \"string\" or a [ list ]");
    }
    return v;
  }
  void SkipValue(const Token& key) {
    const Token v = Value(key);
    if (v.kind == TokenKind::kOpen) ParseList(v, [&](const Token& k) { SkipValue(k); });
  }
  Token ExpectOpen(const Token& key) {
    const Token v = Value(key);
    if (v.kind != TokenKind::kOpen) {
      lexer_.Fail(v, Quoted(key.text) + " must be followed by a [ list ]",
                  "write " + std::string(key.text) + " [ ... ]");
    }
    return v;
  }
  Token ExpectScalar(const Token& key) {
    const Token v = Value(key);
    if (v.kind == TokenKind::kOpen) {
      lexer_.Fail(v, Quoted(key.text) + " must be a number or a string, not a list",
                  "community attributes hold one value per node");
    }
    return v;
  }
  std::int64_t ExpectInteger(const Token& key) {
    const Token v = Value(key);
    std::string_view text = v.text;
    if (!text.empty() && text[0] == '+') text.remove_prefix(1);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (v.kind != TokenKind::kInteger || ec != std::errc() || end != text.data() + text.size()) {
      lexer_.Fail(v, Quoted(key.text) + " must be an integer, found " + Quoted(v.text),
                  "directed, node ids, sources and targets are integers such as 0 or 17");
    }
    return value;
  }
  void ExpectKey(const Token& t) {
    if (t.kind == TokenKind::kClose) lexer_.Fail(t, "unmatched ']'", "remove it or add a '['");
    if (t.kind != TokenKind::kKey) {
      lexer_.Fail(t, "expected a key, found " + Quoted(t.text),
                  "GML lists alternate keys and values: key value key value ...");
    }
  }

  GmlLexer lexer_;
  const std::string& attribute_;
  bool directed_ = false;
  std::vector<GmlNode> nodes_;
  std::vector<GmlEdge> edges_;
  std::set<std::string, std::less<>> node_keys_;
};

std::string Joined(const std::set<std::string, std::less<>>& keys) {
  std::string s;
  for (const std::string& k : keys) s += (s.empty() ? "" : ", ") + k;
  return s;
}

}  // namespace

EdgeList ReadGml(const std::string& path, const std::string& community_attribute) {
  const std::string text = TextLineReader(path).ReadAll();
  GmlParser parser(path, text, community_attribute);
  parser.Parse();
  const auto& nodes = parser.nodes();
  if (nodes.empty()) {
    throw InputError({path}, "the graph has no nodes", "add node [ id ... ] entries");
  }
  if (nodes.size() >= kNoAgent) throw InputError({path}, "the graph has too many nodes", "");

  // Agents in increasing order of node id; a repeated id is reported where it repeats.
  std::vector<std::size_t> order(nodes.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return nodes[a].id != nodes[b].id ? nodes[a].id < nodes[b].id : a < b;
  });
  std::vector<std::int64_t> ids(nodes.size());
  for (std::size_t r = 0; r < order.size(); ++r) {
    ids[r] = nodes[order[r]].id;
    if (r > 0 && ids[r] == ids[r - 1]) {
      const GmlNode& first = nodes[order[r - 1]];
      parser.lexer().Fail(nodes[order[r]].id_at,
                          "node id " + std::to_string(ids[r]) + " is used twice",
                          "it was first used on line " + std::to_string(first.id_at.line) +
                              "; node ids must be unique");
    }
  }
  auto agent_of = [&](std::int64_t id, Position where) {
    const auto it = std::lower_bound(ids.begin(), ids.end(), id);
    if (it == ids.end() || *it != id) {
      parser.lexer().Fail(where, "edge refers to node " + std::to_string(id) +
                                     ", which is not defined",
                          "add node [ id " + std::to_string(id) + " ] or fix the edge");
    }
    return static_cast<AgentId>(it - ids.begin());
  };

  EdgeList out;
  out.num_agents = static_cast<AgentId>(nodes.size());
  out.edges.reserve(parser.edges().size() * (parser.directed() ? 1 : 2));
  for (const GmlEdge& e : parser.edges()) {
    const AgentId s = agent_of(e.source, e.source_at);
    const AgentId t = agent_of(e.target, e.target_at);
    out.edges.push_back({s, t});
    if (!parser.directed()) out.edges.push_back({t, s});
  }
  if (out.edges.empty()) {
    throw InputError({path}, "the graph has no edges",
                     "add edge [ source ... target ... ] entries");
  }

  if (!community_attribute.empty()) {
    std::vector<std::optional<std::string>> labels(nodes.size());
    for (std::size_t r = 0; r < order.size(); ++r) labels[r] = nodes[order[r]].label;
    out.community = NumberCommunityLabels(labels);
    if (out.community.empty()) {
      throw InputError({path}, "no node has the community attribute '" + community_attribute + "'",
                       "node keys in this file: " + Joined(parser.node_keys()));
    }
  }
  return out;
}

}  // namespace firestorm
