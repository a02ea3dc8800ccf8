/// The n-grams of one order ≥ 2 with their counts: an open-addressing hash map from a packed key
/// (context index, last word) to a dense index, with the keys and counts in dense arrays.
///
/// Dense indexes are given in order of first insertion and never change, so the table of order
/// n + 1 can name its contexts by their index here. Entries are never removed: a count that
/// drops to zero (after `subtract`) marks an n-gram as absent.
struct CountTable: Sendable {
    /// Packed (context, word) of each dense index.
    private(set) var keys: [UInt64] = []
    /// Count of each dense index.
    var counts: [UInt32] = []
    /// Dense index + 1 of the entry in each slot (0 = empty), linear probing.
    private var slots: [UInt32]

    init(capacity: Int = 1024) {
        slots = [UInt32](repeating: 0, count: Swift.max(16, capacity * 2))
        keys.reserveCapacity(capacity)
        counts.reserveCapacity(capacity)
    }

    var count: Int { keys.count }

    /// Bytes held, for the benchmark's memory per n-gram.
    var byteCount: Int { keys.capacity * 8 + counts.capacity * 4 + slots.count * 4 }

    /// The dense index of `key`, or nil.
    @inline(__always)
    func find(_ key: UInt64) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBufferPointer { keys in
                var slot = Hashing.reduce(Hashing.mix(key), slots.count)
                while true {
                    let stored = slots[slot]
                    if stored == 0 { return nil }
                    if keys[Int(stored) - 1] == key { return Int(stored) - 1 }
                    slot += 1
                    if slot == slots.count { slot = 0 }
                }
            }
        }
    }

    /// Adds `amount` to the count of `key` (inserting it) and returns its dense index.
    @inline(__always)
    mutating func add(_ key: UInt64, _ amount: UInt32 = 1) -> Int {
        if keys.count * 2 >= slots.count { grow() }
        let capacity = slots.count
        var slot = Hashing.reduce(Hashing.mix(key), capacity)
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBufferPointer { keys in
                while true {
                    let stored = slots[slot]
                    if stored == 0 { return nil }
                    if keys[Int(stored) - 1] == key { return Int(stored) - 1 }
                    slot += 1
                    if slot == capacity { slot = 0 }
                }
            }
        }
        if let found {
            counts[found] += amount
            return found
        }
        let index = keys.count
        precondition(index < Int(UInt32.max) - 1, "more than 4 billion distinct n-grams of one order")
        keys.append(key)
        counts.append(amount)
        slots[slot] = UInt32(index + 1)
        return index
    }

    private mutating func grow() {
        var bigger = [UInt32](repeating: 0, count: slots.count * 2)
        let capacity = bigger.count
        bigger.withUnsafeMutableBufferPointer { bigger in
            for (index, key) in keys.enumerated() {
                var slot = Hashing.reduce(Hashing.mix(key), capacity)
                while bigger[slot] != 0 {
                    slot += 1
                    if slot == capacity { slot = 0 }
                }
                bigger[slot] = UInt32(index + 1)
            }
        }
        slots = bigger
    }
}
