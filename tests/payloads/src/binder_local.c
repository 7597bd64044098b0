/*
 * Checks the NDK binder C API from inside the guest without any transport: the ICalc service of binder_calc.h
 * called through AIBinder_transact on its local object, AParcel's typed reads and writes, AStatus, reference
 * counting, weak references, the process thread-pool calls and APersistableBundle. Prints one line per failed check and a summary;
 * exits with the number of failures.
 */
#include <stdio.h>
#include <android/binder_process.h>
#include "binder_calc.h"

static int failures, checks;
#define CHECK(cond) do { checks++; if (!(cond)) { failures++; printf("FAIL %s:%d %s\n", __FILE__, __LINE__, #cond); } } while (0)

static AParcel* call(AIBinder* b, transaction_code_t code, AParcel* in, binder_status_t* status) {
    AParcel* out = (AParcel*)1;
    *status = AIBinder_transact(b, code, &in, &out, 0);
    CHECK(in == NULL);
    return out;
}

static void check_add_echo(AIBinder* b) {
    AParcel* in = NULL;
    CHECK(AIBinder_prepareTransaction(b, &in) == STATUS_OK);
    AParcel_writeInt32(in, 40);
    AParcel_writeInt32(in, 2);
    binder_status_t st;
    AParcel* out = call(b, CALC_ADD, in, &st);
    CHECK(st == STATUS_OK);
    AStatus* status = NULL;
    CHECK(AParcel_readStatusHeader(out, &status) == STATUS_OK);
    CHECK(AStatus_isOk(status));
    AStatus_delete(status);
    int32_t sum = 0;
    CHECK(AParcel_readInt32(out, &sum) == STATUS_OK && sum == 42);
    CHECK(AParcel_readInt32(out, &sum) == STATUS_NOT_ENOUGH_DATA);
    AParcel_delete(out);

    const char* text = "h\xc3\xa9llo w\xc3\xb6rld \xe2\x9c\x93 \xf0\x9f\x98\x80";
    CHECK(AIBinder_prepareTransaction(b, &in) == STATUS_OK);
    CHECK(AParcel_writeString(in, text, (int32_t)strlen(text)) == STATUS_OK);
    out = call(b, CALC_ECHO, in, &st);
    CHECK(st == STATUS_OK);
    AParcel_readStatusHeader(out, &status);
    AStatus_delete(status);
    char* echoed = NULL;
    CHECK(AParcel_readString(out, &echoed, calc_string_alloc) == STATUS_OK);
    CHECK(echoed && strcmp(echoed, text) == 0);
    free(echoed);
    AParcel_delete(out);

    /* A null string travels as -1 and comes back null. */
    CHECK(AIBinder_prepareTransaction(b, &in) == STATUS_OK);
    CHECK(AParcel_writeString(in, NULL, 5) == STATUS_BAD_VALUE);
    CHECK(AParcel_writeString(in, NULL, -1) == STATUS_OK);
    out = call(b, CALC_ECHO, in, &st);
    AParcel_readStatusHeader(out, &status);
    AStatus_delete(status);
    echoed = (char*)1;
    CHECK(AParcel_readString(out, &echoed, calc_string_alloc) == STATUS_OK && echoed == NULL);
    AParcel_delete(out);
}

