/* A libc conformance run in the style of bionic's tests and of libc conformance suites: POSIX and common extensions
   (regex, fnmatch, glob, iconv, inet, libgen, strptime and time zones, search.h, getopt, getmntent, the resolver's
   name helpers, fts/nftw, stdio corner cases, mutex types across threads, dlopen scopes, backtraces and unwinding).
   One line per check; the exit code is the number of failures. The same source runs as an mdemu payload
   (AVmPayload_main) and, built with -DREFERENCE_MAIN against glibc, under qemu-aarch64 as the reference. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <fts.h>
#include <ftw.h>
#include <getopt.h>
#include <glob.h>
#include <iconv.h>
#include <libgen.h>
#include <mntent.h>
#include <netinet/in.h>
#include <pthread.h>
#include <regex.h>
#include <resolv.h>
#include <search.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>
#include <unwind.h>

static int failures;

static void check(const char* name, int ok, const char* detail) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s: %s\n", name, detail); failures++; }
}

static char scratch[256];

static const char* fmt(const char* f, ...) {
  va_list ap;
  va_start(ap, f);
  vsnprintf(scratch, sizeof(scratch), f, ap);
  va_end(ap);
  return scratch;
}

/* ---- regex.h */

static int match(const char* re, int cflags, const char* s, int eflags, regmatch_t* m, size_t n) {
  regex_t r;
  int rc = regcomp(&r, re, cflags);
  if (rc != 0) return -100 - rc;
  rc = regexec(&r, s, n, m, eflags);
  regfree(&r);
  return rc;
}

static void regex_suite(void) {
  regmatch_t m[4];
  check("regex ERE alternation and anchors", match("^(a|b)+c$", REG_EXTENDED, "ababc", 0, NULL, 0) == 0
        && match("^(a|b)+c$", REG_EXTENDED, "abd", 0, NULL, 0) == REG_NOMATCH, "match");
  int rc = match("([0-9]+)-([0-9]+)", REG_EXTENDED, "x 12-345 y", 0, m, 3);
  check("regex subexpression offsets", rc == 0 && m[0].rm_so == 2 && m[0].rm_eo == 8 && m[1].rm_so == 2
        && m[1].rm_eo == 4 && m[2].rm_so == 5 && m[2].rm_eo == 8, fmt("rc=%d %d-%d", rc, (int)m[1].rm_so, (int)m[1].rm_eo));
  check("regex BRE interval", match("^a\\{2,3\\}$", 0, "aaa", 0, NULL, 0) == 0
        && match("^a\\{2,3\\}$", 0, "aaaa", 0, NULL, 0) == REG_NOMATCH, "interval");
  rc = match("\\(a*\\)b\\1", 0, "xaabaay", 0, m, 2);
  check("regex BRE back-reference", rc == 0 && m[0].rm_so == 1 && m[0].rm_eo == 6 && m[1].rm_eo - m[1].rm_so == 2,
        fmt("rc=%d %d-%d", rc, (int)m[0].rm_so, (int)m[0].rm_eo));
  check("regex BRE: ^ not first is literal, * first is literal", match("a^b", 0, "a^b", 0, NULL, 0) == 0
        && match("*a", 0, "x*a", 0, NULL, 0) == 0, "literal");
  rc = match("(a|ab)(c|bcd)", REG_EXTENDED, "abcd", 0, m, 1);
  check("regex leftmost-longest", rc == 0 && m[0].rm_so == 0 && m[0].rm_eo == 4, fmt("%d-%d", (int)m[0].rm_so, (int)m[0].rm_eo));
  rc = match("x*", REG_EXTENDED, "abc", 0, m, 1);
  check("regex empty match at start", rc == 0 && m[0].rm_so == 0 && m[0].rm_eo == 0, "empty");
  check("regex REG_ICASE", match("hello", REG_EXTENDED | REG_ICASE, "Say HeLLo", 0, NULL, 0) == 0, "icase");
  check("regex REG_NEWLINE", match("^b", REG_EXTENDED | REG_NEWLINE, "a\nb", 0, NULL, 0) == 0
        && match("^b", REG_EXTENDED, "a\nb", 0, NULL, 0) == REG_NOMATCH
        && match("a.b", REG_EXTENDED | REG_NEWLINE, "a\nb", 0, NULL, 0) == REG_NOMATCH, "newline");
  check("regex REG_NOTBOL/REG_NOTEOL", match("^a", REG_EXTENDED, "a", REG_NOTBOL, NULL, 0) == REG_NOMATCH
        && match("a$", REG_EXTENDED, "a", REG_NOTEOL, NULL, 0) == REG_NOMATCH, "flags");
  rc = match("[[:alpha:]]+", REG_EXTENDED, "12abc3", 0, m, 1);
  check("regex character class", rc == 0 && m[0].rm_so == 2 && m[0].rm_eo == 5, "class");
  check("regex ] first in bracket, negated", match("^[]a]+$", REG_EXTENDED, "a]a", 0, NULL, 0) == 0
        && match("^[^]a]$", REG_EXTENDED, "]", 0, NULL, 0) == REG_NOMATCH
        && match("^[^]a]$", REG_EXTENDED, "b", 0, NULL, 0) == 0, "brackets");
  check("regex collating symbol and range", match("^[[.-.]a-c]+$", REG_EXTENDED, "-abc", 0, NULL, 0) == 0, "collating");
  regex_t r;
  check("regex REG_NOSUB", regcomp(&r, "b+", REG_EXTENDED | REG_NOSUB) == 0 && r.re_nsub == 0
        && regexec(&r, "abbb", 0, NULL, 0) == 0, "nosub");
  regfree(&r);
  check("regex re_nsub", regcomp(&r, "(a)(b(c))", REG_EXTENDED) == 0 && r.re_nsub == 3, "nsub");
  regfree(&r);
  int e1 = regcomp(&r, "(ab", REG_EXTENDED);
  int e2 = regcomp(&r, "[ab", REG_EXTENDED);
  int e3 = regcomp(&r, "a\\{1", 0);
  char message[64];
  size_t len = regerror(e1, NULL, message, sizeof(message));
  check("regex errors", e1 == REG_EPAREN && e2 == REG_EBRACK && e3 == REG_EBRACE && len > 1
        && strlen(message) == len - 1, fmt("%d %d %d %s", e1, e2, e3, message));
  len = regerror(e2, NULL, message, 4);
  check("regerror truncates", len > 4 && strlen(message) == 3, message);
  rc = match("a|", REG_EXTENDED, "b", 0, m, 1);
  check("regex optional repetition of group", match("^(ab)?c{2}$", REG_EXTENDED, "cc", 0, NULL, 0) == 0
        && match("^(ab)?c{2}$", REG_EXTENDED, "abcc", 0, NULL, 0) == 0, "optional");
  rc = match("(a*)*", REG_EXTENDED, "b", 0, m, 2);
  check("regex nested star on empty", rc == 0 && m[0].rm_so == 0 && m[0].rm_eo == 0, "nested");
}

