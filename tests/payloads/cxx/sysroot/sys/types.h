#pragma once
#include <bits/types.h>
