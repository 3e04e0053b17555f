// Cache prefetch hint for Swift hot loops (Swift has no prefetch intrinsic).
#ifndef ROO_CPREFETCH_H
#define ROO_CPREFETCH_H

/// Hints the CPU to bring the cache line at `address` into cache for writing.
/// No effect on program semantics; `address` need not be dereferenceable.
static inline __attribute__((always_inline)) void roo_prefetch_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

/// Hints the CPU to bring the cache line at `address` into cache for reading.
/// No effect on program semantics; `address` need not be dereferenceable.
static inline __attribute__((always_inline)) void roo_prefetch_read(const void *address) {
    __builtin_prefetch(address, 0, 3);
}
#endif
