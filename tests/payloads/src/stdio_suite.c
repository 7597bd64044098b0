/* Checks the C library from inside the guest: scanf, FILE streams, stdlib, string.h with its FORTIFY entry points,
   ctype, locale and wchar. One line per check; the exit code is the number of failures. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

static int failures;

static void check(const char* name, int ok, const char* detail) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s: %s\n", name, detail); failures++; }
}

static int compare_ints(const void* a, const void* b) {
  int x = *(const int*)a, y = *(const int*)b;
  return (x > y) - (x < y);
}

static int vscan(const char* s, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsscanf(s, fmt, ap);
  va_end(ap);
  return n;
}

static void scanf_family(void) {
  int a = 0, b = 0, n = 0;
  unsigned u = 0;
  long long big = 0;
  char word[16] = "", rest[32] = "";
  double d = 0;
  float fl = 0;
  check("sscanf ints", sscanf(" 12 -0x1f 017", "%d %i %o", &a, &b, &u) == 3 && a == 12 && b == -31 && u == 15, "values");
  check("sscanf width+set", sscanf("abc123def", "%2s%*c%[0-9]%n", word, rest, &n) == 2
        && strcmp(word, "ab") == 0 && strcmp(rest, "123") == 0 && n == 6, word);
  check("sscanf floats", sscanf("2.5e2 -0.125", "%lf %f", &d, &fl) == 2 && d == 250.0 && fl == -0.125f, "values");
  check("sscanf ll and negated set", sscanf("9000000000 key=val", "%lld %[^=]=%s", &big, word, rest) == 3
        && big == 9000000000LL && strcmp(word, "key") == 0 && strcmp(rest, "val") == 0, word);
  check("sscanf EOF before conversion", sscanf("   ", "%d", &a) == EOF, "not EOF");
  check("sscanf matching failure", sscanf("x", "%d", &a) == 0, "not 0");
  check("vsscanf", vscan("7,8", "%d,%d", &a, &b) == 2 && a == 7 && b == 8, "values");
  check("scanf from empty stdin is EOF", scanf("%d", &a) == EOF, "not EOF");
  FILE* f = fmemopen("41 forty-two 3.5\n", 17, "r");
  check("fscanf from a stream", f && fscanf(f, "%d %11s %lf", &a, word, &d) == 3 && a == 41
        && strcmp(word, "forty-two") == 0 && d == 3.5, word);
  if (f) fclose(f);
}

static void streams(void) {
  const char* path = "/data/local/tmp/stdio_suite.txt";
  FILE* f = fopen(path, "w+");
  check("fopen w+", f != NULL, strerror(errno));
  if (!f) return;
  fputs("alpha\nbeta\ngamma", f);
  check("ftell after write", ftell(f) == 16, "position");
  rewind(f);
  check("fgetc", fgetc(f) == 'a' && getc(f) == 'l', "chars");
  check("ungetc", ungetc('L', f) == 'L' && fgetc(f) == 'L' && ftell(f) == 2, "pushback");
  fpos_t pos;
  check("fgetpos", fgetpos(f, &pos) == 0, "fgetpos");
  char* line = NULL;
  size_t cap = 0;
  check("getline rest of line", getline(&line, &cap, f) == 4 && strcmp(line, "pha\n") == 0 && cap >= 5, line);
  check("getdelim", getdelim(&line, &cap, 'm', f) == 8 && strcmp(line, "beta\ngam") == 0, line);
  check("getline last line without newline", getline(&line, &cap, f) == 2 && strcmp(line, "ma") == 0, line);
  check("getline at end is -1 and sets eof", getline(&line, &cap, f) == -1 && feof(f) && !ferror(f), "eof");
  free(line);
  clearerr(f);
  check("clearerr", !feof(f), "eof still set");
  check("fsetpos", fsetpos(f, &pos) == 0 && fgetc(f) == 'p', "position");
  check("fseek end", fseek(f, -5, SEEK_END) == 0 && fgetc(f) == 'g' && ftello(f) == 12, "position");
  check("fseeko bad whence", fseeko(f, 0, 7) == -1 && errno == EINVAL, "not EINVAL");
  check("fileno", fileno(f) >= 3, "fd");
  fclose(f);
  f = freopen(path, "r", stdin);
  char buf[16] = "";
  check("freopen stdin", f == stdin && fgets(buf, sizeof(buf), stdin) && strcmp(buf, "alpha\n") == 0, buf);
  check("scanf after freopen", scanf("%4s", buf) == 1 && strcmp(buf, "beta") == 0, buf);
  unlink(path);

  FILE* t = tmpfile();
  check("tmpfile", t != NULL, strerror(errno));
  if (t) {
    fprintf(t, "tmp %d", 99);
    rewind(t);
    int v = 0;
    check("tmpfile round trip", fscanf(t, "tmp %d", &v) == 1 && v == 99, "value");
    fclose(t);
  }

  char mem[16];
  memset(mem, 'x', sizeof(mem));
  FILE* m = fmemopen(mem, sizeof(mem), "w");
  fprintf(m, "%s-%d", "mem", 7);
  check("fmemopen write NUL-terminates", strcmp(mem, "mem-7") == 0, mem);
  check("fmemopen full buffer", fputs("0123456789abcdef", m) >= 0 || ferror(m), "no error");
  fclose(m);
  check("fmemopen never overflows", mem[15] == '\0', "no NUL at end");

  char* ms = NULL;
  size_t ms_size = 0;
  FILE* o = open_memstream(&ms, &ms_size);
  for (int i = 0; i < 50; i++) fprintf(o, "%d,", i);
  fflush(o);
  check("open_memstream grows", ms != NULL && ms_size == 140 && strncmp(ms, "0,1,2,", 6) == 0 && ms[ms_size] == 0,
        "size");
  fclose(o);
  free(ms);

  check("vdprintf/dprintf", dprintf(1, "dprintf %s\n", "works") == 14, "count");
  char small[8];
  FILE* g = fmemopen("line one\nline two\n", 18, "r");
  check("__fgets_chk within bounds", g && __fgets_chk(small, sizeof(small), g, sizeof(small)) == small
        && strcmp(small, "line on") == 0, small);
  if (g) fclose(g);
  check("__sprintf_chk within bounds", __sprintf_chk(small, 0, sizeof(small), "%d", 1234567) == 7
        && strcmp(small, "1234567") == 0, small);
}

static void stdlib_functions(void) {
  int sorted[] = {1, 3, 5, 7, 9, 11};
  int key = 7, missing = 4;
  int* hit = bsearch(&key, sorted, 6, sizeof(int), compare_ints);
  check("bsearch finds", hit == &sorted[3], "wrong element");
  check("bsearch misses", bsearch(&missing, sorted, 6, sizeof(int), compare_ints) == NULL, "found");
  srand(1);
  check("srand(1) rand() like glibc", rand() == 1804289383, "sequence");
  unsigned seed = 1;
  check("rand_r", rand_r(&seed) == 1103527590 && seed == 1103527590, "lcg");
  srand48(0);
  check("srand48(0) lrand48", lrand48() == 366850414 && lrand48() == 1610402240, "sequence");
  unsigned short xs[3] = {0x330e, 0, 0};
  check("nrand48 matches lrand48", (srand48(0), nrand48(xs) == lrand48()), "diverged");
  srand48(0);
  double dr = drand48();
  check("drand48 in [0,1)", dr >= 0 && dr < 1, "range");
  uint32_t r1 = arc4random(), r2 = arc4random();
  check("arc4random varies", r1 != r2, "same twice");
  check("arc4random_uniform bound", arc4random_uniform(10) < 10 && arc4random_uniform(1) == 0, "range");
  unsigned char rb[16] = {0};
  arc4random_buf(rb, sizeof(rb));
  int nz = 0;
  for (int i = 0; i < 16; i++) nz |= rb[i];
  check("arc4random_buf fills", nz != 0, "zero");
  div_t q = div(-7, 2);
  ldiv_t lq = ldiv(100000000000L, 7);
  lldiv_t llq = lldiv(-9, 4);
  imaxdiv_t iq = imaxdiv(17, 5);
  check("div family", q.quot == -3 && q.rem == -1 && lq.quot == 14285714285L && lq.rem == 5 && llq.quot == -2
        && llq.rem == -1 && iq.quot == 3 && iq.rem == 2 && imaxabs(-4) == 4, "quotients");
  char* end;
  check("strtoimax/strtoumax", strtoimax(" -42x", &end, 10) == -42 && *end == 'x'
        && strtoumax("0xff", NULL, 0) == 255, "values");
  union { long double value; uint64_t half[2]; } ld;
  ld.value = strtold("0.1", &end);
  check("strtold is binary128 in q0", ld.half[0] == 0x999999999999999aULL && ld.half[1] == 0x3ffb999999999999ULL
        && *end == 0, "bits");
  char ldbuf[64];
  snprintf(ldbuf, sizeof(ldbuf), "%.25Lf", ld.value);
  check("printf %Lf expands binary128", strcmp(ldbuf, "0.1000000000000000000000000") == 0, ldbuf);
  check("strtof rounds once", strtof("1.00000005960464477539062500000001", NULL) == 1.0000001f, "rounding");

  check("getenv initial", getenv("PATH") && strcmp(getenv("PATH"), "/system/bin") == 0, "PATH");
  check("setenv", setenv("MDEMU_X", "1", 0) == 0 && strcmp(getenv("MDEMU_X"), "1") == 0, "value");
  check("setenv no overwrite", setenv("MDEMU_X", "2", 0) == 0 && strcmp(getenv("MDEMU_X"), "1") == 0, "overwrote");
  int in_environ = 0;
  for (char** e = environ; *e; e++) in_environ |= strcmp(*e, "MDEMU_X=1") == 0;
  check("environ sees setenv", in_environ, "missing");
  static char assignment[] = "MDEMU_Y=first";
  putenv(assignment);
  assignment[8] = 'F';
  check("putenv keeps the caller's string", strcmp(getenv("MDEMU_Y"), "First") == 0, getenv("MDEMU_Y"));
  check("unsetenv", unsetenv("MDEMU_X") == 0 && getenv("MDEMU_X") == NULL, "still set");
  check("setenv rejects =", setenv("A=B", "1", 1) == -1 && errno == EINVAL, "accepted");
  check("getprogname", strcmp(getprogname(), "microdroid_launcher") == 0, getprogname());
  setprogname("/system/bin/renamed");
  check("setprogname", strcmp(getprogname(), "renamed") == 0, getprogname());
}

static void string_functions(void) {
  char buf[64];
  check("strerror_r", strerror_r(2, buf, sizeof(buf)) == 0 && strcmp(buf, "No such file or directory") == 0, buf);
  check("strerror_r ERANGE", strerror_r(2, buf, 4) == 34 && strcmp(buf, "No ") == 0, buf);
  check("__gnu_strerror_r", strcmp(__gnu_strerror_r(9999, buf, sizeof(buf)), "Unknown error 9999") == 0, buf);
  check("strsignal", strcmp(strsignal(11), "Segmentation fault") == 0, strsignal(11));
  check("strsignal realtime", strcmp(strsignal(45), "Real-time signal 3") == 0, strsignal(45));
  const char* s = "a,b,,c";
  check("memrchr", memrchr(s, ',', 6) == s + 4, "position");
  const char* hw = "hello world";
  check("memmem finds", memmem(hw, 11, "o w", 3) == hw + 4 && memmem(hw, 11, "xyz", 3) == NULL, "position");
  strcpy(buf, "a,b,,c");
  char* p = buf;
  char* t1 = strsep(&p, ",");
  char* t2 = strsep(&p, ",");
  char* t3 = strsep(&p, ",");
  check("strsep keeps empty fields", strcmp(t1, "a") == 0 && strcmp(t2, "b") == 0 && *t3 == 0, "tokens");
  strcpy(buf, "  one two,,three ");
  char* a = strtok(buf, " ,");
  char* b = strtok(NULL, " ,");
  char* c = strtok(NULL, " ,");
  check("strtok", strcmp(a, "one") == 0 && strcmp(b, "two") == 0 && strcmp(c, "three") == 0
        && strtok(NULL, " ,") == NULL, "tokens");
  strcpy(buf, "x=1;y=2");
  char* save;
  check("strtok_r", strcmp(strtok_r(buf, ";", &save), "x=1") == 0 && strcmp(strtok_r(NULL, ";", &save), "y=2") == 0,
        "tokens");
  check("strcasestr", strcasestr("Hello World", "WORLD") != NULL && strncasecmp("ABCx", "abcy", 3) == 0, "case");
  check("strpbrk/strchrnul", *strpbrk("abc;def", ";,") == ';' && *strchrnul("abc", 'z') == 0, "position");
  strcpy(buf, "foo");
  check("strlcat", strlcat(buf, "barbaz", 7) == 9 && strcmp(buf, "foobar") == 0, buf);
  check("strcoll/strxfrm", strcoll("a", "b") < 0 && strxfrm(buf, "xyz", sizeof(buf)) == 3 && strcmp(buf, "xyz") == 0,
        buf);
  char d[8];
  check("__strncpy_chk", __strncpy_chk(d, "abc", 8, sizeof(d)) == d && strcmp(d, "abc") == 0, d);
  check("__strncpy_chk2", __strncpy_chk2(d, "abc", 5, sizeof(d), 4) == d && strcmp(d, "abc") == 0, d);
  check("__strcat_chk", strcmp(__strcat_chk(d, "de", sizeof(d)), "abcde") == 0, d);
  check("__strncat_chk", strcmp(__strncat_chk(d, "fgzzz", 2, sizeof(d)), "abcdefg") == 0, d);
  check("__strlcpy_chk/__strlcat_chk", __strlcpy_chk(d, "12", sizeof(d), sizeof(d)) == 2
        && __strlcat_chk(d, "34", sizeof(d), sizeof(d)) == 4 && strcmp(d, "1234") == 0, d);
  const char* abcb = "abcb";
  check("__strchr_chk finds", __strchr_chk(abcb, 'b', 5) == abcb + 1 && __strrchr_chk(abcb, 'b', 5) == abcb + 3, "pos");
  check("__memchr_chk/__memrchr_chk", __memchr_chk(abcb, 'b', 4, 5) == abcb + 1
        && __memrchr_chk(abcb, 'b', 4, 5) == abcb + 3, "pos");
  check("__stpcpy_chk/__stpncpy_chk", __stpcpy_chk(d, "xy", sizeof(d)) == d + 2
        && __stpncpy_chk(d, "pq", 4, sizeof(d)) == d + 2 && __stpncpy_chk2(d, "pq", 4, sizeof(d), 3) == d + 2, d);
  char cc[8];
  check("memccpy/mempcpy", memccpy(cc, "ab:cd", ':', 5) == cc + 3 && mempcpy(cc, "xy", 2) == cc + 2, "position");
  check("__write_chk", __write_chk(1, "chk write\n", 10, 11) == 10, "count");
}

static void ctype_and_locale(void) {
  check("ctype classes", isalpha('q') && !isalpha('1') && isdigit('7') && isspace('\t') && isxdigit('F')
        && ispunct('!') && !ispunct('a') && iscntrl(0x7f) && isprint(' ') && !isgraph(' ') && isblank('\t')
        && isupper('Q') && islower('q') && isalnum('z') && !isalpha(0xe9), "class");
  check("ctype case", toupper('a') == 'A' && tolower('Z') == 'z' && tolower('1') == '1' && toascii(0x1c1) == 0x41
        && isascii(0x7f) && !isascii(0x80), "case");
  check("_ctype_ table", (_ctype_[1 + 'A'] & 0x01) && (_ctype_[1 + '5'] & 0x04) && (_ctype_[1 + ' '] & 0x88) == 0x88,
        "bits");
  check("setlocale query", strcmp(setlocale(LC_ALL, NULL), "C.UTF-8") == 0, setlocale(LC_ALL, NULL));
  check("setlocale C", strcmp(setlocale(LC_ALL, "C"), "C") == 0 && MB_CUR_MAX == 1, "C");
  check("nl_langinfo CODESET in C", strcmp(nl_langinfo(CODESET), "ASCII") == 0, nl_langinfo(CODESET));
  check("setlocale unknown", setlocale(LC_ALL, "fr_FR") == NULL && errno == ENOENT, "accepted");
  check("setlocale empty is UTF-8", strcmp(setlocale(LC_ALL, ""), "C.UTF-8") == 0 && MB_CUR_MAX == 4, "utf8");
  struct lconv* lc = localeconv();
  check("localeconv", strcmp(lc->decimal_point, ".") == 0 && *lc->thousands_sep == 0
        && (unsigned char)lc->frac_digits == 255, "lconv");
  locale_t l = newlocale(LC_CTYPE_MASK, "C", (locale_t)0);
  locale_t old = uselocale(l);
  check("newlocale/uselocale", l != NULL && old == LC_GLOBAL_LOCALE && MB_CUR_MAX == 1, "mb_cur_max");
  locale_t copy = duplocale(l);
  uselocale(old);
  check("duplocale", copy != NULL && MB_CUR_MAX == 4, "mb_cur_max");
  freelocale(copy);
  freelocale(l);
  check("nl_langinfo", strcmp(nl_langinfo(DAY_1), "Sunday") == 0 && strcmp(nl_langinfo(ABMON_12), "Dec") == 0
        && strcmp(nl_langinfo(D_FMT), "%F") == 0 && strcmp(nl_langinfo(RADIXCHAR), ".") == 0, "items");
}

static void wide(void) {
  wchar_t w[32];
  check("sizeof(wchar_t)", sizeof(wchar_t) == 4, "size");
  wcscpy(w, L"h\u00e9llo");
  check("wcslen/wcscmp", wcslen(w) == 5 && wcscmp(w, L"h\u00e9llo") == 0 && wcsncmp(w, L"h\u00e9lp", 3) == 0, "cmp");
  wcscat(w, L" w");
  check("wcscat/wcschr/wcsrchr/wcsstr", wcslen(w) == 7 && wcschr(w, L'l') == w + 2 && wcsrchr(w, L'l') == w + 3
        && wcsstr(w, L"lo") == w + 3, "search");
  wchar_t v[8];
  wmemset(v, L'z', 8);
  wcsncpy(v, L"ab", 4);
  check("wcsncpy pads", v[0] == L'a' && v[2] == 0 && v[3] == 0 && v[4] == L'z', "padding");
  wmemcpy(v, L"0123", 4);
  wmemmove(v + 1, v, 3);
  check("wmem*", wmemcmp(v, L"0012", 4) == 0 && wmemchr(v, L'2', 4) == v + 3, "wmem");
  mbstate_t st = {0};
  wchar_t wc = 0;
  const char* euro = "\xe2\x82\xac";
  check("mbrtowc partial", mbrtowc(&wc, euro, 1, &st) == (size_t)-2 && !mbsinit(&st)
        && mbrtowc(&wc, euro + 1, 2, &st) == 2 && wc == 0x20ac && mbsinit(&st), "euro");
  check("mbrtowc invalid", mbrtowc(&wc, "\xff", 1, &st) == (size_t)-1 && errno == EILSEQ, "accepted");
  char mb[8];
  check("wcrtomb", wcrtomb(mb, 0x1f600, NULL) == 4 && (unsigned char)mb[0] == 0xf0, "bytes");
  wchar_t back[8];
  check("mbstowcs/wcstombs", mbstowcs(back, "a\xe2\x82\xac", 8) == 2 && back[1] == 0x20ac
        && wcstombs(mb, back, sizeof(mb)) == 4 && strcmp(mb, "a\xe2\x82\xac") == 0, "round trip");
  check("mbstowcs counts", mbstowcs(NULL, "\xc3\xa9t\xc3\xa9", 0) == 3, "count");
  check("mbtowc/wctomb", mbtowc(&wc, "\xc3\xa9", 2) == 2 && wc == 0xe9 && wctomb(mb, 0xe9) == 2, "one char");
  check("btowc/wctob", btowc('A') == L'A' && btowc(0xe9) == WEOF && wctob(L'B') == 'B' && wctob(0xe9) == EOF, "byte");
  check("mbrlen", mbrlen("\xc3\xa9", 2, NULL) == 2, "len");
  const char* src = "x\xc3\xa9y";
  wchar_t out[4];
  check("mbsrtowcs", mbsrtowcs(out, &src, 4, &st) == 3 && src == NULL && out[1] == 0xe9, "convert");
  const wchar_t* wsrc = out;
  char narrow[8];
  check("wcsrtombs", wcsrtombs(narrow, &wsrc, sizeof(narrow), &st) == 4 && wsrc == NULL, "convert");
  check("isw classes", iswalpha(0xe9) && !iswalpha(L'1') && iswdigit(L'9') && iswspace(L' ') && iswupper(0xc9)
        && iswlower(0xe9) && iswalnum(L'z') && iswprint(0x20ac) && iswpunct(L'!') && iswxdigit(L'f')
        && iswcntrl(L'\n'), "classes");
  check("towlower/towupper", towlower(0xc9) == 0xe9 && towupper(L'q') == L'Q', "case");
  wchar_t* wend;
  check("wcstol/wcstoul", wcstol(L" -123z", &wend, 10) == -123 && *wend == L'z'
        && wcstoul(L"ff", NULL, 16) == 255, "numbers");
  check("wcstod", wcstod(L"2.5e1x", &wend) == 25.0 && *wend == L'x', "double");
  wchar_t formatted[16];
  char* wbuf = NULL;
  size_t wsize = 0;
  FILE* ws = open_memstream(&wbuf, &wsize);
  fputws(L"\u00e9t\u00e9 ", ws);
  fwprintf(ws, L"%ls=%d", L"\u20ac", 5);
  fflush(ws);
  check("fputws/fwprintf write UTF-8", strcmp(wbuf, "\xc3\xa9t\xc3\xa9 \xe2\x82\xac=5") == 0, wbuf);
  fclose(ws);
  FILE* rs = fmemopen("\xe2\x82\xacx", 4, "r");
  check("fgetwc/ungetwc", fgetwc(rs) == 0x20ac && ungetwc(L'y', rs) == L'y' && fgetwc(rs) == L'y' && fgetwc(rs) == L'x'
        && fgetwc(rs) == WEOF, "decode");
  fclose(rs);
  free(wbuf);
  wchar_t tok[] = L"a b  c";
  wchar_t* wsave;
  check("wcstok", wcscmp(wcstok(tok, L" ", &wsave), L"a") == 0 && wcscmp(wcstok(NULL, L" ", &wsave), L"b") == 0
        && wcscmp(wcstok(NULL, L" ", &wsave), L"c") == 0 && wcstok(NULL, L" ", &wsave) == NULL, "tokens");
  check("swprintf", swprintf(formatted, 16, L"%d:%ls", 7, L"\u00e9t\u00e9") == 5 && formatted[2] == 0xe9
        && wcslen(formatted) == 5, "wide output");
}

int AVmPayload_main(void) {
  scanf_family();
  streams();
  stdlib_functions();
  string_functions();
  ctype_and_locale();
  wide();
  printf("stdio_suite failures=%d\n", failures);
  return failures;
}
