/*
 * Runs a real NDK-built TensorFlow Lite (libtensorflowlite_jni.so from the tensorflow-lite AAR on Maven Central,
 * packaged next to this payload) through its C API: a model built by tests/payloads/tflite/gen_model.py
 * (fully connected 16 -> 8, relu, logistic) on two inputs, with one interpreter thread and with two (TF Lite's thread
 * pool then runs guest threads). Prints every output with %.9g; the host test computes the same in Java.
 */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tflite_model.h"

/* TF Lite's C API (tensorflow/lite/core/c/c_api.h), declared here from its documentation. */
typedef struct TfLiteModel TfLiteModel;
typedef struct TfLiteInterpreterOptions TfLiteInterpreterOptions;
typedef struct TfLiteInterpreter TfLiteInterpreter;
typedef struct TfLiteTensor TfLiteTensor;
typedef int TfLiteStatus; /* kTfLiteOk is 0 */

static const char* (*TfLiteVersion)(void);
static TfLiteModel* (*TfLiteModelCreate)(const void* data, size_t size);
static void (*TfLiteModelDelete)(TfLiteModel* model);
static TfLiteInterpreterOptions* (*TfLiteInterpreterOptionsCreate)(void);
static void (*TfLiteInterpreterOptionsDelete)(TfLiteInterpreterOptions* options);
static void (*TfLiteInterpreterOptionsSetNumThreads)(TfLiteInterpreterOptions* options, int threads);
static void (*TfLiteInterpreterOptionsSetErrorReporter)(TfLiteInterpreterOptions* options,
                                                        void (*reporter)(void* user, const char* format, va_list args),
                                                        void* user);
static TfLiteInterpreter* (*TfLiteInterpreterCreate)(const TfLiteModel* model, const TfLiteInterpreterOptions* options);
static void (*TfLiteInterpreterDelete)(TfLiteInterpreter* interpreter);
static TfLiteStatus (*TfLiteInterpreterAllocateTensors)(TfLiteInterpreter* interpreter);
static TfLiteStatus (*TfLiteInterpreterInvoke)(TfLiteInterpreter* interpreter);
static int (*TfLiteInterpreterGetInputTensorCount)(const TfLiteInterpreter* interpreter);
static TfLiteTensor* (*TfLiteInterpreterGetInputTensor)(const TfLiteInterpreter* interpreter, int index);
static const TfLiteTensor* (*TfLiteInterpreterGetOutputTensor)(const TfLiteInterpreter* interpreter, int index);
static size_t (*TfLiteTensorByteSize)(const TfLiteTensor* tensor);
static int (*TfLiteTensorNumDims)(const TfLiteTensor* tensor);
static int (*TfLiteTensorDim)(const TfLiteTensor* tensor, int index);
static const char* (*TfLiteTensorName)(const TfLiteTensor* tensor);
static TfLiteStatus (*TfLiteTensorCopyFromBuffer)(TfLiteTensor* tensor, const void* data, size_t size);
static TfLiteStatus (*TfLiteTensorCopyToBuffer)(const TfLiteTensor* tensor, void* data, size_t size);

static void* lib;
static int missing;

static void* need(const char* name) {
  void* p = dlsym(lib, name);
  if (p == NULL) {
    printf("dlsym %s failed\n", name);
    missing++;
  }
  return p;
}

static void report(void* user, const char* format, va_list args) {
  (void)user;
  printf("tflite error: ");
  vprintf(format, args);
  printf("\n");
}

/* The two inputs; RealNdkLibraryTest uses the same formulas. */
static float input(int which, int j) {
  return which == 0 ? (float)(j % 5 - 2) * 0.5f : (float)(j % 3) * 0.75f - (float)j * 0.0625f;
}

