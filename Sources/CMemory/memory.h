#ifndef DOCGUARD_MEMORY_H
#define DOCGUARD_MEMORY_H

// Memory placement hints for tables far larger than the caches (the key filter of a 128 M-record list,
// the clone register of a day's documents) and for large page images, which Swift cannot express by itself.

#include <malloc.h>
#include <stddef.h>
#include <sys/mman.h>

/// Starts loading the cache line at `address` for reading, without waiting for the data. Only a hint:
/// any address may be given (it never faults), and nothing changes but timing.
static inline void docguard_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// `bytes` of fresh zeroed memory, on 2 MB pages where the system offers them (from 4 MB up): a random
/// probe into a large table on 4 KB pages also misses the TLB, and in a virtual machine the page walk
/// that follows costs more than the memory access itself. NULL when there is no memory. Give it back
/// with `docguard_unmap`.
static inline void *docguard_map_table(size_t bytes) {
    void *memory = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) return NULL;
#ifdef MADV_HUGEPAGE
    if (bytes >= ((size_t)4 << 20)) (void)madvise(memory, bytes, MADV_HUGEPAGE);  // before the first touch
#endif
    return memory;
}

/// Gives back memory from `docguard_map_table` (or any mapping of `bytes`).
static inline void docguard_unmap(void *memory, size_t bytes) {
    (void)munmap(memory, bytes);
}

/// Maps every heap block of `bytes` or more on its own, so that it goes back to the system when freed. glibc's
/// own threshold rises to the largest block freed, after which large blocks come from the arenas and stay there.
static inline void docguard_map_blocks_from(int bytes) {
    (void)mallopt(M_MMAP_THRESHOLD, bytes);
}

#endif
