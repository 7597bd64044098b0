/*
 * Uses a real NDK-built SQLite (SQLCipher's Android AAR: SQLite 3.46.1 with OpenSSL inside, packaged next to this
 * payload) through dlopen/dlsym, on a database in the VM's encrypted storage.
 *
 * Output the host test replays on org.xerial:sqlite-jdbc and compares:
 *   exec: SQL          a statement without rows, run on both sides
 *   insert: N          the bound-parameter insert loop below (the host mirrors its formula)
 *   query: SQL         followed by "row: a|b|c" lines (NULL for SQL NULL) and "end"
 * Then SQLCipher's own part (a keyed database, checked in the guest and by the host decrypting page 1) and timings.
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <vm_payload.h>

/* The SQLite C API, declared here from sqlite.org's documentation. */
typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
#define SQLITE_OK 0
#define SQLITE_NOTADB 26
#define SQLITE_ROW 100
#define SQLITE_DONE 101
#define SQLITE_NULL 5
#define SQLITE_OPEN_READWRITE 0x2
#define SQLITE_OPEN_CREATE 0x4
#define SQLITE_TRANSIENT ((void (*)(void*))-1)

static const char* (*sqlite3_libversion)(void);
static int (*sqlite3_open_v2)(const char* file, sqlite3** db, int flags, const char* vfs);
static int (*sqlite3_close)(sqlite3* db);
static int (*sqlite3_exec)(sqlite3* db, const char* sql, int (*callback)(void*, int, char**, char**), void* arg,
                           char** error);
static int (*sqlite3_prepare_v2)(sqlite3* db, const char* sql, int bytes, sqlite3_stmt** stmt, const char** tail);
static int (*sqlite3_step)(sqlite3_stmt* stmt);
static int (*sqlite3_reset)(sqlite3_stmt* stmt);
static int (*sqlite3_finalize)(sqlite3_stmt* stmt);
static int (*sqlite3_column_count)(sqlite3_stmt* stmt);
static int (*sqlite3_column_type)(sqlite3_stmt* stmt, int column);
static const unsigned char* (*sqlite3_column_text)(sqlite3_stmt* stmt, int column);
static int (*sqlite3_bind_int64)(sqlite3_stmt* stmt, int index, long long value);
static int (*sqlite3_bind_double)(sqlite3_stmt* stmt, int index, double value);
static int (*sqlite3_bind_text)(sqlite3_stmt* stmt, int index, const char* text, int bytes, void (*destructor)(void*));
static const char* (*sqlite3_errmsg)(sqlite3* db);
static int (*sqlite3_key)(sqlite3* db, const void* key, int bytes);

static void* lib;
static int missing;
static char path[512];

static void* need(const char* name) {
  void* p = dlsym(lib, name);
  if (p == NULL) {
    printf("dlsym %s failed\n", name);
    missing++;
  }
  return p;
}

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int exec(sqlite3* db, const char* sql) {
  char* error = NULL;
  int rc = sqlite3_exec(db, sql, NULL, NULL, &error);
  if (rc != SQLITE_OK) {
    printf("exec failed (%d): %s: %s\n", rc, error ? error : "?", sql);
    return -1;
  }
  printf("exec: %s\n", sql);
  return 0;
}

static int query(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) {
    printf("prepare failed: %s: %s\n", sqlite3_errmsg(db), sql);
    return -1;
  }
  printf("query: %s\n", sql);
  int rc, columns = sqlite3_column_count(stmt);
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    printf("row: ");
    for (int i = 0; i < columns; i++) {
      const char* text = sqlite3_column_type(stmt, i) == SQLITE_NULL ? "NULL" : (const char*)sqlite3_column_text(stmt, i);
      printf(i == 0 ? "%s" : "|%s", text);
    }
    printf("\n");
  }
  sqlite3_finalize(stmt);
  printf("end\n");
  if (rc != SQLITE_DONE) {
    printf("step failed: %s\n", sqlite3_errmsg(db));
    return -1;
  }
  return 0;
}

