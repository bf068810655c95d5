//! Telling glibc's malloc what a command is about to do, where its defaults cost memory.

/// At start: blocks of up to 1 MB come from the heap, and the heap keeps up to 4 MB free at its
/// top instead of handing it back to the system.
///
/// Rendering a Word file makes one compressor (one block of about 380 KB) per part of the
/// package, and the example's package has 19 parts. By default glibc maps the first on its own,
/// then, once it is freed, raises that threshold to its size: the others came from the heap,
/// whose top is handed back whenever 128 KB or more of it are free, and that threshold is raised
/// too. Depending on the order of allocations elsewhere, the heap grew part by part (the
/// example's peak went from 9.6 to 11.1 MB, its live data never exceeding 1.5 MB) or gave its
/// top back and faulted it in again. With both thresholds fixed, each compressor reuses the last
/// one's memory: the example takes 624 page faults instead of 1,091 (712 at the start of this
/// change's session), and its peak is 9.6-9.8 MB (fixed only before rendering, 9.8-10.2 MB).
/// A large build raises both thresholds again ([`for_a_large_build`]).
pub fn reuse_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets parameters of the allocator. It is called first thing in
    // `main`, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 4 << 20);
    }
}

/// Once a build is known to be large: thresholds as high as glibc's own adjustment takes them
/// (32 MB for blocks mapped on their own, 64 MB kept at the heap's top), so that its large
/// freed blocks are reused. With [`reuse_large_blocks`]'s left in place, a 1,000-organisation
/// build was 3 to 5% slower (alternated runs).
pub fn for_a_large_build() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: as above; called between the build's phases, when its threads have finished.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
    }
}