/* ---- fnmatch.h, glob.h */

static char base[128];

static void touch(const char* name) {
  char path[256];
  snprintf(path, sizeof(path), "%s/%s", base, name);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) { write(fd, "x", 1); close(fd); }
}

static void sub(const char* name) {
  char path[256];
  snprintf(path, sizeof(path), "%s/%s", base, name);
  mkdir(path, 0755);
}

static int pattern_errors(const char* path, int error) { (void)path; (void)error; return 0; }

static void pattern_suite(void) {
  check("fnmatch star", fnmatch("*.c", "x.c", 0) == 0 && fnmatch("*.c", "x.h", 0) == FNM_NOMATCH, "star");
  check("fnmatch FNM_PATHNAME", fnmatch("*", "a/b", FNM_PATHNAME) == FNM_NOMATCH && fnmatch("*/b", "a/b", FNM_PATHNAME) == 0,
        "pathname");
  check("fnmatch FNM_PERIOD", fnmatch("*", ".x", FNM_PERIOD) == FNM_NOMATCH && fnmatch(".*", ".x", FNM_PERIOD) == 0,
        "period");
  check("fnmatch brackets and escapes", fnmatch("[!a]b", "cb", 0) == 0 && fnmatch("[!a]b", "ab", 0) == FNM_NOMATCH
        && fnmatch("\\*", "*", 0) == 0 && fnmatch("\\*", "\\*", FNM_NOESCAPE) == 0 && fnmatch("[[:digit:]]?", "7x", 0) == 0,
        "brackets");
  check("fnmatch FNM_CASEFOLD", fnmatch("A*", "abc", FNM_CASEFOLD) == 0, "casefold");
  touch("a.txt");
  touch("b.txt");
  touch("c.dat");
  sub("dir");
  char pattern[256];
  glob_t g;
  snprintf(pattern, sizeof(pattern), "%s/*.txt", base);
  int rc = glob(pattern, 0, pattern_errors, &g);
  check("glob sorted matches", rc == 0 && g.gl_pathc == 2 && strstr(g.gl_pathv[0], "/a.txt") && strstr(g.gl_pathv[1], "/b.txt")
        && g.gl_pathv[2] == NULL, fmt("rc=%d n=%d", rc, (int)g.gl_pathc));
  globfree(&g);
  snprintf(pattern, sizeof(pattern), "%s/*.none", base);
  rc = glob(pattern, 0, NULL, &g);
  check("glob GLOB_NOMATCH", rc == GLOB_NOMATCH, fmt("rc=%d", rc));
  rc = glob(pattern, GLOB_NOCHECK, NULL, &g);
  check("glob GLOB_NOCHECK", rc == 0 && g.gl_pathc == 1 && strcmp(g.gl_pathv[0], pattern) == 0, "nocheck");
  globfree(&g);
  snprintf(pattern, sizeof(pattern), "%s/d*", base);
  rc = glob(pattern, GLOB_MARK, NULL, &g);
  check("glob GLOB_MARK", rc == 0 && g.gl_pathc == 1 && g.gl_pathv[0][strlen(g.gl_pathv[0]) - 1] == '/', "mark");
  globfree(&g);
  snprintf(pattern, sizeof(pattern), "%s/*.dat", base);
  g.gl_offs = 2;
  rc = glob(pattern, GLOB_DOOFFS, NULL, &g);
  check("glob GLOB_DOOFFS", rc == 0 && g.gl_pathv[0] == NULL && g.gl_pathv[1] == NULL && strstr(g.gl_pathv[2], "c.dat"),
        "offs");
  snprintf(pattern, sizeof(pattern), "%s/a.*", base);
  rc = glob(pattern, GLOB_DOOFFS | GLOB_APPEND, NULL, &g);
  check("glob GLOB_APPEND", rc == 0 && g.gl_pathc == 2 && strstr(g.gl_pathv[3], "a.txt"), "append");
  globfree(&g);
}

/* ---- iconv.h */

static void iconv_suite(void) {
  char in[] = "h\xc3\xa9\xe2\x82\xac";
  char out[16];
  char* ip;
  char* op;
  size_t il, ol, rc;
  iconv_t cd;
#ifndef NO_GCONV /* glibc converts UTF-16 and UTF-32 with loadable modules, which a cross sysroot may lack */
  cd = iconv_open("UTF-16LE", "UTF-8");
  ip = in; op = out; il = strlen(in); ol = sizeof(out);
  rc = iconv(cd, &ip, &il, &op, &ol);
  check("iconv UTF-8 to UTF-16LE", cd != (iconv_t)-1 && rc == 0 && il == 0 && ol == 10
        && memcmp(out, "h\0\xe9\0\xac\x20", 6) == 0, "bytes");
  iconv_close(cd);
  cd = iconv_open("UTF-32BE", "UTF-8");
  ip = in; op = out; il = strlen(in); ol = sizeof(out);
  rc = iconv(cd, &ip, &il, &op, &ol);
  check("iconv UTF-8 to UTF-32BE", rc == 0 && ol == 4 && memcmp(out + 8, "\0\0\x20\xac", 4) == 0, "bytes");
  iconv_close(cd);
  cd = iconv_open("UTF-8", "UTF-16BE");
  char be[] = "\xd8\x3d\xde\x00";
  ip = be; op = out; il = 4; ol = sizeof(out);
  rc = iconv(cd, &ip, &il, &op, &ol);
  check("iconv surrogate pair to UTF-8", rc == 0 && ol == sizeof(out) - 4 && memcmp(out, "\xf0\x9f\x98\x80", 4) == 0, "pair");
  iconv_close(cd);
#endif
  cd = iconv_open("ASCII", "UTF-8");
  ip = in; op = out; il = strlen(in); ol = sizeof(out);
  errno = 0;
  rc = iconv(cd, &ip, &il, &op, &ol);
  check("iconv EILSEQ stops at the bad character", rc == (size_t)-1 && errno == EILSEQ && ip == in + 1 && op == out + 1,
        fmt("errno=%d consumed=%d", errno, (int)(ip - in)));
  char two[] = "ab";
  ip = two; op = out; il = 2; ol = 1;
  errno = 0;
  rc = iconv(cd, &ip, &il, &op, &ol);
  check("iconv E2BIG", rc == (size_t)-1 && errno == E2BIG && ip == two + 1 && ol == 0, fmt("errno=%d", errno));
  char partial[] = "a\xe2\x82";
  ip = partial; op = out; il = 3; ol = sizeof(out);
  errno = 0;
  rc = iconv(cd, &ip, &il, &op, &ol);
  check("iconv EINVAL for an incomplete sequence", rc == (size_t)-1 && errno == EINVAL && ip == partial + 1 && il == 2,
        fmt("errno=%d", errno));
  check("iconv with NULL input resets", iconv(cd, NULL, NULL, NULL, NULL) == 0, "reset");
  iconv_close(cd);
  errno = 0;
  check("iconv_open unknown encoding", iconv_open("NO-SUCH-CODE", "UTF-8") == (iconv_t)-1 && errno == EINVAL, "open");
}

