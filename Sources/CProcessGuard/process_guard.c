// See include/CProcessGuard.h. Only async-signal-safe calls (unlink, write,
// sigaction, raise, _exit) are made from the handlers.
#define _GNU_SOURCE
#include "CProcessGuard.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

enum { slot_free = 0, slot_writing = 1, slot_ready = 2 };

struct temporary_slot {
    _Atomic int state;
    char path[ROO_GUARD_PATH_BYTES_MAX + 1];
};

struct mapping_slot {
    _Atomic int state;
    const char *base;
    size_t length;
    char path[ROO_GUARD_PATH_BYTES_MAX + 1];
};

static struct temporary_slot temporaries[ROO_GUARD_TEMPORARY_SLOTS];
static struct mapping_slot mappings[ROO_GUARD_MAPPING_SLOTS];
static atomic_flag installed = ATOMIC_FLAG_INIT;
/// Set by the first thread that faults: only it reports and exits.
static atomic_flag reporting = ATOMIC_FLAG_INIT;

static int claim(_Atomic int *state) {
    int expected = slot_free;
    return atomic_compare_exchange_strong(state, &expected, slot_writing);
}

int roo_guard_track_temporary(const char *path) {
    size_t length = strlen(path);
    if (length > ROO_GUARD_PATH_BYTES_MAX) return -1;
    for (int slot = 0; slot < ROO_GUARD_TEMPORARY_SLOTS; slot++) {
        if (!claim(&temporaries[slot].state)) continue;
        memcpy(temporaries[slot].path, path, length + 1);
        atomic_store(&temporaries[slot].state, slot_ready);
        return slot;
    }
    return -1;
}

void roo_guard_untrack_temporary(int slot) {
    if (slot < 0 || slot >= ROO_GUARD_TEMPORARY_SLOTS) return;
    atomic_store(&temporaries[slot].state, slot_free);
}

int roo_guard_track_mapping(const void *base, size_t length, const char *path) {
    size_t bytes = strlen(path);
    if (bytes > ROO_GUARD_PATH_BYTES_MAX) bytes = ROO_GUARD_PATH_BYTES_MAX;
    for (int slot = 0; slot < ROO_GUARD_MAPPING_SLOTS; slot++) {
        if (!claim(&mappings[slot].state)) continue;
        mappings[slot].base = base;
        mappings[slot].length = length;
        memcpy(mappings[slot].path, path, bytes);
        mappings[slot].path[bytes] = 0;
        atomic_store(&mappings[slot].state, slot_ready);
        return slot;
    }
    return -1;
}

void roo_guard_untrack_mapping(int slot) {
    if (slot < 0 || slot >= ROO_GUARD_MAPPING_SLOTS) return;
    atomic_store(&mappings[slot].state, slot_free);
}

static void remove_temporaries(void) {
    for (int slot = 0; slot < ROO_GUARD_TEMPORARY_SLOTS; slot++) {
        if (atomic_load(&temporaries[slot].state) == slot_ready) unlink(temporaries[slot].path);
    }
}

/// Appends `text`; with `sanitizing`, control bytes (a path's) become '?'
/// so that they never reach the terminal raw.
static size_t append(char *buffer, size_t used, size_t capacity, const char *text, int sanitizing) {
    while (*text && used + 1 < capacity) {
        unsigned char byte = (unsigned char)*text++;
        buffer[used++] = (sanitizing && (byte < 0x20 || byte == 0x7f)) ? '?' : (char)byte;
    }
    buffer[used] = 0;
    return used;
}

size_t roo_guard_fault_message(const void *address, char *buffer, size_t capacity) {
    if (capacity == 0) return 0;
    const char *at = (const char *)address;
    const char *path = 0;
    for (int slot = 0; slot < ROO_GUARD_MAPPING_SLOTS && !path; slot++) {
        struct mapping_slot *mapping = &mappings[slot];
        if (atomic_load(&mapping->state) != slot_ready) continue;
        if (at >= mapping->base && (size_t)(at - mapping->base) < mapping->length) path = mapping->path;
    }
    size_t used = append(buffer, 0, capacity, "roo: error: ", 0);
    if (path) {
        used = append(buffer, used, capacity, path, 1);
        used = append(buffer, used, capacity, ": the file became shorter while it was being read (truncated or replaced by another program); no output was written\n", 0);
    } else {
        used = append(buffer, used, capacity, "an input file became shorter while it was being read (truncated or replaced by another program); no output was written\n", 0);
    }
    return used;
}

static void on_interrupt(int signal_number) {
    remove_temporaries();
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(signal_number, &action, 0);
    raise(signal_number);
}

static void on_bus_error(int signal_number, siginfo_t *info, void *context) {
    (void)signal_number;
    (void)context;
    // Workers faulting on the same truncated file at once wait for the first to exit.
    if (atomic_flag_test_and_set(&reporting)) {
        for (;;) pause();
    }
    char message[ROO_GUARD_PATH_BYTES_MAX + 256];
    size_t length = roo_guard_fault_message(info ? info->si_addr : 0, message, sizeof message);
    remove_temporaries();
    ssize_t ignored = write(2, message, length);
    (void)ignored;
    _exit(74);
}

void roo_guard_install(void) {
    if (atomic_flag_test_and_set(&installed)) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = on_interrupt;
    int interrupts[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
    for (size_t index = 0; index < sizeof interrupts / sizeof interrupts[0]; index++) {
        struct sigaction previous;
        // Keep a signal the parent asked us to ignore (nohup, a shell's `trap '' INT`) ignored.
        if (sigaction(interrupts[index], 0, &previous) == 0 && previous.sa_handler == SIG_IGN) continue;
        sigaction(interrupts[index], &action, 0);
    }
    struct sigaction bus;
    memset(&bus, 0, sizeof bus);
    sigemptyset(&bus.sa_mask);
    bus.sa_sigaction = on_bus_error;
    bus.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &bus, 0);
    // A parent that spawned roo from a thread with these signals blocked
    // (some process launchers do) would make roo impossible to stop cleanly.
    sigset_t handled;
    sigemptyset(&handled);
    for (size_t index = 0; index < sizeof interrupts / sizeof interrupts[0]; index++) sigaddset(&handled, interrupts[index]);
    sigaddset(&handled, SIGBUS);
    pthread_sigmask(SIG_UNBLOCK, &handled, 0);
}
