/*
 * An AIDL-style service written against the NDK binder C API, shared by the binder payloads:
 * interface org.mdemu.test.ICalc {
 *   int add(int a, int b);                          // 1
 *   String echo(String s);                          // 2
 *   byte[] secret();                                // 3: AVmPayload_getVmInstanceSecret("binder")
 *   int callBack(ICallback cb, int value);          // 4: returns cb.onValue(value * 2)
 *   void fail(int code, String message);            // 5: throws ServiceSpecificException(code, message)
 *   long[] mix(int[] ints, long l, double d, boolean[] flags, String[] names, char c, byte[] bytes, float f);
 *                                                   // 6: echoes everything back in reverse order, see below
 *   oneway void record(int value);                  // 7
 *   int[] recorded();                               // 8
 *   void watch(IBinder b);                          // 9: keeps b and links a death recipient to it
 *   int deaths();                                   // 10: death notifications received so far
 *   ICalc child();                                  // 11: a new ICalc object of the payload
 *   void later(ICallback cb, int value);            // 12: returns at once; a new payload thread then calls
 *                                                   //     cb.onValue(value) outside any transaction
 *   int[] laterOutcome();                           // 13: {binder status of that call, its result}; {1, 0} before
 *   int destroyed();                                // 14: ICalc objects whose onDestroy has run
 *   PersistableBundle bundleEcho(PersistableBundle b);
 *                                                   // 15: b with the int "seen" = the number of entries b had
 * }
 * interface org.mdemu.test.ICallback { int onValue(int value); }   // 1
 */
#pragma once
#include <android/binder_ibinder.h>
#include <android/persistable_bundle.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <vm_payload.h>

#define CALC_DESCRIPTOR "org.mdemu.test.ICalc"
#define CALLBACK_DESCRIPTOR "org.mdemu.test.ICallback"
enum { CALC_ADD = 1, CALC_ECHO, CALC_SECRET, CALC_CALL_BACK, CALC_FAIL, CALC_MIX, CALC_RECORD, CALC_RECORDED,
       CALC_WATCH, CALC_DEATHS, CALC_CHILD, CALC_LATER, CALC_LATER_OUTCOME, CALC_DESTROYED, CALC_BUNDLE_ECHO };
static int calc_destroyed;

static int calc_deaths, calc_unlinked;
static void calc_on_died(void* cookie) {
    calc_deaths++;
    AIBinder_decStrong((AIBinder*)cookie);
}
static void calc_on_unlinked(void* cookie) { (void)cookie; calc_unlinked++; }

struct calc_state { int created; int recorded[4096]; int recorded_count; };

static bool calc_string_alloc(void* data, int32_t length, char** buffer) {
    char** out = (char**)data;
    if (length < 0) { *out = NULL; return true; }
    *out = malloc(length);
    *buffer = *out;
    return *out != NULL;
}

struct int_array { int32_t* data; int32_t length; };
static bool calc_int_alloc(void* data, int32_t length, int32_t** buffer) {
    struct int_array* a = data;
    a->length = length;
    if (length < 0) { a->data = NULL; return true; }
    a->data = malloc(length ? length * sizeof(int32_t) : 1);
    *buffer = a->data;
    return a->data != NULL;
}

struct byte_array { int8_t* data; int32_t length; };
static bool calc_byte_alloc(void* data, int32_t length, int8_t** buffer) {
    struct byte_array* a = data;
    a->length = length;
    if (length < 0) { a->data = NULL; return true; }
    a->data = malloc(length ? length : 1);
    *buffer = a->data;
    return a->data != NULL;
}

struct bool_array { bool data[64]; int32_t length; };
static bool calc_bool_alloc(void* data, int32_t length) {
    struct bool_array* a = data;
    if (length > 64) return false;
    a->length = length;
    return length >= 0;
}
static void calc_bool_set(void* data, size_t index, bool value) { ((struct bool_array*)data)->data[index] = value; }
static bool calc_bool_get(const void* data, size_t index) { return ((const struct bool_array*)data)->data[index]; }

