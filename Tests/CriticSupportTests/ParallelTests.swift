import Foundation
import Testing
import CriticSupport

struct ParallelTests {
    struct IndexError: Error, Equatable { var index: Int }

    @Test("map keeps input order for every thread count and block size", arguments: [1, 2, 3, 8])
    func mapKeepsOrder(threads: Int) throws {
        var random = SeededGenerator(seed: UInt64(threads))
        for _ in 0..<20 {
            let count = random.nextInt(below: 300)
            let items = (0..<count).map { _ in random.nextInt(below: 1_000_000) }
            #expect(Parallel.map(items, threads: .fixed(threads)) { $0 * 3 + 1 } == items.map { $0 * 3 + 1 })
            let blockSize = 1 + random.nextInt(below: 40)
            let indexed = Parallel.map(count: count, threads: .fixed(threads), blockSize: blockSize, makeWorker: { 0 }) {
                calls, index in
                calls += 1
                return index
            }
            #expect(indexed == Array(0..<count))
        }
    }

    @Test("the error rethrown is the first by index, whatever the thread count", arguments: [1, 2, 4])
    func firstErrorByIndex(threads: Int) {
        var random = SeededGenerator(seed: 7 + UInt64(threads))
        for _ in 0..<20 {
            let count = 2 + random.nextInt(below: 200)
            let failing = Set((0..<(1 + random.nextInt(below: 5))).map { _ in random.nextInt(below: count) })
            #expect(throws: IndexError(index: failing.min()!)) {
                try Parallel.map(Array(0..<count), threads: .fixed(threads)) { (index: Int) throws(IndexError) -> Int in
                    if failing.contains(index) { throw IndexError(index: index) }
                    return index
                }
            }
        }
    }

    @Test func workerStateIsMadeOncePerWorker() {
        let made = Counter()
        _ = Parallel.map(count: 1000, threads: .fixed(3), makeWorker: { made.increment() }) { _, index in index }
        #expect((1...3).contains(made.value))
    }

    @Test func fillWritesEveryIndexOnce() {
        for threads in [1, 2, 5] {
            let filled = [Int](parallelCount: 100_003, repeating: -1, threads: .fixed(threads), minimumChunk: 1000) { range, output in
                for index in range { output[index] = index * 2 }
            }
            #expect(filled == (0..<100_003).map { $0 * 2 })
        }
    }

    @Test func threadCounts() {
        #expect(ThreadCount(nil) == .all)
        #expect(ThreadCount(3) == .fixed(3))
        #expect(ThreadCount.all.count >= 1)
        let literal: ThreadCount = 2
        #expect(literal.count == 2)
    }
}

/// A counter the workers of a test bump.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