/* Row i of the bound insert: the host test's SqliteRows mirrors this. */
static int insert_rows(sqlite3* db, int count) {
  sqlite3_stmt* stmt;
  if (sqlite3_prepare_v2(db, "INSERT INTO item(id, name, price, category) VALUES (?, ?, ?, ?)", -1, &stmt, NULL))
    return -1;
  char name[32];
  for (int i = 1; i <= count; i++) {
    snprintf(name, sizeof name, "item-%04d", (i * 7919) % 10007);
    sqlite3_bind_int64(stmt, 1, i);
    sqlite3_bind_text(stmt, 2, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(stmt, 3, i * 0.25 + (i % 13) / 8.0);
    sqlite3_bind_int64(stmt, 4, i % 11);
    if (sqlite3_step(stmt) != SQLITE_DONE) {
      printf("insert %d failed: %s\n", i, sqlite3_errmsg(db));
      return -1;
    }
    sqlite3_reset(stmt);
  }
  sqlite3_finalize(stmt);
  printf("insert: %d\n", count);
  return 0;
}

#define ROWS 2000

static int plain_database(const char* directory) {
  snprintf(path, sizeof path, "%s/shop.db", directory);
  sqlite3* db;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
    printf("open %s failed\n", path);
    return -1;
  }
  long long start = now_ns();
  if (exec(db, "CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL, category INTEGER)") ||
      exec(db, "CREATE TABLE category(id INTEGER PRIMARY KEY, label TEXT)") ||
      exec(db, "WITH RECURSIVE c(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM c WHERE x < 10) "
               "INSERT INTO category SELECT x, 'cat-' || char(65 + x) || printf('%03d', x * x) FROM c") ||
      exec(db, "BEGIN"))
    return -1;
  long long insert_start = now_ns();
  if (insert_rows(db, ROWS)) return -1;
  long long insert_end = now_ns();
  if (exec(db, "COMMIT") ||
      exec(db, "CREATE INDEX item_by_name ON item(name)") ||
      exec(db, "UPDATE item SET price = round(price * 1.1, 2) WHERE category IN (3, 5, 7)") ||
      exec(db, "DELETE FROM item WHERE id % 97 = 0") ||
      query(db, "SELECT count(*), sum(price), total(category), min(name), max(name) FROM item") ||
      query(db, "SELECT category, count(*), round(avg(price), 6), group_concat(id % 10, '') FROM item "
                "WHERE id < 200 GROUP BY category HAVING count(*) > 15 ORDER BY category DESC") ||
      query(db, "SELECT i.id, i.name, c.label, i.price FROM item i JOIN category c ON c.id = i.category "
                "WHERE i.name LIKE 'item-1%' ORDER BY i.price DESC, i.id LIMIT 12") ||
      query(db, "SELECT name, row_number() OVER (PARTITION BY category ORDER BY price DESC), "
                "sum(price) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM item "
                "WHERE id BETWEEN 500 AND 520 ORDER BY id") ||
      query(db, "SELECT upper(substr(name, 6)), length(name), instr(name, '0'), hex(name), printf('%8.3f|%-6d|%x', "
                "price, id, id * 31), price / 3, CAST(price * 1000 AS INTEGER) % 7 FROM item WHERE id IN (1, 42, 777)") ||
      query(db, "SELECT json_object('id', id, 'name', name, 'p', price), json_array(category, NULL, 'x') FROM item "
                "ORDER BY id LIMIT 3") ||
      query(db, "SELECT 1e308 * 10, -0.0, 1.0 / 3, 2.5e-310, 9223372036854775807 + 1, 0.1 + 0.2, 100000000000000000000.0, "
                "round(2.675, 2), NULL, typeof(3.0), 7 / 2, -7 % 3") ||
      query(db, "SELECT name FROM item INDEXED BY item_by_name WHERE name > 'item-9990' ORDER BY name"))
    return -1;
  long long query_end = now_ns();
  sqlite3_close(db);

  /* The file persists in storage: open it again and read what was written. */
  struct stat st;
  if (stat(path, &st) != 0 || st.st_size < 4096) {
    printf("stat %s failed\n", path);
    return -1;
  }
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) return -1;
  if (query(db, "SELECT count(*), sum(id) FROM item") ||
      query(db, "PRAGMA integrity_check")) return -1;
  sqlite3_close(db);
  printf("file size=%lld pages=%lld\n", (long long)st.st_size, (long long)st.st_size / 4096);
  printf("time insert_ns_per_row=%lld queries_ms=%lld total_ms=%lld\n", (insert_end - insert_start) / ROWS,
         (query_end - insert_end) / 1000000, (query_end - start) / 1000000);
  return 0;
}