struct string_array { char* data[16]; int32_t length; };
static bool calc_strings_alloc(void* data, int32_t length) {
    struct string_array* a = data;
    if (length > 16) return false;
    a->length = length;
    return length >= 0;
}
static bool calc_strings_element(void* data, size_t index, int32_t length, char** buffer) {
    struct string_array* a = data;
    if (length < 0) { a->data[index] = NULL; return true; }
    a->data[index] = malloc(length);
    *buffer = a->data[index];
    return a->data[index] != NULL;
}
static const char* calc_strings_get(const void* data, size_t index, int32_t* length) {
    const struct string_array* a = data;
    const char* s = a->data[index];
    *length = s ? (int32_t)strlen(s) : -1;
    return s;
}

static binder_status_t calc_ok(AParcel* out) {
    AStatus* ok = AStatus_newOk();
    binder_status_t st = AParcel_writeStatusHeader(out, ok);
    AStatus_delete(ok);
    return st;
}

static void* proxy_on_create(void* args) { return args; }
static void proxy_on_destroy(void* data) { (void)data; }
static binder_status_t proxy_on_transact(AIBinder* b, transaction_code_t code, const AParcel* in, AParcel* out) {
    (void)b; (void)code; (void)in; (void)out;
    return STATUS_UNKNOWN_TRANSACTION;
}

static binder_status_t calc_call_back(AIBinder* callback, int32_t value, int32_t* result) {
    static AIBinder_Class* callback_class;
    if (!callback_class) {
        callback_class = AIBinder_Class_define(CALLBACK_DESCRIPTOR, proxy_on_create, proxy_on_destroy, proxy_on_transact);
    }
    if (!AIBinder_associateClass(callback, callback_class)) return STATUS_BAD_TYPE;
    AParcel* in = NULL;
    AParcel* out = NULL;
    binder_status_t st = AIBinder_prepareTransaction(callback, &in);
    if (st != STATUS_OK) return st;
    AParcel_writeInt32(in, value);
    st = AIBinder_transact(callback, 1, &in, &out, 0);
    if (st != STATUS_OK) return st;
    AStatus* status = NULL;
    st = AParcel_readStatusHeader(out, &status);
    if (st == STATUS_OK && !AStatus_isOk(status)) st = STATUS_FAILED_TRANSACTION;
    if (st == STATUS_OK) st = AParcel_readInt32(out, result);
    AStatus_delete(status);
    AParcel_delete(out);
    return st;
}

/* ICalc.later: a payload thread of its own calls the callback after the transaction that handed it over. */
struct calc_later_call { AIBinder* callback; int32_t value; };
static volatile int32_t calc_later_outcome[2] = {1, 0};
static void* calc_later_thread(void* arg) {
    struct calc_later_call* call = arg;
    int32_t result = 0;
    binder_status_t st = calc_call_back(call->callback, call->value, &result);
    calc_later_outcome[1] = result;
    calc_later_outcome[0] = st;
    AIBinder_decStrong(call->callback);
    free(call);
    return NULL;
}

static binder_status_t calc_later(const AParcel* in, AParcel* out) {
    struct calc_later_call* call = calloc(1, sizeof *call);
    binder_status_t st = AParcel_readStrongBinder(in, &call->callback);
    if (st == STATUS_OK) st = AParcel_readInt32(in, &call->value);
    if (st == STATUS_OK && call->callback == NULL) st = STATUS_UNEXPECTED_NULL;
    pthread_t thread;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    calc_later_outcome[0] = 1;
    if (st == STATUS_OK && pthread_create(&thread, &attr, calc_later_thread, call) != 0) st = STATUS_NO_MEMORY;
    if (st != STATUS_OK) {
        if (call->callback) AIBinder_decStrong(call->callback);
        free(call);
        return st;
    }
    return calc_ok(out);
}

