import CriticSupport
import CriticCorpus
import Foundation
import Testing
@testable import CriticLM

/// The binary format's metadata section (version 2): the model's `ModelRecord` round-trips, a
/// model without one writes an empty section, and version-1 files (no section) still load.
@Suite struct ModelRecordFileTests {
    static let record = ModelRecord(
        tokenization: .icu(TokenizerOptions(keepPunctuation: false, numbers: .classToken("<num>"), locale: "sv")),
        vocabulary: VocabularyPolicy(minCount: 2),
        provenance: Provenance(corpus: ["a.txt", "b/"], reviews: 300, critickitVersion: "0.1.0", command: ["train", "a.txt"]))

    @Test func theRecordRoundTrips() throws {
        var model = try ModelFileTests.model()
        model.record = Self.record
        let reread = try NGramModel(binary: model.binaryData())
        #expect(reread.record == Self.record)
        #expect(reread.binaryData() == model.binaryData())
        let probe = model.vocabulary.encode(["w1", "w2", "w3"])
        #expect(reread.perplexity(of: probe).log10Probability == model.perplexity(of: probe).log10Probability)
    }

    @Test func noRecordIsAnEmptySection() throws {
        let model = try ModelFileTests.model()
        let bytes = model.binaryData()
        #expect(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 24, as: UInt64.self) } == 0)
        #expect(try NGramModel(binary: bytes).record == nil)
    }

    /// The same model as version 1 wrote it: no metadata length after the header.
    static func versionOneBytes(_ model: NGramModel) -> [UInt8] {
        var bytes = model.binaryData()
        bytes.removeLast(8)
        bytes.removeSubrange(24..<32)
        withUnsafeBytes(of: UInt32(1).littleEndian) { bytes.replaceSubrange(8..<12, with: $0) }
        var checksum = FNV1a64()
        bytes.withUnsafeBytes { checksum.combine($0) }
        withUnsafeBytes(of: checksum.value.littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    @Test(arguments: 1...4)
    func versionOneFilesStillLoad(order: Int) throws {
        let model = try ModelFileTests.model(order: order)
        let old = try NGramModel(binary: Self.versionOneBytes(model))
        #expect(old.record == nil)
        #expect(old.binaryData() == model.binaryData())
    }

    @Test func aDamagedRecordIsAClearError() throws {
        var model = try ModelFileTests.model()
        model.record = Self.record
        var bytes = model.binaryData()
        // Replace the JSON's first byte ('{') and fix the checksum: the structure is intact, the record is not.
        bytes[32] = UInt8(ascii: "#")
        bytes.removeLast(8)
        var checksum = FNV1a64()
        bytes.withUnsafeBytes { checksum.combine($0) }
        withUnsafeBytes(of: checksum.value.littleEndian) { bytes.append(contentsOf: $0) }
        #expect { try NGramModel(binary: bytes, path: "m.lm") } throws: { "\($0)".contains("metadata section does not decode") }
        var newer = model.binaryData()
        newer[8] = 9
        #expect { try NGramModel(binary: newer, path: "m.lm") } throws: { "\($0)".contains("format version 9") }
    }
}
