/* The DT_NEEDED library of the gdb_suite payload: a function to break in, with a local to print. */
int dep_calls;

int dep_scale(int value) {
  int scaled = value * 3;
  dep_calls++;
  return scaled + 1;
}
