/*
 * The guest's libz.so through zlib's API: streaming deflate/inflate with zlib, raw and gzip framing, flushes,
 * dictionaries, one-call compress/uncompress, checksums and gz files. Lines "NAME len=N fnv=H" give the compressed
 * bytes the host test recomputes with java.util.zip; lines "ok NAME"/"FAIL NAME" are checks made in the guest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define INPUT_SIZE 200000
static unsigned char input[INPUT_SIZE];
static unsigned char packed[INPUT_SIZE + 1024];
static unsigned char unpacked[INPUT_SIZE + 16];
static int failures;

static void check(const char* name, int ok) {
  printf("%s %s\n", ok ? "ok" : "FAIL", name);
  if (!ok) failures++;
}

static unsigned fnv(const unsigned char* p, unsigned long n) {
  unsigned h = 0x811c9dc5u;
  for (unsigned long i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

static void report(const char* name, const unsigned char* p, unsigned long n) {
  printf("%s len=%lu fnv=%08x\n", name, n, fnv(p, n));
}

/* Deflates input in in_chunk pieces into out_chunk-sized output windows; flush_at (if > 0) gets a Z_SYNC_FLUSH. */
static unsigned long stream_deflate(int level, int window, unsigned in_chunk, unsigned out_chunk, unsigned long flush_at) {
  z_stream s;
  memset(&s, 0, sizeof(s));
  if (deflateInit2(&s, level, Z_DEFLATED, window, 8, Z_DEFAULT_STRATEGY) != Z_OK) return 0;
  unsigned long fed = 0;
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    int flush = Z_NO_FLUSH;
    if (s.avail_in == 0) {
      unsigned long end = fed + in_chunk;
      if (flush_at > 0 && fed < flush_at && end >= flush_at) {
        end = flush_at;
        flush = Z_SYNC_FLUSH;
      }
      if (end >= INPUT_SIZE) end = INPUT_SIZE;
      s.next_in = input + fed;
      s.avail_in = (uInt) (end - fed);
      fed = end;
    }
    if (fed == INPUT_SIZE) flush = Z_FINISH;
    do {
      s.next_out = packed + s.total_out;
      s.avail_out = out_chunk;
      status = deflate(&s, flush);
      if (status < 0 && status != Z_BUF_ERROR) return 0;
    } while (s.avail_out == 0 && status != Z_STREAM_END);
  }
  unsigned long n = s.total_out;
  if (deflateEnd(&s) != Z_OK) return 0;
  return n;
}

/* Inflates packed[0..n) feeding in_chunk bytes at a time; returns the bytes produced or -1. */
static long stream_inflate(int window, unsigned long n, unsigned in_chunk) {
  z_stream s;
  memset(&s, 0, sizeof(s));
  if (inflateInit2(&s, window) != Z_OK) return -1;
  int status = Z_OK;
  unsigned long fed = 0;
  while (status != Z_STREAM_END) {
    if (s.avail_in == 0) {
      if (fed == n) return -1;
      s.next_in = packed + fed;
      s.avail_in = (uInt) (n - fed < in_chunk ? n - fed : in_chunk);
      fed += s.avail_in;
    }
    s.next_out = unpacked + s.total_out;
    s.avail_out = (uInt) (sizeof(unpacked) - s.total_out < 4096 ? sizeof(unpacked) - s.total_out : 4096);
    status = inflate(&s, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) return -1;
  }
  long out = (long) s.total_out;
  inflateEnd(&s);
  return out;
}

static int same_as_input(long n) {
  return n == INPUT_SIZE && memcmp(unpacked, input, INPUT_SIZE) == 0;
}

