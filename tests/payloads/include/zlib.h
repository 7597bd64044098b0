/* zlib's public API as the NDK's <zlib.h> declares it for arm64 (LP64: uLong is 64 bits), written for mdemu's test
 * payloads. */
#pragma once
#include <stddef.h>
#define ZLIB_VERSION "1.3.0.1"
typedef unsigned char Bytef;
typedef unsigned int uInt;
typedef unsigned long uLong;
typedef uLong uLongf;
typedef void* voidpf;
typedef voidpf (*alloc_func)(voidpf opaque, uInt items, uInt size);
typedef void (*free_func)(voidpf opaque, voidpf address);
typedef struct z_stream_s {
  const Bytef* next_in;
  uInt avail_in;
  uLong total_in;
  Bytef* next_out;
  uInt avail_out;
  uLong total_out;
  const char* msg;
  struct internal_state* state;
  alloc_func zalloc;
  free_func zfree;
  voidpf opaque;
  int data_type;
  uLong adler;
  uLong reserved;
} z_stream;
typedef z_stream* z_streamp;
typedef struct gzFile_s { unsigned have; unsigned char* next; long pos; } *gzFile;
#define Z_NO_FLUSH 0
#define Z_PARTIAL_FLUSH 1
#define Z_SYNC_FLUSH 2
#define Z_FULL_FLUSH 3
#define Z_FINISH 4
#define Z_OK 0
#define Z_STREAM_END 1
#define Z_NEED_DICT 2
#define Z_ERRNO (-1)
#define Z_STREAM_ERROR (-2)
#define Z_DATA_ERROR (-3)
#define Z_MEM_ERROR (-4)
#define Z_BUF_ERROR (-5)
#define Z_VERSION_ERROR (-6)
#define Z_DEFAULT_COMPRESSION (-1)
#define Z_DEFAULT_STRATEGY 0
#define Z_DEFLATED 8
#define Z_NULL 0
const char* zlibVersion(void);
int deflateInit_(z_streamp strm, int level, const char* version, int stream_size);
int deflateInit2_(z_streamp strm, int level, int method, int windowBits, int memLevel, int strategy,
                  const char* version, int stream_size);
int deflate(z_streamp strm, int flush);
int deflateEnd(z_streamp strm);
int deflateReset(z_streamp strm);
int deflateSetDictionary(z_streamp strm, const Bytef* dictionary, uInt dictLength);
uLong deflateBound(z_streamp strm, uLong sourceLen);
int inflateInit_(z_streamp strm, const char* version, int stream_size);
int inflateInit2_(z_streamp strm, int windowBits, const char* version, int stream_size);
int inflate(z_streamp strm, int flush);
int inflateEnd(z_streamp strm);
int inflateReset(z_streamp strm);
int inflateSetDictionary(z_streamp strm, const Bytef* dictionary, uInt dictLength);
#define deflateInit(strm, level) deflateInit_((strm), (level), ZLIB_VERSION, (int) sizeof(z_stream))
#define deflateInit2(strm, level, method, windowBits, memLevel, strategy) \
  deflateInit2_((strm), (level), (method), (windowBits), (memLevel), (strategy), ZLIB_VERSION, (int) sizeof(z_stream))
#define inflateInit(strm) inflateInit_((strm), ZLIB_VERSION, (int) sizeof(z_stream))
#define inflateInit2(strm, windowBits) inflateInit2_((strm), (windowBits), ZLIB_VERSION, (int) sizeof(z_stream))
int compress(Bytef* dest, uLongf* destLen, const Bytef* source, uLong sourceLen);
int compress2(Bytef* dest, uLongf* destLen, const Bytef* source, uLong sourceLen, int level);
uLong compressBound(uLong sourceLen);
int uncompress(Bytef* dest, uLongf* destLen, const Bytef* source, uLong sourceLen);
int uncompress2(Bytef* dest, uLongf* destLen, const Bytef* source, uLong* sourceLen);
uLong adler32(uLong adler, const Bytef* buf, uInt len);
uLong crc32(uLong crc, const Bytef* buf, uInt len);
uLong adler32_combine(uLong adler1, uLong adler2, long len2);
uLong crc32_combine(uLong crc1, uLong crc2, long len2);
const char* zError(int);
gzFile gzopen(const char* path, const char* mode);
int gzwrite(gzFile file, const void* buf, unsigned len);
int gzprintf(gzFile file, const char* format, ...);
int gzputs(gzFile file, const char* s);
int gzread(gzFile file, void* buf, unsigned len);
char* gzgets(gzFile file, char* buf, int len);
int gzgetc(gzFile file);
int gzeof(gzFile file);
int gzclose(gzFile file);
int gzdirect(gzFile file);
const char* gzerror(gzFile file, int* errnum);
