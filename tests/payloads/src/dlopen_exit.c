/* dlopens a library whose constructor calls exit(23): the process ends there, as on a device, and dlopen never
 * returns. A dlopen that swallowed the exit would print the line below and return 1. */
#include <dlfcn.h>
#include <stdio.h>

int AVmPayload_main(void) {
  printf("dlopen_exit: opening libexit_ctor.so\n");
  void* h = dlopen("libexit_ctor.so", RTLD_NOW);
  printf("dlopen_exit: dlopen returned %p (%s)\n", h, h ? "" : dlerror());
  return 1;
}
