import CriticSupport

/// The n-gram keys and the checksum of the count tables, the model index and the model file;
/// the mixing itself is `Hashing` in CriticSupport.
extension Hashing {
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
