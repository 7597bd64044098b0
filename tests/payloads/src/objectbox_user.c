/*
 * Uses a real NDK-built ObjectBox (libobjectbox-jni.so from the objectbox-android AAR on Maven Central, packaged
 * next to this payload) through its C API (obx_*, declared here from its documentation): a store in the VM's
 * encrypted storage, 200 objects put in one write transaction, reads, removals, a close and a reopen that must find
 * the same data in the database files. Objects are FlatBuffers built by hand below (id, text, value).
 */
#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint32_t obx_schema_id;
typedef uint64_t obx_uid;
typedef uint64_t obx_id;
typedef int obx_err;
typedef struct OBX_model OBX_model;
typedef struct OBX_store_options OBX_store_options;
typedef struct OBX_store OBX_store;
typedef struct OBX_box OBX_box;
typedef struct OBX_txn OBX_txn;
typedef struct OBX_bytes { const void* data; size_t size; } OBX_bytes;
typedef struct OBX_bytes_array { OBX_bytes* bytes; size_t count; } OBX_bytes_array;

#define OBXPropertyType_Long 6
#define OBXPropertyType_String 9
#define OBXPropertyFlags_ID 1
#define OBX_NOT_FOUND 404

static const char* (*obx_version_string)(void);
static const char* (*obx_last_error_message)(void);
static OBX_model* (*obx_model)(void);
static obx_err (*obx_model_entity)(OBX_model*, const char*, obx_schema_id, obx_uid);
static obx_err (*obx_model_property)(OBX_model*, const char*, int, obx_schema_id, obx_uid);
static obx_err (*obx_model_property_flags)(OBX_model*, uint32_t);
static obx_err (*obx_model_entity_last_property_id)(OBX_model*, obx_schema_id, obx_uid);
static void (*obx_model_last_entity_id)(OBX_model*, obx_schema_id, obx_uid);
static OBX_store_options* (*obx_opt)(void);
static obx_err (*obx_opt_directory)(OBX_store_options*, const char*);
static void (*obx_opt_max_db_size_in_kb)(OBX_store_options*, uint64_t);
static obx_err (*obx_opt_model)(OBX_store_options*, OBX_model*);
static OBX_store* (*obx_store_open)(OBX_store_options*);
static obx_err (*obx_store_close)(OBX_store*);
static OBX_box* (*obx_box)(OBX_store*, obx_schema_id);
static obx_id (*obx_box_put_object)(OBX_box*, void*, size_t);
static obx_err (*obx_box_get)(OBX_box*, obx_id, const void**, size_t*);
static obx_err (*obx_box_count)(OBX_box*, uint64_t, uint64_t*);
static obx_err (*obx_box_remove)(OBX_box*, obx_id);
static OBX_bytes_array* (*obx_box_get_all)(OBX_box*);
static void (*obx_bytes_array_free)(OBX_bytes_array*);
static OBX_txn* (*obx_txn_write)(OBX_store*);
static OBX_txn* (*obx_txn_read)(OBX_store*);
static obx_err (*obx_txn_success)(OBX_txn*);
static obx_err (*obx_txn_close)(OBX_txn*);

static void* lib;
static int missing;

static void* need(const char* name) {
  void* p = dlsym(lib, name);
  if (p == NULL) {
    printf("dlsym %s failed\n", name);
    missing++;
  }
  return p;
}

/*
 * A Note as a FlatBuffer: root offset, a vtable of three fields, the table (id: u64 at +8, value: i64 at +16, text:
 * string offset at +24), then the string.
 */
struct encoded { _Alignas(8) unsigned char b[128]; size_t size; };

static void put32(unsigned char* p, uint32_t v) { memcpy(p, &v, 4); }
static void put16(unsigned char* p, uint16_t v) { memcpy(p, &v, 2); }