static void check_errors(AIBinder* b) {
    AParcel* in = NULL;
    AIBinder_prepareTransaction(b, &in);
    AParcel_writeInt32(in, 7);
    AParcel_writeString(in, "boom", 4);
    binder_status_t st;
    AParcel* out = call(b, CALC_FAIL, in, &st);
    CHECK(st == STATUS_OK);
    AStatus* status = NULL;
    CHECK(AParcel_readStatusHeader(out, &status) == STATUS_OK);
    CHECK(!AStatus_isOk(status));
    CHECK(AStatus_getExceptionCode(status) == EX_SERVICE_SPECIFIC);
    CHECK(AStatus_getServiceSpecificError(status) == 7);
    CHECK(strcmp(AStatus_getMessage(status), "boom") == 0);
    const char* description = AStatus_getDescription(status);
    CHECK(strcmp(description, "Status(-8, EX_SERVICE_SPECIFIC): '7: boom'") == 0);
    AStatus_deleteDescription(description);
    AStatus_delete(status);
    AParcel_delete(out);

    AIBinder_prepareTransaction(b, &in);
    out = call(b, 0x00777777, in, &st);
    CHECK(st == STATUS_UNKNOWN_TRANSACTION && out == NULL);

    in = AParcel_create();
    out = call(b, CALC_ADD, in, &st);
    CHECK(st == STATUS_BAD_VALUE);

    AIBinder_prepareTransaction(b, &in);
    out = call(b, 0x5f504e47, in, &st);
    CHECK(st == STATUS_UNKNOWN_TRANSACTION);

    AStatus* dead = AStatus_fromStatus(STATUS_DEAD_OBJECT);
    CHECK(AStatus_getExceptionCode(dead) == EX_TRANSACTION_FAILED && AStatus_getStatus(dead) == STATUS_DEAD_OBJECT);
    AStatus_delete(dead);
    AStatus* arg = AStatus_fromExceptionCodeWithMessage(EX_ILLEGAL_ARGUMENT, "bad");
    CHECK(AStatus_getExceptionCode(arg) == EX_ILLEGAL_ARGUMENT && AStatus_getStatus(arg) == STATUS_OK);
    CHECK(strcmp(AStatus_getMessage(arg), "bad") == 0);
    AStatus_delete(arg);
    AStatus* ok = AStatus_newOk();
    CHECK(AStatus_isOk(ok) && strcmp(AStatus_getMessage(ok), "") == 0);
    AStatus_delete(ok);
}

static void check_mix(AIBinder* b) {
    AParcel* in = NULL;
    AIBinder_prepareTransaction(b, &in);
    int32_t ints[] = {1, 2, 3, 400};
    AParcel_writeInt32Array(in, ints, 4);
    AParcel_writeInt64(in, 1LL << 40);
    AParcel_writeDouble(in, 1.25);
    struct bool_array flags = {{true, false, true}, 3};
    AParcel_writeBoolArray(in, &flags, 3, calc_bool_get);
    struct string_array names = {{"one", NULL, "three"}, 3};
    AParcel_writeStringArray(in, &names, 3, calc_strings_get);
    AParcel_writeChar(in, 'A');
    int8_t bytes[] = {1, 2, 3, 4, 5};
    AParcel_writeByteArray(in, bytes, 5);
    AParcel_writeFloat(in, 1.5f);
    binder_status_t st;
    AParcel* out = call(b, CALC_MIX, in, &st);
    CHECK(st == STATUS_OK);
    AStatus* status = NULL;
    AParcel_readStatusHeader(out, &status);
    CHECK(AStatus_isOk(status));
    AStatus_delete(status);
    float f = 0;
    CHECK(AParcel_readFloat(out, &f) == STATUS_OK && f == 3.0f);
    struct byte_array rb = {0};
    CHECK(AParcel_readByteArray(out, &rb, calc_byte_alloc) == STATUS_OK);
    CHECK(rb.length == 5 && rb.data[0] == 5 && rb.data[4] == 1);
    char16_t c = 0;
    CHECK(AParcel_readChar(out, &c) == STATUS_OK && c == 'B');
    struct string_array rn = {{0}, 0};
    CHECK(AParcel_readStringArray(out, &rn, calc_strings_alloc, calc_strings_element) == STATUS_OK);
    CHECK(rn.length == 3 && strcmp(rn.data[0], "three") == 0 && rn.data[1] == NULL && strcmp(rn.data[2], "one") == 0);
    struct bool_array rf = {{0}, 0};
    CHECK(AParcel_readBoolArray(out, &rf, calc_bool_alloc, calc_bool_set) == STATUS_OK);
    CHECK(rf.length == 3 && !rf.data[0] && rf.data[1] && !rf.data[2]);
    double d = 0;
    CHECK(AParcel_readDouble(out, &d) == STATUS_OK && d == 2.5);
    int64_t l = 0;
    CHECK(AParcel_readInt64(out, &l) == STATUS_OK && l == (1LL << 40) + 1);
    int32_t position = AParcel_getDataPosition(out);
    struct int_array sum = {0};
    CHECK(AParcel_readInt32Array(out, &sum, calc_int_alloc) == STATUS_OK);
    CHECK(sum.length == 1 && sum.data[0] == 406); /* the int64 array read back as one int32 (its low half) */
    CHECK(AParcel_setDataPosition(out, position) == STATUS_OK);
    int32_t count = 0;
    int64_t total = 0;
    AParcel_readInt32(out, &count);
    AParcel_readInt64(out, &total);
    CHECK(count == 1 && total == 406);
    CHECK(AParcel_getDataPosition(out) == AParcel_getDataSize(out));
    CHECK(AParcel_setDataPosition(out, -1) == STATUS_BAD_VALUE);
    free(sum.data);
    free(rb.data);
    for (int i = 0; i < 3; i++) free(rn.data[i]);
    AParcel_delete(out);
}

