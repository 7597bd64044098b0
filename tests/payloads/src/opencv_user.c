/*
 * Uses a real NDK-built OpenCV from Maven Central (org.bytedeco:opencv's android-arm64 jar: libopencv_core.so and
 * libopencv_imgproc.so, C++ with libc++ linked in statically, packaged next to this payload) through its C API:
 * hardware detection, matrix products and solvers, DFT, sorting, and integral images and morphology on an 8-bit
 * image. Exact results (integer products, sorts, integral sums, min/max filters) are printed as checksums the host
 * test recomputes; floating-point solvers print whether their error against the known answer is small.
 */
#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* OpenCV's C API, declared here from its documentation: matrices are opaque (CvMat*), read through accessors. */
typedef struct CvMat CvMat;
typedef struct { double val[4]; } CvScalar;
enum { CV_8UC1 = 0, CV_32SC1 = 4, CV_32FC1 = 5, CV_64FC1 = 6 };
enum { CV_LU = 0, CV_SVD = 1, CV_CHOLESKY = 3, CV_QR = 4 };
enum { CV_DXT_FORWARD = 0, CV_DXT_INVERSE = 1, CV_DXT_SCALE = 2 };
enum { CV_GEMM_B_T = 2, CV_SORT_ASCENDING = 0, CV_CPU_NEON = 100, CV_L2 = 4 };
static CvMat* (*cvCreateMat)(int rows, int cols, int type);
static void (*cvReleaseMat)(CvMat** mat);
static double (*cvGetReal2D)(const void* arr, int row, int col);
static void (*cvSetReal2D)(void* arr, int row, int col, double value);
static void (*cvGEMM)(const void* a, const void* b, double alpha, const void* c, double beta, void* d, int flags);
static int (*cvSolve)(const void* a, const void* b, void* x, int method);
static double (*cvInvert)(const void* src, void* dst, int method);
static double (*cvDet)(const void* m);
static void (*cvSVD)(void* a, void* w, void* u, void* v, int flags);
static void (*cvDFT)(const void* src, void* dst, int flags, int nonzero_rows);
static void (*cvSort)(const void* src, void* dst, void* idx, int flags);
static CvScalar (*cvSum)(const void* arr);
static int (*cvCheckHardwareSupport)(int feature);
static void (*cvSetNumThreads)(int threads);
static int (*cvGetNumThreads)(void);
static void (*cvIntegral)(const void* image, void* sum, void* sqsum, void* tilted);
static void (*cvErode)(const void* src, void* dst, void* element, int iterations);
static void (*cvDilate)(const void* src, void* dst, void* element, int iterations);

static void* core;
static void* imgproc;
static int missing;

static void* need(void* lib, const char* name) {
  void* p = dlsym(lib, name);
  if (p == NULL) {
    printf("dlsym %s failed: %s\n", name, dlerror());
    missing++;
  }
  return p;
}

/* The same generator as the host test. */
static uint32_t state;
static uint32_t next(void) {
  state = state * 1103515245u + 12345u;
  return state >> 16;
}

static CvMat* random_small(int rows, int cols, int type, uint32_t seed) {
  CvMat* m = cvCreateMat(rows, cols, type);
  state = seed;
  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++) cvSetReal2D(m, r, c, (int)(next() % 17) - 8);
  return m;
}

/* "sum=S fnv=F" over the entries read as 64-bit integers, row by row. */
static void print_checksum(const char* what, const CvMat* m, int rows, int cols) {
  uint64_t fnv = 0xcbf29ce484222325ull;
  long long sum = 0;
  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++) {
      double d = cvGetReal2D(m, r, c);
      long long v = (long long)d;
      if ((double)v != d) {
        printf("%s: entry %d,%d = %.17g is not an integer\n", what, r, c, d);
        return;
      }
      sum += v;
      for (int b = 0; b < 8; b++) fnv = (fnv ^ ((uint64_t)v >> (8 * b) & 0xff)) * 0x100000001b3ull;
    }
  printf("%s sum=%lld fnv=%016llx\n", what, sum, (unsigned long long)fnv);
}

