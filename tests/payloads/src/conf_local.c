/* Opened RTLD_LOCAL by libc_conformance.c: visible through its handle only. */
int conf_dep_value(void);
int conf_local_value(void) { return conf_dep_value() + 4; }
