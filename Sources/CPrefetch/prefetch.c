// Header-only module: see include/CPrefetch.h.
#include "CPrefetch.h"
