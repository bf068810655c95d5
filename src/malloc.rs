//! Telling glibc's malloc what a command is about to do, where its defaults cost memory.

/// Before a small build renders: blocks of 256 KB and more are to be mapped on their own and
/// handed back to the system when freed.
///
/// glibc starts by mapping blocks of 128 KB and more on their own, but the first time such a
/// block is freed it raises that threshold to the block's size. Rendering a Word file makes one
/// compressor (one block of about 380 KB) per part of the package: after the first, they came
/// from the heap, which only gives memory back from its top, and the example's peak went from
/// 9.6 to 11.1 MB, on a build whose live data never exceeds 1.5 MB (dhat). Whether that
/// happened depended on the order of allocations elsewhere. A large build is left as it is: it
/// reuses its large freed blocks (a fixed threshold made rendering 1,000 organisations 11 ms
/// slower).
pub(crate) fn map_large_blocks_on_their_own() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a parameter of the allocator. It is called while no other
    // thread of ours runs (a small build starts none), so nothing allocates meanwhile.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 << 10);
    }
}
