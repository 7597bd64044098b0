/*
 * libbinder_ndk's C++ parcel helpers, written by mdemu from the public NDK API (binder_parcel_utils.h): std::string
 * and std::vector (nullable as std::optional) over the C API's allocator callbacks, as AIDL's NDK backend calls
 * them. A parcelable element is written and read by its own writeToParcel/readFromParcel, which in the code of
 * Android 10's aidl carry the parcelable's presence flag themselves.
 */
#pragma once
#include <android/binder_auto_utils.h>
#include <android/binder_parcel.h>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace ndk {

// ---- strings ----

/** Allocates a std::string for AParcel_readString; length counts the terminating NUL, -1 is null. */
static inline bool AParcel_stdStringAllocator(void* stringData, int32_t length, char** buffer) {
    if (length <= 0) return false;
    std::string* str = static_cast<std::string*>(stringData);
    str->resize(static_cast<size_t>(length) - 1);
    *buffer = &(*str)[0];
    return true;
}

static inline bool AParcel_nullableStdStringAllocator(void* stringData, int32_t length, char** buffer) {
    std::optional<std::string>* str = static_cast<std::optional<std::string>*>(stringData);
    if (length < 0) {
        *str = std::nullopt;
        return true;
    }
    *str = std::string{};
    return AParcel_stdStringAllocator(&**str, length, buffer);
}

static inline binder_status_t AParcel_writeString(AParcel* parcel, const std::string& str) {
    return ::AParcel_writeString(parcel, str.c_str(), static_cast<int32_t>(str.size()));
}

static inline binder_status_t AParcel_readString(const AParcel* parcel, std::string* str) {
    return ::AParcel_readString(parcel, static_cast<void*>(str), AParcel_stdStringAllocator);
}

static inline binder_status_t AParcel_writeString(AParcel* parcel, const std::optional<std::string>& str) {
    if (!str) return ::AParcel_writeString(parcel, nullptr, -1);
    return AParcel_writeString(parcel, *str);
}

static inline binder_status_t AParcel_readString(const AParcel* parcel, std::optional<std::string>* str) {
    return ::AParcel_readString(parcel, static_cast<void*>(str), AParcel_nullableStdStringAllocator);
}

// ---- vectors of contiguous primitives ----

/** Sizes a vector for a read of length elements (-1: null, refused) and hands out its storage. */
template <typename T>
static inline bool AParcel_stdVectorAllocator(void* vectorData, int32_t length, T** buffer) {
    if (length < 0) return false;
    std::vector<T>* vec = static_cast<std::vector<T>*>(vectorData);
    vec->resize(static_cast<size_t>(length));
    *buffer = vec->data();
    return true;
}

/** As AParcel_stdVectorAllocator, with -1 giving std::nullopt. */
template <typename T>
static inline bool AParcel_nullableStdVectorAllocator(void* vectorData, int32_t length, T** buffer) {
    std::optional<std::vector<T>>* vec = static_cast<std::optional<std::vector<T>>*>(vectorData);
    if (length < 0) {
        *vec = std::nullopt;
        *buffer = nullptr;
        return true;
    }
    *vec = std::vector<T>{};
    return AParcel_stdVectorAllocator<T>(&**vec, length, buffer);
}

