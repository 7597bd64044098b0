/* A dependency of libconf_local.so: dlsym on libconf_local.so's handle finds it (breadth-first over DT_NEEDED). */
int conf_dep_value(void) { return 3; }