/* ---- arpa/inet.h */

static void inet_suite(void) {
  unsigned char a4[4], a6[16];
  char text[64];
  check("inet_pton AF_INET", inet_pton(AF_INET, "192.168.1.20", a4) == 1 && a4[0] == 192 && a4[3] == 20, "v4");
  check("inet_pton rejects", inet_pton(AF_INET, "256.1.1.1", a4) == 0 && inet_pton(AF_INET, "1.2.3", a4) == 0
        && inet_pton(AF_INET6, "1::2::3", a6) == 0, "invalid");
  errno = 0;
  check("inet_pton EAFNOSUPPORT", inet_pton(12345, "1.2.3.4", a4) == -1 && errno == EAFNOSUPPORT, "family");
  check("inet_pton/ntop AF_INET6 compress", inet_pton(AF_INET6, "2001:0db8:0:0:0:ff00:0042:8329", a6) == 1
        && strcmp(inet_ntop(AF_INET6, a6, text, sizeof(text)), "2001:db8::ff00:42:8329") == 0, text);
  check("inet_ntop v4-mapped", inet_pton(AF_INET6, "::ffff:1.2.3.4", a6) == 1
        && strcmp(inet_ntop(AF_INET6, a6, text, sizeof(text)), "::ffff:1.2.3.4") == 0, text);
  check("inet_ntop loopback", inet_pton(AF_INET6, "::1", a6) == 1 && strcmp(inet_ntop(AF_INET6, a6, text, sizeof(text)), "::1") == 0,
        text);
  errno = 0;
  check("inet_ntop ENOSPC", inet_ntop(AF_INET, a4, text, 4) == NULL && errno == ENOSPC, "space");
  struct in_addr in;
  check("inet_aton classful forms", inet_aton("127.1", &in) == 1 && ntohl(in.s_addr) == 0x7f000001
        && inet_aton("0x7f.0.0.1", &in) == 1 && ntohl(in.s_addr) == 0x7f000001 && inet_aton("1.2.3.4x", &in) == 0, "aton");
  in.s_addr = htonl(0x0a000102);
  check("inet_ntoa", strcmp(inet_ntoa(in), "10.0.1.2") == 0, inet_ntoa(in));
  check("inet_addr", inet_addr("1.2.3.4") == htonl(0x01020304) && inet_addr("x") == INADDR_NONE, "addr");
#ifdef __ANDROID__
  in_addr_t two_parts = 0x0a000001; /* bionic: ntohl(inet_addr()) */
#else
  in_addr_t two_parts = 0x0a01; /* glibc: network numbers */
#endif
  check("inet_network", inet_network("10") == 10 && inet_network("10.1") == two_parts, "network");
  struct in_addr made = inet_makeaddr(10, 0x0102);
  check("inet_makeaddr/lnaof/netof", ntohl(made.s_addr) == 0x0a000102 && inet_lnaof(made) == 0x0102
        && inet_netof(made) == 10, "classful");
  check("htons/ntohl", htons(0x1234) == 0x3412 && ntohl(0x01020304) == 0x04030201, "byte order");
}

/* ---- libgen.h */

static int base_is(const char* path, const char* expected) {
  char copy[64];
  strcpy(copy, path);
  return strcmp(basename(copy), expected) == 0;
}

static int dir_is(const char* path, const char* expected) {
  char copy[64];
  strcpy(copy, path);
  return strcmp(dirname(copy), expected) == 0;
}

static void libgen_suite(void) {
  check("basename (POSIX)", base_is("/usr/lib", "lib") && base_is("/usr/lib/", "lib") && base_is("/", "/")
        && base_is("a", "a") && base_is("", "."), "basename");
  check("dirname (POSIX)", dir_is("/usr/lib", "/usr") && dir_is("/usr/lib/", "/usr") && dir_is("lib", ".")
        && dir_is("/", "/") && dir_is("", ".") && dir_is("/a", "/"), "dirname");
}

/* ---- time.h: strptime, timegm, TZ */