static void products(int n, int threads) {
  cvSetNumThreads(threads);
  CvMat* a = random_small(n, n, CV_64FC1, 11u + n);
  CvMat* b = random_small(n, n, CV_64FC1, 12u + n);
  CvMat* c = random_small(n, n, CV_64FC1, 13u + n);
  CvMat* d = cvCreateMat(n, n, CV_64FC1);
  cvGEMM(a, b, 3.0, c, -2.0, d, CV_GEMM_B_T); /* D = 3 A B^T - 2 C */
  char what[32];
  snprintf(what, sizeof what, "gemm%d", n);
  print_checksum(what, d, n, n);
  cvReleaseMat(&a);
  cvReleaseMat(&b);
  cvReleaseMat(&c);
  cvReleaseMat(&d);
}

/* A x = b for a diagonally dominant A and x = 1..n, by each method; A's inverse times A is the identity. */
static void solvers(int n) {
  CvMat* a = random_small(n, n, CV_64FC1, 21u);
  for (int i = 0; i < n; i++) cvSetReal2D(a, i, i, cvGetReal2D(a, i, i) + 10.0 * n);
  CvMat* spd = cvCreateMat(n, n, CV_64FC1);
  cvGEMM(a, a, 1.0, NULL, 0.0, spd, CV_GEMM_B_T); /* A A^T: symmetric positive definite */
  CvMat* b = cvCreateMat(n, 1, CV_64FC1);
  CvMat* x = cvCreateMat(n, 1, CV_64FC1);
  const int methods[] = {CV_LU, CV_SVD, CV_CHOLESKY, CV_QR};
  const char* names[] = {"lu", "svd", "cholesky", "qr"};
  for (int k = 0; k < 4; k++) {
    CvMat* m = methods[k] == CV_CHOLESKY ? spd : a;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) s += cvGetReal2D(m, i, j) * (j + 1);
      cvSetReal2D(b, i, 0, s);
    }
    int ok = cvSolve(m, b, x, methods[k]);
    double err = 0;
    for (int i = 0; i < n; i++) err = fmax(err, fabs(cvGetReal2D(x, i, 0) - (i + 1)));
    printf("solve %s ok=%d maxerr_ok=%d\n", names[k], ok, err < 1e-8);
  }
  CvMat* inv = cvCreateMat(n, n, CV_64FC1);
  CvMat* id = cvCreateMat(n, n, CV_64FC1);
  cvInvert(a, inv, CV_LU);
  cvGEMM(inv, a, 1.0, NULL, 0.0, id, 0);
  double err = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) err = fmax(err, fabs(cvGetReal2D(id, i, j) - (i == j)));
  printf("invert identity_ok=%d\n", err < 1e-12);
  cvReleaseMat(&a);
  cvReleaseMat(&spd);
  cvReleaseMat(&b);
  cvReleaseMat(&x);
  cvReleaseMat(&inv);
  cvReleaseMat(&id);
}

/* det of an upper-triangular integer matrix is the product of its diagonal; SVD of diag(1..n) permuted. */
static void decompositions(void) {
  enum { N = 8 };
  CvMat* t = cvCreateMat(N, N, CV_64FC1);
  state = 31u;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) cvSetReal2D(t, i, j, j < i ? 0 : j == i ? i + 2 : (int)(next() % 7) - 3);
  double det = cvDet(t);
  printf("det=%.0f\n", det); /* 2 * 3 * ... * 9 */
  CvMat* d = cvCreateMat(N, N, CV_64FC1);
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) cvSetReal2D(d, i, j, (j == (i * 3) % N) ? (i + 1) : 0);
  CvMat* w = cvCreateMat(N, 1, CV_64FC1);
  cvSVD(d, w, NULL, NULL, 0);
  double err = 0;
  for (int i = 0; i < N; i++) err = fmax(err, fabs(cvGetReal2D(w, i, 0) - (N - i)));
  printf("svd singular_values_ok=%d\n", err < 1e-12);
  cvReleaseMat(&t);
  cvReleaseMat(&d);
  cvReleaseMat(&w);
}

