import Foundation

/// How many threads a parallel step may use: the one type behind every `threads` parameter of
/// the toolkit and the CLI's `--threads`, so that "every processor" has one spelling.
public enum ThreadCount: Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// Every active processor of this machine.
    case all
    /// Exactly this many threads (at least 1).
    case fixed(Int)

    /// `.fixed(n)` for a number, `.all` for none: what an optional `--threads N` means.
    public init(_ count: Int?) { self = count.map { .fixed($0) } ?? .all }

    /// `threads: 2` reads as `.fixed(2)`.
    public init(integerLiteral count: Int) { self = .fixed(count) }

    /// The number of threads this stands for on this machine (at least 1).
    public var count: Int {
        switch self {
        case .all:
            return Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
        case .fixed(let count):
            precondition(count >= 1, "a thread count must be at least 1, got \(count)")
            return count
        }
    }

    public var description: String {
        switch self {
        case .all: "all"
        case .fixed(let count): String(count)
        }
    }
}

/// The toolkit's one parallel-for, and the maps and fills built on it.
///
/// Workers are dedicated threads rather than `DispatchQueue.concurrentPerform`, whose Linux pool
/// sizes itself from the machine's load: every worker is guaranteed a thread, so `.fixed(n)` means
/// n, and a step whose workers wait on each other cannot starve. Work is handed out in blocks of
/// consecutive indexes, in index order, to whichever worker is free; results never depend on
/// which worker ran a block, so they are the same for every thread count.
public enum Parallel {
    /// Runs `body` over `0 ..< count` cut into contiguous blocks of `blockSize` indexes, on up to
    /// `threads` workers (never more than there are blocks; one runs on the calling thread). Each
    /// worker makes its own state with `makeWorker` before its first block (a tokenizer, say,
    /// which is not thread-safe).
    ///
    /// Errors: when a block throws, no later block is started, earlier ones still run, and the
    /// error of the lowest block is rethrown, so the error does not depend on the thread count.
    ///
    /// - Complexity: the work of `body` over every index, spread over the workers, plus
    ///   O(count / blockSize) lock acquisitions.
    public static func forEachBlock<Worker, E: Error>(
        count: Int, blockSize: Int, threads: ThreadCount,
        makeWorker: @Sendable () throws(E) -> Worker,
        _ body: @Sendable (inout Worker, Range<Int>) throws(E) -> Void
    ) throws(E) {
        precondition(count >= 0 && blockSize >= 1, "a count of at least 0 and blocks of at least 1 index")
        guard count > 0 else { return }
        let blocks = (count - 1) / blockSize + 1
        @Sendable func range(_ block: Int) -> Range<Int> { (block * blockSize)..<Swift.min(count, (block + 1) * blockSize) }
        let workers = Swift.min(threads.count, blocks)
        if workers == 1 {
            var worker = try makeWorker()
            for block in 0..<blocks { try body(&worker, range(block)) }
            return
        }
        let dispenser = BlockDispenser<E>(blocks: blocks)
        withoutActuallyEscaping(makeWorker) { makeWorker in
            withoutActuallyEscaping(body) { body in
                // The threads reach the closures through `job`, which lets go of them once every
                // thread is done: a `Thread` may release its block later than that.
                let job = Job()
                job.run = {
                    var worker: Worker?
                    while let block = dispenser.next() {
                        do throws(E) {
                            if worker == nil { worker = try makeWorker() }
                            try body(&worker!, range(block))
                        } catch {
                            dispenser.fail(block, error)
                        }
                    }
                }
                onThreads(workers) { job.run?() }
                job.run = nil
            }
        }
        if let error = dispenser.firstError { throw error }
    }

