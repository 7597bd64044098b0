#pragma once
double sin(double x);
double cos(double x);
double sqrt(double x);
double pow(double x, double y);
double fabs(double x);
double fmax(double x, double y);
#define M_PI 3.14159265358979323846
