/* printf with widths and precisions near INT_MAX (issue 12): snprintf keeps what fits and returns the whole length,
   streams and descriptors receive every byte (/dev/null, a file checked with fstat), counts past INT_MAX are -1
   with ENOMEM (bionic's vfprintf overflow answer), asprintf and swprintf fail with ENOMEM when the heap cannot hold
   the text, and precisions past a double's exact expansion print zeros. One line per check; the exit code is the
   number of failures. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

/* As bionic's stdio.h declares it. */
int asprintf(char** out, const char* fmt, ...);

#define INT_MAX_ 2147483647
#ifndef EOVERFLOW
#define EOVERFLOW 75
#endif

static int failures;

static void check(const char* name, int ok, long detail) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s: %ld (errno %d)\n", name, detail, errno); failures++; }
  fflush(stdout);
}

static int all(const char* s, char c, int n) {
  for (int i = 0; i < n; i++) if (s[i] != c) return 0;
  return 1;
}

static void bounded(void) {
  char buf[16];
  memset(buf, 'x', sizeof buf);
  int n = snprintf(buf, 16, "%999999999d", 42);
  check("snprintf %999999999d into 16 bytes returns 999999999", n == 999999999, n);
  check("snprintf keeps 15 blanks and a NUL", all(buf, ' ', 15) && buf[15] == 0, buf[0]);
  n = snprintf(buf, 16, "%-999999999d|", 42);
  check("snprintf left-justified keeps the digits first", n == 1000000000 && strcmp(buf, "42             ") == 0, n);
  n = snprintf(NULL, 0, "%*d", INT_MAX_, 1);
  check("snprintf %*d with INT_MAX returns INT_MAX", n == INT_MAX_, n);
  n = snprintf(buf, 16, "%.999999999f", 1.5);
  check("snprintf %.999999999f returns 1000000001", n == 1000000001 && strcmp(buf, "1.5000000000000") == 0, n);
  char exact[80];
  n = snprintf(exact, sizeof exact, "%.60f", 0.1);
  check("%.60f prints 0.1's exact digits then zeros",
        n == 62 && strcmp(exact, "0.100000000000000005551115123125782702118158340454101562500000") == 0, n);
  n = snprintf(buf, 16, "%.999999999g", 0.5);
  check("%.999999999g trims the zeros", n == 3 && strcmp(buf, "0.5") == 0, n);
  char small[4];
  n = sprintf(small, "%.0s%d", "ignored", 7);
  check("sprintf into a small buffer", n == 1 && strcmp(small, "7") == 0, n);
}

static void overflow(void) {
  char buf[16];
  errno = 0;
  int n = snprintf(buf, 16, "%2147483647d%d", 1, 2);
  check("a count past INT_MAX is -1 with ENOMEM", n == -1 && errno == ENOMEM, n);
  check("the first field's prefix was kept", all(buf, ' ', 15) && buf[15] == 0, buf[0]);
  errno = 0;
  n = snprintf(buf, 16, "%2147483648d", 1);
  check("a width past INT_MAX is -1 with ENOMEM", n == -1 && errno == ENOMEM, n);
  errno = 0;
  n = snprintf(buf, 16, "x%2147483647s", "");
  check("INT_MAX plus one byte is -1 with ENOMEM", n == -1 && errno == ENOMEM, n);
  n = snprintf(buf, 16, "%2147483647s", "");
  check("exactly INT_MAX is fine", n == INT_MAX_, n);
}

static void streams(void) {
  FILE* null = fopen("/dev/null", "w");
  check("fopen /dev/null", null != NULL, 0);
  if (null) {
    int n = fprintf(null, "%999999999d", 42);
    check("fprintf %999999999d to /dev/null", n == 999999999, n);
    errno = 0;
    n = fprintf(null, "%2147483647d%d", 1, 2);
    check("fprintf past INT_MAX to /dev/null is -1 with ENOMEM", n == -1 && errno == ENOMEM, n);
    n = fwprintf(null, L"%999999999d", 42);
    check("fwprintf %999999999d to /dev/null", n == 999999999, n);
    fclose(null);
  }
  int fd = open("/dev/null", O_WRONLY);
  int n = dprintf(fd, "%-999999999s", "dprintf");
  check("dprintf %-999999999s to /dev/null", n == 999999999, n);
  close(fd);

  const char* path = "/data/local/tmp/printf_huge.txt";
  FILE* f = fopen(path, "w");
  check("fopen a file", f != NULL, errno);
  if (!f) return;
  n = fprintf(f, "%9999999d|%.5000000f", 42, 0.25);
  fflush(f);
  struct stat st;
  fstat(fileno(f), &st);
  check("fprintf 10 MB to a file, size by fstat", n == 9999999 + 1 + 5000002 && st.st_size == n, (long) st.st_size);
  fclose(f);
  f = fopen(path, "r");
  char head[8] = {0}, tail[16] = {0};
  fread(head, 1, 7, f);
  fseek(f, 9999999 - 3, SEEK_SET);
  fread(tail, 1, 12, f);
  check("the file holds the padding, the digits and the zeros",
        all(head, ' ', 7) && strcmp(tail, " 42|0.250000") == 0, tail[0]);
  fclose(f);
  unlink(path);
}

static void heap(void) {
  char* s = (char*) 1;
  errno = 0;
  int n = asprintf(&s, "%999999999d", 1);
  check("asprintf of 1e9 bytes in a 256 MiB VM is -1 with ENOMEM and NULL", n == -1 && errno == ENOMEM && s == NULL, n);
  n = asprintf(&s, "%-5000d|", 7);
  check("asprintf grows past its first 128 bytes", n == 5001 && s[0] == '7' && s[4999] == ' ' && s[5000] == '|'
        && s[5001] == 0, n);
  free(s);
  wchar_t w[16];
  errno = 0;
  n = swprintf(w, 16, L"%999999999d", 1);
  check("swprintf of 1e9 characters is -1 with ENOMEM", n == -1 && errno == ENOMEM, n);
  errno = 0;
  n = swprintf(w, 16, L"%-40d", 5);
  check("swprintf past n is -1 with EOVERFLOW, n - 1 kept", n == -1 && errno == EOVERFLOW && w[0] == L'5'
        && w[14] == L' ' && w[15] == 0, n);
}

int AVmPayload_main(void) {
  bounded();
  overflow();
  streams();
  heap();
  printf("printf_huge failures=%d\n", failures);
  fflush(stdout);
  return failures;
}