static void check_parcels_and_binders(AIBinder* b) {
    AParcel* p = AParcel_create();
    CHECK(AParcel_getDataSize(p) == 0);
    AParcel_writeInt32(p, -1);
    AParcel_writeUint64(p, 0xffffffffffffffffULL);
    AParcel_writeByte(p, -2);
    AParcel_writeBool(p, true);
    CHECK(AParcel_getDataSize(p) == 4 + 8 + 4 + 4);
    CHECK(AParcel_writeInt32Array(p, NULL, -1) == STATUS_OK);
    CHECK(AParcel_writeInt32Array(p, NULL, 3) == STATUS_BAD_VALUE);
    CHECK(AParcel_writeStrongBinder(p, b) == STATUS_OK);
    CHECK(AParcel_writeStrongBinder(p, NULL) == STATUS_OK);
    AParcel_setDataPosition(p, 0);
    int32_t i32 = 0;
    uint64_t u64 = 0;
    int8_t i8 = 0;
    bool flag = false;
    AParcel_readInt32(p, &i32);
    AParcel_readUint64(p, &u64);
    AParcel_readByte(p, &i8);
    AParcel_readBool(p, &flag);
    CHECK(i32 == -1 && u64 == 0xffffffffffffffffULL && i8 == -2 && flag);
    struct int_array none = {(int32_t*)1, 9};
    CHECK(AParcel_readInt32Array(p, &none, calc_int_alloc) == STATUS_OK && none.length == -1 && none.data == NULL);
    int32_t before = AIBinder_debugGetRefCount(b);
    AIBinder* again = NULL;
    CHECK(AParcel_readStrongBinder(p, &again) == STATUS_OK && again == b);
    CHECK(AIBinder_debugGetRefCount(b) == before + 1);
    AIBinder_decStrong(again);
    AIBinder* null_binder = (AIBinder*)1;
    CHECK(AParcel_readStrongBinder(p, &null_binder) == STATUS_OK && null_binder == NULL);
    CHECK(AParcel_readInt32(p, &i32) == STATUS_NOT_ENOUGH_DATA);
    AParcel* copy = AParcel_create();
    CHECK(AParcel_appendFrom(p, copy, 0, 12) == STATUS_OK && AParcel_getDataSize(copy) == 12);
    uint8_t raw[12];
    CHECK(AParcel_marshal(copy, raw, 0, 12) == STATUS_OK && raw[0] == 0xff && raw[4] == 0xff);
    CHECK(AParcel_reset(copy) == STATUS_OK && AParcel_getDataSize(copy) == 0);
    CHECK(AParcel_unmarshal(copy, raw, 12) == STATUS_OK && AParcel_getDataSize(copy) == 12);
    AParcel_delete(copy);
    AParcel_delete(p);
}

static char* bundle_alloc(int32_t size, void* context) {
    int* calls = context;
    (*calls)++;
    return malloc(size);
}
static char* bundle_alloc_fails(int32_t size, void* context) { (void)size; (void)context; return NULL; }

/* Checks that the keys of one type are exactly the two given, in sorted order, and frees them. */
static bool bundle_keys_are(int32_t (*get)(const APersistableBundle*, char**, int32_t,
                                           APersistableBundle_stringAllocator, void*),
                            const APersistableBundle* b, const char* first, const char* second) {
    int calls = 0;
    char* keys[4] = {0};
    int32_t need = get(b, NULL, 0, bundle_alloc, &calls);
    bool ok = need == (second ? 2 : 1) * (int32_t)sizeof(char*) && calls == 0;
    ok = ok && get(b, keys, sizeof keys, bundle_alloc, &calls) == need;
    ok = ok && keys[0] && strcmp(keys[0], first) == 0 && (second ? keys[1] && strcmp(keys[1], second) == 0 : !keys[1]);
    for (int i = 0; i < 4; i++) free(keys[i]);
    return ok;
}

