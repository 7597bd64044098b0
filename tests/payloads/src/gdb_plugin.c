/* Loaded by gdb_dlopen with dlopen (not DT_NEEDED): a constructor and a function to break in. */
int plugin_loads;

__attribute__((constructor)) static void plugin_init(void) {
  plugin_loads++;
}

int plugin_work(int n) {
  int squared = n * n;
  return squared + plugin_loads;
}
