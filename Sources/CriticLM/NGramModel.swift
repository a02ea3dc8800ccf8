import CriticCorpus
import CriticSupport

/// A queryable n-gram model (orders 1 … 5) in ARPA's backoff form, whatever estimated it.
///
/// Every stored n-gram has a log10 probability (`Float`, as in ARPA and KenLM) and, below the
/// highest order, a log10 weight. Two readings of the weight (`Form`):
/// - `.backoff` (modified Kneser–Ney, ARPA files): P(w | c) is the stored probability of `c w`
///   when present, else β(c) · P(w | c′) with c′ = c minus its first word, and β(c) = 1 when c is
///   not stored. Interpolated models are exactly representable this way (β(c) = γ(c)).
/// - `.fixedContext` (MLE, add-k): the full context always decides; P(w | c) is the stored
///   probability of `c w`, else the context's weight (its probability of any unseen word), else,
///   for a context never seen, `unseenContextLog10Probability`.
///
/// Layout (KenLM's trie, indexed by hash): the entries of each order are sorted by (context
/// index, word), so that the successors of a context are one contiguous range that
/// `firstSuccessor` delimits; unigrams are indexed by word id. A compact hash index per order
/// (4-byte slots holding a fingerprint and an entry index) finds `(context, word)` in O(1).
public struct NGramModel: LanguageModel, Sendable {
    public enum Form: UInt8, Sendable { case backoff = 0, fixedContext = 1 }

    public let order: Int
    public let vocabulary: Vocabulary
    public let form: Form
    /// For `.fixedContext` models: log10 P(w | c) when c was never seen (−∞ for MLE, −log10 |V|
    /// for add-k).
    public let unseenContextLog10Probability: Float

    /// Entries of orders 1 … order − 1 (`inner[n − 1]`), each followed by one sentinel whose
    /// `firstSuccessor` closes the last range. `inner[0]` is indexed by word id.
    var inner: [[InnerEntry]]
    /// Entries of the highest order (empty when order = 1).
    var outer: [OuterEntry]
    /// Hash index of orders 2 … order (`indexes[n − 2]`).
    var indexes: [ProbeIndex]
    /// How the training text was tokenized and where it came from; saved in the binary file's
    /// metadata section. nil for models read from ARPA text or from version-1 binary files.
    public var record: ModelRecord?

    struct InnerEntry: Sendable, Equatable {
        var word: UInt32
        var log10Probability: Float
        var log10Weight: Float
        var firstSuccessor: UInt32
    }

    struct OuterEntry: Sendable, Equatable {
        var word: UInt32
        var log10Probability: Float
    }

    /// ln 10: the model stores log10 figures (as ARPA files do) and answers in natural log.
    public static let ln10 = 2.302585092994045684

    /// Number of stored n-grams of each order (1 … order).
    public var ngramCounts: [Int] {
        inner.map { $0.count - 1 } + (order > 1 ? [outer.count] : [])
    }

    /// Bytes held by the tables and indexes, vocabulary excluded.
    public var byteCount: Int {
        inner.reduce(0) { $0 + $1.count * MemoryLayout<InnerEntry>.stride } + outer.count * MemoryLayout<OuterEntry>.stride
            + indexes.reduce(0) { $0 + $1.slots.count * 4 }
    }

    // MARK: Lookup

    @inline(__always)
    func word(order n: Int, _ index: Int) -> UInt32 {
        n < order || n == 1 ? inner[n - 1][index].word : outer[index].word
    }

    @inline(__always)
    func log10Probability(order n: Int, _ index: Int) -> Float {
        n < order || n == 1 ? inner[n - 1][index].log10Probability : outer[index].log10Probability
    }

    /// The range of successors (entries of order n + 1) of entry `index` of order n < order.
    @inline(__always)
    func successorRange(order n: Int, _ index: Int) -> Range<Int> {
        inner[n - 1].withUnsafeBufferPointer { Int($0[index].firstSuccessor)..<Int($0[index + 1].firstSuccessor) }
    }

    /// The index of the n-gram (context entry `context` of order n − 1, then `word`) of order n.
    @inline(__always)
    func successor(order n: Int, context: Int, word: UInt32) -> Int? {
        let range = successorRange(order: n - 1, context)
        if range.isEmpty { return nil }
        if range.count <= 8 {
            // A short range is one or two cache lines: scanning it beats a probe.
            if n < order {
                return inner[n - 1].withUnsafeBufferPointer { entries in
                    for index in range where entries[index].word == word { return index }
                    return nil
                }
            }
            return outer.withUnsafeBufferPointer { entries in
                for index in range where entries[index].word == word { return index }
                return nil
            }
        }
        let key = Hashing.key(context: UInt32(context), word: word)
        if n < order {
            return inner[n - 1].withUnsafeBufferPointer { entries in
                indexes[n - 2].find(key, in: range) { entries[$0].word == word }
            }
        }
        return outer.withUnsafeBufferPointer { entries in
            indexes[n - 2].find(key, in: range) { entries[$0].word == word }
        }
    }

