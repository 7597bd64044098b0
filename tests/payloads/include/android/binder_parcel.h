/* libbinder_ndk parcels, declared by mdemu from the public NDK API (binder_parcel.h). */
#pragma once
#include "binder_status.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef __cplusplus
typedef uint16_t char16_t; /* a keyword of C++ */
#endif
typedef struct AParcel AParcel;
typedef struct AIBinder AIBinder;

/* Callbacks through which reads hand buffers of the guest's choosing back to the library. */
typedef bool (*AParcel_stringAllocator)(void* data, int32_t length, char** buffer);
typedef bool (*AParcel_stringArrayAllocator)(void* data, int32_t length);
typedef bool (*AParcel_stringArrayElementAllocator)(void* data, size_t index, int32_t length, char** buffer);
typedef const char* (*AParcel_stringArrayElementGetter)(const void* data, size_t index, int32_t* length);
typedef bool (*AParcel_parcelableArrayAllocator)(void* data, int32_t length);
typedef binder_status_t (*AParcel_writeParcelableElement)(AParcel* parcel, const void* data, size_t index);
typedef binder_status_t (*AParcel_readParcelableElement)(const AParcel* parcel, void* data, size_t index);
typedef bool (*AParcel_int32ArrayAllocator)(void* data, int32_t length, int32_t** buffer);
typedef bool (*AParcel_uint32ArrayAllocator)(void* data, int32_t length, uint32_t** buffer);
typedef bool (*AParcel_int64ArrayAllocator)(void* data, int32_t length, int64_t** buffer);
typedef bool (*AParcel_uint64ArrayAllocator)(void* data, int32_t length, uint64_t** buffer);
typedef bool (*AParcel_floatArrayAllocator)(void* data, int32_t length, float** buffer);
typedef bool (*AParcel_doubleArrayAllocator)(void* data, int32_t length, double** buffer);
typedef bool (*AParcel_boolArrayAllocator)(void* data, int32_t length);
typedef bool (*AParcel_boolArrayGetter)(const void* data, size_t index);
typedef void (*AParcel_boolArraySetter)(void* data, size_t index, bool value);
typedef bool (*AParcel_charArrayAllocator)(void* data, int32_t length, char16_t** buffer);
typedef bool (*AParcel_byteArrayAllocator)(void* data, int32_t length, int8_t** buffer);

void AParcel_delete(AParcel* parcel);
AParcel* AParcel_create(void);
binder_status_t AParcel_reset(AParcel* parcel);
int32_t AParcel_getDataSize(const AParcel* parcel);
binder_status_t AParcel_setDataPosition(const AParcel* parcel, int32_t position);
int32_t AParcel_getDataPosition(const AParcel* parcel);
binder_status_t AParcel_appendFrom(const AParcel* from, AParcel* to, int32_t start, int32_t size);
binder_status_t AParcel_marshal(const AParcel* parcel, uint8_t* buffer, size_t start, size_t len);
binder_status_t AParcel_unmarshal(AParcel* parcel, const uint8_t* buffer, size_t len);

binder_status_t AParcel_writeStrongBinder(AParcel* parcel, AIBinder* binder);
binder_status_t AParcel_readStrongBinder(const AParcel* parcel, AIBinder** binder);
binder_status_t AParcel_writeStatusHeader(AParcel* parcel, const AStatus* status);
binder_status_t AParcel_readStatusHeader(const AParcel* parcel, AStatus** status);

binder_status_t AParcel_writeString(AParcel* parcel, const char* string, int32_t length);
binder_status_t AParcel_readString(const AParcel* parcel, void* data, AParcel_stringAllocator allocator);
binder_status_t AParcel_writeStringArray(AParcel* parcel, const void* data, int32_t length,
                                         AParcel_stringArrayElementGetter getter);
binder_status_t AParcel_readStringArray(const AParcel* parcel, void* data, AParcel_stringArrayAllocator allocator,
                                        AParcel_stringArrayElementAllocator elementAllocator);
