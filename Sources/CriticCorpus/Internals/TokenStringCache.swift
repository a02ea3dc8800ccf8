/// A direct-mapped cache from the bytes of short tokens to their Strings.
///
/// Word frequencies follow Zipf's law, so most tokens of a review were seen moments ago: decoding
/// (validating) their bytes into a new String every time costs more than hashing them and
/// comparing two words. Tokens of 1–16 bytes are cached; a slot's previous token is simply
/// replaced on a collision, so the cache never holds more than `slotCount` entries.
///
/// A final class over raw storage rather than a struct of arrays: the hot path then pays neither
/// copy-on-write uniqueness checks nor dynamic exclusivity checks. Not thread-safe (one per
/// tokenizer).
final class TokenStringCache {
    /// 2,048 slots of 48 bytes (96 KB) stay in a core's L2 cache; the most frequent couple of
    /// thousand words already make up most of the running text.
    private static let slotBits = 11
    static let slotCount = 1 << slotBits

    /// One cache line holds a slot: the token's bytes zero-padded to two words, its length (0 for
    /// an empty slot) and its String.
    private struct Slot {
        var first: UInt64 = 0
        var second: UInt64 = 0
        var string = ""
        var length: UInt8 = 0
    }

    private let slots: UnsafeMutablePointer<Slot>

    init() {
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: Slot(), count: Self.slotCount)
    }

    deinit {
        slots.deinitialize(count: Self.slotCount)
        slots.deallocate()
    }

    /// The String of the UTF-8 `bytes` (which must be valid UTF-8).
    ///
    /// - Complexity: O(1) for tokens of up to 16 bytes, O(n) otherwise.
    @inline(__always)
    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let count = bytes.count
        guard count > 0, count <= 16, let base = bytes.baseAddress else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var key: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &key) { $0.baseAddress!.copyMemory(from: base, byteCount: count) }
        // Multiplicative hashing of both words and the length; the top bits pick the slot.
        let hash = (key.0 &* 0x9E37_79B9_7F4A_7C15) ^ (key.1 &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)
        let index = Int(truncatingIfNeeded: (hash &* 0x1656_67B1_9E37_79F9) >> UInt64(64 - Self.slotBits))
        let slot = slots + index
        if slot.pointee.length == UInt8(count), slot.pointee.first == key.0, slot.pointee.second == key.1 {
            return slot.pointee.string
        }
        let string = String(decoding: bytes, as: UTF8.self)
        slot.pointee = Slot(first: key.0, second: key.1, string: string, length: UInt8(count))
        return string
    }
}
