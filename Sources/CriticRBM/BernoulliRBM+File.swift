import CriticCorpus
import CriticSupport
import Foundation

// The model file. Layout (all integers little-endian, lengths in bytes):
//
//   magic "CRITRBM\u{1A}" (8) · version UInt32 · V UInt32 · H UInt32
//   term count UInt32 (0 or V) · per term: length UInt32 + UTF-8
//   metadata count UInt32 · per entry: key and value, each length UInt32 + UTF-8
//   W (V·H Float32, row-major V×H) · b (V Float32) · c (H Float32)
//   CRC-32 of every preceding byte (UInt32)
//
// The checksum comes last, so a truncated or half-copied file never loads; saving goes through
// `AtomicFile`, so a reader never sees a half-written one and a model that does not read back
// never replaces one that does.

extension BernoulliRBM {
    public static let fileMagic = Data("CRITRBM\u{1A}".utf8)
    static let fileVersion: UInt32 = 1

    /// The file bytes of the model with free-form `metadata` (tokenizer settings, training options).
    public func serialized(metadata: [String: String] = [:]) -> Data {
        var data = Self.fileMagic
        data.appendLittleEndian(Self.fileVersion)
        data.appendLittleEndian(UInt32(visibleCount))
        data.appendLittleEndian(UInt32(hiddenCount))
        data.appendLittleEndian(UInt32(terms.count))
        func appendString(_ text: String) {
            let bytes = Data(text.utf8)
            data.appendLittleEndian(UInt32(bytes.count))
            data.append(bytes)
        }
        for term in terms { appendString(term) }
        data.appendLittleEndian(UInt32(metadata.count))
        for key in metadata.keys.sorted() { appendString(key); appendString(metadata[key]!) }
        for array in [weights, visibleBias, hiddenBias] {
            for value in array { data.appendLittleEndian(value.bitPattern) }
        }
        data.appendLittleEndian(CRC32.checksum(data))
        return data
    }

    /// Writes the model with `AtomicFile`, once every parameter is finite and the written file
    /// reads back.
    ///
    /// - Throws: `RBMError.nonFiniteParameters` (training diverged), with nothing written.
    public func save(to path: String, metadata: [String: String] = [:]) throws(RBMError) {
        let nonFinite = [weights, visibleBias, hiddenBias].reduce(0) { total, values in total + values.count(where: { !$0.isFinite }) }
        if nonFinite > 0 {
            throw .nonFiniteParameters(path: path, count: nonFinite, total: weights.count + visibleBias.count + hiddenBias.count)
        }
        do {
            try AtomicFile.write(serialized(metadata: metadata), to: path) { written in _ = try BernoulliRBM.load(from: written) }
        } catch {
            throw .io(path: path, message: "cannot write the model: \(error.reason)")
        }
    }

    /// Whether the file at `path` is an RBM model file (it starts with the signature).
    public static func isModelFile(at path: String) -> Bool { OutputTarget.file(path, startsWith: fileMagic) }

    /// Reads a model written by `save(to:)`, rejecting anything that is not exactly such a file.
    public static func load(from path: String) throws(RBMError) -> (model: BernoulliRBM, metadata: [String: String]) {
        switch InputFile.read(path) {
        case .success(let bytes): return try decode(Data(bytes), path: path)
        case .failure(let problem) where problem.kind == .missing:
            throw RBMError.io(path: path, message: "no such file (check the path, or train a model with `critic rbm train`)")
        case .failure(let problem):
            throw RBMError.io(path: path, message: "\(problem) (give an RBM model file written by `critic rbm train`)")
        }
    }