    /// `transform(worker, index)` for every index of `0 ..< count`, in index order, with one
    /// `makeWorker()` state per worker (see `forEachBlock` for threads and errors).
    ///
    /// - Complexity: the work of `transform` over every index, spread over the workers.
    public static func map<Worker, Result, E: Error>(
        count: Int, threads: ThreadCount, blockSize: Int = 1,
        makeWorker: @Sendable () throws(E) -> Worker,
        _ transform: @Sendable (inout Worker, Int) throws(E) -> Result
    ) throws(E) -> [Result] {
        var slots = [Result?](repeating: nil, count: count)
        try slots.withUnsafeMutableBufferPointer { (buffer) throws(E) in
            let output = ParallelOutput(buffer)
            try forEachBlock(count: count, blockSize: blockSize, threads: threads, makeWorker: makeWorker) {
                (worker: inout Worker, range: Range<Int>) throws(E) in
                for index in range { output[index] = try transform(&worker, index) }
            }
        }
        // Every slot is filled: forEachBlock returned without an error, so every block ran.
        return slots.map { $0! }
    }

    /// `transform` of each element, results in input order, on up to `threads` workers; the
    /// error of the first failing element (by index) is rethrown.
    ///
    /// - Complexity: the work of `transform` over every element, spread over the workers.
    public static func map<Element: Sendable, Result, E: Error>(
        _ items: [Element], threads: ThreadCount, _ transform: @Sendable (Element) throws(E) -> Result
    ) throws(E) -> [Result] {
        try map(count: items.count, threads: threads, makeWorker: { () throws(E) in () }) {
            (_: inout Void, index: Int) throws(E) -> Result in try transform(items[index])
        }
    }

    /// Runs `body()` on `count` threads, this one and `count − 1` new ones, and waits for all.
    private static func onThreads(_ count: Int, _ body: @escaping @Sendable () -> Void) {
        let finished = DispatchSemaphore(value: 0)
        for _ in 1..<count {
            let thread = Thread {
                body()
                finished.signal()
            }
            thread.start()
        }
        body()
        for _ in 1..<count { finished.wait() }
    }
}

extension Array {
    /// `count` elements, `repeating` until `fill(range, output)` writes those of `range`: the
    /// ranges are contiguous, disjoint and at least `minimumChunk` long (small arrays are filled
    /// on one thread, where threads would cost more than they save), one per worker at most.
    ///
    /// - Complexity: the work of `fill` over every index, spread over up to `threads` workers.
    public init(parallelCount count: Int, repeating value: Element, threads: ThreadCount, minimumChunk: Int = 50_000,
                _ fill: @Sendable (Range<Int>, ParallelOutput<Element>) -> Void) {
        self.init(repeating: value, count: count)
        let chunk = Swift.max(1, minimumChunk, (count + threads.count - 1) / threads.count)
        withUnsafeMutableBufferPointer { buffer in
            let output = ParallelOutput(buffer)
            Parallel.forEachBlock(count: count, blockSize: chunk, threads: threads, makeWorker: {}) { _, range in
                fill(range, output)
            }
        }
    }
}

/// A buffer that parallel workers write at disjoint indexes (each index by one worker only);
/// valid only inside the call that handed it out.
public struct ParallelOutput<Element>: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutableBufferPointer<Element>

    init(_ base: UnsafeMutableBufferPointer<Element>) { self.base = base }

    @inlinable
    public subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}

/// The work of every thread of one `forEachBlock` call; written before the threads start and
/// cleared after they all finish.
private final class Job: @unchecked Sendable {
    var run: (@Sendable () -> Void)?
}

/// Hands out block numbers in order and keeps the error of the lowest failing block.
private final class BlockDispenser<E: Error>: @unchecked Sendable {
    private let lock = NSLock()
    private let blocks: Int
    private var nextBlock = 0
    private var failedBlock = Int.max
    private var error: E?

    init(blocks: Int) { self.blocks = blocks }

    /// The next block to run, or nil when all are handed out or an earlier block failed.
    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextBlock < blocks, nextBlock < failedBlock else { return nil }
        defer { nextBlock += 1 }
        return nextBlock
    }

    func fail(_ block: Int, _ error: E) {
        lock.lock()
        defer { lock.unlock() }
        if block < failedBlock { (failedBlock, self.error) = (block, error) }
    }

    var firstError: E? {
        lock.lock()
        defer { lock.unlock() }
        return error
    }
}