static binder_status_t calc_mix(const AParcel* in, AParcel* out) {
    struct int_array ints = {0};
    struct bool_array flags = {0};
    struct string_array names = {0};
    struct byte_array bytes = {0};
    int64_t l = 0;
    double d = 0;
    char16_t c = 0;
    float f = 0;
    binder_status_t st = AParcel_readInt32Array(in, &ints, calc_int_alloc);
    if (st == STATUS_OK) st = AParcel_readInt64(in, &l);
    if (st == STATUS_OK) st = AParcel_readDouble(in, &d);
    if (st == STATUS_OK) st = AParcel_readBoolArray(in, &flags, calc_bool_alloc, calc_bool_set);
    if (st == STATUS_OK) st = AParcel_readStringArray(in, &names, calc_strings_alloc, calc_strings_element);
    if (st == STATUS_OK) st = AParcel_readChar(in, &c);
    if (st == STATUS_OK) st = AParcel_readByteArray(in, &bytes, calc_byte_alloc);
    if (st == STATUS_OK) st = AParcel_readFloat(in, &f);
    if (st != STATUS_OK) return st;
    /* Reply: no exception, then float*2, bytes reversed, char+1, names reversed, flags negated, d*2, l+1,
       sum of ints as int64 in a one-element long array. */
    calc_ok(out);
    AParcel_writeFloat(out, f * 2);
    for (int i = 0; i < bytes.length / 2; i++) {
        int8_t t = bytes.data[i];
        bytes.data[i] = bytes.data[bytes.length - 1 - i];
        bytes.data[bytes.length - 1 - i] = t;
    }
    AParcel_writeByteArray(out, bytes.data, bytes.length);
    AParcel_writeChar(out, (char16_t)(c + 1));
    struct string_array reversed = {{0}, names.length};
    for (int i = 0; i < names.length; i++) reversed.data[i] = names.data[names.length - 1 - i];
    AParcel_writeStringArray(out, &reversed, names.length, calc_strings_get);
    for (int i = 0; i < flags.length; i++) flags.data[i] = !flags.data[i];
    AParcel_writeBoolArray(out, &flags, flags.length, calc_bool_get);
    AParcel_writeDouble(out, d * 2);
    AParcel_writeInt64(out, l + 1);
    int64_t sum = 0;
    for (int i = 0; i < ints.length; i++) sum += ints.data[i];
    AParcel_writeInt64Array(out, &sum, 1);
    for (int i = 0; i < names.length; i++) free(names.data[i]);
    free(ints.data);
    free(bytes.data);
    return STATUS_OK;
}

/* A non-null parcelable parameter and result, as AIDL writes them: an int32 presence flag, then the bundle. */
static binder_status_t calc_bundle_echo(const AParcel* in, AParcel* out) {
    int32_t present = 0;
    binder_status_t st = AParcel_readInt32(in, &present);
    if (st != STATUS_OK) return st;
    if (!present) return STATUS_UNEXPECTED_NULL;
    APersistableBundle* bundle = NULL;
    st = APersistableBundle_readFromParcel(in, &bundle);
    if (st != STATUS_OK) return st;
    APersistableBundle_putInt(bundle, "seen", APersistableBundle_size(bundle));
    calc_ok(out);
    st = AParcel_writeInt32(out, 1);
    if (st == STATUS_OK) st = APersistableBundle_writeToParcel(bundle, out);
    APersistableBundle_delete(bundle);
    return st;
}

static int calc_handling_seen;

