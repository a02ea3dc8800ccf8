// The one file-system call Swift cannot import: glibc declares renameat2 only under _GNU_SOURCE,
// which Swift's Glibc module does not define (Darwin spells it renamex_np).
#ifndef CFILESYSTEM_H
#define CFILESYSTEM_H

/// Swaps the entries at two paths in one step (both must exist): 0, or -1 with errno set.
int cfs_exchange(const char *first, const char *second);

#endif
