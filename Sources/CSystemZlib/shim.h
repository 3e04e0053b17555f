#ifndef ROO_CZLIB_SHIM_H
#define ROO_CZLIB_SHIM_H
#include <zlib.h>
#endif
