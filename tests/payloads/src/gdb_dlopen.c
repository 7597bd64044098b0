/*
 * The payload the GDB server's library-event test debugs (built with -g -O0): it dlopen's a library of its APK
 * after gdb attached and calls into it, so a pending breakpoint there can only resolve if gdb learns of the load.
 */
#include <dlfcn.h>
#include <stdio.h>

int AVmPayload_main(void) {
  void* plugin = dlopen("libgdb_plugin.so", RTLD_NOW);
  if (!plugin) {
    printf("dlopen failed: %s\n", dlerror());
    return 1;
  }
  int (*work)(int) = (int (*)(int))dlsym(plugin, "plugin_work");
  int result = work(5);
  printf("gdb_dlopen result %d\n", result);
  return result == 26 ? 0 : 2;
}
