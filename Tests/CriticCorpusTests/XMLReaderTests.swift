import Foundation
import Testing
@testable import CriticCorpus

/// XML: default schema, field mapping, malformed and recovered dumps, entity bombs, deep nesting.
@Suite struct XMLReaderTests {
    @Test func xmlDefaultSchema() throws {
        let folder = try CorpusTestFolder()
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
        let (reviews, report) = try readCorpus(path)
        #expect(reviews.count == 2)
        #expect(reviews[0] == Review(critic: "Pauline Kael", id: "k1",
                                     text: "How do you make a good movie & keep it <honest>?",
                                     fields: ["title": "On \"Bonnie\"", "rating": "4"],
                                     source: SourcePosition(path: path, line: 3)))
        #expect(reviews[1].id == "a1")
        #expect(report.skipped.map(\.position.line) == [8])
    }

    @Test func xmlFieldMappingWithChildrenAndAttributes() throws {
        let folder = try CorpusTestFolder()
        let path = try folder.write("m.xml", """
            <dump><item lang="en"><reviewer>
            Joe
            </reviewer><unique_id>u1</unique_id><score>5.0</score><review_text>
            Loved it.
            </review_text></item><item lang="en"><reviewer></reviewer><review_text>Anonymous.</review_text></item></dump>
            """)
        let mapping = XMLFieldMapping(reviewElement: "item", critic: .child("reviewer"), id: .child("unique_id"),
                                      text: .child("review_text"), title: .attribute("lang"), rating: .child("score"))
        let (reviews, report) = try readCorpus(path, CorpusReadOptions(xml: mapping))
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
        let folder = try CorpusTestFolder()
        let path = try folder.write("broken.review", Self.brokenDump)
        let failure = corpusError(path, Self.amazonLike)
        #expect(failure == .malformedXML(path: path, line: 5, column: 1, message: "Extra content at the end of the document"))
        #expect(failure?.description.hasPrefix("\(path):5:1: Extra content") == true)
    }

    @Test func recoverKeepsWhatCanBeRecoveredAndCountsTheRest() throws {
        let folder = try CorpusTestFolder()
        let path = try folder.write("broken.review", Self.brokenDump)
        var options = Self.amazonLike
        options.recover = true
        let (reviews, report) = try readCorpus(path, options)
        #expect(reviews.map(\.critic) == ["Ann", "Bob", "Cy"])
        #expect(reviews.map(\.text) == ["Fine.", "Salt  pepper.", "Unclosed."])
        #expect(reviews.map(\.id) == ["1", "5", "9"])
        #expect(report.read == 3)
        #expect(report.skipped.map(\.position.line) == [12])  // Di's review has no text
        #expect(report.recovered.contains { $0.hasPrefix("\(path):7:20: ") })  // the bare &
    }

    @Test func xmlInvalidUTF8AndDeclaredEncodings() throws {
        let folder = try CorpusTestFolder()
        let latin: [UInt8] = Array("<reviews>\n<review critic=\"x\"><text>Caf".utf8) + [0xE9]
            + Array("</text></review></reviews>\n".utf8)
        let path = try folder.write("latin.xml", bytes: latin)
        // 10 bytes of "<reviews>\n", then 28 before the é.
        #expect(corpusError(path) == .invalidUTF8(path: path, line: 2, byteOffset: 38))
        let (reviews, _) = try readCorpus(path, CorpusReadOptions(encoding: "windows-1252"))
        #expect(reviews.map(\.text) == ["Café"])
        let declared = try folder.write("declared.xml", bytes: Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n".utf8) + latin)
        #expect(try readCorpus(declared).0.map(\.text) == ["Café"])
    }

    @Test func billionLaughsFailsFastWithAClearMessage() throws {
        let folder = try CorpusTestFolder()
        var lines = ["<?xml version=\"1.0\"?>", "<!DOCTYPE reviews [", "<!ENTITY lol \"lol\">"]
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            lines.append("<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">")
        }
        lines += ["]>", "<reviews><review critic=\"a\" id=\"1\"><text>&lol9;</text></review></reviews>"]
        let path = try folder.write("laughs.xml", lines.joined(separator: "\n"))
        for recover in [false, true] {
            let failure = corpusError(path, CorpusReadOptions(recover: recover))
            guard case .unsafeXML(_, let line, _, let message) = failure else {
                Issue.record("expected unsafeXML, got \(String(describing: failure))")
                continue
            }
            #expect(line == 14)
            #expect(message.contains("entity reference loop"))
        }
    }

    @Test func deepNestingFailsFastWithAClearMessage() throws {
        let folder = try CorpusTestFolder()
        let depth = 1_000_000
        var bytes = Array("<reviews><review critic=\"a\"><text>".utf8)
        bytes.reserveCapacity(depth * 7 + 100)
        for _ in 0..<depth { bytes += [0x3C, 0x61, 0x3E] }
        bytes += Array("x".utf8)
        for _ in 0..<depth { bytes += [0x3C, 0x2F, 0x61, 0x3E] }
        bytes += Array("</text></review></reviews>\n".utf8)
        let path = try folder.write("deep.xml", bytes: bytes)
        for recover in [false, true] {
            let failure = corpusError(path, CorpusReadOptions(recover: recover))
            guard case .unsafeXML(_, 1, _, let message) = failure else {
                Issue.record("expected unsafeXML at line 1, got \(String(describing: failure))")
                continue
            }
            #expect(message.contains("Excessive depth"))
        }
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let folder = try CorpusTestFolder()
        let secret = try folder.write("secret.txt", "TOP SECRET")
        let path = try folder.write("xxe.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE reviews [<!ENTITY leak SYSTEM "file://\(secret)">]>
            <reviews><review critic="a" id="1"><text>before &leak; after</text></review></reviews>
            """)
        let (reviews, _) = try readCorpus(path)
        #expect(reviews.count == 1)
        #expect(!reviews[0].text.contains("TOP SECRET"))
    }

    @Test func recoveryKeepsPlacesAcrossMegabytesOfInput() throws {
        // Several MB without a root element: the scanner drops consumed blocks as it goes, and
        // every review must keep its id, text and line.
        let folder = try CorpusTestFolder()
        var dump = ""
        let count = 30_000
        for index in 0..<count {
            dump += "<review critic=\"c\(index % 3)\" id=\"\(index)\">\n<text>Review \(index) &amp; "
                + String(repeating: "words ", count: index % 40) + "</text>\n</review>\n"
        }
        let path = try folder.write("many.review", dump)
        #expect(dump.utf8.count > 4 << 20)
        var next = 0
        let report = try CorpusReader(path: path, options: CorpusReadOptions(format: .xml, recover: true)).forEach { review in
            #expect(review.id == String(next))
            #expect(review.source?.line == 3 * next + 1)
            #expect(review.text == ("Review \(next) & " + String(repeating: "words ", count: next % 40)).trimmingWhiteSpace())
            next += 1
        }
        #expect(next == count && report.read == count && report.skipped.isEmpty && report.recovered.isEmpty)
    }

    @Test func readersStreamInsteadOfLoading() throws {
        // 20,000 reviews through forEach: each is handed over as soon as it is read, in order.
        let folder = try CorpusTestFolder()
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