static void encode(struct encoded* e, uint64_t id, const char* text, int64_t value) {
  memset(e->b, 0, sizeof e->b);
  size_t len = strlen(text);
  put32(e->b, 16);                       /* root table at 16 */
  put16(e->b + 4, 10);                   /* vtable: its size, */
  put16(e->b + 6, 28);                   /* the table's size, */
  put16(e->b + 8, 8);                    /* field 0 (id) at +8, */
  put16(e->b + 10, 24);                  /* field 1 (text) at +24, */
  put16(e->b + 12, 16);                  /* field 2 (value) at +16 */
  put32(e->b + 16, 16 - 4);              /* soffset to the vtable */
  memcpy(e->b + 24, &id, 8);
  memcpy(e->b + 32, &value, 8);
  put32(e->b + 40, 44 - 40);             /* text string at 44 */
  put32(e->b + 44, (uint32_t)len);
  memcpy(e->b + 48, text, len + 1);
  e->size = (48 + len + 1 + 7) & ~(size_t)7;
}

/* Reads a field's position in a FlatBuffer table, or 0 when absent. */
static size_t field(const unsigned char* b, size_t table, int index) {
  int32_t soffset;
  memcpy(&soffset, b + table, 4);
  size_t vtable = table - soffset;
  uint16_t vsize, at;
  memcpy(&vsize, b + vtable, 2);
  if ((size_t)(4 + 2 * index) >= vsize) return 0;
  memcpy(&at, b + vtable + 4 + 2 * index, 2);
  return at == 0 ? 0 : table + at;
}

static void decode(const void* data, uint64_t* id, char* text, size_t cap, int64_t* value) {
  const unsigned char* b = data;
  uint32_t root;
  memcpy(&root, b, 4);
  size_t f = field(b, root, 0);
  *id = 0;
  if (f) memcpy(id, b + f, 8);
  f = field(b, root, 2);
  *value = 0;
  if (f) memcpy(value, b + f, 8);
  text[0] = 0;
  f = field(b, root, 1);
  if (f) {
    uint32_t off, len;
    memcpy(&off, b + f, 4);
    memcpy(&len, b + f + off, 4);
    if (len >= cap) len = (uint32_t)cap - 1;
    memcpy(text, b + f + off + 4, len);
    text[len] = 0;
  }
}

static OBX_store* open_store(void) {
  OBX_model* model = obx_model();
  obx_model_entity(model, "Note", 1, 10001);
  obx_model_property(model, "id", OBXPropertyType_Long, 1, 10101);
  obx_model_property_flags(model, OBXPropertyFlags_ID);
  obx_model_property(model, "text", OBXPropertyType_String, 2, 10102);
  obx_model_property(model, "value", OBXPropertyType_Long, 3, 10103);
  obx_model_entity_last_property_id(model, 3, 10103);
  obx_model_last_entity_id(model, 1, 10001);
  OBX_store_options* opt = obx_opt();
  obx_opt_directory(opt, "/mnt/encryptedstore/objectbox");
  obx_opt_max_db_size_in_kb(opt, 4096);
  if (obx_opt_model(opt, model) != 0) {
    printf("obx_opt_model failed: %s\n", obx_last_error_message());
    return NULL;
  }
  OBX_store* store = obx_store_open(opt);
  if (store == NULL) printf("obx_store_open failed: %s\n", obx_last_error_message());
  return store;
}

static void summarize(OBX_store* store, OBX_box* box, const char* when) {
  uint64_t count = 0;
  obx_box_count(box, 0, &count);
  OBX_txn* txn = obx_txn_read(store); /* get_all exposes the database's pages: only inside a transaction */
  OBX_bytes_array* all = obx_box_get_all(box);
  int64_t sum = 0;
  uint64_t ids = 0;
  size_t texts_ok = 0;
  for (size_t i = 0; all != NULL && i < all->count; i++) {
    uint64_t id;
    int64_t value;
    char text[64], expect[64];
    decode(all->bytes[i].data, &id, text, sizeof text, &value);
    sum += value;
    ids += id;
    snprintf(expect, sizeof expect, "note %lld", (long long)(value / 3));
    if (strcmp(text, expect) == 0) texts_ok++;
  }
  printf("%s count=%llu all=%zu sum=%lld ids=%llu texts_ok=%zu\n", when, (unsigned long long)count,
         all == NULL ? (size_t)0 : all->count, (long long)sum, (unsigned long long)ids, texts_ok);
  if (all != NULL) obx_bytes_array_free(all);
  obx_txn_close(txn);
}