static int run(const TfLiteModel* model, int threads) {
  TfLiteInterpreterOptions* options = TfLiteInterpreterOptionsCreate();
  TfLiteInterpreterOptionsSetNumThreads(options, threads);
  TfLiteInterpreterOptionsSetErrorReporter(options, report, NULL);
  TfLiteInterpreter* interpreter = TfLiteInterpreterCreate(model, options);
  TfLiteInterpreterOptionsDelete(options);
  if (interpreter == NULL) {
    printf("TfLiteInterpreterCreate failed\n");
    return 1;
  }
  if (TfLiteInterpreterAllocateTensors(interpreter) != 0) {
    printf("AllocateTensors failed\n");
    return 1;
  }
  TfLiteTensor* in = TfLiteInterpreterGetInputTensor(interpreter, 0);
  const TfLiteTensor* out = TfLiteInterpreterGetOutputTensor(interpreter, 0);
  printf("threads=%d inputs=%d input=%s[%d,%d] %zu bytes output=%s[%d,%d] %zu bytes\n", threads,
         TfLiteInterpreterGetInputTensorCount(interpreter), TfLiteTensorName(in), TfLiteTensorDim(in, 0),
         TfLiteTensorDim(in, 1), TfLiteTensorByteSize(in), TfLiteTensorName(out), TfLiteTensorDim(out, 0),
         TfLiteTensorNumDims(out) > 1 ? TfLiteTensorDim(out, 1) : -1, TfLiteTensorByteSize(out));
  for (int which = 0; which < 2; which++) {
    float x[TFLITE_MODEL_IN], y[TFLITE_MODEL_OUT];
    for (int j = 0; j < TFLITE_MODEL_IN; j++) x[j] = input(which, j);
    if (TfLiteTensorCopyFromBuffer(in, x, sizeof x) != 0 || TfLiteInterpreterInvoke(interpreter) != 0
        || TfLiteTensorCopyToBuffer(out, y, sizeof y) != 0) {
      printf("invoke failed\n");
      return 1;
    }
    printf("threads=%d y%d=", threads, which);
    for (int i = 0; i < TFLITE_MODEL_OUT; i++) printf("%s%.9g", i ? "," : "", y[i]);
    printf("\n");
  }
  TfLiteInterpreterDelete(interpreter);
  return 0;
}

int AVmPayload_main(void) {
  lib = dlopen("libtensorflowlite_jni.so", RTLD_NOW);
  if (lib == NULL) {
    printf("tflite dlopen failed: %s\n", dlerror());
    return 1;
  }
  TfLiteVersion = need("TfLiteVersion");
  TfLiteModelCreate = need("TfLiteModelCreate");
  TfLiteModelDelete = need("TfLiteModelDelete");
  TfLiteInterpreterOptionsCreate = need("TfLiteInterpreterOptionsCreate");
  TfLiteInterpreterOptionsDelete = need("TfLiteInterpreterOptionsDelete");
  TfLiteInterpreterOptionsSetNumThreads = need("TfLiteInterpreterOptionsSetNumThreads");
  TfLiteInterpreterOptionsSetErrorReporter = need("TfLiteInterpreterOptionsSetErrorReporter");
  TfLiteInterpreterCreate = need("TfLiteInterpreterCreate");
  TfLiteInterpreterDelete = need("TfLiteInterpreterDelete");
  TfLiteInterpreterAllocateTensors = need("TfLiteInterpreterAllocateTensors");
  TfLiteInterpreterInvoke = need("TfLiteInterpreterInvoke");
  TfLiteInterpreterGetInputTensorCount = need("TfLiteInterpreterGetInputTensorCount");
  TfLiteInterpreterGetInputTensor = need("TfLiteInterpreterGetInputTensor");
  TfLiteInterpreterGetOutputTensor = need("TfLiteInterpreterGetOutputTensor");
  TfLiteTensorByteSize = need("TfLiteTensorByteSize");
  TfLiteTensorNumDims = need("TfLiteTensorNumDims");
  TfLiteTensorDim = need("TfLiteTensorDim");
  TfLiteTensorName = need("TfLiteTensorName");
  TfLiteTensorCopyFromBuffer = need("TfLiteTensorCopyFromBuffer");
  TfLiteTensorCopyToBuffer = need("TfLiteTensorCopyToBuffer");
  if (missing) return 2;
  printf("tflite version=%s\n", TfLiteVersion());
  TfLiteModel* model = TfLiteModelCreate(tflite_model, sizeof tflite_model);
  if (model == NULL) {
    printf("TfLiteModelCreate failed\n");
    return 3;
  }
  int failures = run(model, 1) + run(model, 2);
  TfLiteModelDelete(model);
  printf("tflite done failures=%d\n", failures);
  return failures;
}
