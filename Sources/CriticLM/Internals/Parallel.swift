import Dispatch

/// Runs `body` over `0 ..< count` split into contiguous chunks on up to `threads` threads. The
/// chunks must write disjoint elements; nothing waits on another chunk, so a pool that runs them
/// one after the other is only slower, never stuck.
func parallelChunks(_ count: Int, threads: Int = 2, minimumChunk: Int = 50_000, _ body: @Sendable (Range<Int>) -> Void) {
    let chunks = Swift.max(1, Swift.min(threads, count / minimumChunk))
    if chunks == 1 {
        body(0..<count)
        return
    }
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        body((chunk * count / chunks)..<((chunk + 1) * count / chunks))
    }
}

/// A buffer that parallel chunks fill at disjoint indexes.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>

    init(_ base: UnsafeMutableBufferPointer<Element>) { self.base = base }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}

extension Array {
    /// An array of `count` elements filled by `fill` at disjoint indexes from parallel chunks.
    init(parallelCount count: Int, repeating value: Element, threads: Int = 2, minimumChunk: Int = 50_000, _ fill: @Sendable (Range<Int>, SharedBuffer<Element>) -> Void) {
        self.init(repeating: value, count: count)
        withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffer(buffer)
            parallelChunks(count, threads: threads, minimumChunk: minimumChunk) { range in fill(range, shared) }
        }
    }
}