namespace impl {

/** The C API's array functions of each contiguous element type. */
template <typename T>
struct ArrayTraits;

#define MDEMU_NDK_ARRAY_TRAITS(T, WRITE, READ, ALLOCATOR)                                     \
    template <>                                                                              \
    struct ArrayTraits<T> {                                                                  \
        static binder_status_t write(AParcel* p, const T* a, int32_t n) { return WRITE(p, a, n); } \
        static binder_status_t read(const AParcel* p, void* d, ALLOCATOR alloc) { return READ(p, d, alloc); } \
    };
MDEMU_NDK_ARRAY_TRAITS(int32_t, AParcel_writeInt32Array, AParcel_readInt32Array, AParcel_int32ArrayAllocator)
MDEMU_NDK_ARRAY_TRAITS(uint32_t, AParcel_writeUint32Array, AParcel_readUint32Array, AParcel_uint32ArrayAllocator)
MDEMU_NDK_ARRAY_TRAITS(int64_t, AParcel_writeInt64Array, AParcel_readInt64Array, AParcel_int64ArrayAllocator)
MDEMU_NDK_ARRAY_TRAITS(uint64_t, AParcel_writeUint64Array, AParcel_readUint64Array, AParcel_uint64ArrayAllocator)
MDEMU_NDK_ARRAY_TRAITS(float, AParcel_writeFloatArray, AParcel_readFloatArray, AParcel_floatArrayAllocator)
MDEMU_NDK_ARRAY_TRAITS(double, AParcel_writeDoubleArray, AParcel_readDoubleArray, AParcel_doubleArrayAllocator)
MDEMU_NDK_ARRAY_TRAITS(char16_t, AParcel_writeCharArray, AParcel_readCharArray, AParcel_charArrayAllocator)
MDEMU_NDK_ARRAY_TRAITS(int8_t, AParcel_writeByteArray, AParcel_readByteArray, AParcel_byteArrayAllocator)
#undef MDEMU_NDK_ARRAY_TRAITS

/** Whether T is an element type of the C API's contiguous arrays. */
template <typename T, typename = void>
struct IsArrayElement : std::false_type {};
template <typename T>
struct IsArrayElement<T, std::void_t<decltype(ArrayTraits<T>::write)>> : std::true_type {};

/** Whether P is a parcelable (writeToParcel(AParcel*) and readFromParcel(const AParcel*)). */
template <typename P, typename = void>
struct IsParcelable : std::false_type {};
template <typename P>
struct IsParcelable<P, std::void_t<decltype(std::declval<const P&>().writeToParcel(std::declval<AParcel*>())),
                                   decltype(std::declval<P&>().readFromParcel(std::declval<const AParcel*>()))>>
    : std::true_type {};

}  // namespace impl

template <typename T>
static inline std::enable_if_t<impl::IsArrayElement<T>::value, binder_status_t> AParcel_writeVector(
        AParcel* parcel, const std::vector<T>& vec) {
    return impl::ArrayTraits<T>::write(parcel, vec.data(), static_cast<int32_t>(vec.size()));
}

template <typename T>
static inline std::enable_if_t<impl::IsArrayElement<T>::value, binder_status_t> AParcel_readVector(
        const AParcel* parcel, std::vector<T>* vec) {
    return impl::ArrayTraits<T>::read(parcel, static_cast<void*>(vec), AParcel_stdVectorAllocator<T>);
}

template <typename T>
static inline std::enable_if_t<impl::IsArrayElement<T>::value, binder_status_t> AParcel_writeVector(
        AParcel* parcel, const std::optional<std::vector<T>>& vec) {
    if (!vec) return impl::ArrayTraits<T>::write(parcel, nullptr, -1);
    return AParcel_writeVector(parcel, *vec);
}

template <typename T>
static inline std::enable_if_t<impl::IsArrayElement<T>::value, binder_status_t> AParcel_readVector(
        const AParcel* parcel, std::optional<std::vector<T>>* vec) {
    return impl::ArrayTraits<T>::read(parcel, static_cast<void*>(vec), AParcel_nullableStdVectorAllocator<T>);
}

/** uint8_t travels as the C API's byte (int8_t) arrays. */
static inline binder_status_t AParcel_writeVector(AParcel* parcel, const std::vector<uint8_t>& vec) {
    return ::AParcel_writeByteArray(parcel, reinterpret_cast<const int8_t*>(vec.data()), static_cast<int32_t>(vec.size()));
}

static inline bool AParcel_stdVectorUint8Allocator(void* vectorData, int32_t length, int8_t** buffer) {
    uint8_t* data = nullptr;
    if (!AParcel_stdVectorAllocator<uint8_t>(vectorData, length, &data)) return false;
    *buffer = reinterpret_cast<int8_t*>(data);
    return true;
}

