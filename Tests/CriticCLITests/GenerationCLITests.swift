import Foundation
import Testing

/// `critic generate`, `complete`, `fill`, `correct`, run as a subprocess on a model that
/// `critic train --single-model` builds from the sample corpus (corpora/plain), and on the
/// default authorship bundle (models/authorship.bundle, one model per critic).
@Suite struct GenerationCLITests {
    typealias Folder = CorpusCLITests.Folder

    static var packageRoot: String {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.path
    }

    static var sampleCorpus: String { packageRoot + "/corpora/plain" }

    /// A model of the sample corpus, trained by the real command.
    static func trainedModel(_ folder: Folder) throws -> String {
        let model = folder.path + "/sample.lm"
        let train = try CLI.run(["train", sampleCorpus, "--single-model", "-o", model])
        #expect(train.status == 0, "\(train.stderr)")
        return model
    }

    @Test func generateIsSeededAndReadable() throws {
        let folder = try Folder()
        let model = try Self.trainedModel(folder)
        let first = try CLI.run(["generate", "-m", model, "-n", "4", "--seed", "7", "--max-words", "60"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.split(separator: "\n").count == 4)
        #expect(try CLI.run(["generate", "-m", model, "-n", "4", "--seed", "7", "--max-words", "60"]).stdout == first.stdout)
        #expect(try CLI.run(["generate", "-m", model, "-n", "4", "--seed", "8", "--max-words", "60"]).stdout != first.stdout)
        #expect(!first.stdout.contains(" ,") && !first.stdout.contains(" .") && !first.stdout.contains("<unk>"))
        let prefixed = try CLI.run(["generate", "-m", model, "-n", "3", "--prefix", "The film", "--top-k", "5", "--json"])
        #expect(prefixed.status == 0, "\(prefixed.stderr)")
        for line in prefixed.stdout.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            #expect((object["text"] as? String)?.hasPrefix("the film") == true)
            #expect((object["log_probability"] as? Double).map { $0 < 0 } == true)
        }
    }

    @Test func completeGreedyBeamAndNextWords() throws {
        let folder = try Folder()
        let model = try Self.trainedModel(folder)
        let next = try CLI.run(["complete", "the film is", "-m", model, "--next", "5"])
        #expect(next.status == 0, "\(next.stderr)")
        let rows = next.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: "\t") }
        #expect(rows.count == 5)
        let probabilities = rows.map { Double($0[2])! }
        #expect(probabilities == probabilities.sorted(by: >) && probabilities[0] > 0)
        let greedy = try CLI.run(["complete", "the film is", "-m", model, "--words", "8"])
        #expect(greedy.status == 0 && greedy.stdout.hasPrefix("-"))
        // greedy continues with the most likely next word
        #expect(greedy.stdout.split(separator: "\t")[2].hasPrefix("the film is " + rows[0][1]) || rows[0][1] == ","
                || rows[0][1] == ".")
        let beam = try CLI.run(["complete", "the film is", "-m", model, "--words", "8", "--beam", "4", "--results", "3"])
        #expect(beam.stdout.split(separator: "\n").count == 3)
        // ranked by the length-normalised score (second column), ended continuations first
        let scores = beam.stdout.split(separator: "\n").map { Double($0.split(separator: "\t")[1])! }
        let ended = beam.stdout.split(separator: "\n").map { !$0.hasSuffix("…") }
        for i in 1..<scores.count where ended[i] == ended[i - 1] { #expect(scores[i - 1] >= scores[i]) }
        // --min-words: no continuation ends sooner
        let long = try CLI.run(["complete", "the film is", "-m", model, "--words", "12", "--min-words", "10", "--json"])
        for line in long.stdout.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            #expect((object["continuation"] as! [String]).count >= 10)
            #expect(object["normalised_score"] is Double)
        }
        let bad = try CLI.run(["complete", "the film", "-m", model, "--results", "3"])
        #expect(bad.status != 0 && bad.stderr.contains("--results"))
    }

    @Test func fillAndCorrect() throws {
        let folder = try Folder()
        let model = try Self.trainedModel(folder)
        let fill = try CLI.run(["fill", "the ___ is a film about looking", "-m", model, "--top", "3"])
        #expect(fill.status == 0, "\(fill.stderr)")
        let rows = fill.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: "\t") }
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0[4].hasPrefix("the \($0[1]) is a film") })
        let noBlank = try CLI.run(["fill", "the film is a film", "-m", model])
        #expect(noBlank.status != 0 && noBlank.stderr.contains("___"))
        let twoBlanks = try CLI.run(["fill", "the ___ is ___", "-m", model])
        #expect(twoBlanks.status != 0 && twoBlanks.stderr.contains("2 blanks"))
        let correct = try CLI.run(["correct", "the film is a filn about looking .", "-m", model, "--top", "2", "--json"])
        #expect(correct.status == 0, "\(correct.stderr)")
        let first = try JSONSerialization.jsonObject(with: Data(correct.stdout.split(separator: "\n")[0].utf8)) as! [String: Any]
        #expect(first["original"] as? String == "filn" && first["replacement"] as? String == "film" && first["position"] as? Int == 5)
    }

    /// `--critic NAME` picks one critic's model of the default bundle (looked for in the current
    /// folder), with the bundle's tokenization.
    @Test func criticsOfTheDefaultBundle() throws {
        let crane = try CLI.run(["generate", "--critic", "walter-crane", "-n", "3", "--seed", "5"], in: Self.packageRoot)
        #expect(crane.status == 0, "\(crane.stderr)")
        #expect(crane.stdout.split(separator: "\n").count == 3)
        let ray = try CLI.run(["generate", "--critic", "jolene-ray", "-n", "3", "--seed", "5"], in: Self.packageRoot)
        #expect(ray.status == 0 && ray.stdout != crane.stdout)
        let next = try CLI.run(["complete", "Went in.", "--critic", "walter-crane", "--next", "3"], in: Self.packageRoot)
        #expect(next.status == 0 && next.stdout.split(separator: "\n").count == 4, "\(next.stderr)")
        let noCritic = try CLI.run(["generate", "-n", "1"], in: Self.packageRoot)
        #expect(noCritic.status == 1 && noCritic.stderr.contains("--critic") && noCritic.stderr.contains("walter-crane"))
        let unknown = try CLI.run(["fill", "the ___ film", "--critic", "nobody"], in: Self.packageRoot)
        #expect(unknown.status == 1 && unknown.stderr.contains("nobody") && unknown.stderr.contains("walter-crane"))
        let folder = try Folder()
        let single = try Self.trainedModel(folder)
        let misplaced = try CLI.run(["correct", "the film", "-m", single, "--critic", "walter-crane"])
        #expect(misplaced.status != 0 && misplaced.stderr.contains("--critic"))
    }

    @Test func badModelAndOptionsFailWithOneSentence() throws {
        let missing = try CLI.run(["generate", "-m", "/nonexistent/model.lm"])
        #expect(missing.status == 1 && missing.stderr.contains("/nonexistent/model.lm"))
        let folder = try Folder()
        let model = try Self.trainedModel(folder)
        for arguments in [["--temperature", "0"], ["--top-p", "1.5"], ["--top-k", "0"], ["-n", "-1"]] {
            let result = try CLI.run(["generate", "-m", model] + arguments)
            #expect(result.status != 0 && !result.stderr.isEmpty, "\(arguments)")
        }
    }
}