static void check_bundles(AIBinder* calc) {
    APersistableBundle* b = APersistableBundle_new();
    CHECK(b != NULL && APersistableBundle_size(b) == 0);
    APersistableBundle_putBoolean(b, "flag", true);
    APersistableBundle_putBoolean(b, "off", false);
    APersistableBundle_putInt(b, "int", -7);
    APersistableBundle_putLong(b, "long", 0x123456789abLL);
    APersistableBundle_putDouble(b, "pi", 3.25);
    APersistableBundle_putString(b, "name", "h\xc3\xa9llo");
    const bool bools[] = {true, false, true};
    const int32_t ints[] = {1, -2, 3, 4};
    const int64_t longs[] = {-1, 1LL << 40};
    const double doubles[] = {0.5, -1.5};
    const char* strings[] = {"a", "", "\xe2\x9c\x93"};
    APersistableBundle_putBooleanVector(b, "bools", bools, 3);
    APersistableBundle_putIntVector(b, "ints", ints, 4);
    APersistableBundle_putLongVector(b, "longs", longs, 2);
    APersistableBundle_putDoubleVector(b, "doubles", doubles, 2);
    APersistableBundle_putStringVector(b, "strings", strings, 3);
    APersistableBundle* inner = APersistableBundle_new();
    APersistableBundle_putInt(inner, "depth", 1);
    APersistableBundle_putPersistableBundle(b, "inner", inner);
    APersistableBundle_putInt(inner, "later", 2); /* the bundle stored a copy */
    CHECK(APersistableBundle_size(b) == 12);

    bool flag = false;
    int32_t i = 0;
    int64_t l = 0;
    double d = 0;
    CHECK(APersistableBundle_getBoolean(b, "flag", &flag) && flag);
    CHECK(APersistableBundle_getBoolean(b, "off", &flag) && !flag);
    CHECK(APersistableBundle_getInt(b, "int", &i) && i == -7);
    CHECK(!APersistableBundle_getInt(b, "long", &i) && i == -7);
    CHECK(APersistableBundle_getLong(b, "long", &l) && l == 0x123456789abLL);
    CHECK(APersistableBundle_getDouble(b, "pi", &d) && d == 3.25);
    CHECK(!APersistableBundle_getDouble(b, "missing", &d));
    int calls = 0;
    char* s = NULL;
    CHECK(APersistableBundle_getString(b, "name", &s, bundle_alloc, &calls) == 6 && calls == 1);
    CHECK(s && strcmp(s, "h\xc3\xa9llo") == 0);
    free(s);
    CHECK(APersistableBundle_getString(b, "int", &s, bundle_alloc, &calls) == APERSISTABLEBUNDLE_KEY_NOT_FOUND);
    CHECK(APersistableBundle_getString(b, "name", &s, bundle_alloc_fails, NULL) == APERSISTABLEBUNDLE_ALLOCATOR_FAILED);

    bool bools_out[3] = {0};
    int32_t ints_out[4] = {0};
    int64_t longs_out[2] = {0};
    double doubles_out[2] = {0};
    CHECK(APersistableBundle_getBooleanVector(b, "bools", NULL, 0) == 3);
    CHECK(APersistableBundle_getBooleanVector(b, "bools", bools_out, 3) == 3 && bools_out[0] && !bools_out[1] && bools_out[2]);
    CHECK(APersistableBundle_getIntVector(b, "ints", NULL, 0) == 16);
    CHECK(APersistableBundle_getIntVector(b, "ints", ints_out, 8) == 16 && ints_out[0] == 1 && ints_out[1] == -2
          && ints_out[2] == 0);
    CHECK(APersistableBundle_getIntVector(b, "ints", ints_out, sizeof ints_out) == 16 && ints_out[3] == 4);
    CHECK(APersistableBundle_getLongVector(b, "longs", longs_out, sizeof longs_out) == 16 && longs_out[1] == 1LL << 40);
    CHECK(APersistableBundle_getDoubleVector(b, "doubles", doubles_out, sizeof doubles_out) == 16
          && doubles_out[0] == 0.5 && doubles_out[1] == -1.5);
    CHECK(APersistableBundle_getIntVector(b, "longs", ints_out, sizeof ints_out) == APERSISTABLEBUNDLE_KEY_NOT_FOUND);
    char* strings_out[3] = {0};
    calls = 0;
    CHECK(APersistableBundle_getStringVector(b, "strings", NULL, 0, bundle_alloc, &calls) == 3 * (int32_t)sizeof(char*));
    CHECK(APersistableBundle_getStringVector(b, "strings", strings_out, sizeof strings_out, bundle_alloc, &calls)
          == 3 * (int32_t)sizeof(char*) && calls == 3);
    CHECK(strings_out[0] && strcmp(strings_out[0], "a") == 0 && strings_out[1] && strings_out[1][0] == 0
          && strings_out[2] && strcmp(strings_out[2], "\xe2\x9c\x93") == 0);
    for (int k = 0; k < 3; k++) free(strings_out[k]);
    CHECK(APersistableBundle_getStringVector(b, "nope", strings_out, sizeof strings_out, bundle_alloc, &calls)
          == APERSISTABLEBUNDLE_KEY_NOT_FOUND);
    APersistableBundle* got = NULL;
    CHECK(APersistableBundle_getPersistableBundle(b, "inner", &got) && got != NULL);
    CHECK(got && APersistableBundle_getInt(got, "depth", &i) && i == 1 && !APersistableBundle_getInt(got, "later", &i));
    CHECK(!APersistableBundle_getPersistableBundle(b, "int", &got));
    APersistableBundle_delete(got);

    CHECK(bundle_keys_are(APersistableBundle_getBooleanKeys, b, "flag", "off"));
    CHECK(bundle_keys_are(APersistableBundle_getIntKeys, b, "int", NULL));
    CHECK(bundle_keys_are(APersistableBundle_getLongKeys, b, "long", NULL));
    CHECK(bundle_keys_are(APersistableBundle_getDoubleKeys, b, "pi", NULL));
    CHECK(bundle_keys_are(APersistableBundle_getStringKeys, b, "name", NULL));
    CHECK(bundle_keys_are(APersistableBundle_getBooleanVectorKeys, b, "bools", NULL));
    CHECK(bundle_keys_are(APersistableBundle_getIntVectorKeys, b, "ints", NULL));
    CHECK(bundle_keys_are(APersistableBundle_getLongVectorKeys, b, "longs", NULL));
    CHECK(bundle_keys_are(APersistableBundle_getDoubleVectorKeys, b, "doubles", NULL));
    CHECK(bundle_keys_are(APersistableBundle_getStringVectorKeys, b, "strings", NULL));
    CHECK(bundle_keys_are(APersistableBundle_getPersistableBundleKeys, b, "inner", NULL));
    CHECK(APersistableBundle_getIntKeys(b, NULL, 0, bundle_alloc_fails, NULL) == (int32_t)sizeof(char*));
    char* one = NULL;
    CHECK(APersistableBundle_getBooleanKeys(b, &one, sizeof one, bundle_alloc_fails, NULL)
          == APERSISTABLEBUNDLE_ALLOCATOR_FAILED);

    /* dup, isEqual, erase, replacing an entry of another type */
    APersistableBundle* copy = APersistableBundle_dup(b);
    CHECK(copy && APersistableBundle_isEqual(b, copy) && APersistableBundle_size(copy) == 12);
    CHECK(APersistableBundle_erase(copy, "ints") == 1 && APersistableBundle_erase(copy, "ints") == 0);
    CHECK(!APersistableBundle_isEqual(b, copy) && APersistableBundle_size(copy) == 11);
    APersistableBundle_putString(copy, "int", "now a string");
    CHECK(!APersistableBundle_getInt(copy, "int", &i) && APersistableBundle_size(copy) == 11);
    CHECK(APersistableBundle_isEqual(NULL, NULL) && !APersistableBundle_isEqual(b, NULL));
    APersistableBundle_delete(copy);
    APersistableBundle_delete(NULL);

    /* Through a parcel and back; then through the ICalc bundleEcho transaction. */
    AParcel* p = AParcel_create();
    CHECK(APersistableBundle_writeToParcel(b, p) == STATUS_OK);
    APersistableBundle* empty = APersistableBundle_new();
    CHECK(APersistableBundle_writeToParcel(empty, p) == STATUS_OK);
    int32_t end = AParcel_getDataPosition(p);
    AParcel_setDataPosition(p, 0);
    int32_t length = 0;
    CHECK(AParcel_readInt32(p, &length) == STATUS_OK && length > 0 && length + 8 == end - 4);
    AParcel_setDataPosition(p, 0);
    APersistableBundle* back = NULL;
    CHECK(APersistableBundle_readFromParcel(p, &back) == STATUS_OK && back && APersistableBundle_isEqual(b, back));
    APersistableBundle* back_empty = NULL;
    CHECK(APersistableBundle_readFromParcel(p, &back_empty) == STATUS_OK && APersistableBundle_size(back_empty) == 0);
    CHECK(AParcel_getDataPosition(p) == end);
    APersistableBundle* none = NULL;
    CHECK(APersistableBundle_readFromParcel(p, &none) != STATUS_OK && none == NULL);
    AParcel_setDataPosition(p, 4);  /* the magic read as a length, the entry count as the magic */
    CHECK(APersistableBundle_readFromParcel(p, &none) == STATUS_BAD_VALUE && none == NULL);
    CHECK(APersistableBundle_writeToParcel(NULL, p) == STATUS_BAD_VALUE);
    AParcel_delete(p);
    APersistableBundle_delete(back);
    APersistableBundle_delete(back_empty);
    APersistableBundle_delete(empty);

    AParcel* in = NULL;
    CHECK(AIBinder_prepareTransaction(calc, &in) == STATUS_OK);
    AParcel_writeInt32(in, 1);
    APersistableBundle_writeToParcel(b, in);
    binder_status_t st;
    AParcel* out = call(calc, CALC_BUNDLE_ECHO, in, &st);
    CHECK(st == STATUS_OK);
    AStatus* status = NULL;
    CHECK(AParcel_readStatusHeader(out, &status) == STATUS_OK && AStatus_isOk(status));
    AStatus_delete(status);
    int32_t present = 0;
    APersistableBundle* echoed = NULL;
    CHECK(AParcel_readInt32(out, &present) == STATUS_OK && present == 1);
    CHECK(APersistableBundle_readFromParcel(out, &echoed) == STATUS_OK);
    CHECK(echoed && APersistableBundle_getInt(echoed, "seen", &i) && i == 12 && APersistableBundle_size(echoed) == 13);
    CHECK(echoed && APersistableBundle_erase(echoed, "seen") == 1 && APersistableBundle_isEqual(b, echoed));
    APersistableBundle_delete(echoed);
    AParcel_delete(out);
    APersistableBundle_delete(inner);
    APersistableBundle_delete(b);
}