static inline binder_status_t AParcel_readVector(const AParcel* parcel, std::vector<uint8_t>* vec) {
    return ::AParcel_readByteArray(parcel, static_cast<void*>(vec), AParcel_stdVectorUint8Allocator);
}

// ---- bool vectors (std::vector<bool> has no contiguous storage) ----

static inline bool AParcel_stdVectorBoolGetter(const void* vectorData, size_t index) {
    return (*static_cast<const std::vector<bool>*>(vectorData))[index];
}

static inline void AParcel_stdVectorBoolSetter(void* vectorData, size_t index, bool value) {
    (*static_cast<std::vector<bool>*>(vectorData))[index] = value;
}

static inline bool AParcel_stdVectorBoolAllocator(void* vectorData, int32_t length) {
    if (length < 0) return false;
    static_cast<std::vector<bool>*>(vectorData)->resize(static_cast<size_t>(length));
    return true;
}

static inline binder_status_t AParcel_writeVector(AParcel* parcel, const std::vector<bool>& vec) {
    return ::AParcel_writeBoolArray(parcel, static_cast<const void*>(&vec), static_cast<int32_t>(vec.size()),
                                    AParcel_stdVectorBoolGetter);
}

static inline binder_status_t AParcel_readVector(const AParcel* parcel, std::vector<bool>* vec) {
    return ::AParcel_readBoolArray(parcel, static_cast<void*>(vec), AParcel_stdVectorBoolAllocator,
                                   AParcel_stdVectorBoolSetter);
}

// ---- string vectors ----

static inline const char* AParcel_stdVectorStringGetter(const void* vectorData, size_t index, int32_t* length) {
    const std::string& s = (*static_cast<const std::vector<std::string>*>(vectorData))[index];
    *length = static_cast<int32_t>(s.size());
    return s.c_str();
}

static inline bool AParcel_stdVectorStringAllocator(void* vectorData, int32_t length) {
    if (length < 0) return false;
    static_cast<std::vector<std::string>*>(vectorData)->resize(static_cast<size_t>(length));
    return true;
}

static inline bool AParcel_stdVectorStringElementAllocator(void* vectorData, size_t index, int32_t length,
                                                           char** buffer) {
    std::string& s = (*static_cast<std::vector<std::string>*>(vectorData))[index];
    return AParcel_stdStringAllocator(&s, length, buffer);
}

static inline binder_status_t AParcel_writeVector(AParcel* parcel, const std::vector<std::string>& vec) {
    return ::AParcel_writeStringArray(parcel, static_cast<const void*>(&vec), static_cast<int32_t>(vec.size()),
                                      AParcel_stdVectorStringGetter);
}

static inline binder_status_t AParcel_readVector(const AParcel* parcel, std::vector<std::string>* vec) {
    return ::AParcel_readStringArray(parcel, static_cast<void*>(vec), AParcel_stdVectorStringAllocator,
                                     AParcel_stdVectorStringElementAllocator);
}

static inline const char* AParcel_nullableStdVectorStringGetter(const void* vectorData, size_t index,
                                                                int32_t* length) {
    const std::optional<std::string>& s =
            (*static_cast<const std::vector<std::optional<std::string>>*>(vectorData))[index];
    if (!s) {
        *length = -1;
        return nullptr;
    }
    *length = static_cast<int32_t>(s->size());
    return s->c_str();
}

static inline bool AParcel_nullableStdVectorStringAllocator(void* vectorData, int32_t length) {
    if (length < 0) return false;
    static_cast<std::vector<std::optional<std::string>>*>(vectorData)->resize(static_cast<size_t>(length));
    return true;
}

static inline bool AParcel_nullableStdVectorStringElementAllocator(void* vectorData, size_t index, int32_t length,
                                                                   char** buffer) {
    std::optional<std::string>& s = (*static_cast<std::vector<std::optional<std::string>>*>(vectorData))[index];
    return AParcel_nullableStdStringAllocator(&s, length, buffer);
}

static inline binder_status_t AParcel_writeVector(AParcel* parcel, const std::vector<std::optional<std::string>>& vec) {
    return ::AParcel_writeStringArray(parcel, static_cast<const void*>(&vec), static_cast<int32_t>(vec.size()),
                                      AParcel_nullableStdVectorStringGetter);
}