int AVmPayload_main(void) {
  lib = dlopen("libobjectbox-jni.so", RTLD_NOW);
  if (lib == NULL) {
    printf("objectbox dlopen failed: %s\n", dlerror());
    return 1;
  }
  obx_version_string = need("obx_version_string");
  obx_last_error_message = need("obx_last_error_message");
  obx_model = need("obx_model");
  obx_model_entity = need("obx_model_entity");
  obx_model_property = need("obx_model_property");
  obx_model_property_flags = need("obx_model_property_flags");
  obx_model_entity_last_property_id = need("obx_model_entity_last_property_id");
  obx_model_last_entity_id = need("obx_model_last_entity_id");
  obx_opt = need("obx_opt");
  obx_opt_directory = need("obx_opt_directory");
  obx_opt_max_db_size_in_kb = need("obx_opt_max_db_size_in_kb");
  obx_opt_model = need("obx_opt_model");
  obx_store_open = need("obx_store_open");
  obx_store_close = need("obx_store_close");
  obx_box = need("obx_box");
  obx_box_put_object = need("obx_box_put_object");
  obx_box_get = need("obx_box_get");
  obx_box_count = need("obx_box_count");
  obx_box_remove = need("obx_box_remove");
  obx_box_get_all = need("obx_box_get_all");
  obx_bytes_array_free = need("obx_bytes_array_free");
  obx_txn_write = need("obx_txn_write");
  obx_txn_read = need("obx_txn_read");
  obx_txn_success = need("obx_txn_success");
  obx_txn_close = need("obx_txn_close");
  if (missing) return 2;
  printf("objectbox version=%s\n", obx_version_string());

  OBX_store* store = open_store();
  if (store == NULL) return 3;
  OBX_box* box = obx_box(store, 1);
  OBX_txn* txn = obx_txn_write(store);
  obx_id first = 0, last = 0;
  for (int i = 1; i <= 200; i++) {
    struct encoded e;
    char text[32];
    snprintf(text, sizeof text, "note %d", i);
    encode(&e, 0, text, 3LL * i);
    obx_id id = obx_box_put_object(box, e.b, e.size);
    if (id == 0) {
      printf("put %d failed: %s\n", i, obx_last_error_message());
      return 4;
    }
    if (i == 1) first = id;
    last = id;
  }
  /* obx_txn_success commits and frees the transaction. */
  printf("put ids=%llu..%llu commit=%d\n", (unsigned long long)first, (unsigned long long)last, obx_txn_success(txn));

  txn = obx_txn_read(store);
  const void* data;
  size_t size;
  obx_err got = obx_box_get(box, first + 41, &data, &size);
  uint64_t id = 0;
  int64_t value = 0;
  char text[64] = "";
  if (got == 0) decode(data, &id, text, sizeof text, &value);
  printf("get %llu: err=%d id=%llu text=%s value=%lld\n", (unsigned long long)(first + 41), got,
         (unsigned long long)id, text, (long long)value);
  printf("get missing: err=%d\n", obx_box_get(box, last + 1000, &data, &size));
  obx_txn_close(txn);

  for (int k = 0; k < 200; k += 20) obx_box_remove(box, first + k);
  summarize(store, box, "before close");
  printf("close=%d\n", obx_store_close(store));

  store = open_store();
  if (store == NULL) return 5;
  summarize(store, obx_box(store, 1), "after reopen");
  printf("close=%d\n", obx_store_close(store));
  printf("objectbox done\n");
  return 0;
}
