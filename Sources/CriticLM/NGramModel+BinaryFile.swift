import CriticCorpus
import CriticSupport
import Foundation

/// The binary model file: loaded with one read and no text parsing.
///
///     magic "CRITICLM" · format version (UInt32) · header · metadata · vocabulary · tables ·
///     indexes · FNV-1a 64 checksum of everything before it
///
/// The metadata section (version 2 on) is the model's `ModelRecord` as JSON: its length
/// (UInt64, 0 when the model records nothing), then the bytes. Version-1 files, which have no
/// metadata section, still load (with `record == nil`).
///
/// All integers and floats are little-endian; sections are 8-byte aligned. The file is written
/// to a temporary name and renamed, so a crash never leaves a half-written model under the real
/// name; a truncated, corrupted or foreign file fails the size, checksum or structure checks with
/// a message naming the file.
extension NGramModel {
    public static let magic = Array("CRITICLM".utf8)
    public static let binaryFormatVersion: UInt32 = 2
    /// Versions this build reads: 1 (no metadata section) and the current one.
    static let readableVersions: ClosedRange<UInt32> = 1...2
    /// The first bytes of every binary model file, to tell it from ARPA text.
    public static var binaryMagic: [UInt8] { magic }

    /// The model in the binary format.
    public func binaryData() -> [UInt8] {
        var writer = BinaryWriter()
        writer.append(bytes: Self.magic)
        writer.append(Self.binaryFormatVersion)
        writer.append(UInt32(order))
        writer.append(UInt32(form.rawValue))
        writer.append(unseenContextLog10Probability)
        let metadata = record?.encoded() ?? []
        writer.append(UInt64(metadata.count))
        writer.append(bytes: metadata)
        // vocabulary: counts, token end offsets, UTF-8 bytes
        var text: [UInt8] = []
        var ends: [UInt32] = []
        for token in vocabulary.tokens {
            text.append(contentsOf: token.utf8)
            ends.append(UInt32(text.count))
        }
        writer.append(UInt64(vocabulary.count))
        writer.append(UInt64(text.count))
        writer.append(array: vocabulary.counts)
        writer.append(array: ends)
        writer.append(bytes: text)
        for layer in inner {
            writer.append(UInt64(layer.count))
            writer.append(array: layer)
        }
        writer.append(UInt64(outer.count))
        writer.append(array: outer)
        for index in indexes {
            writer.append(UInt64(index.slots.count))
            writer.append(UInt64(index.indexBits))
            writer.append(array: index.slots)
        }
        var checksum = FNV1a64()
        writer.bytes.withUnsafeBytes { checksum.combine($0) }
        writer.append(checksum.value)
        return writer.bytes
    }

    /// Writes the model with `AtomicFile`: it replaces a file at `path` only once it has been
    /// read back whole.
    public func save(to path: String) throws(LanguageModelError) {
        do {
            try AtomicFile.write(Data(binaryData()), to: path) { written in _ = try NGramModel.load(from: written) }
        } catch {
            throw .io(path: path, message: "cannot write the model: \(error.reason)")
        }
    }

    /// Whether the file at `path` is a binary model file (it starts with the magic bytes).
    public static func isBinaryModelFile(at path: String) -> Bool {
        OutputTarget.file(path, startsWith: Data(magic))
    }

    /// Loads a model written by `save(to:)`.
    public static func load(from path: String) throws(LanguageModelError) -> NGramModel {
        switch InputFile.read(path) {
        case .success(let bytes): return try NGramModel(binary: bytes, path: path)
        case .failure(let problem): throw .io(path: path, message: "\(problem) (give a model file written by `critic train`)")
        }
    }

