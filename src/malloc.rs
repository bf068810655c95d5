//! Telling glibc's malloc what a command is about to do, where its defaults cost memory.

/// Before a small build renders: blocks of 256 KB and more are to be mapped on their own and
/// handed back to the system when freed.
///
/// glibc starts by mapping blocks of 128 KB and more on their own, but the first time such a
/// block is freed it raises that threshold to the block's size. Rendering a Word file makes one
/// compressor (about 380 KB) per part of the package: after the first, they come from the heap,
/// where whatever was allocated above a freed one keeps it from being reused, and the heap grows
/// part by part. The example's peak went from 9.6 to 11.1 MB that way, on a build whose live
/// data never exceeds 1.5 MB. A large build is left as it is: it reuses its large freed blocks
/// (a fixed threshold made rendering 1,000 organisations 11 ms slower).
pub fn map_large_blocks_on_their_own() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a parameter of the allocator (under its own lock).
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 << 10);
    }
}
