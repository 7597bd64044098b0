/*
 * mdemu's stand-in for the NDK's crtbegin_so.o, linked first into every test payload as the NDK's clang driver links
 * its own. bionic's arm64 libc.so exports no atexit and no longer a pthread_atfork for new binaries: each library
 * carries hidden ones that register with __dso_handle, the address naming this library, so that its handlers can be
 * told apart (and run by __cxa_finalize when the library goes away).
 */
extern int __cxa_atexit(void (*fn)(void*), void* arg, void* dso);
extern void __cxa_finalize(void* dso);
extern int __register_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void), void* dso);

__attribute__((visibility("hidden"))) void* const __dso_handle = (void*)&__dso_handle;

static void call_exit_handler(void* fn) {
  if (fn) ((void (*)(void))fn)();
}

__attribute__((visibility("hidden"))) int atexit(void (*fn)(void)) {
  return __cxa_atexit(call_exit_handler, (void*)fn, (void*)&__dso_handle);
}

__attribute__((visibility("hidden"))) int pthread_atfork(void (*prepare)(void), void (*parent)(void),
                                                         void (*child)(void)) {
  return __register_atfork(prepare, parent, child, (void*)&__dso_handle);
}

__attribute__((destructor)) static void finalize_this_library(void) {
  __cxa_finalize((void*)&__dso_handle);
}
