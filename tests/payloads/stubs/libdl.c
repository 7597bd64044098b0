void dlopen(void) {} void dlsym(void) {} void dlclose(void) {} void dlerror(void) {} void dl_iterate_phdr(void) {}
void android_dlopen_ext(void) {} void dladdr(void) {} void dlvsym(void) {} void android_get_application_target_sdk_version(void) {}
void __cfi_shadow_size(void) {}
