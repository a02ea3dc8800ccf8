import CriticCorpus
import CriticSupport

/// The entries of a model in any order, as estimators and the ARPA reader produce them; turned
/// into the sorted, indexed layout of `NGramModel` by `NGramModel.init(_:)`.
struct NGramModelBuilder {
    struct Entry {
        /// Position of the context (the first n − 1 words) in `higher[n − 3]`, or its word id for
        /// bigrams.
        var context: UInt32
        var word: UInt32
        var log10Probability: Float
        var log10Weight: Float
    }

    var order: Int
    var vocabulary: Vocabulary
    var form: NGramModel.Form
    var unseenContextLog10Probability: Float = 0
    /// Threads for building the orders' hash indexes.
    var threads: ThreadCount = .all
    /// (log10 probability, log10 weight) of every word id.
    var unigrams: [(Float, Float)]
    /// `higher[n − 2]`: the entries of order n.
    var higher: [[Entry]]

    init(order: Int, vocabulary: Vocabulary, form: NGramModel.Form) {
        self.order = order
        self.vocabulary = vocabulary
        self.form = form
        unigrams = Array(repeating: (0, 0), count: vocabulary.count)
        higher = Array(repeating: [], count: order - 1)
    }
}

extension NGramModel {
    /// Sorts each order by (context, word), links contexts to their successor ranges and builds
    /// the hash indexes.
    ///
    /// - Complexity: O(total entries) plus sorting within each context's successors.
    init(_ builder: NGramModelBuilder) {
        order = builder.order
        vocabulary = builder.vocabulary
        form = builder.form
        unseenContextLog10Probability = builder.unseenContextLog10Probability
        record = nil
        var unigrams = builder.unigrams.enumerated().map {
            InnerEntry(word: UInt32($0.offset), log10Probability: $0.element.0, log10Weight: $0.element.1, firstSuccessor: 0)
        }
        unigrams.append(InnerEntry(word: 0, log10Probability: 0, log10Weight: 0, firstSuccessor: 0))
        var inner = [unigrams]
        var outer: [OuterEntry] = []
        var layouts: [(placed: [UInt64], contextOf: [UInt32])] = []
        // position in the builder's list of the previous order → index in the sorted layout
        var sortedIndex: [UInt32] = []
        for n in stride(from: 2, through: builder.order, by: 1) {
            let entries = builder.higher[n - 2]
            let parentCount = inner[n - 2].count - 1
            @inline(__always) func parent(_ entry: NGramModelBuilder.Entry) -> Int {
                n == 2 ? Int(entry.context) : Int(sortedIndex[Int(entry.context)])
            }
            var starts = [UInt32](repeating: 0, count: parentCount + 1)
            for entry in entries { starts[parent(entry) + 1] += 1 }
            for index in 0..<parentCount { starts[index + 1] += starts[index] }
            for index in 0...parentCount { inner[n - 2][index].firstSuccessor = starts[index] }
            // Bucket by context, then sort each bucket by word: word << 32 | builder position.
            var placed = [UInt64](repeating: 0, count: entries.count)
            var contextOf = [UInt32](repeating: 0, count: entries.count)
            var cursor = starts
            for (position, entry) in entries.enumerated() {
                let context = parent(entry)
                let slot = Int(cursor[context])
                placed[slot] = UInt64(entry.word) << 32 | UInt64(position)
                contextOf[slot] = UInt32(context)
                cursor[context] += 1
            }
            for context in 0..<parentCount where starts[context + 1] - starts[context] > 1 {
                placed[Int(starts[context])..<Int(starts[context + 1])].sort()
            }
            var next = [UInt32](repeating: 0, count: entries.count)
            for (slot, value) in placed.enumerated() { next[Int(value & 0xFFFF_FFFF)] = UInt32(slot) }
            if n < builder.order {
                var layer = placed.map { value -> InnerEntry in
                    let entry = entries[Int(value & 0xFFFF_FFFF)]
                    return InnerEntry(word: entry.word, log10Probability: entry.log10Probability, log10Weight: entry.log10Weight, firstSuccessor: 0)
                }
                layer.append(InnerEntry(word: 0, log10Probability: 0, log10Weight: 0, firstSuccessor: 0))
                inner.append(layer)
            } else {
                outer = placed.map { value in
                    let entry = entries[Int(value & 0xFFFF_FFFF)]
                    return OuterEntry(word: entry.word, log10Probability: entry.log10Probability)
                }
            }
            layouts.append((placed, contextOf))
            sortedIndex = next
        }
        // The orders' hash indexes are independent: built in parallel.
        let allLayouts = layouts
        let finished = [ProbeIndex](parallelCount: layouts.count, repeating: ProbeIndex(slots: [], indexBits: 0), threads: builder.threads, minimumChunk: 1) { range, indexes in
            for order in range {
                let (placed, contextOf) = allLayouts[order]
                indexes[order] = ProbeIndex(count: placed.count) { slot in
                    Hashing.key(context: contextOf[slot], word: UInt32(placed[slot] >> 32))
                }
            }
        }
        self.inner = inner
        self.outer = outer
        self.indexes = finished
    }

    /// Whether a context's successors hold the same word twice (a malformed ARPA file).
    func firstDuplicate() -> (order: Int, index: Int)? {
        for n in stride(from: 2, through: order, by: 1) {
            for context in 0..<(inner[n - 2].count - 1) {
                let range = successorRange(order: n - 1, context)
                guard range.count > 1 else { continue }
                for index in range.dropFirst() where word(order: n, index) == word(order: n, index - 1) {
                    return (n, index)
                }
            }
        }
        return nil
    }
}
