import Foundation
import Testing
@testable import CriticCorpus

/// The plain formats, detection, and the one-sentence errors for empty, missing and unknown inputs.
@Suite struct CorpusReaderTests {
    @Test func linesHaveNoCriticAndLineNumbersAsIDs() throws {
        let folder = try CorpusTestFolder()
        let path = try folder.write("reviews.txt", "A fine film.\r\n\nDull.\nLast line without newline")
        let (reviews, report) = try readCorpus(path)
        #expect(reviews.map(\.text) == ["A fine film.", "Dull.", "Last line without newline"])
        #expect(reviews.map(\.id) == ["1", "3", "4"])
        #expect(reviews.allSatisfy { $0.critic == nil })
        #expect(reviews[1].source == SourcePosition(path: path, line: 3))
        #expect(report.read == 3)
        #expect(report.inputs.first?.format == .lines)
    }

    @Test func sampleCorpusReadsTheSameInBothLayouts() throws {
        // corpora/ (in the repository): plain/<critic>.txt and xml/reviews.xml hold the same reviews.
        let corpora = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("corpora").path
        let (plain, _) = try readCorpus(corpora + "/plain")
        let (xml, _) = try readCorpus(corpora + "/xml/reviews.xml")
        #expect(plain.count == 360)
        func key(_ review: Review) -> String { "\(review.critic ?? "")|\(review.id)|\(review.text)" }
        #expect(Set(plain.map(key)) == Set(xml.map(key)))
        #expect(xml.allSatisfy { $0.rating != nil && $0.title != nil })
    }

    @Test func perCriticFilesNameTheCritic() throws {
        let folder = try CorpusTestFolder()
        try folder.write("corpus/ebert.txt", "Two thumbs.\nOne thumb.\n")
        try folder.write("corpus/kael.txt", "Trash.\n")
        let (reviews, _) = try readCorpus(folder.path + "/corpus")
        #expect(reviews.map(\.critic) == ["ebert", "ebert", "kael"])
        #expect(reviews.map(\.id) == ["ebert-001", "ebert-002", "kael-001"])
        #expect(try CorpusFormat.detect(path: folder.path + "/corpus") == .perCriticFiles)
    }

    @Test func scaledataReadsParallelIDsAndRatings() throws {
        let folder = try CorpusTestFolder()
        try folder.write("sd/A+B/subj.A+B", "good film\nbad film\n")
        try folder.write("sd/A+B/id.A+B", "101\n102\n")
        try folder.write("sd/A+B/rating.A+B", "0.8\n0.2\n")
        try folder.write("sd/A+B/label.3class.A+B", "2\n0\n")
        try folder.write("sd/C/subj.C", "meh\n")
        let root = folder.path + "/sd"
        #expect(try CorpusFormat.detect(path: root) == .scaledata)
        let (reviews, _) = try readCorpus(root)
        #expect(reviews.map(\.critic) == ["A+B", "A+B", "C"])
        #expect(reviews.map(\.id) == ["101", "102", "1"])
        #expect(reviews.map(\.rating) == ["0.8", "0.2", nil])
    }

    @Test func scaledataWithMisalignedFilesFails() throws {
        let folder = try CorpusTestFolder()
        try folder.write("sd/X/subj.X", "one\ntwo\nthree\n")
        try folder.write("sd/X/id.X", "1\n2\n")
        let failure = corpusError(folder.path + "/sd")
        #expect(failure == .misalignedFiles(path: folder.path + "/sd/X/subj.X", expected: 3, found: 2, other: "id.X"))
        try folder.write("sd/X/id.X", "1\n2\n3\n4\n")
        #expect(corpusError(folder.path + "/sd") == .misalignedFiles(path: folder.path + "/sd/X/subj.X", expected: 3, found: 4, other: "id.X"))
    }

    @Test func folderPerCriticJoinsParagraphsAndSortsNumerically() throws {
        let folder = try CorpusTestFolder()
        try folder.write("whole/Kael/txt.parag/10.txt", "Ten, first paragraph.\nSecond paragraph.\n\n")
        try folder.write("whole/Kael/txt.parag/9.txt", "Nine.\n")
        try folder.write("whole/Agee/2.txt", "Two.\n")
        let root = folder.path + "/whole"
        #expect(try CorpusFormat.detect(path: root) == .folderPerCritic)
        let (reviews, _) = try readCorpus(root)
        #expect(reviews.map(\.critic) == ["Agee", "Kael", "Kael"])
        #expect(reviews.map(\.id) == ["2", "9", "10"])
        #expect(reviews[2].text == "Ten, first paragraph.\nSecond paragraph.")
    }