static const char PASSPHRASE[] = "correct horse battery staple";

/* Opens the keyed database; SQLCipher checks the key on the first read. */
static sqlite3* open_keyed(const char* key) {
  sqlite3* db;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) return NULL;
  sqlite3_key(db, key, (int)strlen(key));
  /* Fewer PBKDF2 rounds than SQLCipher 4's 256000, to keep the test short; the host uses the same count. */
  sqlite3_exec(db, "PRAGMA kdf_iter = 4000", NULL, NULL, NULL);
  return db;
}

static int keyed_database(const char* directory) {
  snprintf(path, sizeof path, "%s/secret.db", directory);
  sqlite3* db = open_keyed(PASSPHRASE);
  if (db == NULL) return -1;
  long long start = now_ns();
  if (query(db, "PRAGMA cipher_version") ||
      exec(db, "CREATE TABLE secret(id INTEGER PRIMARY KEY, words TEXT)") ||
      exec(db, "INSERT INTO secret(words) VALUES ('the eagle lands at midnight'), ('top secret')"))
    return -1;
  long long created = now_ns();
  sqlite3_close(db);

  unsigned char page[4096];
  int fd = open(path, O_RDONLY);
  if (fd < 0 || read(fd, page, sizeof page) != sizeof page) return -1;
  int plain_header = memcmp(page, "SQLite format 3", 15) == 0, plaintext = 0;
  unsigned char buf[4096];
  lseek(fd, 0, SEEK_SET);
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0)
    for (ssize_t i = 0; i + 10 <= n; i++) plaintext |= memcmp(buf + i, "top secret", 10) == 0;
  close(fd);

  db = open_keyed("wrong passphrase");
  char* error = NULL;
  int wrong = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, &error);
  printf("wrong key: %d %s\n", wrong, error ? error : "");
  sqlite3_close(db);

  db = open_keyed(PASSPHRASE);
  if (query(db, "SELECT words FROM secret ORDER BY id")) return -1;
  sqlite3_close(db);
  printf("cipher plain_header=%d plaintext_found=%d\n", plain_header, plaintext);
  printf("page1=");
  for (int i = 0; i < 4096; i++) printf("%02x", page[i]);
  printf("\ntime keyed_create_ms=%lld\n", (created - start) / 1000000);
  return 0;
}

int AVmPayload_main(void) {
  const char* storage = AVmPayload_getEncryptedStoragePath();
  if (storage == NULL) {
    printf("no encrypted storage\n");
    return 1;
  }
  lib = dlopen("libsqlcipher.so", RTLD_NOW);
  if (lib == NULL) {
    printf("dlopen failed: %s\n", dlerror());
    return 1;
  }
  sqlite3_libversion = need("sqlite3_libversion");
  sqlite3_open_v2 = need("sqlite3_open_v2");
  sqlite3_close = need("sqlite3_close");
  sqlite3_exec = need("sqlite3_exec");
  sqlite3_prepare_v2 = need("sqlite3_prepare_v2");
  sqlite3_step = need("sqlite3_step");
  sqlite3_reset = need("sqlite3_reset");
  sqlite3_finalize = need("sqlite3_finalize");
  sqlite3_column_count = need("sqlite3_column_count");
  sqlite3_column_type = need("sqlite3_column_type");
  sqlite3_column_text = need("sqlite3_column_text");
  sqlite3_bind_int64 = need("sqlite3_bind_int64");
  sqlite3_bind_double = need("sqlite3_bind_double");
  sqlite3_bind_text = need("sqlite3_bind_text");
  sqlite3_errmsg = need("sqlite3_errmsg");
  sqlite3_key = need("sqlite3_key");
  if (missing) return 2;
  printf("sqlite version=%s storage=%s\n", sqlite3_libversion(), storage);
  if (plain_database(storage)) return 3;
  if (keyed_database(storage)) return 4;
  printf("sqlite done\n");
  return 0;
}
