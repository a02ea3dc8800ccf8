import Foundation
import Testing

/// Issue 12's hostile inputs, run through the binary: each must exit 1 with one sentence naming
/// the path and the fix — never a signal, never exit 0 with a wrong answer.
@Suite struct HostileInputCLITests {
    typealias Folder = CorpusCLITests.Folder

    static let commands: [[String]] = [
        ["perplexity", "--format", "lines"], ["score", "--format", "lines"], ["generate", "--count", "1"],
        ["complete", "the"], ["fill", "the ___ film"], ["correct", "teh film"],
    ]

    // Class 1: a folder as -m crashed every model command (a `try!` inside Foundation's FileHandle).
    @Test(arguments: commands)
    func aFolderAsModelIsAnErrorNotACrash(command: [String]) throws {
        let folder = try Folder()
        let model = folder.path + "/not-a-model"
        try FileManager.default.createDirectory(atPath: model, withIntermediateDirectories: true)
        let result = try CLI.run(command + ["-m", model], stdin: "the film\n")
        #expect(result.status == 1, "\(command[0]): \(result.stderr)")
        #expect(result.stderr.contains("not-a-model: is a folder"), "\(result.stderr)")
    }

    // Misleading messages: an empty or random file is neither kind of model, not a bad ARPA file.
    @Test func emptyAndRandomModelFilesAreNamedForWhatTheyAre() throws {
        let folder = try Folder()
        var generator = SystemRandomNumberGenerator()
        let random = try folder.write("random.lm", (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let empty = try folder.write("empty.lm", [UInt8]())
        for (path, phrase) in [(random, "neither a critic binary model"), (empty, "is empty")] {
            let result = try CLI.run(["perplexity", "--format", "lines", "-m", path], stdin: "the film\n")
            #expect(result.status == 1)
            #expect(result.stderr.contains(phrase), "\(result.stderr)")
            #expect(!result.stderr.contains("expected \\data\\"), "\(result.stderr)")
        }
    }

    @Test func aFolderAsRBMModelIsNamedAsAFolder() throws {
        let folder = try Folder()
        for command in [["rbm", "inspect", folder.path], ["rbm", "eval", "-m", folder.path, "-"]] {
            let result = try CLI.run(command, stdin: "the film\n")
            #expect(result.status == 1)
            #expect(result.stderr.contains("is a folder"), "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("no such file"), "\(command): \(result.stderr)")
        }
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    // Class 4 (and 5's --k inf): numeric options out of range are refused by validation (exit
    // 64) before anything runs: nan trapped, huge values aborted in allocations or ran unbounded.
    static let outOfRange: [(arguments: [String], phrase: String)] = [
        (["train", "--format", "lines", "--estimator", "addk", "--k", "nan", "-o", "/tmp/unused.lm", "-"], "--k"),
        (["train", "--format", "lines", "--estimator", "addk", "--k", "inf", "-o", "/tmp/unused.lm", "-"], "--k"),
        (["rbm", "train", "--format", "lines", "--hidden", "100000000", "-o", "/tmp/unused.model", "-"], "GB, this machine has"),
        (["rbm", "train", "--format", "lines", "--learning-rate", "inf", "-o", "/tmp/unused.model", "-"], "finite"),
        (["complete", "--words", "100000000", "the"], "--words"),
        (["complete", "--beam", "100000000", "the"], "--beam"),
        (["generate", "--count", "100000000"], "--count"),
        (["perplexity", "--threads", "100000000", "-"], "--threads"),
    ]

    @Test(arguments: outOfRange)
    func numericOptionsOutOfRangeAreRefusedBeforeRunning(arguments: [String], phrase: String) throws {
        let result = try CLI.run(arguments, stdin: "the film\n")
        #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
        #expect(result.stderr.contains(phrase), "\(arguments): \(result.stderr)")
    }

    @Test func aisRunsAreRefusedByTheMemoryTheyNeed() throws {
        let model = Self.repository + "/models/rbm.model"
        let result = try CLI.run(["rbm", "eval", "-m", model, "--format", "lines", "--ais-runs", "100000000", "-"],
                                 stdin: "the film is good\n")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("--ais-runs 100000000") && result.stderr.contains("GB, this machine has"), "\(result.stderr)")
    }

    // Class 7: per-critic-files reads <critic>.txt only and names what it skipped.
    @Test func perCriticFilesSkipsAndNamesOtherFiles() throws {
        let folder = try Folder()
        _ = try folder.write("corpus/ada.txt", "A fine film.\n")
        _ = try folder.write("corpus/bo.txt", "A poor film.\n")
        _ = try folder.write("corpus/README.md", "# About these reviews\n")
        _ = try folder.write("corpus/ada.txt~", "An old draft.\n")
        let result = try CLI.run(["tokenize", "--json", folder.path + "/corpus"])
        #expect(result.status == 0, "\(result.stderr)")
        let critics = result.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }.compactMap { $0["critic"] as? String }
        #expect(critics == ["ada", "bo"])
        #expect(result.stderr.contains("README.md") && result.stderr.contains("ada.txt~"), "\(result.stderr)")
    }

    // Class 8: a TSV line of other column counts is an error with its line (skipped with
    // --recover), and --tsv-columns maps other layouts.
    @Test func tsvLinesWithOtherColumnCountsAreErrorsWithTheirLine() throws {
        let folder = try Folder()
        let wide = "bo\t" + Array(repeating: "x", count: 10_000).joined(separator: "\t")
        let path = try folder.write("r.tsv", "ada\tA fine film.\n\(wide)\nbo\tA poor film.\n")
        let strict = try CLI.run(["tokenize", "--json", path])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("r.tsv:2:"), "\(strict.stderr)")
        let recovered = try CLI.run(["tokenize", "--json", "--recover", path])
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(recovered.stdout.split(separator: "\n").count == 2)
        #expect(recovered.stderr.contains("r.tsv:2"), "\(recovered.stderr)")
    }

    @Test(arguments: ["id,_,text,critic", "critic=4,text=3,id=1"])
    func tsvColumnsMapOtherLayouts(mapping: String) throws {
        let folder = try Folder()
        let path = try folder.write("m.tsv", "r1\t2024\tGood film.\tada\nr2\t2025\tBad film.\tbo\n")
        let result = try CLI.run(["tokenize", "--json", "--tsv-columns", mapping, path])
        #expect(result.status == 0, "\(result.stderr)")
        let objects = result.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        #expect(objects.compactMap { $0["critic"] as? String } == ["ada", "bo"])
        #expect(objects.compactMap { $0["id"] as? String } == ["r1", "r2"])
        let bad = try CLI.run(["tokenize", "--tsv-columns", "critic,critic", path])
        #expect(bad.status == 64)
    }

    // Class 12: the same seed gives the same bytes with any thread count.
    @Test func rbmTrainingIsTheSameBytesForEveryThreadCount() throws {
        let folder = try Folder()
        var models: [Data] = []
        for threads in [1, 2, 3] {
            let output = folder.path + "/rbm-\(threads).model"
            let result = try CLI.run(["rbm", "train", Self.repository + "/corpora/plain", "--hidden", "24", "--epochs", "3",
                                      "--batch-size", "16", "--seed", "5", "--threads", "\(threads)", "-o", output])
            #expect(result.status == 0, "\(result.stderr)")
            models.append(try Data(contentsOf: URL(fileURLWithPath: output)))
        }
        #expect(models[0] == models[1] && models[1] == models[2])
    }
}
