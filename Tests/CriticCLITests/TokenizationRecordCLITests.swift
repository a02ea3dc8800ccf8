import CriticKit
import Foundation
import Testing

/// Issue 11's acceptance: a bundle trained with `--no-punctuation --no-case-folding` is read with
/// that tokenization by every command that takes a model, whatever the command line says, and a
/// flag that contradicts the record is a clear error. Before the record existed, `score` and
/// `perplexity` tokenized with the command-line defaults (punctuation kept, case folded).
@Suite struct TokenizationRecordCLITests {
    typealias Folder = CorpusCLITests.Folder

    /// The tokenization the bundle is trained with, as the library states it.
    static let recorded = Tokenization.icu(TokenizerOptions(keepPunctuation: false, caseFolding: false))
    static let flags = ["--no-punctuation", "--no-case-folding"]

    /// Two critics whose reviews are full of capitals and punctuation, so that the two
    /// tokenizations give different token counts.
    static func corpus(_ folder: Folder) throws -> String {
        let alice = (0..<14).map { "The FILM is Superb, frankly! Luminous, LUMINOUS acting: a triumph #\($0)... Go. See. It!" }
        let bob = (0..<14).map { "Alas, the Film is TEDIOUS; dreadful pacing (again) — a Bore #\($0)?! Skip it." }
        try folder.write("corpus/alice.txt", alice.joined(separator: "\n") + "\n")
        try folder.write("corpus/bob.txt", bob.joined(separator: "\n") + "\n")
        return folder.path + "/corpus"
    }

    static let probe = "The FILM is Luminous, frankly! A TRIUMPH... Skip it?"

