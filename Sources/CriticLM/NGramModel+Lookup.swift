import CriticSupport
/// Raw views of a model's tables for the scoring loop: the same lookups as `NGramModel`'s, without
/// an array access (and its bounds and ownership checks) per step. Valid only inside
/// `withLookup(_:)`.
struct NGramLookup {
    let order: Int
    /// `inner[n − 1]`: entries of order n < order (with the sentinel); `inner[0]` for unigrams.
    let inner: UnsafePointer<UnsafeBufferPointer<NGramModel.InnerEntry>>
    let outer: UnsafeBufferPointer<NGramModel.OuterEntry>
    /// `slots[n − 2]`, `indexBits[n − 2]`: the hash index of order n ≥ 2.
    let slots: UnsafePointer<UnsafeBufferPointer<UInt32>>
    let indexBits: UnsafePointer<UInt32>

    @inline(__always)
    func log10Probability(order n: Int, _ index: Int) -> Float {
        n < order || n == 1 ? inner[n - 1][index].log10Probability : outer[index].log10Probability
    }

    @inline(__always)
    func log10Weight(order n: Int, _ index: Int) -> Float { inner[n - 1][index].log10Weight }

    /// The entry of order n that follows context entry `context` (order n − 1) with `word`.
    @inline(__always)
    func successor(order n: Int, context: Int, word: UInt32) -> Int? {
        let parents = inner[n - 2]
        let low = Int(parents[context].firstSuccessor), high = Int(parents[context + 1].firstSuccessor)
        if low == high { return nil }
        let isInner = n < order
        if high - low <= 8 {
            // A short range is one or two cache lines: scanning it beats a probe.
            if isInner {
                let entries = inner[n - 1]
                for index in low..<high where entries[index].word == word { return index }
            } else {
                for index in low..<high where outer[index].word == word { return index }
            }
            return nil
        }
        let hash = Hashing.mix(Hashing.key(context: UInt32(truncatingIfNeeded: context), word: word))
        let bits = indexBits[n - 2]
        let fingerprint = ProbeIndex.fingerprint(hash, bits)
        let mask: UInt32 = bits >= 32 ? .max : (1 << bits) - 1
        let table = slots[n - 2]
        var slot = Hashing.reduce(hash, table.count)
        while true {
            let stored = table[slot]
            if stored == 0 { return nil }
            if stored & ~mask == fingerprint {
                let index = Int(stored & mask) - 1
                if index >= low && index < high && (isInner ? inner[n - 1][index].word : outer[index].word) == word { return index }
            }
            slot += 1
            if slot == table.count { slot = 0 }
        }
    }
}

extension NGramModel {
    /// Calls `body` with raw views of the tables, valid for the duration of the call.
    func withLookup<R>(_ body: (NGramLookup) -> R) -> R {
        let innerCount = inner.count, indexCount = indexes.count
        return withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<InnerEntry>.self, capacity: innerCount) { innerViews in
            withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<UInt32>.self, capacity: Swift.max(1, indexCount)) { slotViews in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Swift.max(1, indexCount)) { bits in
                    for (index, probe) in indexes.enumerated() { bits[index] = probe.indexBits }
                    // Nest one withUnsafeBufferPointer per array so that every view stays valid.
                    func nestInner(_ k: Int) -> R {
                        if k == innerCount { return nestSlots(0) }
                        return inner[k].withUnsafeBufferPointer { view in
                            innerViews.baseAddress!.advanced(by: k).initialize(to: view)
                            return nestInner(k + 1)
                        }
                    }
                    func nestSlots(_ k: Int) -> R {
                        if k == indexCount {
                            return outer.withUnsafeBufferPointer { outerView in
                                body(NGramLookup(order: order, inner: UnsafePointer(innerViews.baseAddress!), outer: outerView,
                                                 slots: UnsafePointer(slotViews.baseAddress!), indexBits: UnsafePointer(bits.baseAddress!)))
                            }
                        }
                        return indexes[k].slots.withUnsafeBufferPointer { view in
                            slotViews.baseAddress!.advanced(by: k).initialize(to: view)
                            return nestSlots(k + 1)
                        }
                    }
                    return nestInner(0)
                }
            }
        }
    }
}
