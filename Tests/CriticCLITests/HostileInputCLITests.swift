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
}
