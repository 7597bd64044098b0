/* A library without AVmPayload_main. */
int helper(int x) {
  return x * 2;
}