    /// The entry of `words` (1 ≤ count ≤ order), or nil when not stored.
    func locate<C: Collection>(_ words: C) -> Int? where C.Element == WordID {
        guard let first = words.first, Int(first) < vocabulary.count else { return nil }
        var index = Int(first)
        var n = 1
        for word in words.dropFirst() {
            n += 1
            guard let next = successor(order: n, context: index, word: word) else { return nil }
            index = next
        }
        return index
    }

    // MARK: Probabilities

    /// log10 P(word | context), ARPA's unit.
    public func log10Probability<C: Collection>(of word: WordID, context: C) -> Double where C.Element == WordID {
        precondition(Int(word) < vocabulary.count, "word id \(word) is outside the model's vocabulary of \(vocabulary.count)")
        let context = effectiveContext(context, order: order)
        switch form {
        case .backoff:
            var total: Double = 0
            for start in context.indices {
                let suffix = context[start...]
                guard let contextIndex = locate(suffix) else { continue }
                let n = suffix.count + 1
                if let found = successor(order: n, context: contextIndex, word: word) {
                    return total + Double(log10Probability(order: n, found))
                }
                total += Double(inner[n - 2][contextIndex].log10Weight)
            }
            return total + Double(inner[0][Int(word)].log10Probability)
        case .fixedContext:
            if context.isEmpty { return Double(inner[0][Int(word)].log10Probability) }
            guard let contextIndex = locate(context) else { return Double(unseenContextLog10Probability) }
            let n = context.count + 1
            if let found = successor(order: n, context: contextIndex, word: word) {
                return Double(log10Probability(order: n, found))
            }
            return Double(inner[n - 2][contextIndex].log10Weight)
        }
    }

    public func logProbability<C: Collection>(of word: WordID, context: C) -> Double where C.Element == WordID {
        log10Probability(of: word, context: context) * Self.ln10
    }
}

/// Open-addressing index over the entries of one order: each 4-byte slot holds the entry's index
/// + 1 in its low `indexBits` bits and the top bits of the key's hash above them, so that a probe
/// rarely touches an entry that is not the one sought.
struct ProbeIndex: Sendable, Equatable {
    var slots: [UInt32]
    var indexBits: UInt32

    /// Slots per entry: 4/3 keeps linear probing short (load 0.75) at 5.3 bytes per n-gram.
    static func capacity(for count: Int) -> Int { Swift.max(8, count + count / 3 + 1) }

    static func indexBits(for count: Int) -> UInt32 {
        var bits: UInt32 = 1
        while (1 << bits) <= count + 1 { bits += 1 }
        return bits
    }

    /// Indexes `count` entries whose keys `key(i)` gives.
    init(count: Int, key: (Int) -> UInt64) {
        indexBits = Self.indexBits(for: count)
        slots = [UInt32](repeating: 0, count: Self.capacity(for: count))
        let capacity = slots.count
        let bits = indexBits
        slots.withUnsafeMutableBufferPointer { slots in
            for index in 0..<count {
                let hash = Hashing.mix(key(index))
                var slot = Hashing.reduce(hash, capacity)
                while slots[slot] != 0 {
                    slot += 1
                    if slot == capacity { slot = 0 }
                }
                slots[slot] = Self.fingerprint(hash, bits) | UInt32(index + 1)
            }
        }
    }

    init(slots: [UInt32], indexBits: UInt32) {
        self.slots = slots
        self.indexBits = indexBits
    }

    @inline(__always)
    static func fingerprint(_ hash: UInt64, _ indexBits: UInt32) -> UInt32 {
        indexBits >= 32 ? 0 : UInt32(truncatingIfNeeded: hash >> (32 + UInt64(indexBits))) << indexBits
    }

    /// The entry whose index lies in `range` (the context's successors) and that `matches`.
    @inline(__always)
    func find(_ key: UInt64, in range: Range<Int>, matches: (Int) -> Bool) -> Int? {
        let hash = Hashing.mix(key)
        let bits = indexBits
        let fingerprint = Self.fingerprint(hash, bits)
        let mask: UInt32 = bits >= 32 ? .max : (1 << bits) - 1
        return slots.withUnsafeBufferPointer { slots in
            var slot = Hashing.reduce(hash, slots.count)
            while true {
                let stored = slots[slot]
                if stored == 0 { return nil }
                if stored & ~mask == fingerprint {
                    let index = Int(stored & mask) - 1
                    if range.contains(index) && matches(index) { return index }
                }
                slot += 1
                if slot == slots.count { slot = 0 }
            }
        }
    }
}
