/*
 * Uses a real NDK-built OpenBLAS from Maven Central (org.bytedeco:openblas's android-arm64 jar, libopenblas.so
 * packaged next to this payload) through dlopen/dlsym: BLAS level 1 and 3 on one and on four threads, and LAPACK
 * solvers. Matrices hold small integers, so every product and sum is exact in double and float whatever order
 * OpenBLAS's kernels and threads add them in: the host test recomputes the checksums exactly. The solvers' results
 * are printed as their largest error against the known answer.
 */
#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* CBLAS and LAPACKE's C API, declared here from their documentation (32-bit integers, as this build). */
enum { ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112, LOWER = 122 };
static char* (*openblas_get_config)(void);
static char* (*openblas_get_corename)(void);
static int (*openblas_get_num_procs)(void);
static int (*openblas_get_num_threads)(void);
static void (*openblas_set_num_threads)(int n);
static void (*cblas_dgemm)(int order, int ta, int tb, int m, int n, int k, double alpha, const double* a, int lda,
                           const double* b, int ldb, double beta, double* c, int ldc);
static void (*cblas_sgemm)(int order, int ta, int tb, int m, int n, int k, float alpha, const float* a, int lda,
                           const float* b, int ldb, float beta, float* c, int ldc);
static double (*cblas_ddot)(int n, const double* x, int incx, const double* y, int incy);
static void (*cblas_daxpy)(int n, double alpha, const double* x, int incx, double* y, int incy);
static int (*LAPACKE_dgesv)(int layout, int n, int nrhs, double* a, int lda, int* ipiv, double* b, int ldb);
static int (*LAPACKE_dpotrf)(int layout, char uplo, int n, double* a, int lda);
static int (*LAPACKE_dsyev)(int layout, char jobz, char uplo, int n, double* a, int lda, double* w);

static void* lib;
static int missing;

static void* need(const char* name) {
  void* p = dlsym(lib, name);
  if (p == NULL) {
    printf("dlsym %s failed: %s\n", name, dlerror());
    missing++;
  }
  return p;
}

/* The same generator as the host test: entries in [-8, 8]. */
static uint32_t state;
static int next_small(void) {
  state = state * 1103515245u + 12345u;
  return (int)((state >> 16) % 17) - 8;
}

static void fill(double* m, int count, uint32_t seed) {
  state = seed;
  for (int i = 0; i < count; i++) m[i] = next_small();
}

/* FNV-1a over the entries as 64-bit integers, and their sum. */
static void print_checksum(const char* what, const double* c, int count) {
  uint64_t fnv = 0xcbf29ce484222325ull;
  long long sum = 0;
  for (int i = 0; i < count; i++) {
    long long v = (long long)c[i];
    if ((double)v != c[i]) {
      printf("%s: entry %d = %.17g is not an integer\n", what, i, c[i]);
      return;
    }
    sum += v;
    for (int b = 0; b < 8; b++) fnv = (fnv ^ ((uint64_t)v >> (8 * b) & 0xff)) * 0x100000001b3ull;
  }
  printf("%s sum=%lld fnv=%016llx\n", what, sum, (unsigned long long)fnv);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void gemm(const char* what, int n, int threads) {
  double* a = malloc(sizeof(double) * n * n);
  double* b = malloc(sizeof(double) * n * n);
  double* c = malloc(sizeof(double) * n * n);
  fill(a, n * n, 1u + n);
  fill(b, n * n, 2u + n);
  fill(c, n * n, 3u + n);
  openblas_set_num_threads(threads);
  double start = now();
  /* C = 2 A B^T - C */
  cblas_dgemm(ROW_MAJOR, NO_TRANS, TRANS, n, n, n, 2.0, a, n, b, n, -1.0, c, n);
  double seconds = now() - start;
  print_checksum(what, c, n * n);
  printf("%s threads=%d mflops=%.0f\n", what, openblas_get_num_threads(), 2.0 * n * n * n / seconds / 1e6);
  free(a);
  free(b);
  free(c);
}

static void sgemm(int n) {
  float* a = malloc(sizeof(float) * n * n);
  float* b = malloc(sizeof(float) * n * n);
  float* c = malloc(sizeof(float) * n * n);
  double* d = malloc(sizeof(double) * n * n);
  state = 4u + n;
  for (int i = 0; i < n * n; i++) a[i] = next_small();
  for (int i = 0; i < n * n; i++) b[i] = next_small();
  openblas_set_num_threads(1);
  cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, n, n, n, 1.0f, a, n, b, n, 0.0f, c, n);
  for (int i = 0; i < n * n; i++) d[i] = c[i];
  print_checksum("sgemm", d, n * n);
  free(a);
  free(b);
  free(c);
  free(d);
}

