// libcxx_shapes.so: a C++ library the C++ payloads link against, for exceptions, RTTI and static objects that cross
// library boundaries (each class has its key function in the library, so its type_info lives there, as in an NDK app).
#pragma once
#include <memory>
#include <stdexcept>
#include <string>

namespace shapes {

struct Shape {
    virtual ~Shape();
    virtual double area() const = 0;
    virtual std::string name() const;
};

struct Circle : Shape {
    explicit Circle(double r) : radius(r) {}
    ~Circle() override;
    double area() const override;
    std::string name() const override;
    double radius;
};

struct Square : Shape {
    explicit Square(double s) : side(s) {}
    ~Square() override;
    double area() const override;
    double side;
};

// Thrown by the library; derives from a libc++ exception class, caught by the payload by either type.
class ShapeError : public std::runtime_error {
  public:
    ShapeError(const std::string& what, int code);
    ~ShapeError() override;
    int code() const { return code_; }
  private:
    int code_;
};

std::unique_ptr<Shape> make(const std::string& kind, double size);

// Recurses depth frames, each holding an object whose destructor counts itself, then throws ShapeError(code).
void throw_through(int depth, int code);
int destroyed_on_the_way();

// Calls back into the caller's function from inside the library: an exception it throws crosses this library.
int call_back(int (*fn)(int), int value);

// The order in which static constructors and destructors of both libraries ran, as a log line.
void note(const char* event);

}  // namespace shapes
