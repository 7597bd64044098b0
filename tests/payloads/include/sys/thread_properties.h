/* sys/thread_properties.h (bionic, API 31), for mdemu's test sysroot. */
#pragma once
#include <sys/types.h>
void __libc_get_static_tls_bounds(void** begin, void** end);
void __libc_register_thread_exit_callback(void (*callback)(void));
void __libc_iterate_dynamic_tls(pid_t tid, void (*callback)(void* begin, void* end, size_t dso_id, void* arg), void* arg);
void __libc_register_dynamic_tls_listeners(void (*on_creation)(void* begin, void* end),
                                           void (*on_destruction)(void* begin, void* end));
