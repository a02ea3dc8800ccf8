import Foundation
import Testing

/// `critic rbm train|eval|inspect` and `critic embed` end to end on a small written corpus.
@Suite struct RBMCLITests {
    /// Two "critics" with distinct vocabularies, 40 reviews each: a folder of <critic>.txt files.
    static func writeCorpus(in folder: URL) throws -> [String] {
        let words = [["brilliant", "luminous", "masterful", "score", "camera", "actors"],
                     ["tedious", "clumsy", "bloated", "script", "plot", "actors"]]
        let dir = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (critic, vocabulary) in zip(["Ada", "Ben"], words) {
            var lines: [String] = []
            for index in 0..<40 {
                lines.append((0..<8).map { vocabulary[($0 * 7 + index * 3) % vocabulary.count] }.joined(separator: " ") + " .")
            }
            let path = dir.appendingPathComponent("\(critic).txt").path
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        return [dir.path]
    }

    @Test func trainEvalInspectEmbed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rbm-cli-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try Self.writeCorpus(in: folder)
        let model = folder.appendingPathComponent("m.rbm").path
        let train = try CLI.run(["rbm", "train"] + corpus + ["--hidden", "4", "--epochs", "3", "--seed", "1",
                                                             "--min-df", "1", "-o", model])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("recon-MSE"))
        #expect(FileManager.default.fileExists(atPath: model + ".history.json"))
        let again = folder.appendingPathComponent("m2.rbm").path
        _ = try CLI.run(["rbm", "train"] + corpus + ["--hidden", "4", "--epochs", "3", "--seed", "1", "--min-df", "1", "-o", again])
        #expect(FileManager.default.contents(atPath: model) == FileManager.default.contents(atPath: again),
                "same seed, same bytes")

        let eval = try CLI.run(["rbm", "eval", "--model", model] + corpus + ["--exact", "--json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as! [String: Any]
        let average = result["average_log_likelihood"] as! Double
        #expect(average < 0 && average.isFinite)
        let ais = try CLI.run(["rbm", "eval", "--model", model] + corpus + ["--ais-runs", "20", "--ais-temperatures", "500", "--json"])
        let aisResult = try JSONSerialization.jsonObject(with: Data(ais.stdout.utf8)) as! [String: Any]
        #expect(result["exact"] as? Bool == true && aisResult["exact"] as? Bool == false && aisResult["ais"] is [String: Any])
        #expect(abs((aisResult["log_partition"] as! Double) - (result["log_partition"] as! Double)) < 0.5)

        let inspect = try CLI.run(["rbm", "inspect", model, "--units", "2", "--fantasies", "1", "--gibbs-steps", "10"])
        #expect(inspect.status == 0)
        #expect(inspect.stdout.contains("h0:") && inspect.stdout.contains("fantasies"))

        let npy = folder.appendingPathComponent("e.npy").path
        let embed = try CLI.run(["embed", "--model", model] + corpus + ["-o", npy])
        #expect(embed.status == 0, "\(embed.stderr)")
        // 80 rows × 4 float32 after a 128-byte header.
        #expect(FileManager.default.contents(atPath: npy)?.count == 128 + 80 * 4 * 4)
        let projector = folder.appendingPathComponent("projector").path
        #expect(try CLI.run(["embed", "--model", model] + corpus + ["-o", projector]).status == 0)
        let metadata = try String(contentsOfFile: projector + "/metadata.tsv", encoding: .utf8)
        // Per-critic files name reviews <critic>-NNN (the line number, as corpora/ does).
        #expect(metadata.hasPrefix("critic\tid\nAda\tAda-001\n"))
    }

    @Test func badInputFailsWithOneClearMessage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rbm-cli-bad-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("latin1.txt").path
        try Data([0x67, 0x6F, 0x6F, 0x64, 0x0A, 0x63, 0x61, 0x66, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: bad))
        let model = folder.appendingPathComponent("m.rbm").path
        let result = try CLI.run(["rbm", "train", bad, "--hidden", "2", "-o", model])
        #expect(result.status != 0)
        #expect(result.stderr.contains("latin1.txt:2"))
        #expect(!FileManager.default.fileExists(atPath: model))
        let notModel = try CLI.run(["rbm", "inspect", bad])
        #expect(notModel.status != 0 && notModel.stderr.contains("not a valid RBM file"))
        let kZero = try CLI.run(["rbm", "train", bad, "--cd-k", "0", "-o", model])
        #expect(kZero.status != 0 && kZero.stderr.contains("--cd-k"))
    }
}
