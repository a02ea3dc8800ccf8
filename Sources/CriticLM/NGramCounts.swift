import CriticCorpus
import CriticSupport

/// Counts of every n-gram of orders 1 … `order` in a set of sequences, keyed by word ids.
///
/// Each sequence is counted as `<s> w₁ … wₙ </s>`: `<s>` is never predicted, `</s>` always is.
/// This is KenLM's convention, and equivalent to the lecture's `<s> <s> w₁ … wₙ </s>` padding: a
/// context made only of `<s>` is the same event whatever its length, so `P(w₁ | <s> <s>)` is
/// `P(w₁ | <s>)`, and we store the shorter n-gram once rather than duplicating it at every order.
///
/// Storage: unigram counts in an array indexed by word id; each order n ≥ 2 in a hash table whose
/// key packs the dense index of the n-gram's context (its first n − 1 words) in the table of
/// order n − 1 with its last word, so that any order fits a 64-bit key.
///
/// Counts are additive, for cross-validation over one shared `Vocabulary`: `add(sequence:)`,
/// `merge(_:)` and `subtract(_:)` (removing a held-out fold that was added before). An n-gram
/// whose count falls to zero is absent.
public struct NGramCounts: Sendable {
    /// The highest order counted (1 … 5).
    public let order: Int
    /// Raw count of each word id (index); `<s>` counts the sequences.
    public internal(set) var unigramCounts: [UInt64] = []
    /// `tables[n - 2]` holds the n-grams of order n.
    var tables: [CountTable]
    /// Number of sequences added (minus those subtracted).
    public internal(set) var sequenceCount: UInt64 = 0
    /// Number of predicted tokens: words and `</s>`, not `<s>`.
    public internal(set) var tokenCount: UInt64 = 0

    public static let supportedOrders = 1...5

    /// An empty table for n-grams up to `order`.
    public init(order: Int = 3) throws(LanguageModelError) {
        guard Self.supportedOrders.contains(order) else { throw .unsupportedOrder(order) }
        self.order = order
        tables = (2..<(order + 1)).map { _ in CountTable() }
    }

    /// Counts one sequence, wrapped in `<s>` … `</s>`.
    ///
    /// - Complexity: O(n · order) expected for n words.
    public mutating func add<C: Collection<WordID>>(sequence words: C) {
        var largest = Vocabulary.endID
        for word in words where word > largest { largest = word }
        if Int(largest) >= unigramCounts.count {
            unigramCounts.append(contentsOf: repeatElement(0, count: Swift.max(Int(largest) + 1, unigramCounts.count * 2) - unigramCounts.count))
        }
        let order = self.order
        unigramCounts.withUnsafeMutableBufferPointer { unigrams in
            tables.withUnsafeMutableBufferPointer { tables in
                // previous[k]: index of the (k+1)-gram ending at the previous token (k = 0: its id);
                // current[k]: the same for the token being counted.
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 10) { buffer in
                    var previous = buffer.baseAddress!, current = previous + 5
                    previous[0] = Int(Vocabulary.beginID)
                    unigrams[Int(Vocabulary.beginID)] += 1
                    var available = 1  // previous n-gram lengths that exist
                    @inline(__always) func step(_ word: WordID) {
                        unigrams[Int(word)] += 1
                        current[0] = Int(word)
                        let longest = Swift.min(order - 1, available)
                        var length = 1
                        while length <= longest {
                            current[length] = tables[length - 1].add(Hashing.key(context: UInt32(truncatingIfNeeded: previous[length - 1]), word: word))
                            length += 1
                        }
                        swap(&previous, &current)
                        available = Swift.min(available + 1, order - 1)
                    }
                    for word in words { step(word) }
                    step(Vocabulary.endID)
                }
            }
        }
        sequenceCount += 1
        tokenCount += UInt64(words.count) + 1
    }

    /// Adds `count` occurrences of one n-gram (1 ≤ length ≤ order) and nothing else: for tables
    /// built by hand. Its prefixes are created with count 0 when absent.
    public mutating func add(_ ngram: [WordID], count: UInt64 = 1) {
        precondition(!ngram.isEmpty && ngram.count <= order, "an n-gram of length 1...\(order)")
        if ngram.count == 1 {
            bump(ngram[0], count)
            if ngram[0] != Vocabulary.beginID { tokenCount += count }
            return
        }
        bump(ngram[0], 0)
        var context = Int(ngram[0])
        for length in 2...ngram.count {
            let amount = length == ngram.count ? UInt32(count) : 0
            context = tables[length - 2].add(Hashing.key(context: UInt32(context), word: ngram[length - 1]), amount)
        }
    }

    @inline(__always)
    private mutating func bump(_ word: WordID, _ amount: UInt64) {
        let index = Int(word)
        if index >= unigramCounts.count {
            unigramCounts.append(contentsOf: repeatElement(0, count: Swift.max(index + 1, unigramCounts.count * 2) - unigramCounts.count))
        }
        unigramCounts[index] += amount
    }

    /// The raw count of `ngram` (0 when absent).
    public func count(of ngram: some Collection<WordID>) -> UInt64 {
        guard let (length, index) = locate(ngram) else { return 0 }
        return length == 1 ? unigramCounts[index] : UInt64(tables[length - 2].counts[index])
    }

    /// (length, dense index) of `ngram` in its table, if stored.
    func locate(_ ngram: some Collection<WordID>) -> (Int, Int)? {
        guard let first = ngram.first, !ngram.isEmpty, ngram.count <= order else { return nil }
        guard Int(first) < unigramCounts.count else { return nil }
        var index = Int(first)
        var length = 1
        for word in ngram.dropFirst() {
            guard let next = tables[length - 1].find(Hashing.key(context: UInt32(index), word: word)) else { return nil }
            index = next
            length += 1
        }
        return (length, index)
    }

    /// Number of distinct n-grams of order `n` with a non-zero count.
    public func distinctCount(order n: Int) -> Int {
        precondition((1...order).contains(n))
        if n == 1 { return unigramCounts.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }
        return tables[n - 2].counts.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
    }

    /// Calls `body` with each n-gram of order `n` that has a non-zero count, and its count, in
    /// order of first insertion.
    public func forEachNGram(order n: Int, _ body: ([WordID], UInt64) -> Void) {
        precondition((1...order).contains(n))
        if n == 1 {
            for (id, count) in unigramCounts.enumerated() where count > 0 { body([WordID(id)], count) }
            return
        }
        var words = [WordID](repeating: 0, count: n)
        for index in 0..<tables[n - 2].count where tables[n - 2].counts[index] > 0 {
            decode(order: n, index: index, into: &words)
            body(words, UInt64(tables[n - 2].counts[index]))
        }
    }

    /// Writes the words of entry `index` of order `n` into `words[0..<n]`.
    func decode(order n: Int, index: Int, into words: inout [WordID]) {
        var current = index
        for length in stride(from: n, to: 1, by: -1) {
            let key = tables[length - 2].keys[current]
            words[length - 1] = WordID(truncatingIfNeeded: key)
            current = Int(key >> 32)
        }
        words[0] = WordID(current)
    }

    /// Bytes held by the tables (for the benchmark's memory per n-gram).
    public var byteCount: Int { unigramCounts.capacity * 8 + tables.reduce(0) { $0 + $1.byteCount } }
}