static void time_suite(void) {
  struct tm tm;
  memset(&tm, 0, sizeof(tm));
  const char* end = strptime("2024-02-29 13:45:07 rest", "%Y-%m-%d %H:%M:%S", &tm);
  check("strptime fields", end && strcmp(end, " rest") == 0 && tm.tm_year == 124 && tm.tm_mon == 1 && tm.tm_mday == 29
        && tm.tm_hour == 13 && tm.tm_min == 45 && tm.tm_sec == 7, end ? end : "NULL");
  check("timegm", timegm(&tm) == 1709214307 && tm.tm_wday == 4 && tm.tm_yday == 59, fmt("%ld", (long)timegm(&tm)));
  memset(&tm, 0, sizeof(tm));
  end = strptime("Thu Feb 29 2024", "%a %b %d %Y", &tm);
  check("strptime names", end && *end == 0 && tm.tm_wday == 4 && tm.tm_mon == 1 && tm.tm_mday == 29, "names");
  memset(&tm, 0, sizeof(tm));
  end = strptime("11:05 PM", "%I:%M %p", &tm);
  check("strptime %I %p", end && tm.tm_hour == 23 && tm.tm_min == 5, "12-hour");
  memset(&tm, 0, sizeof(tm));
  end = strptime("99", "%y", &tm);
  check("strptime %y", end && tm.tm_year == 99, "century");
  check("strptime mismatch is NULL", strptime("2024-13", "%Y-%m", &tm) == NULL && strptime("ab", "%d", &tm) == NULL,
        "mismatch");
  memset(&tm, 0, sizeof(tm));
  end = strptime("  2024  -  3", " %Y - %m", &tm);
  check("strptime white space", end && tm.tm_year == 124 && tm.tm_mon == 2, "space");
  char text[64];
  tm.tm_year = 124; tm.tm_mon = 1; tm.tm_mday = 29; tm.tm_hour = 13; tm.tm_min = 45; tm.tm_sec = 7;
  timegm(&tm);
  strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%S %j %a %U", &tm);
  check("strftime round trip", strcmp(text, "2024-02-29T13:45:07 060 Thu 08") == 0, text);

  setenv("TZ", "UTC0", 1);
  tzset();
  check("tzset UTC", timezone == 0 && daylight == 0, fmt("%ld %d", (long)timezone, daylight));
  setenv("TZ", "EST5EDT,M3.2.0,M11.1.0", 1);
  tzset();
  check("tzset POSIX rule", timezone == 18000 && daylight == 1 && strcmp(tzname[0], "EST") == 0
        && strcmp(tzname[1], "EDT") == 0, fmt("%ld %d %s %s", (long)timezone, daylight, tzname[0], tzname[1]));
  time_t summer = 1720000000; /* 2024-07-03 09:46:40 UTC */
  struct tm local;
  localtime_r(&summer, &local);
  check("localtime_r in DST", local.tm_isdst == 1 && local.tm_hour == 5 && local.tm_min == 46, fmt("%d %d", local.tm_isdst, local.tm_hour));
  time_t winter = 1700000000; /* 2023-11-14 22:13:20 UTC */
  localtime_r(&winter, &local);
  check("localtime_r in standard time", local.tm_isdst == 0 && local.tm_hour == 17, fmt("%d %d", local.tm_isdst, local.tm_hour));
  local.tm_isdst = -1;
  check("mktime inverts localtime", mktime(&local) == winter, "mktime");
  memset(&local, 0, sizeof(local));
  local.tm_year = 124; local.tm_mon = 2; local.tm_mday = 10; local.tm_hour = 2; local.tm_min = 30; local.tm_isdst = -1;
  time_t gap = mktime(&local);
  check("mktime normalises through the spring gap", gap != (time_t)-1 && local.tm_isdst == 1 && local.tm_hour == 3,
        fmt("%d %d", local.tm_isdst, local.tm_hour));
  setenv("TZ", "<+0530>-5:30", 1);
  tzset();
  localtime_r(&winter, &local);
  check("TZ with a quoted name and minutes", timezone == -19800 && local.tm_hour == 3 && local.tm_min == 43
        && strcmp(tzname[0], "+0530") == 0, fmt("%ld %s", (long)timezone, tzname[0]));
  unsetenv("TZ");
  tzset();
}

/* ---- search.h */

static int compare_int(const void* a, const void* b) {
  int x = *(const int*)a, y = *(const int*)b;
  return (x > y) - (x < y);
}

static int walked[16], walk_count;

static void walker(const void* node, VISIT which, int depth) {
  (void)depth;
  if ((which == postorder || which == leaf) && walk_count < 16) walked[walk_count++] = **(int* const*)node;
}

static void keep_key(void* key) { (void)key; }

static void search_suite(void) {
  void* root = NULL;
  static int keys[] = {5, 3, 8, 1, 4};
  for (int i = 0; i < 5; i++) tsearch(&keys[i], &root, compare_int);
  int probe = 4, missing = 7, again = 3;
  int** found = tfind(&probe, &root, compare_int);
  check("tsearch/tfind", found && **found == 4 && tfind(&missing, &root, compare_int) == NULL
        && *(int**)tsearch(&again, &root, compare_int) == &keys[1], "find");
  walk_count = 0;
  twalk(root, walker);
  check("twalk in order", walk_count == 5 && walked[0] == 1 && walked[1] == 3 && walked[2] == 4 && walked[3] == 5
        && walked[4] == 8, fmt("%d", walk_count));
  check("tdelete", tdelete(&again, &root, compare_int) != NULL && tfind(&again, &root, compare_int) == NULL
        && tdelete(&missing, &root, compare_int) == NULL, "delete");
  tdestroy(root, keep_key);
  check("hcreate/hsearch", hcreate(16) != 0, "hcreate");
  ENTRY e = {"alpha", (void*)1}, *r;
  hsearch(e, ENTER);
  e.key = "beta"; e.data = (void*)2;
  hsearch(e, ENTER);
  e.key = "alpha"; e.data = NULL;
  r = hsearch(e, FIND);
  ENTRY nope = {"gamma", NULL};
  check("hsearch FIND", r && r->data == (void*)1 && hsearch(nope, FIND) == NULL, "find");
  hdestroy();
  struct hsearch_data table;
  memset(&table, 0, sizeof(table));
  ENTRY* out = NULL;
  e.key = "k"; e.data = (void*)9;
  check("hsearch_r", hcreate_r(8, &table) != 0 && hsearch_r(e, ENTER, &out, &table) != 0
        && hsearch_r(e, FIND, &out, &table) != 0 && out->data == (void*)9, "reentrant");
  hdestroy_r(&table);
  int array[8] = {4, 2};
  size_t n = 2;
  int seven = 7, two = 2;
  lsearch(&seven, array, &n, sizeof(int), compare_int);
  check("lsearch appends, lfind finds", n == 3 && array[2] == 7 && lfind(&two, array, &n, sizeof(int), compare_int) == &array[1],
        "linear");
  struct node { struct node* next; struct node* prev; int v; } a = {0}, b = {0}, c = {0};
  insque(&a, NULL);
  insque(&b, &a);
  insque(&c, &b);
  remque(&b);
  check("insque/remque", a.next == &c && c.prev == &a && c.next == NULL, "queue");
}

/* ---- getopt */

