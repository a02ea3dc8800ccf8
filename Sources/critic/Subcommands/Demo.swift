import ArgumentParser
import CriticKit
import CriticSupport
import Foundation

/// `critic demo`: every capability on the sample corpus, with fixed seeds, in about a minute.
///
/// Text goes to stdout (and `report.txt`); models, embeddings and SVG plots go to the output folder.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run every capability on a labelled corpus (default: the sample corpus) and write a report.",
        discussion: """
            Reads the corpus, trains an authorship bundle (one trigram model per critic over one \
            vocabulary) on all but the last reviews of each critic, cross-validates authorship, \
            classifies the held-out reviews (posteriors and --explain), generates, completes, fills \
            and corrects reviews in each critic's voice, trains an RBM on the bags of words, exports \
            the review embeddings, and draws the RBM training curves, a PCA map of the embeddings and \
            the confusion matrix as SVG. Every random choice is seeded.
            """)

    @Argument(help: "A labelled corpus in any format critic reads.")
    var corpus = "corpora/plain"

    @Option(name: .shortAndLong, help: "Folder for the report, models, embeddings and plots (created if needed).")
    var output = "demo-output"

    @Option(help: "Seed of every random choice.")
    var seed: UInt64 = 42

    @Option(help: "Folds of the authorship cross-validation.")
    var folds = 5

    @Option(help: "Reviews held out per critic for the classification showcase.")
    var heldOut = 2

    @Option(help: "Hidden units of the RBM (embedding dimensions).")
    var hidden = 32

    @Option(help: "RBM training epochs.")
    var epochs = 40

    func validate() throws {
        if folds < 2 { throw ValidationError("--folds must be at least 2.") }
        if heldOut < 1 { throw ValidationError("--held-out must be at least 1.") }
        if hidden < 2 { throw ValidationError("--hidden must be at least 2 (the map is 2-D).") }
        if epochs < 1 { throw ValidationError("--epochs must be at least 1.") }
    }

    func run() throws {
        try reportingFailures {
            var demo = DemoRun(options: self)
            try demo.run()
        }
    }
}

/// The demo's steps, each writing a section of the report.
private struct DemoRun {
    let options: Demo
    var report = ""
    let started = Date()

    init(options: Demo) { self.options = options }