static inline binder_status_t AParcel_readVector(const AParcel* parcel, std::vector<std::optional<std::string>>* vec) {
    return ::AParcel_readStringArray(parcel, static_cast<void*>(vec), AParcel_nullableStdVectorStringAllocator,
                                     AParcel_nullableStdVectorStringElementAllocator);
}

// ---- parcelable vectors ----

template <typename P>
static inline binder_status_t AParcel_writeStdVectorParcelableElement(AParcel* parcel, const void* vectorData,
                                                                      size_t index) {
    return (*static_cast<const std::vector<P>*>(vectorData))[index].writeToParcel(parcel);
}

template <typename P>
static inline binder_status_t AParcel_readStdVectorParcelableElement(const AParcel* parcel, void* vectorData,
                                                                     size_t index) {
    return (*static_cast<std::vector<P>*>(vectorData))[index].readFromParcel(parcel);
}

template <typename P>
static inline bool AParcel_stdVectorParcelableAllocator(void* vectorData, int32_t length) {
    if (length < 0) return false;
    static_cast<std::vector<P>*>(vectorData)->resize(static_cast<size_t>(length));
    return true;
}

template <typename P>
static inline std::enable_if_t<impl::IsParcelable<P>::value, binder_status_t> AParcel_writeVector(
        AParcel* parcel, const std::vector<P>& vec) {
    return ::AParcel_writeParcelableArray(parcel, static_cast<const void*>(&vec), static_cast<int32_t>(vec.size()),
                                          AParcel_writeStdVectorParcelableElement<P>);
}

template <typename P>
static inline std::enable_if_t<impl::IsParcelable<P>::value, binder_status_t> AParcel_readVector(
        const AParcel* parcel, std::vector<P>* vec) {
    return ::AParcel_readParcelableArray(parcel, static_cast<void*>(vec), AParcel_stdVectorParcelableAllocator<P>,
                                         AParcel_readStdVectorParcelableElement<P>);
}

// ---- sizes for out arguments ----

/** Writes a vector's size only (an out argument's length, -1 never for a non-null vector). */
template <typename T>
static inline binder_status_t AParcel_writeVectorSize(AParcel* parcel, const std::vector<T>& vec) {
    if (vec.size() > static_cast<size_t>(INT32_MAX)) return STATUS_BAD_VALUE;
    return AParcel_writeInt32(parcel, static_cast<int32_t>(vec.size()));
}

template <typename T>
static inline binder_status_t AParcel_writeVectorSize(AParcel* parcel, const std::optional<std::vector<T>>& vec) {
    if (!vec) return AParcel_writeInt32(parcel, -1);
    return AParcel_writeVectorSize(parcel, *vec);
}

/** Reads an out argument's length and sizes the vector to it (a negative length is STATUS_UNEXPECTED_NULL). */
template <typename T>
static inline binder_status_t AParcel_resizeVector(const AParcel* parcel, std::vector<T>* vec) {
    int32_t size;
    binder_status_t err = AParcel_readInt32(parcel, &size);
    if (err != STATUS_OK) return err;
    if (size < 0) return STATUS_UNEXPECTED_NULL;
    if (static_cast<size_t>(size) > static_cast<size_t>(AParcel_getDataSize(parcel))) return STATUS_BAD_VALUE;
    vec->resize(static_cast<size_t>(size));
    return STATUS_OK;
}

template <typename T>
static inline binder_status_t AParcel_resizeVector(const AParcel* parcel, std::optional<std::vector<T>>* vec) {
    int32_t size;
    binder_status_t err = AParcel_readInt32(parcel, &size);
    if (err != STATUS_OK) return err;
    if (size < -1) return STATUS_BAD_VALUE;
    if (size == -1) {
        *vec = std::nullopt;
        return STATUS_OK;
    }
    *vec = std::vector<T>(static_cast<size_t>(size));
    return STATUS_OK;
}

}  // namespace ndk
