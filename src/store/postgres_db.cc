// The PostgreSQL backend (libpqxx), for a store a team shares.
//
// One pqxx::nontransaction carries every statement; Begin/Commit/Rollback issue the SQL
// themselves so that the store decides its own transaction boundaries, as with SQLite.
#include <fmt/format.h>

#include <optional>
#include <pqxx/pqxx>
#include <unordered_map>

#include "store/db.h"

namespace dyad::store {

namespace {

class PgStatement : public Statement {
 public:
  PgStatement(pqxx::nontransaction& tx, std::string name) : tx_(tx), name_(std::move(name)) {}

  void Bind(int index, int64_t value) override { Set(index, std::to_string(value)); }
  void Bind(int index, double value) override { Set(index, fmt::format("{:.17g}", value)); }
  void Bind(int index, std::string_view value) override { Set(index, std::string(value)); }
  void BindNull(int index) override { Set(index, std::nullopt); }

  Result<bool> Step() override {
    if (!ran_) {
      std::vector<const char*> ptrs;
      for (const auto& p : params_) ptrs.push_back(p ? p->c_str() : nullptr);
      try {
        result_ = tx_.exec_prepared(name_, pqxx::prepare::make_dynamic_params(ptrs));
      } catch (const std::exception& e) {
        Reset();
        return Status::IoError(fmt::format("postgresql: {}", e.what()));
      }
      ran_ = true;
      row_ = 0;
    } else {
      ++row_;
    }
    return row_ < result_.size();
  }
  int64_t Int(int column) const override {
    auto f = result_[row_][column];
    return f.is_null() ? 0 : f.as<int64_t>();
  }
  double Real(int column) const override {
    auto f = result_[row_][column];
    return f.is_null() ? 0 : f.as<double>();
  }
  std::string Text(int column) const override {
    auto f = result_[row_][column];
    return f.is_null() ? std::string() : std::string(f.c_str(), f.size());
  }
  bool IsNull(int column) const override { return result_[row_][column].is_null(); }
  void Reset() override {
    params_.clear();
    ran_ = false;
    result_ = pqxx::result();
    row_ = 0;
  }

 private:
  void Set(int index, std::optional<std::string> v) {
    if (static_cast<size_t>(index) > params_.size()) params_.resize(index);
    params_[index - 1] = std::move(v);
  }
  pqxx::nontransaction& tx_;
  std::string name_;
  std::vector<std::optional<std::string>> params_;
  pqxx::result result_;
  pqxx::result::size_type row_ = 0;
  bool ran_ = false;
};

class PgDatabase : public Database {
 public:
  PgDatabase(std::unique_ptr<pqxx::connection> conn, std::string describe)
      : conn_(std::move(conn)), tx_(*conn_), describe_(std::move(describe)) {}
  ~PgDatabase() override { cache_.clear(); }

  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string Describe() const override { return describe_; }

  Status Exec(std::string_view sql) override {
    try {
      tx_.exec(std::string(sql));
    } catch (const std::exception& e) {
      return Status::IoError(fmt::format("postgresql: {}: {}", describe_, e.what()));
    }
    return Status::Ok();
  }

  Result<Statement*> Prepare(const std::string& sql) override {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return it->second.get();
    std::string name = fmt::format("s{}", cache_.size());
    try {
      conn_->prepare(name, sql);
    } catch (const std::exception& e) {
      return Status::IoError(fmt::format("postgresql: {} (in: {})", e.what(), sql));
    }
    auto owned = std::make_unique<PgStatement>(tx_, name);
    Statement* raw = owned.get();
    cache_.emplace(sql, std::move(owned));
    return raw;
  }

  Status Begin() override { return Exec("BEGIN"); }
  Status Commit() override { return Exec("COMMIT"); }
  Status Rollback() override { return Exec("ROLLBACK"); }

 private:
  std::unique_ptr<pqxx::connection> conn_;
  pqxx::nontransaction tx_;
  std::string describe_;
  std::unordered_map<std::string, std::unique_ptr<PgStatement>> cache_;
};

// The URL without its password, for messages.
std::string Redact(const std::string& url) {
  size_t scheme = url.find("://");
  size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + ":***" + url.substr(at);
}

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url) {
  try {
    auto conn = std::make_unique<pqxx::connection>(url);
    auto db = std::make_unique<PgDatabase>(std::move(conn), Redact(url));
    if (Status s = db->Exec("SET client_min_messages = warning"); !s.ok()) return s;
    return std::unique_ptr<Database>(std::move(db));
  } catch (const std::exception& e) {
    return Status::IoError(fmt::format("{}: cannot connect: {}", Redact(url), e.what()));
  }
}

}  // namespace dyad::store
