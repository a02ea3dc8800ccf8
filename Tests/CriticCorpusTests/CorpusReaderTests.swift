import Foundation
import Testing
@testable import CriticCorpus

@Suite struct CorpusReaderTests {
    private func read(_ path: String, _ options: CorpusReadOptions = CorpusReadOptions()) throws -> ([Review], CorpusReadReport) {
        try CorpusReader(path: path, options: options).readAll()
    }

    private func error(_ path: String, _ options: CorpusReadOptions = CorpusReadOptions()) -> CorpusError? {
        do { _ = try read(path, options); return nil } catch { return error as? CorpusError }
    }

    // MARK: Plain formats

    @Test func linesHaveNoCriticAndLineNumbersAsIDs() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("reviews.txt", "A fine film.\r\n\nDull.\nLast line without newline")
        let (reviews, report) = try read(path)
        #expect(reviews.map(\.text) == ["A fine film.", "Dull.", "Last line without newline"])
        #expect(reviews.map(\.id) == ["1", "3", "4"])
        #expect(reviews.allSatisfy { $0.critic == nil })
        #expect(reviews[1].source == SourcePosition(path: path, line: 3))
        #expect(report.read == 3)
        #expect(report.inputs.first?.format == .lines)
    }

    @Test func perCriticFilesNameTheCritic() throws {
        let folder = try TemporaryFolder()
        try folder.write("corpus/ebert.txt", "Two thumbs.\nOne thumb.\n")
        try folder.write("corpus/kael.txt", "Trash.\n")
        let (reviews, _) = try read(folder.path + "/corpus")
        #expect(reviews.map(\.critic) == ["ebert", "ebert", "kael"])
        #expect(reviews.map(\.id) == ["1", "2", "1"])
        #expect(try CorpusFormat.detect(path: folder.path + "/corpus") == .perCriticFiles)
    }

    @Test func scaledataReadsParallelIDsAndRatings() throws {
        let folder = try TemporaryFolder()
        try folder.write("sd/A+B/subj.A+B", "good film\nbad film\n")
        try folder.write("sd/A+B/id.A+B", "101\n102\n")
        try folder.write("sd/A+B/rating.A+B", "0.8\n0.2\n")
        try folder.write("sd/A+B/label.3class.A+B", "2\n0\n")
        try folder.write("sd/C/subj.C", "meh\n")
        let root = folder.path + "/sd"
        #expect(try CorpusFormat.detect(path: root) == .scaledata)
        let (reviews, _) = try read(root)
        #expect(reviews.map(\.critic) == ["A+B", "A+B", "C"])
        #expect(reviews.map(\.id) == ["101", "102", "1"])
        #expect(reviews.map(\.rating) == ["0.8", "0.2", nil])
    }

    @Test func scaledataWithMisalignedFilesFails() throws {
        let folder = try TemporaryFolder()
        try folder.write("sd/X/subj.X", "one\ntwo\nthree\n")
        try folder.write("sd/X/id.X", "1\n2\n")
        let failure = error(folder.path + "/sd")
        #expect(failure == .misalignedFiles(path: folder.path + "/sd/X/subj.X", expected: 3, found: 2, other: "id.X"))
        try folder.write("sd/X/id.X", "1\n2\n3\n4\n")
        #expect(error(folder.path + "/sd") == .misalignedFiles(path: folder.path + "/sd/X/subj.X", expected: 3, found: 4, other: "id.X"))
    }

    @Test func folderPerCriticJoinsParagraphsAndSortsNumerically() throws {
        let folder = try TemporaryFolder()
        try folder.write("whole/Kael/txt.parag/10.txt", "Ten, first paragraph.\nSecond paragraph.\n\n")
        try folder.write("whole/Kael/txt.parag/9.txt", "Nine.\n")
        try folder.write("whole/Agee/2.txt", "Two.\n")
        let root = folder.path + "/whole"
        #expect(try CorpusFormat.detect(path: root) == .folderPerCritic)
        let (reviews, _) = try read(root)
        #expect(reviews.map(\.critic) == ["Agee", "Kael", "Kael"])
        #expect(reviews.map(\.id) == ["2", "9", "10"])
        #expect(reviews[2].text == "Ten, first paragraph.\nSecond paragraph.")
    }

    @Test func tsvWithAndWithoutIDs() throws {
        let folder = try TemporaryFolder()
        let twoColumns = try folder.write("a.tsv", "ebert\tGreat.\nkael\tAwful.\n")
        let (plain, _) = try read(twoColumns)
        #expect(plain.map(\.critic) == ["ebert", "kael"])
        #expect(plain.map(\.id) == ["1", "2"])
        #expect(plain.map(\.text) == ["Great.", "Awful."])
        let threeColumns = try folder.write("b.tsv", "critic\tid\ttext\nebert\te1\tGreat\twith a tab.\n\tx9\tNobody's.\n")
        let (withIDs, report) = try read(threeColumns)
        #expect(withIDs.map(\.id) == ["e1", "x9"])
        #expect(withIDs.map(\.text) == ["Great\twith a tab.", "Nobody's."])
        #expect(withIDs[1].critic == nil)
        #expect(report.warnings.count == 1)
        let headerTwo = try folder.write("c.tsv", "critic\ttext\nebert\tGreat\tstill text.\n")
        #expect(try read(headerTwo).0.map(\.text) == ["Great\tstill text."])
    }

    @Test func malformedTSVNamesTheLineOrIsSkippedWithRecover() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("bad.tsv", "ebert\tGood.\nno tab here\nkael\tBad.\n")
        #expect(error(path) == .malformedTSV(path: path, line: 2, message: "no tab between critic and text"))
        let (reviews, report) = try read(path, CorpusReadOptions(recover: true))
        #expect(reviews.count == 2)
        #expect(report.skipped.map(\.position.line) == [2])
    }

    @Test func standardInputPathIsDetectedByContent() {
        #expect(CorpusFormat.detect(content: Array("ebert\tGood.\n".utf8)) == .tsv)
        #expect(CorpusFormat.detect(content: Array("  \n<reviews>".utf8)) == .xml)
        #expect(CorpusFormat.detect(content: [0xEF, 0xBB, 0xBF] + Array("<r/>".utf8)) == .xml)
        #expect(CorpusFormat.detect(content: Array("Just a review.\nAnother\twith a tab".utf8)) == .lines)
    }

    @Test func detectionOfFiles() throws {
        let folder = try TemporaryFolder()
        #expect(try CorpusFormat.detect(path: folder.write("x.tsv", "a b\n")) == .tsv)
        #expect(try CorpusFormat.detect(path: folder.write("x.xml", "hello\n")) == .xml)
        #expect(try CorpusFormat.detect(path: folder.write("x.review", "\n<review>\n")) == .xml)
        #expect(try CorpusFormat.detect(path: folder.write("x.txt", "hello\n")) == .lines)
    }

    @Test func emptyMissingAndUnknownInputsGiveOneSentence() throws {
        let folder = try TemporaryFolder()
        let empty = try folder.write("empty.txt", "\n\n")
        #expect(error(empty) == .emptyCorpus(path: empty))
        #expect(error(folder.path + "/nope.txt") == .missingFile(path: folder.path + "/nope.txt"))
        let bare = try folder.folder("bare")
        #expect(error(bare) == .unknownLayout(path: bare, reason: "the folder is empty"))
        try folder.write("mixed/a.txt", "x\n")
        try folder.write("mixed/sub/b.txt", "y\n")
        guard case .unknownLayout = error(folder.path + "/mixed") else {
            Issue.record("a folder mixing files and folders should be an unknown layout")
            return
        }
        #expect(CorpusError.emptyCorpus(path: "e").description.split(separator: "\n").count == 1)
    }

    // MARK: Encodings

    @Test func invalidUTF8GivesLineAndExactByteOffset() throws {
        let folder = try TemporaryFolder()
        // "café" in Windows-1252 on line 2: the é (0xE9) is byte 11 (0-based) of the file.
        let bytes = Array("line one\nca".utf8) + [0x66, 0xE9] + Array(" au lait\n".utf8)
        let path = try folder.write("latin.txt", bytes: bytes)
        #expect(error(path) == .invalidUTF8(path: path, line: 2, byteOffset: 12))
        #expect(error(path)?.description == "\(path):2: invalid UTF-8 at byte 12 (try --encoding windows-1252)")
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

    @Test func windows1252IsTranscoded() throws {
        let folder = try TemporaryFolder()
        let bytes: [UInt8] = Array("Caf".utf8) + [0xE9, 0x20, 0xA9, 0x20, 0x96, 0x0A]
        let path = try folder.write("w.txt", bytes: bytes)
        let (reviews, _) = try read(path, CorpusReadOptions(encoding: "windows-1252"))
        #expect(reviews.map(\.text) == ["Café © –"])
        #expect(error(path, CorpusReadOptions(encoding: "no-such-charset")) == .unknownEncoding(name: "no-such-charset"))
    }

    @Test func transcodingAcrossBlockBoundariesKeepsMultiByteCharacters() throws {
        let folder = try TemporaryFolder()
        // Shift_JIS: two-byte characters, many blocks' worth, so some straddle a block boundary.
        let line = "映画はとても良かった。\n"
        let converter = try ICUConverter(name: "UTF-8")
        _ = converter
        var bytes: [UInt8] = []
        let encoded: [UInt8] = [0x89, 0x66, 0x89, 0xE6, 0x82, 0xCD]  // 映画は in Shift_JIS
        for _ in 0..<30_000 { bytes += encoded + [0x0A] }
        let path = try folder.write("sjis.txt", bytes: bytes)
        let (reviews, _) = try read(path, CorpusReadOptions(encoding: "Shift_JIS"))
        #expect(reviews.count == 30_000)
        #expect(reviews.allSatisfy { $0.text == String(line.prefix(3)) })
    }

    // MARK: XML

    @Test func xmlDefaultSchema() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("d.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <reviews>
              <review critic="Pauline Kael" id="k1" rating="4">
                <title>On &quot;Bonnie&quot;</title>
                <text>  How do you make a good movie &amp; keep it <![CDATA[<honest>]]>?  </text>
              </review>
              <review critic="Agee" id="a1"><text>Second.</text></review>
              <review critic="Nobody"><title>No text</title></review>
            </reviews>
            """)
        let (reviews, report) = try read(path)
        #expect(reviews.count == 2)
        #expect(reviews[0] == Review(critic: "Pauline Kael", id: "k1",
                                     text: "How do you make a good movie & keep it <honest>?",
                                     fields: ["title": "On \"Bonnie\"", "rating": "4"],
                                     source: SourcePosition(path: path, line: 3)))
        #expect(reviews[1].id == "a1")
        #expect(report.skipped.map(\.position.line) == [8])
    }

    @Test func xmlFieldMappingWithChildrenAndAttributes() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("m.xml", """
            <dump><item lang="en"><reviewer>
            Joe
            </reviewer><unique_id>u1</unique_id><score>5.0</score><review_text>
            Loved it.
            </review_text></item><item lang="en"><reviewer></reviewer><review_text>Anonymous.</review_text></item></dump>
            """)
        let mapping = XMLFieldMapping(reviewElement: "item", critic: .child("reviewer"), id: .child("unique_id"),
                                      text: .child("review_text"), title: .attribute("lang"), rating: .child("score"))
        let (reviews, report) = try read(path, CorpusReadOptions(xml: mapping))
        #expect(reviews.map(\.critic) == ["Joe", nil])
        #expect(reviews.map(\.id) == ["u1", "5"])  // no id: the line of the review element
        #expect(reviews.map(\.text) == ["Loved it.", "Anonymous."])
        #expect(reviews[0].fields == ["title": "en", "rating": "5.0"])
        #expect(report.warnings.count == 1)
        #expect(XMLFieldMapping.Location("@id") == .attribute("id"))
        #expect(XMLFieldMapping.Location("review_text") == .child("review_text"))
        #expect(XMLFieldMapping.Location("bad name") == nil)
    }

    /// Two reviews and no root element, with a bare `&` in the second: the Amazon dump's faults.
    private static let brokenDump = """
        <review>
        <reviewer>Ann</reviewer>
        <review_text>Fine.</review_text>
        </review>
        <review>
        <reviewer>Bob</reviewer>
        <review_text>Salt & pepper.</review_text>
        </review>
        <review>
        <reviewer>Cy</reviewer>
        <review_text>Unclosed.
        <review>
        <reviewer>Di</reviewer>
        </review>
        """

    private static let amazonLike = CorpusReadOptions(
        format: .xml, xml: XMLFieldMapping(critic: .child("reviewer"), id: nil, text: .child("review_text")))

    @Test func malformedXMLReportsLineAndColumn() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("broken.review", Self.brokenDump)
        let failure = error(path, Self.amazonLike)
        #expect(failure == .malformedXML(path: path, line: 5, column: 1, message: "Extra content at the end of the document"))
        #expect(failure?.description.hasPrefix("\(path):5:1: Extra content") == true)
    }

    @Test func recoverKeepsWhatCanBeRecoveredAndCountsTheRest() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("broken.review", Self.brokenDump)
        var options = Self.amazonLike
        options.recover = true
        let (reviews, report) = try read(path, options)
        #expect(reviews.map(\.critic) == ["Ann", "Bob", "Cy"])
        #expect(reviews.map(\.text) == ["Fine.", "Salt  pepper.", "Unclosed."])
        #expect(reviews.map(\.id) == ["1", "5", "9"])
        #expect(report.read == 3)
        #expect(report.skipped.map(\.position.line) == [12])  // Di's review has no text
        #expect(report.recovered.contains { $0.hasPrefix("\(path):7:20: ") })  // the bare &
    }

    @Test func xmlInvalidUTF8AndDeclaredEncodings() throws {
        let folder = try TemporaryFolder()
        let latin: [UInt8] = Array("<reviews>\n<review critic=\"x\"><text>Caf".utf8) + [0xE9]
            + Array("</text></review></reviews>\n".utf8)
        let path = try folder.write("latin.xml", bytes: latin)
        // 10 bytes of "<reviews>\n", then 28 before the é.
        #expect(error(path) == .invalidUTF8(path: path, line: 2, byteOffset: 38))
        let (reviews, _) = try read(path, CorpusReadOptions(encoding: "windows-1252"))
        #expect(reviews.map(\.text) == ["Café"])
        let declared = try folder.write("declared.xml", bytes: Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n".utf8) + latin)
        #expect(try read(declared).0.map(\.text) == ["Café"])
    }

    @Test func billionLaughsFailsFastWithAClearMessage() throws {
        let folder = try TemporaryFolder()
        var lines = ["<?xml version=\"1.0\"?>", "<!DOCTYPE reviews [", "<!ENTITY lol \"lol\">"]
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            lines.append("<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">")
        }
        lines += ["]>", "<reviews><review critic=\"a\" id=\"1\"><text>&lol9;</text></review></reviews>"]
        let path = try folder.write("laughs.xml", lines.joined(separator: "\n"))
        for recover in [false, true] {
            let failure = error(path, CorpusReadOptions(recover: recover))
            guard case .unsafeXML(_, let line, _, let message) = failure else {
                Issue.record("expected unsafeXML, got \(String(describing: failure))")
                continue
            }
            #expect(line == 14)
            #expect(message.contains("entity reference loop"))
        }
    }

    @Test func deepNestingFailsFastWithAClearMessage() throws {
        let folder = try TemporaryFolder()
        let depth = 1_000_000
        var bytes = Array("<reviews><review critic=\"a\"><text>".utf8)
        bytes.reserveCapacity(depth * 7 + 100)
        for _ in 0..<depth { bytes += [0x3C, 0x61, 0x3E] }
        bytes += Array("x".utf8)
        for _ in 0..<depth { bytes += [0x3C, 0x2F, 0x61, 0x3E] }
        bytes += Array("</text></review></reviews>\n".utf8)
        let path = try folder.write("deep.xml", bytes: bytes)
        for recover in [false, true] {
            let failure = error(path, CorpusReadOptions(recover: recover))
            guard case .unsafeXML(_, 1, _, let message) = failure else {
                Issue.record("expected unsafeXML at line 1, got \(String(describing: failure))")
                continue
            }
            #expect(message.contains("Excessive depth"))
        }
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let folder = try TemporaryFolder()
        let secret = try folder.write("secret.txt", "TOP SECRET")
        let path = try folder.write("xxe.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE reviews [<!ENTITY leak SYSTEM "file://\(secret)">]>
            <reviews><review critic="a" id="1"><text>before &leak; after</text></review></reviews>
            """)
        let (reviews, _) = try read(path)
        #expect(reviews.count == 1)
        #expect(!reviews[0].text.contains("TOP SECRET"))
    }

    @Test func readersStreamInsteadOfLoading() throws {
        // 20,000 reviews through forEach: each is handed over as soon as it is read, in order.
        let folder = try TemporaryFolder()
        var xml = "<reviews>\n"
        for index in 0..<20_000 { xml += "<review critic=\"c\(index % 7)\" id=\"\(index)\"><text>Review \(index).</text></review>\n" }
        let path = try folder.write("many.xml", xml + "</reviews>\n")
        var next = 0
        let report = try CorpusReader(path: path).forEach { review in
            #expect(review.id == String(next))
            next += 1
        }
        #expect(next == 20_000 && report.read == 20_000)
    }
}
