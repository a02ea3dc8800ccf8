import Foundation
import Testing

/// `critic train` on a labelled corpus, `critic classify`, `critic eval`, run as a subprocess.
@Suite struct AuthorshipCLITests {
    typealias Folder = CorpusCLITests.Folder

    static let alice = (0..<10).map { "frankly the film \($0 % 3 == 0 ? "is" : "was") superb and luminous , frankly ." }.joined(separator: "\n")
    static let bob = (0..<10).map { "alas the film \($0 % 3 == 0 ? "is" : "was") dreadful and tedious , alas ." }.joined(separator: "\n")

    func labelledCorpus(_ folder: Folder) throws -> String {
        _ = try folder.write("corpus/alice.txt", Self.alice + "\n")
        _ = try folder.write("corpus/bob.txt", Self.bob + "\n")
        return folder.path + "/corpus"
    }

    @Test func trainWritesABundleThatClassifyReads() throws {
        let folder = try Folder()
        let corpus = try labelledCorpus(folder)
        let bundle = folder.path + "/models/authorship.bundle"
        let train = try CLI.run(["train", corpus, "--pretokenized", "-o", bundle])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stderr.contains("2 critics"))
        #expect(FileManager.default.fileExists(atPath: bundle + "/manifest.json"))
        let result = try CLI.run(["classify", "-m", bundle, "--json", "--explain"], stdin: "frankly the film was superb .\nalas the film was tedious .\n")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.map { $0["best"] as? String } == ["alice", "bob"])
        let ranking = try #require(lines[0]["ranking"] as? [[String: Any]])
        #expect(abs(ranking.reduce(0) { $0 + ($1["posterior"] as! Double) } - 1) < 1e-5)
        let explanation = try #require(lines[0]["explanation"] as? [String: Any])
        #expect(explanation["first"] as? String == "alice" && explanation["second"] as? String == "bob")
        #expect((explanation["tokens"] as? [Any])?.isEmpty == false)
        let bob = try CLI.run(["score", "-m", bundle, "--critic", "bob", "--format", "lines"], stdin: "alas the film is dreadful .\n")
        let alice = try CLI.run(["score", "-m", bundle, "--critic", "alice", "--format", "lines"], stdin: "alas the film is dreadful .\n")
        #expect(bob.status == 0 && alice.status == 0 && bob.stdout != alice.stdout, "\(bob.stderr)")
        let noCritic = try CLI.run(["score", "-m", bundle, "--format", "lines"], stdin: "alas .\n")
        #expect(noCritic.status == 1 && noCritic.stderr.contains("--critic"))
        let text = try CLI.run(["classify", "-m", bundle, "alas the film is dreadful ."])
        #expect(text.status == 0 && text.stdout.contains("— bob"))
    }

    @Test func evalReportsFoldsAndJSON() throws {
        let folder = try Folder()
        let corpus = try labelledCorpus(folder)
        let result = try CLI.run(["eval", corpus, "--pretokenized", "--folds", "5", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(object["accuracy"] as? Double == 1)
        #expect(object["macro_f1"] as? Double == 1)
        #expect((object["folds"] as? [Any])?.count == 5)
        #expect(object["confusion"] as? [[Int]] == [[10, 0], [0, 10]])
        let text = try CLI.run(["eval", corpus, "--pretokenized", "--folds", "5"])
        #expect(text.stdout.contains("mean over folds") && text.stdout.contains("confusion"))
    }

    @Test func clearErrors() throws {
        let folder = try Folder()
        let corpus = try labelledCorpus(folder)
        _ = try folder.write("test/carol.txt", "hello there\n")
        let unseen = try CLI.run(["eval", corpus, "--pretokenized", "--test", folder.path + "/test"])
        #expect(unseen.status == 1 && unseen.stderr.contains("critic 'carol' appears in the test corpus but not in training"))
        let missing = try CLI.run(["classify", "-m", folder.path + "/nothing.bundle", "text"])
        #expect(missing.status == 1 && missing.stderr.contains("nothing.bundle"))
        let folds = try CLI.run(["eval", corpus, "--pretokenized", "--folds", "11"])
        #expect(folds.status == 1 && folds.stderr.contains("--folds 11"))
    }
}
