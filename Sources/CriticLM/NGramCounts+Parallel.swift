import CriticCorpus
import CriticSupport
import Foundation

extension NGramCounts {
    /// Counts `sequences` on up to `threads` threads as a pipeline over the
    /// orders: each thread owns the tables of some orders and reads, for its lowest order, the
    /// index of each position's context from the thread below it, chunk by chunk. No table is
    /// shared and none is merged, so the result is identical, dense indexes included, to
    /// counting the sequences one by one (sharding reviews and merging tables costs as much as
    /// the counting it parallelizes: every n-gram is hashed twice).
    ///
    /// - Complexity: O(total tokens · order) expected work.
    public static func counting(_ sequences: [[WordID]], order: Int = 3, threads: ThreadCount = .all) throws(LanguageModelError) -> NGramCounts {
        var counts = try NGramCounts(order: order)
        let stageCount = Swift.max(1, Swift.min(threads.count, order - 1))
        let tokenTotal = sequences.reduce(0) { $0 + $1.count + 2 }
        if stageCount == 1 || sequences.count < 2 {
            for sequence in sequences { counts.add(sequence: sequence) }
            return counts
        }
        // Orders 2 … order split into contiguous groups, one per stage.
        let tableCount = order - 1
        let groups = (0..<stageCount).map { stage in
            (2 + stage * tableCount / stageCount)..<(2 + (stage + 1) * tableCount / stageCount)
        }
        let starts: [Int] = {
            var starts = [Int](repeating: 0, count: sequences.count + 1)
            for (index, sequence) in sequences.enumerated() { starts[index + 1] = starts[index] + sequence.count + 2 }
            return starts
        }()
        let largest = sequences.reduce(Vocabulary.endID) { Swift.max($0, $1.max() ?? 0) }
        let chunkCount = Swift.min(64, sequences.count)
        let chunkBounds = (0...chunkCount).map { $0 * sequences.count / chunkCount }
        // handoff[s]: for stage s + 1, the index of the (lowest order of stage s + 1 − 1)-gram
        // ending at each position (−1 when the position has too little history).
        let handoff = Handoff(count: stageCount - 1, capacity: tokenTotal)
        let ready = (0..<(stageCount - 1)).map { _ in DispatchSemaphore(value: 0) }
        let results = StageResults(count: stageCount)
        let unigramCount = Int(largest) + 1

        @Sendable func runStage(_ stage: Int) {
            let orders = groups[stage]
            var tables = orders.map { _ in CountTable() }
            var unigrams = stage == 0 ? [UInt64](repeating: 0, count: unigramCount) : []
            let input = stage > 0 ? handoff.buffers[stage - 1] : nil
            let output = stage < stageCount - 1 ? handoff.buffers[stage] : nil
            let lowest = orders.lowerBound
            var previous = [Int](repeating: -1, count: orders.count), current = previous
            for chunk in 0..<chunkCount {
                if stage > 0 { ready[stage - 1].wait() }
                for sequenceIndex in chunkBounds[chunk]..<chunkBounds[chunk + 1] {
                    let sequence = sequences[sequenceIndex]
                    var position = starts[sequenceIndex]
                    for slot in previous.indices { previous[slot] = -1 }
                    if stage == 0 { unigrams[Int(Vocabulary.beginID)] += 1 }
                    output?[position] = lowest + orders.count - 1 == 1 ? Int32(Vocabulary.beginID) : -1
                    var previousWord = Int(Vocabulary.beginID)
                    func step(_ word: WordID) {
                        position += 1
                        if stage == 0 { unigrams[Int(word)] += 1 }
                        // context of the lowest order: the (lowest − 1)-gram ending at the previous position
                        let context = stage == 0 ? previousWord : Int(input![position - 1])
                        for slot in 0..<orders.count {
                            let contextIndex = slot == 0 ? context : previous[slot - 1]
                            current[slot] = contextIndex < 0 ? -1
                                : tables[slot].add(Hashing.key(context: UInt32(truncatingIfNeeded: contextIndex), word: word))
                        }
                        output?[position] = Int32(truncatingIfNeeded: current[orders.count - 1])
                        swap(&previous, &current)
                        previousWord = Int(word)
                    }
                    for word in sequence { step(word) }
                    step(Vocabulary.endID)
                }
                if stage < stageCount - 1 { ready[stage].signal() }
            }
            results.set(stage, tables: tables, unigrams: unigrams)
        }

        let finished = DispatchGroup()
        for stage in 1..<stageCount {
            finished.enter()
            let thread = Thread {
                runStage(stage)
                finished.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        runStage(0)
        finished.wait()
        for stage in 0..<stageCount {
            let (tables, unigrams) = results.take(stage)
            if stage == 0 { counts.unigramCounts = unigrams }
            for (slot, n) in groups[stage].enumerated() { counts.tables[n - 2] = tables[slot] }
        }
        counts.sequenceCount = UInt64(sequences.count)
        counts.tokenCount = UInt64(tokenTotal - sequences.count)
        return counts
    }
}

/// The positions' context indexes passed from one stage to the next; each element is written
/// by one stage before the semaphore that lets the next stage read it is signalled.
private final class Handoff: @unchecked Sendable {
    let buffers: [UnsafeMutableBufferPointer<Int32>]
    init(count: Int, capacity: Int) { buffers = (0..<count).map { _ in .allocate(capacity: capacity) } }
    deinit { buffers.forEach { $0.deallocate() } }
}

/// One slot per stage, each written by exactly one thread before the group is left.
private final class StageResults: @unchecked Sendable {
    private var values: [([CountTable], [UInt64])]
    init(count: Int) { values = Array(repeating: ([], []), count: count) }
    func set(_ index: Int, tables: [CountTable], unigrams: [UInt64]) { values[index] = (tables, unigrams) }
    func take(_ index: Int) -> ([CountTable], [UInt64]) { values[index] }
}