static void getopt_suite(void) {
  char* argv1[] = {"prog", "-a", "-b", "val", "file", NULL};
  optind = 1;
  opterr = 0;
  int c1 = getopt(5, argv1, "ab:");
  int c2 = getopt(5, argv1, "ab:");
  char* arg = optarg;
  int c3 = getopt(5, argv1, "ab:");
  check("getopt", c1 == 'a' && c2 == 'b' && strcmp(arg, "val") == 0 && c3 == -1 && optind == 4, fmt("%d %d", c3, optind));
  char* argv2[] = {"prog", "-x", NULL};
  optind = 1;
  int c4 = getopt(2, argv2, "ab");
  check("getopt unknown option", c4 == '?' && optopt == 'x', "unknown");
  static struct option longs[] = {{"name", required_argument, NULL, 'n'}, {"flag", no_argument, NULL, 'f'}, {0, 0, 0, 0}};
  char* argv3[] = {"prog", "--name=x", "--fl", "rest", NULL};
  optind = 1;
  int index = -1;
  int l1 = getopt_long(4, argv3, "n:f", longs, &index);
  char* value = optarg;
  int l2 = getopt_long(4, argv3, "n:f", longs, &index);
  int l3 = getopt_long(4, argv3, "n:f", longs, &index);
  check("getopt_long with = and an abbreviation", l1 == 'n' && strcmp(value, "x") == 0 && l2 == 'f' && index == 1 && l3 == -1
        && optind == 3, fmt("%d %d %d", l1, l2, l3));
  char options[] = "ro,size=10,bogus";
  char* p = options;
  char* v = NULL;
  char* const tokens[] = {"ro", "size", NULL};
  int s1 = getsubopt(&p, tokens, &v);
  int s2 = getsubopt(&p, tokens, &v);
  char* size = v;
  int s3 = getsubopt(&p, tokens, &v);
#ifdef __ANDROID__
  int unknown_value = v == NULL; /* bionic (OpenBSD): the unknown option has no value */
#else
  int unknown_value = v != NULL && strcmp(v, "bogus") == 0; /* glibc: the whole unknown option */
#endif
  check("getsubopt", s1 == 0 && s2 == 1 && strcmp(size, "10") == 0 && s3 == -1 && unknown_value, "subopt");
  optind = 1;
}

/* ---- mntent.h */

static void mntent_suite(void) {
  char path[256];
  snprintf(path, sizeof(path), "%s/fstab", base);
  FILE* f = fopen(path, "w");
  fputs("# comment\n/dev/sda1 / ext4 rw,noatime 0 1\nnone /proc proc ro,size=4k,mode=555 0 0\n", f);
  fclose(f);
  FILE* m = setmntent(path, "r");
  struct mntent* e = m ? getmntent(m) : NULL;
  check("getmntent fields", e && strcmp(e->mnt_fsname, "/dev/sda1") == 0 && strcmp(e->mnt_dir, "/") == 0
        && strcmp(e->mnt_type, "ext4") == 0 && strcmp(e->mnt_opts, "rw,noatime") == 0 && e->mnt_freq == 0
        && e->mnt_passno == 1, e ? e->mnt_fsname : "NULL");
  struct mntent buf;
  char strings[256];
  e = m ? getmntent_r(m, &buf, strings, sizeof(strings)) : NULL;
  check("getmntent_r and hasmntopt", e == &buf && strcmp(e->mnt_dir, "/proc") == 0 && hasmntopt(e, "size") != NULL
        && strncmp(hasmntopt(e, "size"), "size=4k", 7) == 0 && hasmntopt(e, "mode") != NULL && hasmntopt(e, "rw") == NULL,
        "opts");
  check("getmntent at the end", m && getmntent(m) == NULL, "end");
  if (m) endmntent(m);
}

/* ---- resolv.h name helpers */

static void resolver_suite(void) {
  unsigned char msg[64] = {0};
  /* A header, then www.example.com at offset 12, then a pointer to it. */
  memcpy(msg + 12, "\3www\7example\3com\0", 17);
  msg[29] = 0xc0;
  msg[30] = 12;
  char name[256];
  int n = dn_expand(msg, msg + 31, msg + 12, name, sizeof(name));
  check("dn_expand a name", n == 17 && strcmp(name, "www.example.com") == 0, fmt("%d %s", n, name));
  n = dn_expand(msg, msg + 31, msg + 29, name, sizeof(name));
  check("dn_expand a compression pointer", n == 2 && strcmp(name, "www.example.com") == 0, fmt("%d %s", n, name));
  unsigned char root[1] = {0};
  n = dn_expand(root, root + 1, root, name, sizeof(name));
  check("dn_expand the root", n == 1 && name[0] == 0, fmt("%d [%s]", n, name));
  unsigned char loop[16] = {0};
  loop[12] = 0xc0;
  loop[13] = 12;
  check("dn_expand rejects a pointer loop", dn_expand(loop, loop + 14, loop + 12, name, sizeof(name)) == -1, "loop");
  check("dn_expand rejects a short buffer", dn_expand(msg, msg + 31, msg + 12, name, 8) == -1, "short");
  unsigned char out[64];
  const unsigned char* dnptrs[4] = {out, NULL};
  const unsigned char** last = dnptrs + 4;
  int first = dn_comp("www.example.com", out, sizeof(out), (unsigned char**)dnptrs, (unsigned char**)last);
  int second = dn_comp("mail.example.com", out + first, sizeof(out) - first, (unsigned char**)dnptrs, (unsigned char**)last);
  check("dn_comp compresses a known suffix", first == 17 && second == 7 && out[first + 5] == 0xc0 && out[first + 6] == 4,
        fmt("%d %d", first, second));
}

/* ---- fts.h, ftw.h */

static int ftw_files, ftw_dirs, ftw_post, ftw_deepest;

static int on_entry(const char* path, const struct stat* sb, int type, struct FTW* ftw) {
  (void)sb;
  if (type == FTW_F) ftw_files++;
  if (type == FTW_D) ftw_dirs++;
  if (type == FTW_DP) ftw_post++;
  if (ftw->level > ftw_deepest) ftw_deepest = ftw->level;
  if (type == FTW_F && strcmp(path + ftw->base, "deep") == 0 && ftw->level != 3) ftw_files = -100;
  return 0;
}

static int stop_at_second(const char* path, const struct stat* sb, int type) {
  (void)path; (void)sb; (void)type;
  return ++ftw_files == 2 ? 42 : 0;
}

static int by_name(const FTSENT** a, const FTSENT** b) {
  return strcmp((*a)->fts_name, (*b)->fts_name);
}

