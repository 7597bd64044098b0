/* Opened RTLD_GLOBAL by libc_conformance.c: visible to dlsym(RTLD_DEFAULT). */
int conf_global_value(void) { return 11; }
