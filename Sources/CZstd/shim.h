#ifndef ROO_CZSTD_SHIM_H
#define ROO_CZSTD_SHIM_H
#include <zstd.h>
#endif