static void walk_suite(void) {
  sub("tree");
  sub("tree/d1");
  sub("tree/d1/d2");
  sub("tree/e");
  touch("tree/f");
  touch("tree/d1/g");
  touch("tree/d1/d2/deep");
  char root[256];
  snprintf(root, sizeof(root), "%s/tree", base);
  ftw_files = ftw_dirs = ftw_post = ftw_deepest = 0;
  int rc = nftw(root, on_entry, 4, FTW_PHYS);
  check("nftw preorder", rc == 0 && ftw_files == 3 && ftw_dirs == 4 && ftw_post == 0 && ftw_deepest == 3,
        fmt("rc=%d f=%d d=%d", rc, ftw_files, ftw_dirs));
  ftw_files = ftw_dirs = ftw_post = 0;
  rc = nftw(root, on_entry, 4, FTW_PHYS | FTW_DEPTH);
  check("nftw FTW_DEPTH", rc == 0 && ftw_dirs == 0 && ftw_post == 4, fmt("dp=%d", ftw_post));
  ftw_files = 0;
  check("ftw stops with the callback's value", ftw(root, stop_at_second, 4) == 42, "stop");
  errno = 0;
  check("nftw of a missing path", nftw("/no/such/path", on_entry, 4, 0) == -1 && errno == ENOENT, fmt("errno=%d", errno));
  char* paths[] = {root, NULL};
  FTS* fts = fts_open(paths, FTS_PHYSICAL | FTS_NOCHDIR, by_name);
  char order[256] = "";
  FTSENT* e;
  while (fts && (e = fts_read(fts)) != NULL) {
    char item[32];
    snprintf(item, sizeof(item), "%s%s:%d ", e->fts_info == FTS_DP ? "/" : "", e->fts_name, e->fts_level);
    strcat(order, item);
    if (e->fts_info == FTS_D && strcmp(e->fts_name, "d2") == 0) fts_set(fts, e, FTS_SKIP);
  }
  check("fts order with a comparator and FTS_SKIP", fts && strcmp(order, "tree:0 d1:1 d2:2 /d2:2 g:2 /d1:1 e:1 /e:1 f:1 /tree:0 ") == 0,
        order);
  if (fts) fts_close(fts);
  fts = fts_open(paths, FTS_PHYSICAL | FTS_NOCHDIR, by_name);
  e = fts ? fts_read(fts) : NULL;
  FTSENT* kids = fts ? fts_children(fts, 0) : NULL;
  int count = 0;
  for (FTSENT* k = kids; k; k = k->fts_link) count++;
  check("fts_children lists a directory", e && e->fts_info == FTS_D && count == 3 && strcmp(kids->fts_name, "d1") == 0
        && kids->fts_parent == e, fmt("%d", count));
  if (fts) fts_close(fts);
}

/* ---- stdio corner cases, statvfs */

static void stdio_suite(void) {
  char path[256];
  snprintf(path, sizeof(path), "%s/append", base);
  FILE* f = fopen(path, "w");
  fputs("abc", f);
  fclose(f);
  f = fopen(path, "a");
  fputs("xyz", f);
  check("ftello on an unflushed append stream", ftello(f) == 6, fmt("%ld", (long)ftello(f)));
  fclose(f);
  int fd = open(path, O_WRONLY | O_APPEND);
  f = fdopen(fd, "a");
  fputs("12", f);
  check("ftello after fdopen(\"a\")", ftello(f) == 8, fmt("%ld", (long)ftello(f)));
  fclose(f);
  f = fopen(path, "r");
  fputc('x', f);
  int before = ferror(f);
  rewind(f);
  check("rewind clears the error indicator", before != 0 && ferror(f) == 0 && fgetc(f) == 'a', "error");
  fclose(f);
  struct statvfs sv;
  check("statvfs(\"/\") reports blocks", statvfs("/", &sv) == 0 && sv.f_blocks > 0 && sv.f_bsize > 0 && sv.f_namemax == 255,
        fmt("%lu", (unsigned long)sv.f_blocks));
}

/* ---- mutex types across threads (the sequence of a well-known conformance test) */

static pthread_barrier_t barrier;
static pthread_mutex_t* shared_mutex;
static int relock_result;

static void* relocker(void* arg) {
  (void)arg;
  pthread_mutex_lock(shared_mutex);
  pthread_barrier_wait(&barrier);
  relock_result = pthread_mutex_lock(shared_mutex);
  pthread_barrier_wait(&barrier);
  return NULL;
}

static void deadline(struct timespec* ts, long ms) {
  clock_gettime(CLOCK_REALTIME, ts);
  ts->tv_nsec += ms * 1000000;
  ts->tv_sec += ts->tv_nsec / 1000000000;
  ts->tv_nsec %= 1000000000;
}

__attribute__((noinline)) static int relock(int type, int join) {
  pthread_mutex_t m;
  pthread_mutexattr_t ma;
  pthread_t t;
  struct timespec ts;
  pthread_barrier_init(&barrier, NULL, 2);
  pthread_mutexattr_init(&ma);
  pthread_mutexattr_settype(&ma, type);
  pthread_mutex_init(&m, &ma);
  pthread_mutexattr_destroy(&ma);
  shared_mutex = &m;
  relock_result = 42;
  pthread_create(&t, NULL, relocker, NULL);
  pthread_barrier_wait(&barrier);
  deadline(&ts, 100);
  int timed = pthread_mutex_timedlock(&m, &ts);
  if (join) {
    pthread_barrier_wait(&barrier);
    pthread_join(t, NULL);
  } else {
    pthread_detach(t); /* deadlocked for good on the old mutex */
  }
  return timed == ETIMEDOUT ? relock_result : -timed;
}

static int other_result;

static void* unlocker(void* arg) {
  other_result = pthread_mutex_unlock((pthread_mutex_t*)arg);
  return NULL;
}

__attribute__((noinline)) static int unlock_other(int type, int lock_first) {
  pthread_mutex_t m;
  pthread_mutexattr_t ma;
  pthread_t t;
  pthread_mutexattr_init(&ma);
  pthread_mutexattr_settype(&ma, type);
  pthread_mutex_init(&m, &ma);
  if (lock_first) pthread_mutex_lock(&m);
  pthread_create(&t, NULL, unlocker, &m);
  pthread_join(t, NULL);
  int own = lock_first ? pthread_mutex_unlock(&m) : 0;
  return own == 0 ? other_result : 1000 + own;
}

