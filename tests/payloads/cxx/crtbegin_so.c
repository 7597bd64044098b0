/* What the NDK's crtbegin_so.o gives every shared library, written for mdemu's C++ test payloads from bionic's
 * documented behaviour: a hidden __dso_handle identifying the library to __cxa_atexit, a hidden atexit() over
 * __cxa_atexit (bionic's arm64 libc does not export atexit), and a destructor running the library's __cxa_atexit
 * handlers when it is unloaded. */
extern int __cxa_atexit(void (*)(void*), void*, void*);
extern void __cxa_finalize(void*);

__attribute__((visibility("hidden"))) void* __dso_handle = &__dso_handle;

__attribute__((visibility("hidden"))) int atexit(void (*function)(void)) {
  return __cxa_atexit((void (*)(void*)) function, 0, &__dso_handle);
}

__attribute__((visibility("hidden"), destructor)) static void on_unload(void) {
  __cxa_finalize(&__dso_handle);
}
