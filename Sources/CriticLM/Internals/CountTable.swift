import CriticSupport
/// The n-grams of one order ≥ 2 with their counts: an open-addressing hash map from a packed key
/// (context index, last word) to a dense index, with the keys and counts in dense arrays.
///
/// Dense indexes are given in order of first insertion and never change, so the table of order
/// n + 1 can name its contexts by their index here. Entries are never removed: a count that
/// drops to zero (after `subtract`) marks an n-gram as absent. Each slot holds the key beside
/// the index, so a probe costs one cache miss, not two.
struct CountTable: Sendable {
    struct Slot: Sendable {
        var key: UInt64
        /// Dense index + 1 (0 = empty).
        var index: UInt32
    }

    /// Packed (context, word) of each dense index.
    private(set) var keys: [UInt64] = []
    /// Count of each dense index.
    var counts: [UInt32] = []
    private var slots: [Slot]

    init(capacity: Int = 1024) {
        var size = 16
        while size * 7 < capacity * 10 { size *= 2 }
        slots = [Slot](repeating: Slot(key: 0, index: 0), count: size)
        keys.reserveCapacity(capacity)
        counts.reserveCapacity(capacity)
    }

    var count: Int { keys.count }

    /// Bytes held, for the benchmark's memory per n-gram.
    var byteCount: Int { keys.capacity * 8 + counts.capacity * 4 + slots.count * MemoryLayout<Slot>.stride }

    /// The dense index of `key`, or nil.
    @inline(__always)
    func find(_ key: UInt64) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: Hashing.mix(key)) & mask
            while true {
                let stored = slots[slot]
                if stored.index == 0 { return nil }
                if stored.key == key { return Int(stored.index) - 1 }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Adds `amount` to the count of `key` (inserting it) and returns its dense index.
    @inline(__always)
    mutating func add(_ key: UInt64, _ amount: UInt32 = 1) -> Int {
        let found: Int? = slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: Hashing.mix(key)) & mask
            while true {
                let stored = slots[slot]
                if stored.index == 0 { break }
                if stored.key == key { return Int(stored.index) - 1 }
                slot = (slot + 1) & mask
            }
            let index = keys.count
            precondition(index < Int(UInt32.max) - 1, "more than 4 billion distinct n-grams of one order")
            slots[slot] = Slot(key: key, index: UInt32(index + 1))
            return nil
        }
        if let found {
            counts.withUnsafeMutableBufferPointer { $0[found] += amount }
            return found
        }
        let index = keys.count
        keys.append(key)
        counts.append(amount)
        if keys.count * 10 > slots.count * 7 { grow() }
        return index
    }

    private mutating func grow() {
        var bigger = [Slot](repeating: Slot(key: 0, index: 0), count: slots.count * 2)
        bigger.withUnsafeMutableBufferPointer { bigger in
            let mask = bigger.count - 1
            for (index, key) in keys.enumerated() {
                var slot = Int(truncatingIfNeeded: Hashing.mix(key)) & mask
                while bigger[slot].index != 0 { slot = (slot + 1) & mask }
                bigger[slot] = Slot(key: key, index: UInt32(index + 1))
            }
        }
        slots = bigger
    }
}
