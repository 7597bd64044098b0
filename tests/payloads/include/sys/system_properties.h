#pragma once
#define PROP_VALUE_MAX 92
int __system_property_get(const char* name, char* value);
#include <stddef_ext.h>
#define PROP_NAME_MAX 32
typedef struct prop_info prop_info;
const prop_info* __system_property_find(const char* name);
int __system_property_read(const prop_info* pi, char* name, char* value);
void __system_property_read_callback(const prop_info* pi,
    void (*callback)(void* cookie, const char* name, const char* value, uint32_t serial), void* cookie);
int __system_property_foreach(void (*fn)(const prop_info* pi, void* cookie), void* cookie);
int __system_property_set(const char* name, const char* value);