static void mutex_suite(void) {
  int normal = relock(PTHREAD_MUTEX_NORMAL, 0);
  check("NORMAL relock deadlocks (the waiter stays blocked)", normal == 42, fmt("%d", normal));
  int errorcheck = relock(PTHREAD_MUTEX_ERRORCHECK, 1);
  check("ERRORCHECK relock is EDEADLK", errorcheck == EDEADLK, fmt("%d", errorcheck));
  int recursive = relock(PTHREAD_MUTEX_RECURSIVE, 1);
  check("RECURSIVE relock succeeds", recursive == 0, fmt("%d", recursive));
  int unowned = unlock_other(PTHREAD_MUTEX_ERRORCHECK, 0);
  check("ERRORCHECK unlock of an unlocked mutex is EPERM", unowned == EPERM, fmt("%d", unowned));
  int other = unlock_other(PTHREAD_MUTEX_ERRORCHECK, 1);
  check("ERRORCHECK unlock by another thread is EPERM, the owner's succeeds", other == EPERM, fmt("%d", other));
  int recursive_other = unlock_other(PTHREAD_MUTEX_RECURSIVE, 1);
  check("RECURSIVE unlock by another thread is EPERM", recursive_other == EPERM, fmt("%d", recursive_other));
}

/* ---- dlfcn.h scopes */

static void dl_suite(void) {
  void* missing = dlopen("libconf_local.so", RTLD_NOW | RTLD_NOLOAD);
  check("RTLD_NOLOAD of a library not loaded", missing == NULL, "noload");
  void* local = dlopen("libconf_local.so", RTLD_NOW | RTLD_LOCAL);
  int (*value)(void) = local ? (int (*)(void))dlsym(local, "conf_local_value") : NULL;
  check("dlsym(handle) of an RTLD_LOCAL library", value != NULL && value() == 7, dlerror());
  check("dlsym(RTLD_DEFAULT) does not see RTLD_LOCAL", dlsym(RTLD_DEFAULT, "conf_local_value") == NULL
        && dlerror() != NULL, "visible");
  void* self = dlopen(NULL, RTLD_NOW);
  check("dlsym(dlopen(NULL)) does not see RTLD_LOCAL", self != NULL && dlsym(self, "conf_local_value") == NULL, "visible");
  check("dlsym(handle) searches its dependencies", local && dlsym(local, "conf_dep_value") != NULL, "deps");
  check("RTLD_NOLOAD finds a loaded library", dlopen("libconf_local.so", RTLD_NOW | RTLD_NOLOAD) == local, "noload");
  void* global = dlopen("libconf_global.so", RTLD_NOW | RTLD_GLOBAL);
  check("dlsym(RTLD_DEFAULT) sees RTLD_GLOBAL", global && dlsym(RTLD_DEFAULT, "conf_global_value") != NULL
        && self && dlsym(self, "conf_global_value") != NULL, "global");
  check("dlopen with invalid flags", dlopen("libconf_local.so", 0x7fff0000) == NULL && dlerror() != NULL, "flags");
  Dl_info info;
  check("dladdr", value && dladdr((void*)value, &info) != 0 && strstr(info.dli_fname, "libconf_local.so")
        && info.dli_sname && strcmp(info.dli_sname, "conf_local_value") == 0 && info.dli_saddr == (void*)value, "dladdr");
}

/* ---- execinfo.h and unwind.h */

__attribute__((noinline)) int conf_bt_inner(void** frames, int n) {
  int got = backtrace(frames, n);
  __asm__ volatile("" ::: "memory");
  return got;
}

__attribute__((noinline)) int conf_bt_outer(void** frames, int n) {
  int got = conf_bt_inner(frames, n);
  __asm__ volatile("" ::: "memory");
  return got;
}

struct trace { int frames; uintptr_t ips[8]; };

static _Unwind_Reason_Code tracer(struct _Unwind_Context* ctx, void* arg) {
  struct trace* t = arg;
  if (t->frames < 8) t->ips[t->frames] = _Unwind_GetIP(ctx);
  t->frames++;
  return t->frames >= 3 ? _URC_END_OF_STACK : _URC_NO_REASON;
}

__attribute__((noinline)) int conf_unwind_inner(struct trace* t) {
  int r = _Unwind_Backtrace(tracer, t);
  __asm__ volatile("" ::: "memory");
  return r;
}

__attribute__((noinline)) int conf_unwind_outer(struct trace* t) {
  int r = conf_unwind_inner(t);
  __asm__ volatile("" ::: "memory");
  return r;
}

/* A personality for this file's C cleanups (-fexceptions): it reads the LSDA's call-site table to find landing
   pads, and in the search phase reports a handler in conf_catch. */
static uint64_t read_uleb(const uint8_t** p) {
  uint64_t v = 0;
  int shift = 0;
  uint8_t b;
  do { b = *(*p)++; v |= (uint64_t)(b & 0x7f) << shift; shift += 7; } while (b & 0x80);
  return v;
}

static uint64_t read_encoded(const uint8_t** p, int encoding) {
  uint64_t v;
  const uint8_t* start = *p;
  switch (encoding & 0x0f) {
    case 0x01: v = read_uleb(p); break;
    case 0x03: { uint32_t x; memcpy(&x, *p, 4); *p += 4; v = x; break; }
    case 0x0b: { int32_t x; memcpy(&x, *p, 4); *p += 4; v = (uint64_t)(int64_t)x; break; }
    default: { uint64_t x; memcpy(&x, *p, 8); *p += 8; v = x; break; }
  }
  if ((encoding & 0x70) == 0x10) v += (uintptr_t)start;
  return v;
}

static uintptr_t landing_pad(struct _Unwind_Context* ctx) {
  const uint8_t* p = (const uint8_t*)_Unwind_GetLanguageSpecificData(ctx);
  if (!p) return 0;
  uintptr_t func = _Unwind_GetRegionStart(ctx);
  uintptr_t ip = _Unwind_GetIP(ctx) - 1;
  int lpstart_encoding = *p++;
  uintptr_t lpstart = lpstart_encoding == 0xff ? func : read_encoded(&p, lpstart_encoding);
  int ttype_encoding = *p++;
  if (ttype_encoding != 0xff) read_uleb(&p);
  int cs_encoding = *p++;
  uint64_t length = read_uleb(&p);
  const uint8_t* end = p + length;
  while (p < end) {
    uint64_t start = read_encoded(&p, cs_encoding), len = read_encoded(&p, cs_encoding);
    uint64_t lp = read_encoded(&p, cs_encoding);
    read_uleb(&p);
    if (ip >= func + start && ip < func + start + len) return lp ? lpstart + lp : 0;
  }
  return 0;
}

