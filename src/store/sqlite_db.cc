// The SQLite backend: one file, WAL journal, nothing to start.
#include <fmt/format.h>
#include <sqlite3.h>

#include <unordered_map>
#include <vector>

#include "store/db.h"

namespace dyad::store {

Status Statement::Run() {
  while (true) {
    auto row = Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
  }
  Reset();
  return Status::Ok();
}

namespace {

class SqliteStatement : public Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void Bind(int index, int64_t value) override { sqlite3_bind_int64(stmt_, Param(index), value); }
  void Bind(int index, double value) override { sqlite3_bind_double(stmt_, Param(index), value); }
  void Bind(int index, std::string_view value) override {
    sqlite3_bind_text64(stmt_, Param(index), value.data(), value.size(), SQLITE_TRANSIENT,
                        SQLITE_UTF8);
  }
  void BindNull(int index) override { sqlite3_bind_null(stmt_, Param(index)); }

  Result<bool> Step() override {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    std::string msg = fmt::format("sqlite: {} (in: {})", sqlite3_errmsg(db_),
                                  std::string_view(sqlite3_sql(stmt_)).substr(0, 80));
    sqlite3_reset(stmt_);
    return Status::IoError(msg);
  }
  int64_t Int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double Real(int column) const override { return sqlite3_column_double(stmt_, column); }
  std::string Text(int column) const override {
    const unsigned char* p = sqlite3_column_text(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string();
  }
  bool IsNull(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  // "$N" is a named parameter in SQLite; map N to its slot.
  int Param(int index) {
    if (static_cast<size_t>(index) >= slots_.size()) slots_.resize(index + 1, -1);
    int& slot = slots_[index];
    if (slot < 0) {
      std::string name = fmt::format("${}", index);
      slot = sqlite3_bind_parameter_index(stmt_, name.c_str());
      if (slot == 0) slot = index;  // plain "?" placeholders
    }
    return slot;
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::vector<int> slots_;
};

class SqliteDatabase : public Database {
 public:
  SqliteDatabase(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteDatabase() override {
    cache_.clear();
    sqlite3_close(db_);
  }
  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string Describe() const override { return path_; }

  Status Exec(std::string_view sql) override {
    char* err = nullptr;
    std::string s(sql);
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = fmt::format("sqlite: {}: {}", path_, err ? err : "error");
      sqlite3_free(err);
      return Status::IoError(msg);
    }
    return Status::Ok();
  }

  Result<Statement*> Prepare(const std::string& sql) override {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return it->second.get();
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
      return Status::IoError(fmt::format("sqlite: {} (in: {})", sqlite3_errmsg(db_), sql));
    }
    auto owned = std::make_unique<SqliteStatement>(db_, stmt);
    Statement* raw = owned.get();
    cache_.emplace(sql, std::move(owned));
    return raw;
  }

  Status Begin() override { return Exec("BEGIN IMMEDIATE"); }
  Status Commit() override { return Exec("COMMIT"); }
  Status Rollback() override { return Exec("ROLLBACK"); }

 private:
  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> cache_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = fmt::format("{}: cannot open store: {}", path,
                                  db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return Status::IoError(msg);
  }
  sqlite3_busy_timeout(db, 10000);
  auto out = std::make_unique<SqliteDatabase>(db, path);
  // WAL keeps readers going while an ingest writes; synchronous=NORMAL stays consistent after a
  // crash of the process (a power cut may lose the last commits, never corrupt).
  Status s = out->Exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
      "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=4000;");
  if (!s.ok()) {
    return Status::IoError(
        fmt::format("{}: not a dyad store or not writable ({})", path, s.message()));
  }
  return std::unique_ptr<Database>(std::move(out));
}

Result<std::unique_ptr<Database>> OpenDatabase(const std::string& location) {
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0)
    return OpenPostgres(location);
  return OpenSqlite(location);
}

}  // namespace dyad::store
