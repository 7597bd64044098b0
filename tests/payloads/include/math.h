#pragma once
double sin(double x);
double cos(double x);
double sqrt(double x);
double pow(double x, double y);