    /// Reads the binary format; `path` names the source in error messages.
    public init(binary bytes: [UInt8], path: String = "<model>") throws(LanguageModelError) {
        func corrupt(_ reason: String) -> LanguageModelError { .corruptModel(path: path, reason: reason) }
        guard bytes.count >= 16, Array(bytes[0..<8]) == Self.magic else { throw corrupt("it does not start with the CRITICLM magic bytes (is it an ARPA file? those are text, read by the ARPA reader)") }
        var reader = BinaryReader(bytes: bytes)
        reader.offset = 8
        let version: UInt32 = try reader.read(or: corrupt("truncated header"))
        guard Self.readableVersions.contains(version) else {
            throw corrupt("format version \(version), but this critic reads versions \(Self.readableVersions.lowerBound)–\(Self.readableVersions.upperBound) (was it written by a newer critic?)")
        }
        guard bytes.count >= 24 else { throw corrupt("truncated header") }
        var checksum = FNV1a64()
        bytes.withUnsafeBytes { checksum.combine(UnsafeRawBufferPointer(rebasing: $0[0..<(bytes.count - 8)])) }
        let stored = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self) }
        guard UInt64(littleEndian: stored) == checksum.value else {
            throw corrupt("checksum mismatch: the file is truncated or corrupted")
        }
        reader.end = bytes.count - 8
        let truncated = corrupt("truncated or inconsistent tables")
        let order = Int(try reader.read(or: truncated) as UInt32)
        guard NGramCounts.supportedOrders.contains(order) else { throw corrupt("order \(order) is not 1...5") }
        guard let form = Form(rawValue: UInt8(truncatingIfNeeded: try reader.read(or: truncated) as UInt32)) else { throw corrupt("unknown model form") }
        let unseen: Float = try reader.read(or: truncated)
        var record: ModelRecord?
        if version >= 2 {
            let metadataSize: UInt64 = try reader.read(or: truncated)
            guard metadataSize <= UInt64(reader.end - reader.offset) else { throw truncated }
            if metadataSize > 0 {
                let metadata: [UInt8] = try reader.readArray(count: Int(metadataSize), or: truncated)
                switch ModelRecord.decode(metadata) {
                case .success(let decoded): record = decoded
                case .failure(let failure): throw corrupt("the metadata section does not decode: \(failure)")
                }
            }
        }
        let vocabularySize = try reader.readCount(or: truncated)
        let textSize = try reader.readCount(or: truncated)
        let wordCounts: [UInt64] = try reader.readArray(count: vocabularySize, or: truncated)
        let ends: [UInt32] = try reader.readArray(count: vocabularySize, or: truncated)
        let text: [UInt8] = try reader.readArray(count: textSize, or: truncated)
        var tokens: [String] = []
        tokens.reserveCapacity(vocabularySize)
        var start = 0
        for end in ends {
            guard Int(end) >= start, Int(end) <= text.count else { throw corrupt("vocabulary offsets out of range") }
            tokens.append(String(decoding: text[start..<Int(end)], as: UTF8.self))
            start = Int(end)
        }
        guard tokens.count >= Vocabulary.reservedCount, tokens[0] == Vocabulary.unknownToken,
              tokens[1] == Vocabulary.beginToken, tokens[2] == Vocabulary.endToken else {
            throw corrupt("the vocabulary does not start with <unk>, <s>, </s>")
        }
        var vocabulary = Vocabulary(tokens: tokens.dropFirst(Vocabulary.reservedCount), counts: Array(wordCounts.dropFirst(Vocabulary.reservedCount)))
        for id in 0..<Vocabulary.reservedCount { vocabulary.addCount(wordCounts[id], to: WordID(id)) }
        guard vocabulary.count == vocabularySize else { throw corrupt("the vocabulary holds a token twice") }
        var inner: [[InnerEntry]] = []
        for _ in 1..<max(order, 2) {
            let count = try reader.readCount(or: truncated)
            inner.append(try reader.readArray(count: count, or: truncated))
        }
        let outerCount = try reader.readCount(or: truncated)
        let outer: [OuterEntry] = try reader.readArray(count: outerCount, or: truncated)
        var indexes: [ProbeIndex] = []
        for _ in stride(from: 2, through: order, by: 1) {
            let slotCount = try reader.readCount(or: truncated)
            let storedBits: UInt64 = try reader.read(or: truncated)
            guard storedBits <= 32 else { throw corrupt("index of \(storedBits) bits (at most 32)") }
            let bits = UInt32(storedBits)
            indexes.append(ProbeIndex(slots: try reader.readArray(count: slotCount, or: truncated), indexBits: bits))
        }
        guard reader.offset == reader.end else { throw corrupt("unexpected bytes after the tables") }
        // Structure: successor ranges nest and words exist, so that no lookup can go out of bounds.
        guard inner[0].count == vocabularySize + 1 else { throw corrupt("unigram table size differs from the vocabulary") }
        for n in 1..<order {
            let layer = inner[n - 1]
            let nextCount = n + 1 < order ? inner[n].count - 1 : outer.count
            var previous: UInt32 = 0
            for entry in layer {
                guard entry.firstSuccessor >= previous, Int(entry.firstSuccessor) <= nextCount else { throw corrupt("successor ranges out of order") }
                previous = entry.firstSuccessor
            }
            guard Int(previous) == nextCount else { throw corrupt("successor ranges do not cover the \(n + 1)-grams") }
            guard indexes[n - 1].slots.count >= nextCount + 1, indexes[n - 1].indexBits <= 32 else { throw corrupt("index too small") }
            // A probe stops at an empty slot: an index with more used slots than entries (so
            // perhaps none empty) would make a lookup loop forever.
            guard indexes[n - 1].slots.lazy.filter({ $0 != 0 }).count <= nextCount else { throw corrupt("index holds more entries than the table") }
        }
        for layer in inner.dropFirst() where layer.dropLast().contains(where: { Int($0.word) >= vocabularySize }) {
            throw corrupt("a word id outside the vocabulary")
        }
        if outer.contains(where: { Int($0.word) >= vocabularySize }) { throw corrupt("a word id outside the vocabulary") }
        if order == 1 && !outer.isEmpty { throw corrupt("a unigram model with higher-order entries") }
        self.order = order
        self.vocabulary = vocabulary
        self.form = form
        self.unseenContextLog10Probability = unseen
        self.inner = order == 1 ? [inner[0]] : inner
        self.outer = outer
        self.indexes = indexes
        self.record = record
    }
}

struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ value: Float) { append(value.bitPattern) }

    mutating func append(bytes more: [UInt8]) {
        bytes.append(contentsOf: more)
        pad()
    }

    /// Raw memory of an array of plain values (little-endian machines only: Linux on x86-64 and
    /// arm64, macOS).
    mutating func append<T>(array: [T]) {
        array.withUnsafeBytes { bytes.append(contentsOf: $0) }
        pad()
    }

    private mutating func pad() {
        while bytes.count % 8 != 0 { bytes.append(0) }
    }
}

struct BinaryReader {
    let bytes: [UInt8]
    var offset = 0
    var end: Int

    init(bytes: [UInt8]) {
        self.bytes = bytes
        end = bytes.count
    }

    mutating func read<T: FixedWidthInteger>(or error: LanguageModelError) throws(LanguageModelError) -> T {
        guard offset + MemoryLayout<T>.size <= end else { throw error }
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
        offset += MemoryLayout<T>.size
        return T(littleEndian: value)
    }

    mutating func read(or error: LanguageModelError) throws(LanguageModelError) -> Float {
        Float(bitPattern: try read(or: error) as UInt32)
    }

    /// A count or size stored as UInt64: at most the bytes left, since every counted element
    /// takes at least one byte (so 2⁶³ or a count the file cannot hold is refused, not trapped on
    /// or allocated).
    mutating func readCount(or error: LanguageModelError) throws(LanguageModelError) -> Int {
        let value: UInt64 = try read(or: error)
        guard value <= UInt64(end - offset) else { throw error }
        return Int(value)
    }

    mutating func readArray<T>(count: Int, or error: LanguageModelError) throws(LanguageModelError) -> [T] {
        let size = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        guard count >= 0, !size.overflow, size.partialValue <= end - offset else { throw error }
        let result = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + size.partialValue)]))
            }
            initialized = count
        }
        offset += size.partialValue
        while offset % 8 != 0 { offset += 1 }
        return result
    }
}