static void level1(void) {
  enum { N = 1000 };
  static double x[N], y[N];
  fill(x, N, 5u);
  fill(y, N, 6u);
  double dot = cblas_ddot(N, x, 1, y, 1);
  cblas_daxpy(N, 3.0, x, 1, y, 1);
  double strided = cblas_ddot(N / 2, x, 2, y + 1, 2);
  printf("ddot=%.0f daxpy_ddot_strided=%.0f\n", dot, strided);
}

/* A x = b with A diagonally dominant and b = A x_true for x_true = 1..n. */
static void dgesv(int n) {
  double* a = malloc(sizeof(double) * n * n);
  double* saved = malloc(sizeof(double) * n * n);
  double* b = malloc(sizeof(double) * n);
  int* ipiv = malloc(sizeof(int) * n);
  fill(a, n * n, 7u);
  for (int i = 0; i < n; i++) a[i * n + i] += 10.0 * n;
  memcpy(saved, a, sizeof(double) * n * n);
  for (int i = 0; i < n; i++) {
    b[i] = 0;
    for (int j = 0; j < n; j++) b[i] += a[i * n + j] * (j + 1);
  }
  int info = LAPACKE_dgesv(ROW_MAJOR, n, 1, a, n, ipiv, b, 1);
  double err = 0;
  for (int i = 0; i < n; i++) err = fmax(err, fabs(b[i] - (i + 1)));
  printf("dgesv n=%d info=%d maxerr_ok=%d\n", n, info, err < 1e-9);
  free(a);
  free(saved);
  free(b);
  free(ipiv);
}

/* Cholesky of L L^T for an integer L with a positive diagonal gives L back. */
static void dpotrf(int n) {
  double* l = calloc((size_t)n * n, sizeof(double));
  double* m = calloc((size_t)n * n, sizeof(double));
  state = 8u;
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < i; j++) l[i * n + j] = next_small();
    l[i * n + i] = 9 + (i % 5);
  }
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      for (int k = 0; k < n; k++) m[i * n + j] += l[i * n + k] * l[j * n + k];
  int info = LAPACKE_dpotrf(ROW_MAJOR, 'L', n, m, n);
  double err = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j <= i; j++) err = fmax(err, fabs(m[i * n + j] - l[i * n + j]));
  printf("dpotrf n=%d info=%d maxerr_ok=%d\n", n, info, err < 1e-9);
  free(l);
  free(m);
}

/* The tridiagonal matrix with 2 on the diagonal and -1 beside it has eigenvalues 2 - 2 cos(k pi / (n + 1)). */
static void dsyev(int n) {
  double* a = calloc((size_t)n * n, sizeof(double));
  double* w = malloc(sizeof(double) * n);
  for (int i = 0; i < n; i++) {
    a[i * n + i] = 2;
    if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
  }
  int info = LAPACKE_dsyev(ROW_MAJOR, 'V', 'L', n, a, n, w);
  double err = 0;
  for (int k = 1; k <= n; k++) err = fmax(err, fabs(w[k - 1] - (2 - 2 * cos(k * M_PI / (n + 1)))));
  /* Each eigenvector v_k has v_k[i] proportional to sin(i k pi / (n + 1)): check orthonormality instead. */
  double orth = 0;
  for (int p = 0; p < n; p++)
    for (int q = 0; q < n; q++) {
      double s = 0;
      for (int i = 0; i < n; i++) s += a[i * n + p] * a[i * n + q];
      orth = fmax(orth, fabs(s - (p == q)));
    }
  printf("dsyev n=%d info=%d eigenvalues_ok=%d orthonormal_ok=%d\n", n, info, err < 1e-12, orth < 1e-12);
  free(a);
  free(w);
}

int AVmPayload_main(void) {
  lib = dlopen("libopenblas.so", RTLD_NOW);
  if (lib == NULL) {
    printf("dlopen libopenblas.so failed: %s\n", dlerror());
    return 1;
  }
  openblas_get_config = need("openblas_get_config");
  openblas_get_corename = need("openblas_get_corename");
  openblas_get_num_procs = need("openblas_get_num_procs");
  openblas_get_num_threads = need("openblas_get_num_threads");
  openblas_set_num_threads = need("openblas_set_num_threads");
  cblas_dgemm = need("cblas_dgemm");
  cblas_sgemm = need("cblas_sgemm");
  cblas_ddot = need("cblas_ddot");
  cblas_daxpy = need("cblas_daxpy");
  LAPACKE_dgesv = need("LAPACKE_dgesv");
  LAPACKE_dpotrf = need("LAPACKE_dpotrf");
  LAPACKE_dsyev = need("LAPACKE_dsyev");
  if (missing) return 2;

  printf("openblas config=%s core=%s procs=%d\n", openblas_get_config(), openblas_get_corename(),
         openblas_get_num_procs());
  level1();
  gemm("dgemm64", 64, 1);
  gemm("dgemm200", 200, 1);
  gemm("dgemm256x4", 256, 4);
  sgemm(150);
  dgesv(120);
  dpotrf(100);
  dsyev(60);
  printf("openblas done\n");
  fflush(stdout);
  return 0;
}