    /// One random edit of `word` (a deletion, insertion, substitution or transposition of its
    /// letters) that the vocabulary does not hold: a typo, not another word.
    static func typo(of word: String, vocabulary: Vocabulary, using generator: inout SeededGenerator) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var characters = Array(word)
        for _ in 0..<100 {
            characters = Array(word)
            let at = generator.nextInt(below: characters.count)
            switch generator.nextInt(below: 4) {
            case 0 where characters.count > 1: characters.remove(at: at)
            case 1: characters.insert(letters[generator.nextInt(below: letters.count)], at: at)
            case 2: characters[at] = letters[generator.nextInt(below: letters.count)]
            case 3 where at + 1 < characters.count: characters.swapAt(at, at + 1)
            default: continue
            }
            if !vocabulary.contains(String(characters)) { break }
        }
        return String(characters)
    }

    mutating func say(_ line: String = "") {
        print(line)
        report += line + "\n"
    }

    mutating func run() throws {
        let folder = URL(fileURLWithPath: options.output)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

        // 1. The corpus.
        let (reviews, _) = try CorpusReader(paths: [options.corpus]).readAll()
        guard LabelledCorpus.isLabelled(reviews) else { throw AuthorshipError.noCritics }
        let pipeline = BundleTraining()
        let corpus = try pipeline.labelledCorpus(reviews)
        let (tokens, critics) = (corpus.tokens, corpus.critics)
        let names = Array(Set(critics)).sorted()
        say("CriticKit \(criticKitVersion) demo — corpus \(options.corpus), seed \(options.seed)")
        say("")
        say("== Corpus")
        say("\(reviews.count) reviews by \(names.count) critics, \(tokens.reduce(0) { $0 + $1.count }) tokens (ICU word breaks, NFKC, case folding)")
        for name in names {
            let mine = critics.indices.filter { critics[$0] == name }
            let count = mine.reduce(0) { $0 + tokens[$1].count }
            say("  \(name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(mine.count) reviews, \(count / max(mine.count, 1)) tokens per review")
        }

        // 2. Authorship: train on all but the last `heldOut` reviews of each critic.
        var heldOutRows: [Int] = []
        for name in names { heldOutRows += critics.indices.filter { critics[$0] == name }.suffix(options.heldOut) }
        let heldOutSet = Set(heldOutRows)
        let trainingRows = reviews.indices.filter { !heldOutSet.contains($0) }
        let provenance = Provenance(corpus: [options.corpus], command: ["demo", "--seed", String(options.seed),
                                                                        "--held-out", String(options.heldOut)])
        let trained = try pipeline.train(LabelledCorpus(tokens: trainingRows.map { tokens[$0] }, critics: trainingRows.map { critics[$0] }),
                                         provenance: provenance)
        let bundle = trained.bundle
        try bundle.save(to: path("authorship.bundle"))
        let model = bundle.model
        say("")
        say("== Authorship: \(model.critics.count) trigram models (modified Kneser–Ney) over one vocabulary of \(model.vocabulary.count) words")
        for warning in trained.warnings { say("  warning: \(warning)") }

        // Cross-validation over the whole corpus (fold = review index mod k within each critic).
        let evaluation = try pipeline.training.crossValidate(LabelledCorpus(tokens: tokens, critics: critics), folds: options.folds)
        let overall = evaluation.overall
        say(String(format: "%d-fold cross-validation: accuracy %.1f %% (%d of %d), macro-F1 %.3f",
                   options.folds, 100 * overall.accuracy, overall.correct, overall.total, overall.macroF1))
        for row in overall.perCritic {
            say(String(format: "  %@ precision %.2f recall %.2f F1 %.2f", row.critic.padding(toLength: 18, withPad: " ", startingAt: 0),
                       row.precision, row.recall, row.f1))
        }
        let confusion = ConfusionMatrixChart(title: "Authorship, \(options.folds)-fold cross-validation",
                                             labels: overall.critics, counts: overall.confusion)
        try confusion.write(to: URL(fileURLWithPath: path("confusion-matrix.svg")))

        // Held-out reviews, classified by the bundle that never saw them.
        say("")
        say("== Classifying \(heldOutRows.count) held-out reviews")
        var correct = 0
        var explained = false
        for row in heldOutRows {
            let classification = model.classify(tokens[row])
            let best = classification.best
            if best.critic == critics[row] { correct += 1 }
            let runnerUp = classification.ranking[1]
            say(String(format: "  %@ → %@ (P = %.3f; next %@ %.3f)%@", reviews[row].id, best.critic, best.posterior,
                       runnerUp.critic, runnerUp.posterior, best.critic == critics[row] ? "" : "  ✗ wrong"))
            if !explained {
                explained = true
                let first = model.critics.firstIndex(of: best.critic)!
                let second = model.critics.firstIndex(of: runnerUp.critic)!
                let reasons = model.explain(encoded: model.encode(tokens[row]), first: first, second: second, limit: 5)
                say("    why \(best.critic) over \(runnerUp.critic) (log-probability differences):")
                for reason in reasons {
                    say(String(format: "      %+.2f  %@", reason.difference, reason.ngram.joined(separator: " ")))
                }
            }
        }
        say("  \(correct) of \(heldOutRows.count) right")

        // 3. Generation, completion, filling and correcting, in each critic's voice.
        say("")
        say("== Generated reviews (seed \(options.seed), one per critic; each critic's model mixed with the background, as classification scores)")
        let detokenizer = Detokenizer(capitalizeSentences: true)
        var generator = SeededGenerator(seed: options.seed)
        var indexes: [String: SuccessorIndex] = [:]
        let backgroundIndex = model.backgroundModel.map { SuccessorIndex(model: $0) }
        for name in model.critics {
            let index = SuccessorIndex(model: try model.model(critic: name))
            indexes[name] = index
            let review = backgroundIndex.map {
                InterpolatedSampler(own: index, background: $0, backgroundWeight: model.backgroundWeight).generate(maxWords: 60, using: &generator)
            } ?? index.generate(maxWords: 60, using: &generator)
            let words = index.model.vocabulary.decode(review.words)
            say("  [\(name)] \(detokenizer.detokenize(words))\(review.ended ? "" : " …")")
        }
        say("")
        say("== Completing \"the film\" (greedy, then the best of a length-normalised beam of 4; no trigram repeated)")
        let prefix = try pipeline.tokenization.tokenize("the film")
        for name in model.critics.prefix(3) {
            let index = indexes[name]!
            let vocabulary = index.model.vocabulary
            let ids = vocabulary.encode(prefix)
            if let greedy = index.complete(ids, options: CompletionOptions(maxWords: 12)).first {
                say("  [\(name)] greedy: \(detokenizer.detokenize(prefix + vocabulary.decode(greedy.words)))")
            }
            if let best = index.complete(ids, options: CompletionOptions(maxWords: 12, beamWidth: 4)).first {
                say("  [\(name)] beam:   \(detokenizer.detokenize(prefix + vocabulary.decode(best.words)))")
            }
        }

        // Fill and correct on the opening of held-out reviews: blank (or corrupt) one word the
        // model knows, and see whether both contexts bring it back.
        say("")
        say("== Filling a blank in held-out reviews (left and right contexts)")
        var showcase: [(name: String, words: [String], position: Int)] = []
        for name in model.critics.prefix(3) {
            guard let row = heldOutRows.first(where: { critics[$0] == name }) else { continue }
            let words = Array(tokens[row].prefix(14))
            let vocabulary = indexes[name]!.model.vocabulary
            // The first word after the third that the critic's model knows and that is not punctuation.
            guard let position = words.indices.dropFirst(3).dropLast(2).first(where: {
                vocabulary.lookup(words[$0]) != nil && words[$0].first?.isLetter == true && words[$0].count > 3
            }) else { continue }
            showcase.append((name, words, position))
            let index = indexes[name]!
            let fills = index.model.fill(left: vocabulary.encode(Array(words[..<position])),
                                         right: vocabulary.encode(Array(words[(position + 1)...])), top: 3)
            var blanked = words
            blanked[position] = "___"
            say("  [\(name)] \(detokenizer.detokenize(blanked)) …")
            say("      " + fills.map { String(format: "%@ (%.2f)", vocabulary[$0.word], $0.posterior) }.joined(separator: ", ")
                + "   (the critic wrote: \(words[position]))")
        }
        say("")
        say("== Correcting a typo (one letter of a word of each opening deleted, inserted, substituted or swapped, seeded)")
        for (name, words, position) in showcase {
            let index = indexes[name]!
            let vocabulary = index.model.vocabulary
            let corrector = NoisyChannelCorrector(model: index.model)
            var noisy = words
            noisy[position] = Self.typo(of: words[position], vocabulary: vocabulary, using: &generator)
            let result = corrector.correct(noisy)
            say("  [\(name)] \(detokenizer.detokenize(noisy)) …")
            say("      " + (result.corrections.isEmpty ? "no correction" : result.corrections.map {
                String(format: "%@ → %@ (+%.1f nats)", $0.original, $0.replacement, $0.gain)
            }.joined(separator: "; ")) + "   (the critic wrote: \(words[position]))")
        }

        // 4. RBM embeddings.
        say("")
        let rbmTraining = DefaultModels.rbmTraining(hidden: options.hidden, epochs: options.epochs, seed: options.seed)
        var progress = ProgressLine()
        let epochs = options.epochs
        let rbm = try rbmTraining.train(reviews.map(\.text), provenance: provenance) { progress.update("RBM epoch \($0.epoch)/\(epochs)") }
        progress.clear()
        try rbm.model.save(to: path("rbm.model"), metadata: rbm.features.metadata)
        let first = rbm.history.first!, last = rbm.history.last!
        say("== RBM: \(rbm.features.bag.count) words → \(options.hidden) hidden units, CD-1, \(options.epochs) epochs")
        say(String(format: "  reconstruction error %.4f → %.4f; pseudo-log-likelihood %.1f → %.1f; free-energy gap %.2f → %.2f",
                   first.reconstructionError, last.reconstructionError, first.pseudoLogLikelihood, last.pseudoLogLikelihood,
                   first.freeEnergyGap ?? .nan, last.freeEnergyGap ?? .nan))
        if let gap = last.freeEnergyGap, let start = first.freeEnergyGap, gap > start + 1 {
            say("  the held-out free energy pulls away from the training one: the RBM starts to over-fit (Hinton's monitor)")
        }
        say(String(format: "  hidden units: %.0f %% dead, %.0f %% saturated", 100 * rbm.deadFraction, 100 * rbm.saturatedFraction))
        try LineChart.rbmTrainingCurves(title: "RBM training on \(options.corpus)",
                                        reconstructionError: rbm.history.map(\.reconstructionError),
                                        pseudoLogLikelihood: rbm.history.map(\.pseudoLogLikelihood),
                                        freeEnergyGap: rbm.history.map { $0.freeEnergyGap ?? .nan })
            .write(to: URL(fileURLWithPath: path("rbm-training.svg")))
        let embeddings = try rbm.model.transform(rbm.matrix)
        let labels = reviews.map { (critic: $0.critic, id: $0.id) }
        try EmbeddingFile.write(embeddings, rows: reviews.count, dimensions: options.hidden, labels: labels,
                                to: path("embeddings.npy"))
        try EmbeddingFile.write(embeddings, rows: reviews.count, dimensions: options.hidden, labels: labels,
                                to: path("projector"))
        let (scatter, pca) = try ScatterPlot.principalComponents(
            of: embeddings, rows: reviews.count, dimensions: options.hidden, critics: critics,
            titles: reviews.map(\.id), title: "Review embeddings (RBM P(h=1|v)), first two principal components",
            seed: options.seed)
        try scatter.write(to: URL(fileURLWithPath: path("embeddings-pca.svg")))
        say(String(format: "  embeddings: %d × %d; the first two principal components explain %.0f %% of their variance",
                   reviews.count, options.hidden, 100 * pca.explainedVarianceRatio.prefix(2).reduce(0, +)))

        say("")
        say("== Files in \(options.output)/")
        for name in ["authorship.bundle", "rbm.model", "embeddings.npy", "projector/vectors.tsv", "projector/metadata.tsv",
                     "confusion-matrix.svg", "rbm-training.svg", "embeddings-pca.svg", "report.txt"] {
            say("  \(name)")
        }
        say(String(format: "done in %.1f s", Date().timeIntervalSince(started)))
        try AtomicFile.write(Data(report.utf8), to: path("report.txt"))
    }
}
