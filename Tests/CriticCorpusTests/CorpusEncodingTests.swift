import CriticSupport
import Foundation
import Testing
@testable import CriticCorpus

/// UTF-8 validation and ICU transcoding.
@Suite struct CorpusEncodingTests {
    @Test func invalidUTF8GivesLineAndExactByteOffset() throws {
        let folder = try CorpusTestFolder()
        // "café" in Windows-1252 on line 2: the é (0xE9) is byte 11 (0-based) of the file.
        let bytes = Array("line one\nca".utf8) + [0x66, 0xE9] + Array(" au lait\n".utf8)
        let path = try folder.write("latin.txt", bytes: bytes)
        #expect(corpusError(path) == .invalidUTF8(path: path, line: 2, byteOffset: 12))
        #expect(corpusError(path)?.description == "\(path):2: invalid UTF-8 at byte 12 (the file may be in another encoding, such as windows-1252)")
    }

    @Test func utf8ValidatorRejectsOverlongsSurrogatesAndTruncation() {
        func failure(_ bytes: [UInt8]) -> Int? {
            bytes.withUnsafeBufferPointer { UTF8Validator.firstFailure(in: $0)?.byteOffset }
        }
        #expect(failure(Array("héllo → 😀".utf8)) == nil)
        #expect(failure([0x61, 0xC0, 0x80]) == 1)         // overlong NUL
        #expect(failure([0x61, 0x62, 0xED, 0xA0, 0x80]) == 2)  // surrogate U+D800
        #expect(failure([0xF4, 0x90, 0x80, 0x80]) == 0)   // above U+10FFFF
        #expect(failure([0x61, 0xE2, 0x82]) == 1)         // cut off at the end
        // Blocks split inside a sequence validate like the whole.
        var validator = UTF8Validator()
        let euro: [UInt8] = [0xE2, 0x82, 0xAC]
        #expect(euro[0..<1].withUnsafeBufferPointer { validator.feed($0) } == nil)
        #expect(euro[1..<3].withUnsafeBufferPointer { validator.feed($0, isLast: true) } == nil)
    }

    @Test(arguments: 0..<20 as Range<UInt64>)
    func utf8ValidatorFindsTheBadByteInRandomBlocks(seed: UInt64) {
        // Mostly ASCII with line feeds and valid multi-byte characters, one 0xFF somewhere,
        // fed in random blocks: the failure is that byte, on 1 + the line feeds before it.
        var generator = SeededGenerator(seed: seed)
        func next() -> UInt64 { generator.next() }
        var bytes: [UInt8] = []
        while bytes.count < 5_000 {
            switch next() % 10 {
            case 0: bytes.append(0x0A)
            case 1: bytes += Array("é€😀".utf8)
            default: bytes.append(UInt8(0x20 + next() % 0x5F))
            }
        }
        let bad = Int(next() % UInt64(bytes.count))
        // Do not split a multi-byte character: put the bad byte before the next lead or ASCII byte.
        var position = bad
        while position < bytes.count && bytes[position] & 0xC0 == 0x80 { position += 1 }
        bytes.insert(0xFF, at: position)
        let expectedLine = 1 + bytes[..<position].filter { $0 == 0x0A }.count
        var validator = UTF8Validator()
        var start = 0
        var failure: UTF8Validator.Failure?
        while start < bytes.count && failure == nil {
            let end = min(bytes.count, start + 1 + Int(next() % 40))
            failure = bytes[start..<end].withUnsafeBufferPointer { validator.feed($0, isLast: end == bytes.count) }
            start = end
        }
        #expect(failure == UTF8Validator.Failure(line: expectedLine, byteOffset: position))
    }

    @Test func windows1252IsTranscoded() throws {
        let folder = try CorpusTestFolder()
        let bytes: [UInt8] = Array("Caf".utf8) + [0xE9, 0x20, 0xA9, 0x20, 0x96, 0x0A]
        let path = try folder.write("w.txt", bytes: bytes)
        let (reviews, _) = try readCorpus(path, CorpusReadOptions(encoding: "windows-1252"))
        #expect(reviews.map(\.text) == ["Café © –"])
        #expect(corpusError(path, CorpusReadOptions(encoding: "no-such-charset")) == .unknownEncoding(name: "no-such-charset"))
    }

    @Test func undecodableBytesNameLineAndOffset() throws {
        let folder = try CorpusTestFolder()
        let path = try folder.write("ascii.txt", bytes: Array("fine\nCaf".utf8) + [0xE9, 0x0A])
        #expect(corpusError(path, CorpusReadOptions(encoding: "US-ASCII"))
                == .undecodable(path: path, line: 2, byteOffset: 8, encoding: "US-ASCII"))
    }

    @Test func transcodingAcrossBlockBoundariesKeepsMultiByteCharacters() throws {
        let folder = try CorpusTestFolder()
        // Shift_JIS: two-byte characters, many blocks' worth, so some straddle a block boundary.
        var bytes: [UInt8] = []
        let encoded: [UInt8] = [0x89, 0x66, 0x89, 0xE6, 0x82, 0xCD]  // 映画は in Shift_JIS
        for _ in 0..<30_000 { bytes += encoded + [0x0A] }
        let path = try folder.write("sjis.txt", bytes: bytes)
        let (reviews, _) = try readCorpus(path, CorpusReadOptions(encoding: "Shift_JIS"))
        #expect(reviews.count == 30_000)
        #expect(reviews.allSatisfy { $0.text == "映画は" })
    }
}