// MARK: - Additivity

extension NGramCounts {
    /// Adds every count of `other` (same order, ids from the same vocabulary).
    ///
    /// - Complexity: O(distinct n-grams of `other`) expected.
    public mutating func merge(_ other: NGramCounts) {
        precondition(other.order == order, "merging counts of order \(other.order) into order \(order)")
        for (id, count) in other.unigramCounts.enumerated() where count > 0 { bump(WordID(id), count) }
        var map: [Int] = []  // other's dense index at the previous order → ours
        for n in stride(from: 2, through: order, by: 1) {
            let theirs = other.tables[n - 2]
            var next = [Int](repeating: 0, count: theirs.count)
            for index in 0..<theirs.count {
                let key = theirs.keys[index]
                let context = n == 2 ? Int(key >> 32) : map[Int(key >> 32)]
                next[index] = tables[n - 2].add(Hashing.key(context: UInt32(context), word: WordID(truncatingIfNeeded: key)), theirs.counts[index])
            }
            map = next
        }
        sequenceCount += other.sequenceCount
        tokenCount += other.tokenCount
    }

    /// Removes every count of `other`, which must have been added to these counts before (a
    /// held-out fold).
    ///
    /// - Complexity: O(distinct n-grams of `other`) expected.
    public mutating func subtract(_ other: NGramCounts) {
        precondition(other.order == order, "subtracting counts of order \(other.order) from order \(order)")
        for (id, count) in other.unigramCounts.enumerated() where count > 0 {
            precondition(id < unigramCounts.count && unigramCounts[id] >= count, "subtracting counts that were never added")
            unigramCounts[id] -= count
        }
        var map: [Int] = []
        for n in stride(from: 2, through: order, by: 1) {
            let theirs = other.tables[n - 2]
            var next = [Int](repeating: -1, count: theirs.count)
            for index in 0..<theirs.count {
                let key = theirs.keys[index]
                let context = n == 2 ? Int(key >> 32) : map[Int(key >> 32)]
                let amount = theirs.counts[index]
                guard context >= 0,
                      let ours = tables[n - 2].find(Hashing.key(context: UInt32(context), word: WordID(truncatingIfNeeded: key))) else {
                    precondition(amount == 0, "subtracting an n-gram that was never added")
                    continue
                }
                precondition(tables[n - 2].counts[ours] >= amount, "subtracting more occurrences than were added")
                tables[n - 2].counts[ours] -= amount
                next[index] = ours
            }
            map = next
        }
        sequenceCount -= other.sequenceCount
        tokenCount -= other.tokenCount
    }
}