    func json(_ line: Substring) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func everyCommandTokenizesAsTheBundleDid() throws {
        let folder = try Folder()
        let bundle = folder.path + "/b.bundle"
        let train = try CLI.run(["train", try Self.corpus(folder), "-o", bundle] + Self.flags)
        try #require(train.status == 0, "\(train.stderr)")
        let expected = try Self.recorded.tokenize(Self.probe)
        let defaults = try Tokenization.default.tokenize(Self.probe)
        try #require(expected.count != defaults.count, "the probe must tell the tokenizations apart")
        let input = try folder.write("probe.txt", Self.probe + "\n")

        // score and perplexity: tokens predicted = words + </s>.
        let score = try CLI.run(["score", "-m", bundle, "--critic", "alice", "--json", input])
        try #require(score.status == 0, "\(score.stderr)")
        let scored = try json(score.stdout.split(separator: "\n")[0])
        #expect(scored["tokens"] as? Int == expected.count + 1)
        let perplexity = try CLI.run(["perplexity", "-m", bundle, "--critic", "bob", "--json", input])
        try #require(perplexity.status == 0, "\(perplexity.stderr)")
        #expect(try json(Substring(perplexity.stdout))["tokens"] as? Int == expected.count + 1)

        // classify: tokens of the review.
        let classify = try CLI.run(["classify", "-m", bundle, "--json", Self.probe])
        try #require(classify.status == 0, "\(classify.stderr)")
        #expect(try json(classify.stdout.split(separator: "\n")[0])["tokens"] as? Int == expected.count)

        // generate: the prefix's tokens open every sample.
        let generate = try CLI.run(["generate", "-m", bundle, "--critic", "alice", "--prefix", Self.probe, "-n", "1",
                                    "--max-words", "5", "--json"])
        try #require(generate.status == 0, "\(generate.stderr)")
        let generated = try json(generate.stdout.split(separator: "\n")[0])["tokens"] as? [String] ?? []
        #expect(Array(generated.prefix(expected.count)) == expected)

        // complete, fill and correct print the review's tokens back, detokenized.
        let shown = Detokenizer().detokenize(expected)
        let complete = try CLI.run(["complete", "-m", bundle, "--critic", "alice", "--words", "2", "--json", Self.probe])
        try #require(complete.status == 0, "\(complete.stderr)")
        #expect((try json(complete.stdout.split(separator: "\n")[0])["text"] as? String ?? "").hasPrefix(shown))
        let fill = try CLI.run(["fill", "-m", bundle, "--critic", "alice", "--json", "The FILM is ___, frankly!"])
        try #require(fill.status == 0, "\(fill.stderr)")
        let filled = try json(fill.stdout.split(separator: "\n")[0])["text"] as? String ?? ""
        #expect(filled.hasPrefix("The FILM is ") && !filled.contains("!"), "\(filled)")
        let correct = try CLI.run(["correct", "-m", bundle, "--critic", "alice", "--json", Self.probe])
        try #require(correct.status == 0, "\(correct.stderr)")
        for line in correct.stdout.split(separator: "\n") {
            let text = try json(line)["text"] as? String ?? ""
            #expect(!text.contains("!") && !text.contains(","), "\(text)")
        }

        // Flags that agree with the record are fine; flags that contradict it are an error.
        let agreeing = try CLI.run(["score", "-m", bundle, "--critic", "alice", "--json", input] + Self.flags)
        #expect(agreeing.status == 0 && agreeing.stdout == score.stdout, "\(agreeing.stderr)")
        for contradicting in [["--pretokenized"], ["--numbers", "class"], ["--locale", "th"]] {
            for command in [["score", "-m", bundle, "--critic", "alice", input],
                            ["classify", "-m", bundle, Self.probe],
                            ["generate", "-m", bundle, "--critic", "bob", "-n", "1"]] {
                let refused = try CLI.run(command + contradicting)
                #expect(refused.status == 1 && refused.stderr.contains("the model was trained on text tokenized with")
                        && refused.stderr.contains("drop \(contradicting[0] == "--numbers" ? "--numbers/--number-token" : contradicting[0])"),
                        "\(command + contradicting): \(refused.stderr)")
            }
        }
    }

    @Test func singleModelsAndRBMsRecordTheirTokenizationToo() throws {
        let folder = try Folder()
        let corpus = try Self.corpus(folder)
        let model = folder.path + "/one.lm"
        let train = try CLI.run(["train", corpus, "--single-model", "-o", model] + Self.flags)
        try #require(train.status == 0, "\(train.stderr)")
        let recorded = try NGramModel.load(from: model).record
        #expect(recorded?.tokenization == Self.recorded)
        #expect(recorded?.provenance.reviews == 28 && recorded?.provenance.corpus == [corpus])
        let input = try folder.write("probe.txt", Self.probe + "\n")
        let score = try CLI.run(["score", "-m", model, "--json", input])
        try #require(score.status == 0, "\(score.stderr)")
        #expect(try json(score.stdout.split(separator: "\n")[0])["tokens"] as? Int == (try Self.recorded.tokenize(Self.probe)).count + 1)
        #expect(try CLI.run(["score", "-m", model, "--pretokenized", input]).status == 1)

        let rbm = folder.path + "/r.model"
        let rbmTrain = try CLI.run(["rbm", "train", corpus, "--hidden", "4", "--epochs", "2", "--batch-size", "7",
                                    "--min-df", "1", "-o", rbm] + Self.flags)
        try #require(rbmTrain.status == 0, "\(rbmTrain.stderr)")
        let (loaded, metadata) = try BernoulliRBM.load(from: rbm)
        let features = try ReviewFeatures(model: loaded, metadata: metadata, path: rbm)
        #expect(features.tokenization == Self.recorded)
        #expect(features.bag.terms.contains("FILM") && !features.bag.terms.contains("film") && !features.bag.terms.contains("!"))
        let embedded = folder.path + "/e.csv"
        let embed = try CLI.run(["embed", "-m", rbm, input, "-o", embedded] + Self.flags)
        #expect(embed.status == 0, "\(embed.stderr)")
        let refused = try CLI.run(["embed", "-m", rbm, input, "-o", folder.path + "/f.csv", "--pretokenized"])
        #expect(refused.status == 1 && refused.stderr.contains("drop --pretokenized"), "\(refused.stderr)")
    }
}

extension TokenizationRecordCLITests {
    /// `eval --model BUNDLE --test CORPUS` evaluates an existing bundle with its own tokenization:
    /// the same figures as training that bundle inside eval.
    @Test func evalReadsAnExistingBundle() throws {
        let folder = try Folder()
        let corpus = try Self.corpus(folder)
        let bundle = folder.path + "/b.bundle"
        let train = try CLI.run(["train", corpus, "-o", bundle] + Self.flags)
        try #require(train.status == 0, "\(train.stderr)")
        let existing = try CLI.run(["eval", "--model", bundle, "--test", corpus, "--json"])
        try #require(existing.status == 0, "\(existing.stderr)")
        let retrained = try CLI.run(["eval", corpus, "--test", corpus, "--json"] + Self.flags)
        try #require(retrained.status == 0, "\(retrained.stderr)")
        for key in ["accuracy", "macro_f1", "confusion", "reviews"] {
            let a = try json(Substring(existing.stdout))[key], b = try json(Substring(retrained.stdout))[key]
            #expect("\(String(describing: a))" == "\(String(describing: b))", "\(key)")
        }
        let refused = try CLI.run(["eval", "--model", bundle, "--test", corpus, "--pretokenized"])
        #expect(refused.status == 1 && refused.stderr.contains("drop --pretokenized"), "\(refused.stderr)")
        let withCorpus = try CLI.run(["eval", corpus, "--model", bundle, "--test", corpus])
        #expect(withCorpus.status != 0 && withCorpus.stderr.contains("give no training CORPUS"), "\(withCorpus.stderr)")
    }
}