int AVmPayload_main(void) {
    int arg = 5;
    AIBinder* b = AIBinder_new(calc_class(), &arg);
    CHECK(b != NULL);
    CHECK(!AIBinder_isRemote(b) && AIBinder_isAlive(b));
    CHECK(((struct calc_state*)AIBinder_getUserData(b))->created == 5);
    CHECK(AIBinder_getClass(b) == calc_class());
    CHECK(strcmp(AIBinder_Class_getDescriptor(calc_class()), CALC_DESCRIPTOR) == 0);
    CHECK(AIBinder_associateClass(b, calc_class()));
    AIBinder_Class* other = AIBinder_Class_define("org.mdemu.test.IOther", proxy_on_create, proxy_on_destroy,
                                                  proxy_on_transact);
    CHECK(!AIBinder_associateClass(b, other));
    CHECK(AIBinder_Class_define(NULL, proxy_on_create, proxy_on_destroy, proxy_on_transact) == NULL);
    CHECK(AIBinder_ping(b) == STATUS_OK);
    CHECK(!AIBinder_isHandlingTransaction());
    AIBinder_DeathRecipient* recipient = AIBinder_DeathRecipient_new((AIBinder_DeathRecipient_onBinderDied)free);
    CHECK(AIBinder_linkToDeath(b, recipient, NULL) == STATUS_INVALID_OPERATION);
    AIBinder_DeathRecipient_delete(recipient);
    CHECK(ABinderProcess_setThreadPoolMaxThreadCount(4));
    ABinderProcess_startThreadPool();
    CHECK(!ABinderProcess_setThreadPoolMaxThreadCount(8));

    check_add_echo(b);
    CHECK(calc_handling_seen > 0 && !AIBinder_isHandlingTransaction());
    check_errors(b);
    check_mix(b);
    check_parcels_and_binders(b);
    check_bundles(b);

    /* Reference counting: a second object never parceled is destroyed by its last decStrong. */
    AIBinder* temp = AIBinder_new(calc_class(), NULL);
    AIBinder_Weak* weak = AIBinder_Weak_new(temp);
    AIBinder* promoted = AIBinder_Weak_promote(weak);
    CHECK(promoted == temp && AIBinder_debugGetRefCount(temp) == 2);
    AIBinder_decStrong(promoted);
    AIBinder_incStrong(temp);
    AIBinder_decStrong(temp);
    CHECK(calc_destroyed == 0);
    AIBinder_decStrong(temp);
    CHECK(calc_destroyed == 1);
    CHECK(AIBinder_Weak_promote(weak) == NULL);
    AIBinder_Weak_delete(weak);

    printf("binder_local: %d checks, %d failures\n", checks, failures);
    return failures;
}
