/*
 * libbinder_ndk's ToString for AIDL types, written by mdemu from the public NDK API (binder_to_string.h): readable
 * text for primitives, strings, optionals, vectors, binders and anything with a toString() method (what newer
 * aidl versions generate for parcelables).
 */
#pragma once
#include <android/binder_auto_utils.h>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace android {
namespace internal {

namespace details {
template <typename T, typename = void>
struct HasToString : std::false_type {};
template <typename T>
struct HasToString<T, std::void_t<decltype(std::declval<const T&>().toString())>> : std::true_type {};

template <typename T>
struct IsVector : std::false_type {};
template <typename T, typename A>
struct IsVector<std::vector<T, A>> : std::true_type {};

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <typename T>
struct IsSharedPtr : std::false_type {};
template <typename T>
struct IsSharedPtr<std::shared_ptr<T>> : std::true_type {};
}  // namespace details

template <typename T>
std::string ToString(const T& t) {
    if constexpr (std::is_same_v<bool, T>) {
        return t ? "true" : "false";
    } else if constexpr (std::is_same_v<char16_t, T>) {
        return std::to_string(static_cast<uint32_t>(t));
    } else if constexpr (std::is_arithmetic_v<T>) {
        std::ostringstream out;
        out << +t;
        return out.str();
    } else if constexpr (std::is_same_v<std::string, T>) {
        return t;
    } else if constexpr (std::is_same_v<::ndk::SpAIBinder, T>) {
        std::ostringstream out;
        out << "binder:" << static_cast<const void*>(t.get());
        return out.str();
    } else if constexpr (std::is_same_v<::ndk::ScopedFileDescriptor, T>) {
        return "fd:" + std::to_string(t.get());
    } else if constexpr (details::HasToString<T>::value) {
        return t.toString();
    } else if constexpr (details::IsOptional<T>::value) {
        return t ? ToString(*t) : "(null)";
    } else if constexpr (details::IsSharedPtr<T>::value) {
        return t ? ToString(t->asBinder()) : "(null)";
    } else if constexpr (details::IsVector<T>::value) {
        std::string s = "[";
        bool first = true;
        for (const auto& e : t) {
            if (!first) s += ", ";
            first = false;
            s += ToString(static_cast<typename T::value_type>(e));
        }
        return s + "]";
    } else {
        static_assert(std::is_same_v<T, void>, "ToString has no rendering for this type");
    }
}

}  // namespace internal
}  // namespace android
