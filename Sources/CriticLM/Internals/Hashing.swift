/// Bit mixing and checksums shared by the count tables, the model index and the model file.
enum Hashing {
    /// SplitMix64's finalizer: a bijective mix whose every output bit depends on every input bit,
    /// so that packed keys differing only in their low word bits spread over the whole table.
    @inline(__always)
    static func mix(_ key: UInt64) -> UInt64 {
        var z = key &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Maps a 64-bit hash onto 0 ..< range without division (Lemire's multiply-shift), so that
    /// tables need not have a power-of-two capacity.
    @inline(__always)
    static func reduce(_ hash: UInt64, _ range: Int) -> Int {
        Int(truncatingIfNeeded: hash.multipliedFullWidth(by: UInt64(range)).high)
    }

    /// The key of an n-gram in its order's table: the index of its context (the n − 1 first words)
    /// in the table of order n − 1 (for bigrams, the first word's id) and its last word.
    @inline(__always)
    static func key(context: UInt32, word: UInt32) -> UInt64 {
        UInt64(context) << 32 | UInt64(word)
    }
}

/// FNV-1a, 64-bit (Fowler, Noll, Vo), over 8-byte words rather than bytes: the model file's
/// checksum. Folding words keeps FNV's single-bit sensitivity (every flipped bit changes the
/// state, and the odd prime multiplier never loses it) at an eighth of the byte-wise cost.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var state = value
        let words = bytes.count / 8
        for index in 0..<words {
            state = (state ^ bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) &* Self.prime
        }
        for index in (words * 8)..<bytes.count {
            state = (state ^ UInt64(bytes[index])) &* Self.prime
        }
        value = state
    }
}
