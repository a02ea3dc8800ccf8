import Foundation
import Testing

/// `-o` replaces only what critic wrote (issue 12, classes 9 and 10): foreign files, inputs and
/// outputs of another kind are refused unless `--force`; a diverging RBM replaces nothing.
@Suite struct OutputProtectionCLITests {
    typealias Folder = CorpusCLITests.Folder

    static let corpus = "the film is a quiet triumph .\nthe film is loud and long .\na quiet film , a long triumph .\n"

    @Test func trainRefusesForeignFilesInputsAndOtherKinds() throws {
        let folder = try Folder()
        let text = try folder.write("train.txt", Self.corpus)
        let notes = try folder.write("notes.txt", "my notes\n")
        let model = folder.path + "/m.lm"
        #expect(try CLI.run(["train", "--pretokenized", text, "-o", model]).status == 0)
        // Replacing a model that critic wrote is fine; a missing folder on the way is created.
        #expect(try CLI.run(["train", "--pretokenized", text, "-o", model]).status == 0)
        #expect(try CLI.run(["train", "--pretokenized", text, "-o", folder.path + "/new/sub/m.lm"]).status == 0)
        for target in [notes, text, folder.path + "/new"] {
            let refused = try CLI.run(["train", "--pretokenized", text, "-o", target])
            #expect(refused.status == 1 && refused.stderr.contains("--force"), "\(target): \(refused.stderr)")
        }
        #expect(FileManager.default.contents(atPath: notes) == Data("my notes\n".utf8))
        #expect(FileManager.default.contents(atPath: text) == Data(Self.corpus.utf8))
        let forced = try CLI.run(["train", "--pretokenized", text, "-o", notes, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains("critic-tmp") })
    }

    @Test func aDivergingRBMLeavesTheGoodModel() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rbm-protect-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try RBMCLITests.writeCorpus(in: folder)
        let model = folder.appendingPathComponent("r.model").path
        let options = ["--hidden", "4", "--epochs", "2", "--seed", "1", "--min-df", "1", "-o", model]
        #expect(try CLI.run(["rbm", "train"] + corpus + options).status == 0)
        let good = FileManager.default.contents(atPath: model)
        let diverged = try CLI.run(["rbm", "train"] + corpus + options + ["--learning-rate", "1e30"])
        #expect(diverged.status == 1)
        #expect(diverged.stderr.contains(model) && diverged.stderr.contains("diverged"), "\(diverged.stderr)")
        #expect(FileManager.default.contents(atPath: model) == good)
    }
}