    /// Parses model file bytes; `path` only names the file in errors.
    public static func decode(_ data: Data, path: String = "<model>") throws(RBMError) -> (model: BernoulliRBM, metadata: [String: String]) {
        func corrupt(_ reason: String) -> RBMError { .corruptModel(path: path, reason: reason) }
        let bytes = [UInt8](data)
        guard bytes.count >= fileMagic.count + 4, Data(bytes[0..<fileMagic.count]) == fileMagic else {
            throw corrupt("missing the CRITRBM signature")
        }
        guard bytes.count >= fileMagic.count + 8 else { throw corrupt("truncated header") }
        let storedChecksum = bytes[(bytes.count - 4)...].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        var cursor = fileMagic.count
        func readUInt32() throws(RBMError) -> UInt32 {
            guard cursor + 4 <= bytes.count - 4 else { throw corrupt("truncated at byte \(cursor)") }
            defer { cursor += 4 }
            return UInt32(bytes[cursor]) | UInt32(bytes[cursor + 1]) << 8 | UInt32(bytes[cursor + 2]) << 16
                | UInt32(bytes[cursor + 3]) << 24
        }
        func readString() throws(RBMError) -> String {
            let length = Int(try readUInt32())
            guard cursor + length <= bytes.count - 4 else { throw corrupt("truncated string at byte \(cursor)") }
            guard let text = String(bytes: bytes[cursor..<(cursor + length)], encoding: .utf8) else {
                throw corrupt("string at byte \(cursor) is not UTF-8")
            }
            cursor += length
            return text
        }
        let version = try readUInt32()
        guard version == fileVersion else {
            throw corrupt("version \(version), this build reads version \(fileVersion)")
        }
        // The checksum is checked before anything else is trusted.
        guard CRC32.checksum(Data(bytes[0..<(bytes.count - 4)])) == storedChecksum else {
            throw corrupt("checksum mismatch (the file is truncated or damaged)")
        }
        let v = Int(try readUInt32()), h = Int(try readUInt32())
        guard v > 0, h > 0 else { throw corrupt("shape \(v)×\(h)") }
        // Sizes are checked against the bytes left before anything is allocated for them: V·H
        // of two 32-bit counts overflows Int only past 2⁶⁴, but parameters of 4 bytes each must
        // still fit in the file.
        let remaining = bytes.count - 4 - cursor
        let weightCount = v.multipliedReportingOverflow(by: h)
        guard !weightCount.overflow, weightCount.partialValue <= remaining / 4 else {
            throw corrupt("shape V=\(v) × H=\(h) needs more parameters than the \(bytes.count) bytes of the file hold")
        }
        let termCount = Int(try readUInt32())
        guard termCount == 0 || termCount == v else { throw corrupt("\(termCount) terms for \(v) visible units") }
        guard termCount <= (bytes.count - 4 - cursor) / 4 else { throw corrupt("\(termCount) terms cannot fit in the file") }
        var terms: [String] = []
        for _ in 0..<termCount { terms.append(try readString()) }
        let metadataCount = Int(try readUInt32())
        guard metadataCount <= (bytes.count - 4 - cursor) / 8 else { throw corrupt("\(metadataCount) metadata entries cannot fit in the file") }
        var metadata: [String: String] = [:]
        for _ in 0..<metadataCount { let key = try readString(); metadata[key] = try readString() }
        let parameterCount = weightCount.partialValue + v + h  // ≤ file size / 4 + 2³³: no overflow
        guard (bytes.count - 4 - cursor) % 4 == 0, (bytes.count - 4 - cursor) / 4 == parameterCount else {
            throw corrupt("expected \(parameterCount * 4) bytes of parameters for V=\(v), H=\(h), found \(bytes.count - 4 - cursor)")
        }
        var values = [Float](repeating: 0, count: parameterCount)
        for index in 0..<parameterCount {
            let offset = cursor + index * 4
            let pattern = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
                | UInt32(bytes[offset + 3]) << 24
            values[index] = Float(bitPattern: pattern)
            guard values[index].isFinite else { throw corrupt("parameter \(index) is not finite") }
        }
        let model = BernoulliRBM(visibleCount: v, hiddenCount: h, weights: Array(values[0..<(v * h)]),
                                 visibleBias: Array(values[(v * h)..<(v * h + v)]),
                                 hiddenBias: Array(values[(v * h + v)...]), terms: terms)
        return (model, metadata)
    }
}
