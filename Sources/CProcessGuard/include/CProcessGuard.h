// Process-wide guards that must run inside signal handlers, where Swift code
// cannot: removing roo's temporary output files when the process is
// interrupted, and turning a SIGBUS on a memory-mapped input (the file was
// truncated while mapped) into one error line and exit status 74.
//
// Everything a handler touches lives in fixed static slots, claimed and
// released with C11 atomics, so registering from any thread and reading from
// a handler never allocate or lock.
#ifndef ROO_CPROCESSGUARD_H
#define ROO_CPROCESSGUARD_H

#include <stddef.h>

/// Slots for temporary files that exist at the same time.
#define ROO_GUARD_TEMPORARY_SLOTS 256
/// Slots for mapped inputs that exist at the same time; a fault in a mapping
/// without a slot is still reported, without its file name.
#define ROO_GUARD_MAPPING_SLOTS 1024
/// Longest path kept per slot (bytes, without the terminating NUL); a longer
/// temporary path is not tracked (`roo_guard_track_temporary` returns -1).
#define ROO_GUARD_PATH_BYTES_MAX 4095

/// Installs the handlers for SIGINT, SIGTERM, SIGHUP and SIGPIPE (remove
/// every tracked temporary file, then die of the same signal) and for SIGBUS
/// (report the mapped file at fault, remove the temporary files, `_exit(74)`),
/// and unblocks them in the calling thread. Idempotent; call it first from
/// the main thread so that threads started later inherit the unblocked mask.
void roo_guard_install(void);

/// Tracks a temporary file to remove if the process is interrupted.
/// Returns the slot, or -1 when no slot is free or the path is too long.
int roo_guard_track_temporary(const char *path);

/// Stops tracking slot `slot` (a value returned by `roo_guard_track_temporary`; -1 is ignored).
void roo_guard_untrack_temporary(int slot);

/// Tracks a read-only mapping of `path` at `base` for `length` bytes.
/// Returns the slot, or -1 when no slot is free (the path is cut to fit).
int roo_guard_track_mapping(const void *base, size_t length, const char *path);

/// Stops tracking slot `slot` of `roo_guard_track_mapping` (-1 is ignored).
void roo_guard_untrack_mapping(int slot);

/// The message the SIGBUS handler writes for a fault at `address`, into
/// `buffer` (NUL-terminated, cut to `capacity`). Returns its length. For tests.
size_t roo_guard_fault_message(const void *address, char *buffer, size_t capacity);

#endif
