#if canImport(Glibc)
import Glibc
#endif
import CriticCorpus
import Dispatch

extension NGramCounts {
    /// Counts `sequences` on `threads` threads: each counts a contiguous shard into its own
    /// tables, then the shards are merged in order (so the result is the same for any number of
    /// threads, up to the order of first insertion, which nothing observable depends on).
    ///
    /// - Complexity: O(total tokens · order) expected work.
    public static func counting(_ sequences: [[WordID]], order: Int = 3, threads: Int = 0) throws(LanguageModelError) -> NGramCounts {
        let empty = try NGramCounts(order: order)
        let threadCount = Swift.max(1, Swift.min(threads > 0 ? threads : ProcessInfoLite.activeProcessorCount, sequences.count / 64 + 1))
        if threadCount == 1 {
            var counts = empty
            for sequence in sequences { counts.add(sequence: sequence) }
            return counts
        }
        // Shards of equal token counts, not of equal review counts: reviews differ in length.
        let total = sequences.reduce(0) { $0 + $1.count + 1 }
        var bounds = [0]
        var running = 0
        for (index, sequence) in sequences.enumerated() {
            running += sequence.count + 1
            if running * threadCount >= total * bounds.count, bounds.count < threadCount { bounds.append(index + 1) }
        }
        while bounds.count < threadCount { bounds.append(sequences.count) }
        bounds.append(sequences.count)
        let shardBounds = bounds
        let shards = ShardBox(count: threadCount, initial: empty)
        DispatchQueue.concurrentPerform(iterations: threadCount) { shard in
            var counts = empty
            for index in shardBounds[shard]..<shardBounds[shard + 1] { counts.add(sequence: sequences[index]) }
            shards.set(shard, counts)
        }
        var result = shards.take(0)
        for shard in 1..<threadCount { result.merge(shards.take(shard)) }
        return result
    }
}

/// One slot per shard, each written by exactly one thread of `concurrentPerform`.
private final class ShardBox: @unchecked Sendable {
    private var values: [NGramCounts]
    init(count: Int, initial: NGramCounts) { values = Array(repeating: initial, count: count) }
    func set(_ index: Int, _ value: NGramCounts) { values.withUnsafeMutableBufferPointer { $0[index] = value } }
    func take(_ index: Int) -> NGramCounts { values[index] }
}

enum ProcessInfoLite {
    static var activeProcessorCount: Int {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 2
        #endif
    }
}
