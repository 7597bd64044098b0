void dlopen(void) {} void dlsym(void) {} void dlclose(void) {} void dlerror(void) {} void dl_iterate_phdr(void) {}
