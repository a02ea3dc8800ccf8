import CriticSupport
import CriticCorpus
import Foundation
import Testing
@testable import CriticLM

/// Files a hostile user (or a fuzzer) hands the loaders: each must fail with a typed error naming
/// the file (and line), never trap, allocate what the file cannot hold, or load a wrong model.
@Suite struct HostileInputTests {
    static let arpa = """
    \\data\\
    ngram 1=4
    ngram 2=2

    \\1-grams:
    -1.0\t<s>\t-0.3
    -0.5\t</s>
    -0.6\tfilm\t-0.2
    -0.7\tgood

    \\2-grams:
    -0.2\t<s> film
    -0.3\tfilm </s>

    \\end\\

    """

    static func parse(_ text: String) throws(LanguageModelError) -> NGramModel {
        try NGramModel.parseARPA(Array(text.utf8), path: "hostile.arpa")
    }

    static func arpaError(_ text: String) -> LanguageModelError? {
        do { _ = try parse(text); return nil } catch { return error }
    }

    @Test func theFixtureLoads() throws {
        #expect(try Self.parse(Self.arpa).order == 2)
    }

    // Class 2: negative or absurd \data\ counts.
    @Test(arguments: ["ngram 2=-5", "ngram 2=999999999999", "ngram 2=9223372036854775807"])
    func absurdDataCountsAreRefusedBeforeAllocating(header: String) {
        let error = Self.arpaError(Self.arpa.replacingOccurrences(of: "ngram 2=2", with: header))
        guard case .malformedARPA(let path, let line, let message) = error else {
            Issue.record("expected malformedARPA, got \(String(describing: error))"); return
        }
        #expect(path == "hostile.arpa" && line == 3)
        #expect(message.contains(header))
    }

    @Test func aHeaderDeclaringNoUnigramsLoadsTheReservedWordsOnly() throws {
        // It indexed an empty unigram table (a trap); now <unk>, <s>, </s> get rows.
        let model = try Self.parse("\\data\\\nngram 1=0\n\n\\1-grams:\n\n\\end\\\n")
        #expect(model.vocabulary.count == 3)
        #expect(model.log10Probability(of: 2, context: [1]).isFinite)
    }

    // Class 5: log10 probabilities that are nan, infinite or positive.
    @Test(arguments: [("-0.6\tfilm", "nan\tfilm"), ("-0.6\tfilm", "0.5\tfilm"), ("-0.6\tfilm", "inf\tfilm"),
                      ("-0.2\t<s> film", "nan\t<s> film"), ("-0.2\t<s> film", "1e3\t<s> film"),
                      ("-0.6\tfilm\t-0.2", "-0.6\tfilm\tnan")])
    func nonFiniteOrPositiveLogProbabilitiesAreRefusedWithTheirLine(original: String, replacement: String) {
        let text = Self.arpa.replacingOccurrences(of: original, with: replacement)
        let expectedLine = text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix(replacement) }.map { $0 + 1 }
        let error = Self.arpaError(text)
        guard case .malformedARPA(_, let line, let message) = error else {
            Issue.record("expected malformedARPA for \(replacement), got \(String(describing: error))"); return
        }
        #expect(line == expectedLine)
        #expect(message.contains("finite") || message.contains("positive"))
    }

    @Test func theMinusNinetyNineOfBeginIsStillAccepted() throws {
        _ = try Self.parse(Self.arpa.replacingOccurrences(of: "-1.0\t<s>", with: "-99\t<s>"))
    }

    // Class 3: header counts ≥ 2⁶³ (or larger than the file) behind a valid checksum.
    static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        var checksum = FNV1a64()
        bytes.withUnsafeBytes { checksum.combine(UnsafeRawBufferPointer(rebasing: $0[0..<(bytes.count - 8)])) }
        withUnsafeBytes(of: checksum.value.littleEndian) { bytes.replaceSubrange((bytes.count - 8)..., with: $0) }
        return bytes
    }

    /// Offsets of the UInt64 counts of the header: vocabulary size and text size follow magic,
    /// version, order, form and the unseen-context value.
    static let vocabularySizeOffset = 24, textSizeOffset = 32

    @Test(arguments: [UInt64(1) << 63, UInt64.max, UInt64(1) << 40, UInt64(Int.max)])
    func hugeBinaryHeaderCountsWithAValidChecksumAreRefused(count: UInt64) throws {
        let original = try NGramModel.parseARPA(Array(Self.arpa.utf8)).binaryData()
        for offset in [Self.vocabularySizeOffset, Self.textSizeOffset] {
            var bytes = original
            withUnsafeBytes(of: count.littleEndian) { bytes.replaceSubrange(offset..<(offset + 8), with: $0) }
            let error: LanguageModelError?
            do { _ = try NGramModel(binary: Self.resealed(bytes), path: "hostile.lm"); error = nil } catch let thrown { error = thrown }
            guard case .corruptModel(let path, _) = error else {
                Issue.record("expected corruptModel, got \(String(describing: error))"); continue
            }
            #expect(path == "hostile.lm")
        }
    }

    @Test func everyUInt64CountInTheFileRefusesHugeValues() throws {
        // Every 8-byte-aligned word of the file set to 2⁶³ with the checksum redone: each either
        // loads (a value that does not matter) or fails with a typed error, never traps.
        let original = try NGramModel.parseARPA(Array(Self.arpa.utf8)).binaryData()
        for offset in stride(from: 8, to: original.count - 8, by: 8) {
            for value in [UInt64(1) << 63, UInt64(UInt32.max) + 1] {
                var bytes = original
                withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<(offset + 8), with: $0) }
                _ = try? NGramModel(binary: Self.resealed(bytes), path: "hostile.lm")
            }
        }
    }

    @Test func anIndexWithNoEmptySlotIsRefusedInsteadOfLoopingForever() throws {
        let model = try NGramModel.parseARPA(Array(Self.arpa.utf8))
        var full = model
        full.indexes[0].slots = full.indexes[0].slots.map { _ in UInt32.max }
        #expect(throws: LanguageModelError.self) { _ = try NGramModel(binary: full.binaryData(), path: "hostile.lm") }
    }

    // Misleading messages, and class 1 for the loaders: a folder.
    @Test func aFolderIsNamedAsAFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("critickit-hostile-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for load in [{ _ = try NGramModel.load(from: folder) }, { _ = try NGramModel.readARPA(from: folder) }] as [() throws -> Void] {
            do { try load(); Issue.record("a folder loaded") } catch {
                #expect("\(error)".contains("is a folder"))
            }
        }
    }
}
