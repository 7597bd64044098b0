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
/* Serials and waits (API 26+) and enumeration by index. */
#include <stdbool.h>
#include <time.h>
uint32_t __system_property_serial(const prop_info* pi);
uint32_t __system_property_area_serial(void);
const prop_info* __system_property_find_nth(unsigned n);
bool __system_property_wait(const prop_info* pi, uint32_t old_serial, uint32_t* new_serial, const struct timespec* timeout);
int __system_properties_init(void);