binder_status_t AParcel_writeParcelableArray(AParcel* parcel, const void* data, int32_t length,
                                             AParcel_writeParcelableElement writer);
binder_status_t AParcel_readParcelableArray(const AParcel* parcel, void* data,
                                            AParcel_parcelableArrayAllocator allocator,
                                            AParcel_readParcelableElement reader);

binder_status_t AParcel_writeInt32(AParcel* parcel, int32_t value);
binder_status_t AParcel_writeUint32(AParcel* parcel, uint32_t value);
binder_status_t AParcel_writeInt64(AParcel* parcel, int64_t value);
binder_status_t AParcel_writeUint64(AParcel* parcel, uint64_t value);
binder_status_t AParcel_writeFloat(AParcel* parcel, float value);
binder_status_t AParcel_writeDouble(AParcel* parcel, double value);
binder_status_t AParcel_writeBool(AParcel* parcel, bool value);
binder_status_t AParcel_writeChar(AParcel* parcel, char16_t value);
binder_status_t AParcel_writeByte(AParcel* parcel, int8_t value);
binder_status_t AParcel_readInt32(const AParcel* parcel, int32_t* value);
binder_status_t AParcel_readUint32(const AParcel* parcel, uint32_t* value);
binder_status_t AParcel_readInt64(const AParcel* parcel, int64_t* value);
binder_status_t AParcel_readUint64(const AParcel* parcel, uint64_t* value);
binder_status_t AParcel_readFloat(const AParcel* parcel, float* value);
binder_status_t AParcel_readDouble(const AParcel* parcel, double* value);
binder_status_t AParcel_readBool(const AParcel* parcel, bool* value);
binder_status_t AParcel_readChar(const AParcel* parcel, char16_t* value);
binder_status_t AParcel_readByte(const AParcel* parcel, int8_t* value);

binder_status_t AParcel_writeInt32Array(AParcel* parcel, const int32_t* array, int32_t length);
binder_status_t AParcel_writeUint32Array(AParcel* parcel, const uint32_t* array, int32_t length);
binder_status_t AParcel_writeInt64Array(AParcel* parcel, const int64_t* array, int32_t length);
binder_status_t AParcel_writeUint64Array(AParcel* parcel, const uint64_t* array, int32_t length);
binder_status_t AParcel_writeFloatArray(AParcel* parcel, const float* array, int32_t length);
binder_status_t AParcel_writeDoubleArray(AParcel* parcel, const double* array, int32_t length);
binder_status_t AParcel_writeBoolArray(AParcel* parcel, const void* data, int32_t length, AParcel_boolArrayGetter getter);
binder_status_t AParcel_writeCharArray(AParcel* parcel, const char16_t* array, int32_t length);
binder_status_t AParcel_writeByteArray(AParcel* parcel, const int8_t* array, int32_t length);
binder_status_t AParcel_readInt32Array(const AParcel* parcel, void* data, AParcel_int32ArrayAllocator allocator);
binder_status_t AParcel_readUint32Array(const AParcel* parcel, void* data, AParcel_uint32ArrayAllocator allocator);
binder_status_t AParcel_readInt64Array(const AParcel* parcel, void* data, AParcel_int64ArrayAllocator allocator);
binder_status_t AParcel_readUint64Array(const AParcel* parcel, void* data, AParcel_uint64ArrayAllocator allocator);
binder_status_t AParcel_readFloatArray(const AParcel* parcel, void* data, AParcel_floatArrayAllocator allocator);
binder_status_t AParcel_readDoubleArray(const AParcel* parcel, void* data, AParcel_doubleArrayAllocator allocator);
binder_status_t AParcel_readBoolArray(const AParcel* parcel, void* data, AParcel_boolArrayAllocator allocator,
                                      AParcel_boolArraySetter setter);
binder_status_t AParcel_readCharArray(const AParcel* parcel, void* data, AParcel_charArrayAllocator allocator);
binder_status_t AParcel_readByteArray(const AParcel* parcel, void* data, AParcel_byteArrayAllocator allocator);

#ifdef __cplusplus
}
#endif
