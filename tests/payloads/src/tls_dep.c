/* A library the TLS suite needs at start (DT_NEEDED): its thread-local variables live in the static TLS block. */
__thread int dep_counter = 7;
__thread char dep_buffer[32];
__thread int dep_ie_value = 11;
/* Makes the static TLS block larger than a page: thread blocks grow, the main thread's moves. */
__thread char dep_big[12288];

int tls_dep_bump(void) { return ++dep_counter; }
int* tls_dep_counter_address(void) { return &dep_counter; }
char* tls_dep_buffer(void) { return dep_buffer; }
int* tls_dep_ie_address(void) { return &dep_ie_value; }
char* tls_dep_big(void) { return dep_big; }
