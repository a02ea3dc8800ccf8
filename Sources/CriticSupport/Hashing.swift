/// Bit mixing for the hash tables of the package (the corpus's token interner, the language
/// models' count tables and indexes).
package enum Hashing {
    /// SplitMix64's finalizer: a bijective mix whose every output bit depends on every input bit,
    /// so that packed keys differing only in their low word bits spread over the whole table.
    @inlinable @inline(__always)
    package static func mix(_ key: UInt64) -> UInt64 {
        var z = key &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Maps a 64-bit hash onto 0 ..< range without division (Lemire's multiply-shift), so that
    /// tables need not have a power-of-two capacity.
    @inlinable @inline(__always)
    package static func reduce(_ hash: UInt64, _ range: Int) -> Int {
        Int(truncatingIfNeeded: hash.multipliedFullWidth(by: UInt64(range)).high)
    }
}
