#pragma once
#include <sys/cdefs.h>