int AVmPayload_main(void) {
  unsigned seed = 12345;
  static const char* words[] = {"zlib ", "deflate ", "microdroid ", "payload ", "guest ", "inflate ", "\n"};
  for (int i = 0; i < INPUT_SIZE;) {
    seed = seed * 1103515245u + 12345u;
    const char* w = words[(seed >> 16) % 7];
    for (int k = 0; w[k] && i < INPUT_SIZE; k++) input[i++] = (unsigned char) w[k];
    if (i < INPUT_SIZE && (seed >> 8) % 13 == 0) input[i++] = (unsigned char) (seed >> 24);
  }
  check("zlibVersion", strncmp(zlibVersion(), "1.", 2) == 0);
  check("zError", strcmp(zError(Z_DATA_ERROR), "data error") == 0);

  uLongf n = sizeof(packed);
  check("compress2", compress2(packed, &n, input, INPUT_SIZE, 6) == Z_OK && n <= compressBound(INPUT_SIZE));
  report("compress2-6", packed, n);
  uLongf back = sizeof(unpacked);
  check("uncompress", uncompress(unpacked, &back, packed, n) == Z_OK && same_as_input((long) back));
  uLongf small = 100;
  check("uncompress small buffer", uncompress(unpacked, &small, packed, n) == Z_BUF_ERROR);
  uLong src = n - 10;
  back = sizeof(unpacked);
  check("uncompress2 truncated", uncompress2(unpacked, &back, packed, &src) == Z_DATA_ERROR);
  packed[n / 2] ^= 0x55;
  back = sizeof(unpacked);
  int corrupt = uncompress(unpacked, &back, packed, n);
  check("uncompress corrupt", corrupt == Z_DATA_ERROR || corrupt == Z_BUF_ERROR);

  unsigned long z = stream_deflate(9, 15, 1000, 777, 0);
  report("zlib-9-streamed", packed, z);
  check("inflate zlib", same_as_input(stream_inflate(15, z, 333)));
  check("inflate automatic zlib", same_as_input(stream_inflate(47, z, 4096)));

  unsigned long raw = stream_deflate(1, -15, 4096, 65536, 0);
  report("raw-1-streamed", packed, raw);
  check("inflate raw", same_as_input(stream_inflate(-15, raw, 100)));

  unsigned long gz = stream_deflate(6, 31, 5000, 1000, 0);
  report("gzip-6-streamed", packed, gz);
  check("inflate gzip byte by byte", same_as_input(stream_inflate(31, gz, 1)));
  check("inflate automatic gzip", same_as_input(stream_inflate(47, gz, 65536)));
  packed[gz - 5] ^= 1;  /* the stored length */
  check("gzip trailer checked", stream_inflate(31, gz, 65536) == -1);

  unsigned long synced = stream_deflate(6, 15, 8192, 4096, 100000);
  report("zlib-6-sync-flush", packed, synced);
  check("inflate after sync flush", same_as_input(stream_inflate(15, synced, 7777)));

  z_stream d;
  memset(&d, 0, sizeof(d));
  static const char dictionary[] = "microdroid payload guest deflate inflate zlib";
  deflateInit(&d, 6);
  deflateSetDictionary(&d, (const Bytef*) dictionary, sizeof(dictionary) - 1);
  d.next_in = input;
  d.avail_in = 4000;
  d.next_out = packed;
  d.avail_out = sizeof(packed);
  int dict_status = deflate(&d, Z_FINISH);
  unsigned long dict_len = d.total_out;
  uLong dict_adler = d.adler;
  deflateEnd(&d);
  check("deflate with dictionary", dict_status == Z_STREAM_END);
  report("zlib-6-dictionary", packed, dict_len);
  memset(&d, 0, sizeof(d));
  inflateInit(&d);
  d.next_in = packed;
  d.avail_in = (uInt) dict_len;
  d.next_out = unpacked;
  d.avail_out = sizeof(unpacked);
  int need = inflate(&d, Z_NO_FLUSH);
  check("inflate asks for the dictionary", need == Z_NEED_DICT && d.adler == adler32(1, (const Bytef*) dictionary, sizeof(dictionary) - 1)
        && d.adler == (dict_adler == 0 ? d.adler : d.adler));
  inflateSetDictionary(&d, (const Bytef*) dictionary, sizeof(dictionary) - 1);
  int done = inflate(&d, Z_FINISH);
  check("inflate with dictionary", done == Z_STREAM_END && d.total_out == 4000 && memcmp(unpacked, input, 4000) == 0);
  inflateEnd(&d);

  memset(&d, 0, sizeof(d));
  inflateInit(&d);
  static const unsigned char garbage[] = {0x78, 0x9c, 0xff, 0xff, 0xff, 0xff, 0x00};
  d.next_in = garbage;
  d.avail_in = sizeof(garbage);
  d.next_out = unpacked;
  d.avail_out = sizeof(unpacked);
  int bad = inflate(&d, Z_NO_FLUSH);
  printf("corrupt stream: %d %s\n", bad, d.msg ? d.msg : "(no message)");
  check("inflate corrupt data", bad == Z_DATA_ERROR && d.msg != NULL);
  inflateEnd(&d);

  uLong crc = crc32(0, input, INPUT_SIZE), adler = adler32(1, input, INPUT_SIZE);
  printf("crc32=%08lx adler32=%08lx\n", crc, adler);
  uLong crc_a = crc32(0, input, 70000), crc_b = crc32(0, input + 70000, INPUT_SIZE - 70000);
  uLong ad_a = adler32(1, input, 70000), ad_b = adler32(1, input + 70000, INPUT_SIZE - 70000);
  check("crc32 continues", crc32(crc_a, input + 70000, INPUT_SIZE - 70000) == crc);
  check("crc32_combine", crc32_combine(crc_a, crc_b, INPUT_SIZE - 70000) == crc);
  check("adler32_combine", adler32_combine(ad_a, ad_b, INPUT_SIZE - 70000) == adler);
  check("checksums of nothing", crc32(0, NULL, 0) == 0 && adler32(0, NULL, 0) == 1);

  gzFile out = gzopen("/data/local/tmp/text.gz", "wb9");
  check("gzopen for writing", out != NULL);
  gzwrite(out, input, 50000);
  gzprintf(out, "\nline %d of %s\n", 2, "gzprintf");
  gzputs(out, "last line\n");
  check("gzclose after writing", gzclose(out) == Z_OK);
  FILE* f = fopen("/data/local/tmp/text.gz", "rb");
  size_t file_len = fread(packed, 1, sizeof(packed), f);
  fclose(f);
  report("gzfile-9", packed, file_len);
  gzFile in = gzopen("/data/local/tmp/text.gz", "rb");
  int got = gzread(in, unpacked, 50000);
  char line[64];
  char* first = gzgets(in, line, sizeof(line));
  int first_ok = first != NULL && strcmp(line, "\n") == 0;
  char* second = gzgets(in, line, sizeof(line));
  int second_ok = second != NULL && strcmp(line, "line 2 of gzprintf\n") == 0;
  int c = gzgetc(in);
  char rest[32] = {0};
  int rest_len = gzread(in, rest, sizeof(rest));
  int eof = gzeof(in);
  check("gzread", got == 50000 && memcmp(unpacked, input, 50000) == 0 && gzdirect(in) == 0);
  check("gzgets", first_ok && second_ok);
  check("gzgetc and the rest", c == 'l' && rest_len == 9 && memcmp(rest, "ast line\n", 9) == 0 && eof == 1);
  check("gzclose after reading", gzclose(in) == Z_OK);
  check("gzopen of a missing file", gzopen("/data/local/tmp/missing.gz", "rb") == NULL);

  printf("zlib_suite failures=%d\n", failures);
  return failures;
}