    @Test func tsvWithAndWithoutIDs() throws {
        let folder = try CorpusTestFolder()
        let twoColumns = try folder.write("a.tsv", "ebert\tGreat.\nkael\tAwful.\n")
        let (plain, _) = try readCorpus(twoColumns)
        #expect(plain.map(\.critic) == ["ebert", "kael"])
        #expect(plain.map(\.id) == ["1", "2"])
        #expect(plain.map(\.text) == ["Great.", "Awful."])
        let threeColumns = try folder.write("b.tsv", "critic\tid\ttext\nebert\te1\tGreat.\n\tx9\tNobody's.\n")
        let (withIDs, report) = try readCorpus(threeColumns)
        #expect(withIDs.map(\.id) == ["e1", "x9"])
        #expect(withIDs.map(\.text) == ["Great.", "Nobody's."])
        #expect(withIDs[1].critic == nil)
        #expect(report.warnings.count == 1)
    }

    @Test func aTabInsideATextIsAnErrorNotMoreText() throws {
        // Issue 12, class 8: columns past the documented ones were silently folded into the text.
        let folder = try CorpusTestFolder()
        let headerThree = try folder.write("b.tsv", "critic\tid\ttext\nebert\te1\tGreat\twith a tab.\n")
        #expect(corpusError(headerThree) == .malformedTSV(path: headerThree, line: 2,
                                                          message: "4 columns where the header names 3 (critic,id,text); is there a tab inside a text?"))
        let headerTwo = try folder.write("c.tsv", "critic\ttext\nebert\tGreat\tstill text.\nkael\tFine.\n")
        #expect(corpusError(headerTwo) != nil)
        let (reviews, report) = try readCorpus(headerTwo, CorpusReadOptions(recover: true))
        #expect(reviews.map(\.text) == ["Fine."])
        #expect(report.skipped.map(\.position.line) == [2])
        let mapped = CorpusReadOptions(recover: true, tsvColumns: try TSVColumns.parse("critic,text,_").get())
        #expect(try readCorpus(headerTwo, mapped).0.map(\.text) == ["Great"])
    }

    @Test func malformedTSVNamesTheLineOrIsSkippedWithRecover() throws {
        let folder = try CorpusTestFolder()
        let path = try folder.write("bad.tsv", "ebert\tGood.\nno tab here\nkael\tBad.\n")
        #expect(corpusError(path) == .malformedTSV(path: path, line: 2, message: "no tab between critic and text"))
        let (reviews, report) = try readCorpus(path, CorpusReadOptions(recover: true))
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
        let folder = try CorpusTestFolder()
        #expect(try CorpusFormat.detect(path: folder.write("x.tsv", "a b\n")) == .tsv)
        #expect(try CorpusFormat.detect(path: folder.write("x.xml", "hello\n")) == .xml)
        #expect(try CorpusFormat.detect(path: folder.write("x.review", "\n<review>\n")) == .xml)
        #expect(try CorpusFormat.detect(path: folder.write("x.txt", "hello\n")) == .lines)
    }

    @Test func emptyMissingAndUnknownInputsGiveOneSentence() throws {
        let folder = try CorpusTestFolder()
        let empty = try folder.write("empty.txt", "\n\n")
        #expect(corpusError(empty) == .emptyCorpus(path: empty))
        #expect(corpusError(folder.path + "/nope.txt") == .missingFile(path: folder.path + "/nope.txt"))
        let bare = try folder.folder("bare")
        #expect(corpusError(bare) == .unknownLayout(path: bare, reason: "the folder is empty"))
        try folder.write("mixed/a.txt", "x\n")
        try folder.write("mixed/sub/b.txt", "y\n")
        guard case .unknownLayout = corpusError(folder.path + "/mixed") else {
            Issue.record("a folder mixing files and folders should be an unknown layout")
            return
        }
        #expect(CorpusError.emptyCorpus(path: "e").description.split(separator: "\n").count == 1)
    }
}
