import Foundation
import Testing

/// `critic tokenize` and `critic corpus stats`, run as a subprocess on fixtures and real data.
@Suite struct CorpusCLITests {
    /// A temporary folder removed when the test ends.
    final class Folder {
        let path = NSTemporaryDirectory() + "critic-cli-test-" + UUID().uuidString
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        @discardableResult
        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let full = path + "/" + name
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: full))
            return full
        }
        @discardableResult
        func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }
    }

    static let sharedData: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data").path
    }()

    static func hasSharedData(_ relative: String) -> Bool {
        let present = FileManager.default.fileExists(atPath: sharedData + "/" + relative)
        if !present { print("note: skipping a CLI test on real data: \(sharedData)/\(relative) is absent") }
        return present
    }

    @Test func tokenizeStandardInputLines() throws {
        let result = try CLI.run(["tokenize"], stdin: "Hello, World!\n\nSecond review.\n")
        #expect(result.status == 0)
        #expect(result.stdout == "hello , world !\nsecond review .\n")
        let dash = try CLI.run(["tokenize", "--no-punctuation", "-"], stdin: "Hello, World!\n")
        #expect(dash.stdout == "hello world\n")
    }

    @Test func tokenizeJSONLinesFromTSV() throws {
        let folder = try Folder()
        let path = try folder.write("r.tsv", "ebert\te1\tTwo \"thumbs\" up.\n\tx\tNo critic.\n")
        let result = try CLI.run(["tokenize", "--json", path])
        #expect(result.status == 0)
        #expect(result.stdout == """
            {"critic":"ebert","id":"e1","tokens":["two","\\"","thumbs","\\"","up","."]}
            {"critic":null,"id":"x","tokens":["no","critic","."]}

            """)
    }

    @Test func corpusStatsCountsCriticsReviewsTokensAndOOV() throws {
        let folder = try Folder()
        try folder.write("c/ebert.txt", "Great film.\nBad film.\n")
        try folder.write("c/kael.txt", "Great trash!\n")
        let vocabulary = try folder.write("v.txt", "#critickit-vocabulary 1\n<unk>\t0\n<s>\t0\n</s>\t0\ngreat\t2\nfilm\t2\n.\t2\n")
        let result = try CLI.run(["corpus", "stats", "--vocabulary", vocabulary, folder.path + "/c"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("critics: 2\nreviews: 3\nskipped: 0\ntokens: 9\ntypes: 6\n"))
        // OOV: "bad", "trash", "!" of 9 tokens.
        #expect(result.stdout.contains("oov rate: 0.3333 (3 of 9 tokens"))
        #expect(result.stdout.contains("ebert   2  6  3.0"))
        let json = try CLI.run(["corpus", "stats", "--json", folder.path + "/c"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["reviews"] as? Int == 3)
        #expect(object?["critics"] as? Int == 2)
        #expect((object?["per_critic"] as? [[String: Any]])?.first?["tokens"] as? Int == 6)
    }

    static let brokenDump = """
        <review><reviewer>Ann</reviewer><review_text>Fine.</review_text></review>
        <review><reviewer>Bob</reviewer><review_text>Salt & pepper.</review_text></review>
        <review><reviewer>Cy</reviewer></review>

        """
    static let mapping = ["--format", "xml", "--xml-critic", "reviewer", "--xml-text", "review_text"]

    @Test func malformedXMLExitsNonZeroWithFileLineColumn() throws {
        let folder = try Folder()
        let path = try folder.write("dump.review", Self.brokenDump)
        let result = try CLI.run(["corpus", "stats"] + Self.mapping + [path])
        #expect(result.status == 1)
        #expect(result.stderr == "critic: \(path):2:1: Extra content at the end of the document (a recovering read keeps every review that can be saved) — pass --recover\n")
        let recovered = try CLI.run(["corpus", "stats", "--recover"] + Self.mapping + [path])
        #expect(recovered.status == 0)
        #expect(recovered.stderr.hasPrefix("read 2 reviews, skipped 1:\n  \(path):3: the review has no <review_text> element"))
        #expect(recovered.stdout.contains("reviews: 2\nskipped: 1\n"))
    }

    @Test func invalidUTF8AndEncodingOption() throws {
        let folder = try Folder()
        let path = try folder.write("latin.txt", Array("Caf".utf8) + [0xE9, 0x0A])
        let failure = try CLI.run(["tokenize", path])
        #expect(failure.status == 1)
        #expect(failure.stderr == "critic: \(path):1: invalid UTF-8 at byte 3 (the file may be in another encoding, such as windows-1252) — try --encoding windows-1252\n")
        let fixed = try CLI.run(["tokenize", "--encoding", "windows-1252", path])
        #expect(fixed.status == 0 && fixed.stdout == "café\n")
    }

    @Test func missingInputsAndBadOptionsGiveOneSentence() throws {
        let missing = try CLI.run(["corpus", "stats", "/nonexistent/corpus"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "critic: /nonexistent/corpus: no such file or folder (check the path)\n")
        let empty = try CLI.run(["tokenize"], stdin: "")
        #expect(empty.status == 1)
        #expect(empty.stderr.hasPrefix("critic: <stdin>: the corpus holds no reviews"))
        let badName = try CLI.run(["tokenize", "--xml-critic", "two words", "-"], stdin: "x\n")
        #expect(badName.status == 64)
        #expect(badName.stderr.contains("--xml-critic 'two words' is not an XML name"))
    }

    @Test(.enabled(if: hasSharedData("scaledata/scaledata"), "needs ../shared/data/scaledata"))
    func statsOnTheScaleDataset() throws {
        let result = try CLI.run(["corpus", "stats", Self.sharedData + "/scaledata/scaledata"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("critics: 4\nreviews: 5006\n"))
    }

    @Test(.enabled(if: hasSharedData("amazon-mds/books/positive.review"), "needs ../shared/data/amazon-mds"))
    func statsOnTheAmazonDump() throws {
        let path = Self.sharedData + "/amazon-mds/books/positive.review"
        let strict = try CLI.run(["corpus", "stats"] + Self.mapping + [path])
        #expect(strict.status == 1)
        #expect(strict.stderr.hasPrefix("critic: \(path):42:1: Extra content at the end of the document"))
        let recovered = try CLI.run(["corpus", "stats", "--recover", "--xml-id", "unique_id", "--xml-rating", "rating"]
                                    + Self.mapping + [path])
        #expect(recovered.status == 0)
        #expect(recovered.stderr.hasPrefix("read 1000 reviews, skipped 0\nrecovered from "))
        #expect(recovered.stdout.contains("reviews: 1000\nskipped: 0\n"))
    }

    @Test(.enabled(if: hasSharedData("scaledata/scale_whole_review"), "needs ../shared/data/scaledata"))
    func wholeReviewsWithWindows1252() throws {
        let root = Self.sharedData + "/scaledata/scale_whole_review/Dennis+Schwartz"
        let failure = try CLI.run(["tokenize", "--format", "folder-per-critic", Self.sharedData + "/scaledata/scale_whole_review"])
        #expect(failure.status == 1)
        #expect(failure.stderr.contains("invalid UTF-8 at byte"))
        let result = try CLI.run(["tokenize", "--json", "--no-case-folding", "--encoding", "windows-1252",
                                  "--format", "folder-per-critic", (root as NSString).deletingLastPathComponent])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"©\",\"ALL\",\"RIGHTS\",\"RESERVED\",\"DENNIS\",\"SCHWARTZ\""))
        #expect(result.stdout.contains("é"))
    }
}