static binder_status_t calc_on_transact(AIBinder* binder, transaction_code_t code, const AParcel* in, AParcel* out) {
    struct calc_state* state = AIBinder_getUserData(binder);
    if (AIBinder_isHandlingTransaction()) calc_handling_seen++;
    switch (code) {
    case CALC_ADD: {
        int32_t a, b;
        binder_status_t st = AParcel_readInt32(in, &a);
        if (st == STATUS_OK) st = AParcel_readInt32(in, &b);
        if (st != STATUS_OK) return st;
        calc_ok(out);
        return AParcel_writeInt32(out, a + b);
    }
    case CALC_ECHO: {
        char* s = NULL;
        binder_status_t st = AParcel_readString(in, &s, calc_string_alloc);
        if (st != STATUS_OK) return st;
        calc_ok(out);
        st = AParcel_writeString(out, s, s ? (int32_t)strlen(s) : -1);
        free(s);
        return st;
    }
    case CALC_SECRET: {
        uint8_t secret[32];
        AVmPayload_getVmInstanceSecret("binder", 6, secret, sizeof secret);
        calc_ok(out);
        return AParcel_writeByteArray(out, (const int8_t*)secret, sizeof secret);
    }
    case CALC_CALL_BACK: {
        AIBinder* cb = NULL;
        int32_t value = 0, result = 0;
        binder_status_t st = AParcel_readStrongBinder(in, &cb);
        if (st == STATUS_OK) st = AParcel_readInt32(in, &value);
        if (st == STATUS_OK && cb == NULL) st = STATUS_UNEXPECTED_NULL;
        if (st == STATUS_OK) st = calc_call_back(cb, value * 2, &result);
        if (cb) AIBinder_decStrong(cb);
        if (st != STATUS_OK) return st;
        calc_ok(out);
        return AParcel_writeInt32(out, result);
    }
    case CALC_FAIL: {
        int32_t error = 0;
        char* message = NULL;
        AParcel_readInt32(in, &error);
        AParcel_readString(in, &message, calc_string_alloc);
        AStatus* status = AStatus_fromServiceSpecificErrorWithMessage(error, message);
        binder_status_t st = AParcel_writeStatusHeader(out, status);
        AStatus_delete(status);
        free(message);
        return st;
    }
    case CALC_MIX:
        return calc_mix(in, out);
    case CALC_RECORD: {
        int32_t v = 0;
        AParcel_readInt32(in, &v);
        if (state->recorded_count < 4096) state->recorded[state->recorded_count++] = v;
        return STATUS_OK;
    }
    case CALC_RECORDED:
        calc_ok(out);
        return AParcel_writeInt32Array(out, state->recorded, state->recorded_count);
    case CALC_WATCH: {
        static AIBinder_DeathRecipient* recipient;
        if (!recipient) {
            recipient = AIBinder_DeathRecipient_new(calc_on_died);
            AIBinder_DeathRecipient_setOnUnlinked(recipient, calc_on_unlinked);
        }
        AIBinder* watched = NULL;
        binder_status_t st = AParcel_readStrongBinder(in, &watched);
        if (st == STATUS_OK && watched == NULL) st = STATUS_UNEXPECTED_NULL;
        if (st == STATUS_OK) st = AIBinder_linkToDeath(watched, recipient, watched);
        if (st != STATUS_OK) return st;
        return calc_ok(out);
    }
    case CALC_CHILD: {
        AIBinder* child = AIBinder_new(AIBinder_getClass(binder), NULL);
        calc_ok(out);
        binder_status_t st = AParcel_writeStrongBinder(out, child);
        AIBinder_decStrong(child);
        return st;
    }
    case CALC_LATER:
        return calc_later(in, out);
    case CALC_LATER_OUTCOME:
        calc_ok(out);
        return AParcel_writeInt32Array(out, (const int32_t*)calc_later_outcome, 2);
    case CALC_DESTROYED:
        calc_ok(out);
        return AParcel_writeInt32(out, calc_destroyed);
    case CALC_BUNDLE_ECHO:
        return calc_bundle_echo(in, out);
    case CALC_DEATHS:
        calc_ok(out);
        return AParcel_writeInt32(out, calc_deaths * 1000 + calc_unlinked);
    default:
        return STATUS_UNKNOWN_TRANSACTION;
    }
}

static void* calc_on_create(void* args) {
    struct calc_state* state = calloc(1, sizeof(struct calc_state));
    state->created = args ? *(int*)args : 0;
    return state;
}

static void calc_on_destroy(void* user_data) {
    calc_destroyed++;
    free(user_data);
}

static AIBinder_Class* calc_class(void) {
    static AIBinder_Class* clazz;
    if (!clazz) clazz = AIBinder_Class_define(CALC_DESCRIPTOR, calc_on_create, calc_on_destroy, calc_on_transact);
    return clazz;
}
