#ifndef ROO_CBROTLI_SHIM_H
#define ROO_CBROTLI_SHIM_H
#include <brotli/decode.h>
#endif
