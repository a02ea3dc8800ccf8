import Dispatch
import Foundation

/// `transform` applied to each element on up to `threads` threads (0: every processor), results
/// in input order; the first error thrown (by index) is rethrown.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], threads: Int = 0,
                                           _ transform: @Sendable (T) throws -> R) throws -> [R] {
    let workers = Swift.max(1, Swift.min(threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount, items.count))
    if workers == 1 { return try items.map(transform) }
    let results = ResultSlots<R>(count: items.count)
    let next = AtomicCounter()
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let index = next.increment()
            if index >= items.count { return }
            results.set(index, Result { try transform(items[index]) })
        }
    }
    return try results.values.map { try $0!.get() }
}

/// One slot per item, each written by exactly one worker.
private final class ResultSlots<R>: @unchecked Sendable {
    private(set) var values: [Result<R, Error>?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Result<R, Error>) { values.withUnsafeMutableBufferPointer { $0[index] = value } }
}

private final class AtomicCounter: @unchecked Sendable {
    private var value = -1
    private let lock = NSLock()
    func increment() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}
