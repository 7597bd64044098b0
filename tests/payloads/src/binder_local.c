/*
 * Checks the NDK binder C API from inside the guest without any transport: the ICalc service of binder_calc.h
 * called through AIBinder_transact on its local object, AParcel's typed reads and writes, AStatus, reference
 * counting, weak references and the process thread-pool calls. Prints one line per failed check and a summary;
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