void conf_catch(void);
static int personality_calls;

__attribute__((visibility("hidden"))) _Unwind_Reason_Code __gcc_personality_v0(int version, _Unwind_Action actions,
    uint64_t exception_class, struct _Unwind_Exception* exception, struct _Unwind_Context* ctx) {
  (void)version; (void)exception_class;
  personality_calls++;
  if (actions & _UA_SEARCH_PHASE) {
    return _Unwind_GetRegionStart(ctx) == (uintptr_t)conf_catch ? _URC_HANDLER_FOUND : _URC_CONTINUE_UNWIND;
  }
  uintptr_t lp = landing_pad(ctx);
  if (!lp) return _URC_CONTINUE_UNWIND;
  _Unwind_SetGR(ctx, __builtin_eh_return_data_regno(0), (uintptr_t)exception);
  _Unwind_SetGR(ctx, __builtin_eh_return_data_regno(1), 0);
  _Unwind_SetIP(ctx, lp);
  return _URC_INSTALL_CONTEXT;
}

static jmp_buf caught;
static int cleanups, deleted, stops;
static struct _Unwind_Exception exception_object;

static void sink(volatile int* p) { __asm__ volatile("" :: "r"(p) : "memory"); }
static void count_cleanup(int* p) { cleanups += *p; }
static void catch_cleanup(int* p) { cleanups += *p; longjmp(caught, 1); }
static void delete_object(_Unwind_Reason_Code reason, struct _Unwind_Exception* e) {
  (void)e;
  if (reason == _URC_FOREIGN_EXCEPTION_CAUGHT) deleted++;
}

static _Unwind_Reason_Code stop_fn(int version, _Unwind_Action actions, uint64_t cls, struct _Unwind_Exception* e,
                                   struct _Unwind_Context* ctx, void* parameter) {
  (void)version; (void)actions; (void)cls; (void)e; (void)ctx;
  stops += *(int*)parameter;
  return _URC_NO_REASON;
}

static int forced;

__attribute__((noinline)) static int raise_it(void) {
  static int one = 1;
  exception_object.exception_class = 0x4d44454d54455354ull; /* "MDEMTEST" */
  exception_object.exception_cleanup = delete_object;
  if (forced) return _Unwind_ForcedUnwind(&exception_object, stop_fn, &one);
  return _Unwind_RaiseException(&exception_object);
}

__attribute__((noinline)) void conf_throw(void) {
  int x __attribute__((cleanup(count_cleanup))) = 1;
  raise_it();
  sink(&x);
}

__attribute__((noinline)) void conf_middle(void) {
  int y __attribute__((cleanup(count_cleanup))) = 10;
  conf_throw();
  sink(&y);
}

__attribute__((noinline)) void conf_catch(void) {
  int z __attribute__((cleanup(catch_cleanup))) = 100;
  conf_middle();
  sink(&z);
}

static void unwind_suite(void) {
  void* frames[16];
  int n = conf_bt_outer(frames, 16);
  char** symbols = backtrace_symbols(frames, n);
  int inner = -1, outer = -1;
  for (int i = 0; symbols && i < n && i < 6; i++) {
    if (inner < 0 && strstr(symbols[i], "conf_bt_inner")) inner = i;
    if (outer < 0 && strstr(symbols[i], "conf_bt_outer")) outer = i;
  }
  check("backtrace and backtrace_symbols name the callers", n >= 3 && inner >= 0 && inner <= 1 && outer == inner + 1,
        symbols && n > 1 ? symbols[inner < 0 ? 0 : inner] : "none");
  free(symbols);
  check("backtrace(…, 1) gives one frame", conf_bt_outer(frames, 1) == 1, "one");
  struct trace t = {0};
  int r = conf_unwind_outer(&t);
  Dl_info a, b;
  int named = t.frames >= 2 && dladdr((void*)t.ips[0], &a) && dladdr((void*)t.ips[1], &b) && a.dli_sname && b.dli_sname
      && strcmp(a.dli_sname, "conf_unwind_inner") == 0 && strcmp(b.dli_sname, "conf_unwind_outer") == 0;
#ifdef __ANDROID__
  int stopped = r == _URC_END_OF_STACK; /* LLVM libunwind returns the callback's code */
#else
  int stopped = r != _URC_NO_REASON; /* libgcc answers _URC_FATAL_PHASE1_ERROR */
#endif
  check("_Unwind_Backtrace visits the callers", stopped && t.frames == 3 && named, fmt("%d %d", r, t.frames));
  check("_Unwind_FindEnclosingFunction", _Unwind_FindEnclosingFunction((char*)conf_unwind_inner + 8) == (void*)conf_unwind_inner,
        "enclosing");
  cleanups = 0;
  personality_calls = 0;
  if (setjmp(caught) == 0) {
    conf_catch();
    check("_Unwind_RaiseException reaches the handler", 0, "returned");
  } else {
    check("_Unwind_RaiseException runs the cleanups in order to the handler", cleanups == 111 && personality_calls >= 4,
          fmt("%d %d", cleanups, personality_calls));
  }
  _Unwind_DeleteException(&exception_object);
  check("_Unwind_DeleteException calls the cleanup", deleted == 1, "deleted");
  cleanups = 0;
  stops = 0;
  forced = 1;
  if (setjmp(caught) == 0) {
    conf_catch();
    check("_Unwind_ForcedUnwind reaches the cleanups", 0, "returned");
  } else {
    check("_Unwind_ForcedUnwind calls the stop function per frame", cleanups == 111 && stops >= 3, fmt("%d %d", cleanups, stops));
  }
  forced = 0;
}

static void make_base(void) {
  const char* tmp = getenv("TMPDIR");
  snprintf(base, sizeof(base), "%s/conformance.XXXXXX", tmp ? tmp : "/tmp");
  if (!mkdtemp(base)) printf("FAIL mkdtemp %s: %d\n", base, errno);
}

int AVmPayload_main(void) {
  make_base();
  regex_suite();
  pattern_suite();
  iconv_suite();
  inet_suite();
  libgen_suite();
  time_suite();
  search_suite();
  getopt_suite();
  mntent_suite();
  resolver_suite();
  walk_suite();
  stdio_suite();
  dl_suite();
  unwind_suite();
  mutex_suite();
  printf("libc_conformance failures=%d\n", failures);
  fflush(stdout);
  return failures;
}

#ifdef REFERENCE_MAIN
int main(void) {
  return AVmPayload_main();
}
#endif
