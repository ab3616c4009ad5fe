// A thin SQL connection interface with two backends: SQLite (embedded, the default) and PostgreSQL.
//
// The store writes its queries once, in the SQL both backends accept: parameters are $1, $2, ...
// (SQLite reads "$1" as a named parameter), upserts use ON CONFLICT, inserts that need their key
// use RETURNING. Only the schema (DDL) differs per backend; Dialect() says which one is connected.
#ifndef DYAD_STORE_DB_H_
#define DYAD_STORE_DB_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dyad/status.h"

namespace dyad::store {

enum class Dialect { kSqlite, kPostgres };

// A prepared statement. Bind parameters (1-based), then call Step() until it returns false; read
// columns (0-based) while a row is current. Reset() makes it ready to bind and run again. Owned by
// the Database that prepared it; not thread-safe.
class Statement {
 public:
  virtual ~Statement() = default;
  virtual void Bind(int index, int64_t value) = 0;
  virtual void Bind(int index, double value) = 0;
  virtual void Bind(int index, std::string_view value) = 0;
  void Bind(int index, const char* value) { Bind(index, std::string_view(value)); }
  void Bind(int index, int value) { Bind(index, static_cast<int64_t>(value)); }
  virtual void BindNull(int index) = 0;
  // Runs the statement or moves to its next row: true while a row is current, false when done.
  virtual Result<bool> Step() = 0;
  virtual int64_t Int(int column) const = 0;
  virtual double Real(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  virtual bool IsNull(int column) const = 0;
  virtual void Reset() = 0;
  // Runs to completion, ignoring rows; for writes.
  Status Run();
};

// One connection. Not thread-safe: use one per thread.
class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // Runs one or more statements with no parameters and no result rows.
  virtual Status Exec(std::string_view sql) = 0;
  // Prepares (once, cached by `sql`) and returns a statement owned by this connection.
  virtual Result<Statement*> Prepare(const std::string& sql) = 0;
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  // Where this connection points, for messages (a path, or a URL without its password).
  virtual std::string Describe() const = 0;
};

// Opens a store location: "postgresql://..." or "postgres://..." connects to PostgreSQL; anything
// else is a SQLite file path (created if missing, opened in WAL mode).
Result<std::unique_ptr<Database>> OpenDatabase(const std::string& location);

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path);
Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url);

}  // namespace dyad::store

#endif  // DYAD_STORE_DB_H_