/* x[k] = 3 + 2 cos(2 pi 5 k / N): the forward DFT's bin 0 is 3N and bin 5 is N; the inverse gives x back. */
static void dft(void) {
  enum { N = 256 };
  CvMat* x = cvCreateMat(1, N, CV_64FC1);
  CvMat* f = cvCreateMat(1, N, CV_64FC1);
  CvMat* back = cvCreateMat(1, N, CV_64FC1);
  for (int k = 0; k < N; k++) cvSetReal2D(x, 0, k, 3 + 2 * cos(2 * M_PI * 5 * k / N));
  cvDFT(x, f, CV_DXT_FORWARD, 0);
  /* Packed (CCS) row: Re0, Re1, Im1, Re2, Im2, ..., Re(N/2). */
  double err = fabs(cvGetReal2D(f, 0, 0) - 3.0 * N);
  for (int bin = 1; bin < N / 2; bin++) {
    double re = cvGetReal2D(f, 0, 2 * bin - 1), im = cvGetReal2D(f, 0, 2 * bin);
    err = fmax(err, fmax(fabs(re - (bin == 5 ? N : 0)), fabs(im)));
  }
  cvDFT(f, back, CV_DXT_INVERSE | CV_DXT_SCALE, 0);
  double round_trip = 0;
  for (int k = 0; k < N; k++) round_trip = fmax(round_trip, fabs(cvGetReal2D(back, 0, k) - cvGetReal2D(x, 0, k)));
  printf("dft spectrum_ok=%d round_trip_ok=%d\n", err < 1e-9, round_trip < 1e-12);
  cvReleaseMat(&x);
  cvReleaseMat(&f);
  cvReleaseMat(&back);
}

static void sorting(void) {
  enum { N = 1000 };
  CvMat* v = cvCreateMat(1, N, CV_32SC1);
  CvMat* s = cvCreateMat(1, N, CV_32SC1);
  state = 41u;
  for (int k = 0; k < N; k++) cvSetReal2D(v, 0, k, (int)(next() % 20001) - 10000);
  cvSort(v, s, NULL, CV_SORT_ASCENDING);
  print_checksum("sort", s, 1, N);
  CvScalar sum = cvSum(v);
  printf("sum=%.0f\n", sum.val[0]);
  cvReleaseMat(&v);
  cvReleaseMat(&s);
}

/* An 8-bit image: its integral image, and 3x3 erosion and dilation (min and max over the in-image neighbours). */
static void image(void) {
  enum { W = 64, H = 48 };
  CvMat* img = cvCreateMat(H, W, CV_8UC1);
  state = 51u;
  for (int r = 0; r < H; r++)
    for (int c = 0; c < W; c++) cvSetReal2D(img, r, c, next() % 256);
  CvMat* sum = cvCreateMat(H + 1, W + 1, CV_32SC1);
  cvIntegral(img, sum, NULL, NULL);
  print_checksum("integral", sum, H + 1, W + 1);
  CvMat* eroded = cvCreateMat(H, W, CV_8UC1);
  CvMat* dilated = cvCreateMat(H, W, CV_8UC1);
  cvErode(img, eroded, NULL, 1);
  cvDilate(img, dilated, NULL, 2);
  print_checksum("erode", eroded, H, W);
  print_checksum("dilate2", dilated, H, W);
  cvReleaseMat(&img);
  cvReleaseMat(&sum);
  cvReleaseMat(&eroded);
  cvReleaseMat(&dilated);
}

int AVmPayload_main(void) {
  core = dlopen("libopencv_core.so", RTLD_NOW);
  imgproc = core == NULL ? NULL : dlopen("libopencv_imgproc.so", RTLD_NOW);
  if (imgproc == NULL) {
    printf("dlopen failed: %s\n", dlerror());
    return 1;
  }
  cvCreateMat = need(core, "cvCreateMat");
  cvReleaseMat = need(core, "cvReleaseMat");
  cvGetReal2D = need(core, "cvGetReal2D");
  cvSetReal2D = need(core, "cvSetReal2D");
  cvGEMM = need(core, "cvGEMM");
  cvSolve = need(core, "cvSolve");
  cvInvert = need(core, "cvInvert");
  cvDet = need(core, "cvDet");
  cvSVD = need(core, "cvSVD");
  cvDFT = need(core, "cvDFT");
  cvSort = need(core, "cvSort");
  cvSum = need(core, "cvSum");
  cvCheckHardwareSupport = need(core, "cvCheckHardwareSupport");
  cvSetNumThreads = need(core, "cvSetNumThreads");
  cvGetNumThreads = need(core, "cvGetNumThreads");
  cvIntegral = need(imgproc, "cvIntegral");
  cvErode = need(imgproc, "cvErode");
  cvDilate = need(imgproc, "cvDilate");
  if (missing) return 2;

  printf("opencv neon=%d threads=%d\n", cvCheckHardwareSupport(CV_CPU_NEON), cvGetNumThreads());
  products(50, 1);
  products(300, 4);
  solvers(40);
  decompositions();
  dft();
  sorting();
  image();
  printf("opencv done\n");
  fflush(stdout);
  return 0;
}
