/* bionic's <assert.h>: failures go to __assert2, which aborts with the message in the tombstone. */
#include <sys/cdefs.h>
#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : __assert2(__FILE__, __LINE__, __PRETTY_FUNCTION__, #e))
#endif
#if !defined(__cplusplus)
#define static_assert _Static_assert
#endif
__BEGIN_DECLS
__noreturn void __assert(const char*, int, const char*);
__noreturn void __assert2(const char*, int, const char*, const char*);
__END_DECLS
