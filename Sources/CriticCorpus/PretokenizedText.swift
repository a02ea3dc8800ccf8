import CriticSupport
/// Reads pre-tokenized text as KenLM's lmplz does: one review per line, tokens separated by
/// spaces or tabs, no other processing. Tokens are interned straight from their UTF-8 bytes (no
/// `String` per occurrence), which makes this the fast path of `--pretokenized` training.
public enum PretokenizedText {
    /// The vocabulary (first-appearance order, reserved tokens first, words seen fewer than
    /// `minCount` times mapped to `<unk>`) and each line's word ids.
    ///
    /// - Complexity: O(bytes) expected.
    public static func encode<S: Sequence>(lines: S, minCount: Int = 1) -> (vocabulary: Vocabulary, sequences: [[WordID]]) where S.Element: StringProtocol {
        var interner = ByteInterner()
        var sequences: [[WordID]] = []
        for line in lines {
            var line = String(line)
            sequences.append(line.withUTF8 { interner.encodeLine($0) })
        }
        return interner.finish(sequences, minCount: minCount)
    }

    /// The same from the bytes of a whole file (lines end with `\n`; a final line without one
    /// counts; a trailing empty line does not).
    public static func encode(bytes: [UInt8], minCount: Int = 1) -> (vocabulary: Vocabulary, sequences: [[WordID]]) {
        var interner = ByteInterner()
        var sequences: [[WordID]] = []
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                var end = start
                while end < buffer.count && buffer[end] != 0x0A { end += 1 }
                sequences.append(interner.encodeLine(UnsafeBufferPointer(rebasing: buffer[start..<end])))
                start = end + 1
            }
        }
        return interner.finish(sequences, minCount: minCount)
    }
}

/// Token bytes → dense id, first appearance first.
private struct ByteInterner {
    var arena: [UInt8] = []
    var ends: [Int] = []       // arena end of each id's bytes
    var counts: [UInt64] = []
    var hashes: [UInt64] = []
    var slots = [UInt32](repeating: 0, count: 1 << 16)  // id + 1, linear probing

    init() {
        for token in [Vocabulary.unknownToken, Vocabulary.beginToken, Vocabulary.endToken] {
            _ = Array(token.utf8).withUnsafeBufferPointer { intern($0, count: 0) }
        }
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var state: UInt64 = UInt64(bytes.count)
        var index = 0
        while index + 8 <= bytes.count {
            state = Hashing.mix(state ^ UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        return Hashing.mix(state ^ tail ^ 0x5555)
    }

    @inline(__always)
    mutating func intern(_ token: UnsafeBufferPointer<UInt8>, count amount: UInt64 = 1) -> WordID {
        let hash = Self.hash(token)
        var slot = Hashing.reduce(hash, slots.count)
        while true {
            let stored = slots[slot]
            if stored == 0 { break }
            let id = Int(stored) - 1
            if hashes[id] == hash {
                let start = id == 0 ? 0 : ends[id - 1]
                if ends[id] - start == token.count && arena.withUnsafeBufferPointer({ memcmpEqual($0.baseAddress! + start, token.baseAddress, token.count) }) {
                    counts[id] += amount
                    return WordID(id)
                }
            }
            slot += 1
            if slot == slots.count { slot = 0 }
        }
        let id = ends.count
        arena.append(contentsOf: token)
        ends.append(arena.count)
        counts.append(amount)
        hashes.append(hash)
        slots[slot] = UInt32(id + 1)
        if ends.count * 2 > slots.count { grow() }
        return WordID(id)
    }

    mutating func grow() {
        var bigger = [UInt32](repeating: 0, count: slots.count * 2)
        for (id, hash) in hashes.enumerated() {
            var slot = Hashing.reduce(hash, bigger.count)
            while bigger[slot] != 0 { slot = slot + 1 == bigger.count ? 0 : slot + 1 }
            bigger[slot] = UInt32(id + 1)
        }
        slots = bigger
    }

    mutating func encodeLine(_ line: UnsafeBufferPointer<UInt8>) -> [WordID] {
        var ids: [WordID] = []
        var index = 0
        while index < line.count {
            while index < line.count && (line[index] == 0x20 || line[index] == 0x09 || line[index] == 0x0D) { index += 1 }
            let start = index
            while index < line.count && line[index] != 0x20 && line[index] != 0x09 && line[index] != 0x0D { index += 1 }
            if index > start { ids.append(intern(UnsafeBufferPointer(rebasing: line[start..<index]))) }
        }
        return ids
    }

    func token(_ id: Int) -> String {
        let start = id == 0 ? 0 : ends[id - 1]
        return String(decoding: arena[start..<ends[id]], as: UTF8.self)
    }

    /// The vocabulary, and the sequences re-encoded when the min-count cut-off changed ids.
    func finish(_ sequences: [[WordID]], minCount: Int) -> (vocabulary: Vocabulary, sequences: [[WordID]]) {
        let tokens = (0..<ends.count).map(token)
        if Vocabulary.keepsEveryWord(minCount: minCount) {
            let reserved = Vocabulary.reservedCount
            let vocabulary = Vocabulary(tokens: tokens[reserved...], counts: Array(counts[reserved...]))
            var withReserved = vocabulary
            for id in 0..<reserved { withReserved.addCount(counts[id], to: WordID(id)) }
            return (withReserved, sequences)
        }
        var tally: [String: UInt64] = [:]
        for (token, count) in zip(tokens, counts) { tally[token] = count }
        let vocabulary = Vocabulary(order: Array(tokens[Vocabulary.reservedCount...]), tally: tally, minCount: minCount)
        let remap = tokens.map { vocabulary.id(of: $0) }
        return (vocabulary, sequences.map { $0.map { remap[Int($0)] } })
    }
}

@inline(__always)
private func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
    guard let b else { return count == 0 }
    for index in 0..<count where a[index] != b[index] { return false }
    return true
}
