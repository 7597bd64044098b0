// The C++ library behind cxx_shapes.h, built in the NDK's ABI against libc++_shared.so.
#include "cxx_shapes.h"

#include <cmath>
#include <cstdio>

namespace shapes {

Shape::~Shape() {}
std::string Shape::name() const { return "shape"; }
Circle::~Circle() {}
double Circle::area() const { return M_PI * radius * radius; }
std::string Circle::name() const { return "circle"; }
Square::~Square() {}
double Square::area() const { return side * side; }

ShapeError::ShapeError(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
ShapeError::~ShapeError() {}

std::unique_ptr<Shape> make(const std::string& kind, double size) {
    if (kind == "circle") return std::make_unique<Circle>(size);
    if (kind == "square") return std::make_unique<Square>(size);
    throw ShapeError("unknown shape " + kind, 22);
}

static int destroyed = 0;

struct Counted {
    ~Counted() { destroyed++; }
};

void throw_through(int depth, int code) {
    Counted guard;
    std::string on_the_heap(64, 'x');  // a frame with heap state the unwinder must clean up
    if (depth == 0) throw ShapeError("thrown " + std::to_string(code) + " frames deep", code);
    throw_through(depth - 1, code);
}

int destroyed_on_the_way() { return destroyed; }

int call_back(int (*fn)(int), int value) {
    Counted guard;
    return fn(value) + 1;
}

void note(const char* event) {
    std::printf("static-order: %s\n", event);
    std::fflush(stdout);
}

struct Tracer {
    Tracer() { note("construct shapes"); }
    ~Tracer() { note("destroy shapes"); }
};
static Tracer tracer;

}  // namespace shapes
