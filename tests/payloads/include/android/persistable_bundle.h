/* libbinder_ndk's APersistableBundle, declared by mdemu from the public NDK API (persistable_bundle.h, API 35). */
#pragma once
#include "binder_parcel.h"

typedef struct APersistableBundle APersistableBundle;

/* Results of the string getters besides a byte count. */
enum {
    APERSISTABLEBUNDLE_KEY_NOT_FOUND = -1,
    APERSISTABLEBUNDLE_ALLOCATOR_FAILED = -2,
};

/* Hands the library a buffer of sizeBytes for one UTF-8 string (NUL included); NULL when out of memory. */
typedef char* (*APersistableBundle_stringAllocator)(int32_t sizeBytes, void* context);

APersistableBundle* APersistableBundle_new(void);
APersistableBundle* APersistableBundle_dup(const APersistableBundle* bundle);
void APersistableBundle_delete(APersistableBundle* bundle);
bool APersistableBundle_isEqual(const APersistableBundle* a, const APersistableBundle* b);
/* Parcels: the bundle alone, without the presence flag AIDL puts before a parcelable. */
binder_status_t APersistableBundle_readFromParcel(const AParcel* parcel, APersistableBundle** out);
binder_status_t APersistableBundle_writeToParcel(const APersistableBundle* bundle, AParcel* parcel);
int32_t APersistableBundle_size(const APersistableBundle* bundle);
/* Removes the entry of that key, whatever its type: 1 if there was one, else 0. */
int32_t APersistableBundle_erase(APersistableBundle* bundle, const char* key);

/* Putters replace any entry of the same key; values (vectors, strings, bundles) are copied. */
void APersistableBundle_putBoolean(APersistableBundle* bundle, const char* key, bool value);
void APersistableBundle_putInt(APersistableBundle* bundle, const char* key, int32_t value);
void APersistableBundle_putLong(APersistableBundle* bundle, const char* key, int64_t value);
void APersistableBundle_putDouble(APersistableBundle* bundle, const char* key, double value);
void APersistableBundle_putString(APersistableBundle* bundle, const char* key, const char* value);
void APersistableBundle_putBooleanVector(APersistableBundle* bundle, const char* key, const bool* values, int32_t count);
void APersistableBundle_putIntVector(APersistableBundle* bundle, const char* key, const int32_t* values, int32_t count);
void APersistableBundle_putLongVector(APersistableBundle* bundle, const char* key, const int64_t* values, int32_t count);
void APersistableBundle_putDoubleVector(APersistableBundle* bundle, const char* key, const double* values,
                                        int32_t count);
void APersistableBundle_putStringVector(APersistableBundle* bundle, const char* key, const char* const* values,
                                        int32_t count);
void APersistableBundle_putPersistableBundle(APersistableBundle* bundle, const char* key,
                                             const APersistableBundle* value);

/* Scalar getters: true and *value set when the key holds a value of that type. */
bool APersistableBundle_getBoolean(const APersistableBundle* bundle, const char* key, bool* value);
bool APersistableBundle_getInt(const APersistableBundle* bundle, const char* key, int32_t* value);
bool APersistableBundle_getLong(const APersistableBundle* bundle, const char* key, int64_t* value);
bool APersistableBundle_getDouble(const APersistableBundle* bundle, const char* key, double* value);
/* *value gets a buffer from the allocator; returns the string's length in bytes, or one of the enum above. */
int32_t APersistableBundle_getString(const APersistableBundle* bundle, const char* key, char** value,
                                     APersistableBundle_stringAllocator allocator, void* context);
/* Vector getters fill as much of buffer as bufferBytes allows and return the bytes the whole vector needs
   (call with NULL and 0 to learn the size), or APERSISTABLEBUNDLE_KEY_NOT_FOUND. */
int32_t APersistableBundle_getBooleanVector(const APersistableBundle* bundle, const char* key, bool* buffer,
                                            int32_t bufferBytes);
int32_t APersistableBundle_getIntVector(const APersistableBundle* bundle, const char* key, int32_t* buffer,
                                        int32_t bufferBytes);
int32_t APersistableBundle_getLongVector(const APersistableBundle* bundle, const char* key, int64_t* buffer,
                                         int32_t bufferBytes);
int32_t APersistableBundle_getDoubleVector(const APersistableBundle* bundle, const char* key, double* buffer,
                                           int32_t bufferBytes);
/* Like the vector getters over an array of char*, each string in a buffer of the allocator. */
int32_t APersistableBundle_getStringVector(const APersistableBundle* bundle, const char* key, char** buffer,
                                           int32_t bufferBytes, APersistableBundle_stringAllocator allocator,
                                           void* context);
/* A new bundle (a copy) in *out when the key holds one. */
bool APersistableBundle_getPersistableBundle(const APersistableBundle* bundle, const char* key,
                                             APersistableBundle** out);

/* The keys holding values of one type, filled like getStringVector. */
#define MDEMU_BUNDLE_KEYS(Name)                                                                              \
    int32_t APersistableBundle_get##Name##Keys(const APersistableBundle* bundle, char** buffer,              \
                                               int32_t bufferBytes, APersistableBundle_stringAllocator allocator, \
                                               void* context);
MDEMU_BUNDLE_KEYS(Boolean)
MDEMU_BUNDLE_KEYS(Int)
MDEMU_BUNDLE_KEYS(Long)
MDEMU_BUNDLE_KEYS(Double)
MDEMU_BUNDLE_KEYS(String)
MDEMU_BUNDLE_KEYS(BooleanVector)
MDEMU_BUNDLE_KEYS(IntVector)
MDEMU_BUNDLE_KEYS(LongVector)
MDEMU_BUNDLE_KEYS(DoubleVector)
MDEMU_BUNDLE_KEYS(StringVector)
MDEMU_BUNDLE_KEYS(PersistableBundle)
#undef MDEMU_BUNDLE_KEYS
