/* A library the TLS suite dlopens after threads exist: its thread-local variables are allocated per thread on first
   use (TLSDESC with the dynamic resolver). */
static __thread long late_value = 1234;
static __thread long late_zero[4];
__thread int late_exported = 99;

long tls_late_get(void) { return late_value; }
void tls_late_set(long v) { late_value = v; }
long* tls_late_address(void) { return &late_value; }
long tls_late_zero_sum(void) { return late_zero[0] + late_zero[1] + late_zero[2] + late_zero[3]; }
void tls_late_fill_zero(long v) { for (int i = 0; i < 4; i++) late_zero[i] = v; }
