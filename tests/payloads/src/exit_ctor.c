/* A library whose constructor ends the process, for dlopen_exit: exit() there ends the VM with its status. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((constructor)) static void leave(void) {
  printf("exit_ctor: constructor exits with 23\n");
  fflush(stdout);
  exit(23);
}

int exit_ctor_marker(void) { return 1; }
