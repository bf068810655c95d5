//! Telling glibc's malloc what a command is about to do, where its defaults cost memory, and
//! the binary's allocator ([`KeepOne`]), which keeps one compressor's memory for the next.

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

/// The binary's allocator: the system's, except that it keeps the last freed block of between
/// 256 KB and 1 MB for the next request of exactly its size.
///
/// That is the size of a deflate compressor's state (about 380 KB, one block), and the Word
/// file makes one compressor per part of its package, one after another. glibc reuses a freed
/// block for the next one only if no small request took a piece of it in between, which
/// depends on what its bins hold at that moment: in about one build of the example in twenty
/// (and in most of them run from the benchmark script), four or five compressors were each put
/// in fresh memory, and the example's peak went from 9.2 to 10.9 MB. Kept aside, the block
/// goes to the next compressor whatever happens in between.
pub struct KeepOne;

/// Blocks [`KeepOne`] keeps: a compressor's state, not a large document's text.
const KEPT: std::ops::Range<usize> = 256 << 10..1 << 20;

/// The block [`KeepOne`] holds, with its layout.
static SPARE: std::sync::Mutex<Option<(usize, std::alloc::Layout)>> = std::sync::Mutex::new(None);

impl KeepOne {
    fn spare() -> std::sync::MutexGuard<'static, Option<(usize, std::alloc::Layout)>> {
        // A panic cannot happen while the lock is held; if one did, the block is still valid.
        SPARE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

// SAFETY: every block comes from `System` and goes back to it, with the layout it was allocated
// with: a kept block is handed out only for a request of exactly its layout, and one that is
// replaced or never asked for again is freed (or left to the end of the process) as it was.
unsafe impl std::alloc::GlobalAlloc for KeepOne {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if KEPT.contains(&layout.size()) {
            let mut spare = Self::spare();
            if let Some((block, kept)) = *spare
                && kept == layout
            {
                *spare = None;
                return block as *mut u8;
            }
        }
        // SAFETY: as the caller promised for `layout`.
        unsafe { std::alloc::System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: as the caller promised for `layout`.
        unsafe { std::alloc::System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: std::alloc::Layout) {
        let freed = if KEPT.contains(&layout.size()) {
            Self::spare().replace((block as usize, layout))
        } else {
            Some((block as usize, layout))
        };
        if let Some((block, layout)) = freed {
            // SAFETY: `block` was allocated by `System` with `layout` and is no longer used.
            unsafe { std::alloc::System.dealloc(block as *mut u8, layout) }
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: std::alloc::Layout, size: usize) -> *mut u8 {
        // SAFETY: `block` is in use and came from `System` with `layout` (a kept block is
        // handed out only with the layout it was allocated with).
        unsafe { std::alloc::System.realloc(block, layout, size) }
    }
}

#[cfg(test)]
mod tests {
    use std::alloc::{GlobalAlloc, Layout};

    use super::*;

    #[test]
    fn a_freed_compressor_sized_block_goes_to_the_next_request_of_its_size() {
        // Not the tests' global allocator: this instance is driven by hand.
        let keep = KeepOne;
        let compressor = Layout::from_size_align(380_928, 64).unwrap();
        let other = Layout::from_size_align(380_928 + 64, 64).unwrap();
        let small = Layout::from_size_align(4096, 8).unwrap();
        // SAFETY: every block is freed once, with the layout it was allocated with.
        unsafe {
            let first = keep.alloc(compressor);
            assert!(!first.is_null());
            first.write_bytes(7, compressor.size());
            keep.dealloc(first, compressor);
            // Small requests in between do not take it.
            let a = keep.alloc(small);
            let b = keep.alloc(small);
            assert_ne!(a, first);
            assert_ne!(b, first);
            // A request of another size gets another block, and leaves the kept one kept.
            let c = keep.alloc(other);
            assert_ne!(c, first);
            let second = keep.alloc(compressor);
            assert_eq!(second, first);
            // Once handed out, it is not handed out again.
            let third = keep.alloc(compressor);
            assert_ne!(third, first);
            for (block, layout) in [
                (a, small),
                (b, small),
                (c, other),
                (second, compressor),
                (third, compressor),
            ] {
                keep.dealloc(block, layout);
            }
        }
    }
}
