import ArgumentParser
import CriticKit
import CriticSupport
import Foundation

/// `critic rbm train`: bag of words → Bernoulli RBM, with per-epoch monitoring.
struct RBMTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a Bernoulli RBM on the binary bags of words of a corpus.",
        discussion: """
            Trains by CD-k (default CD-1) or PCD with momentum 0.5→0.9 and L2 weight cost (Hinton's \
            practical guide). Each epoch reports the reconstruction error, scikit-learn's \
            pseudo-log-likelihood and the free-energy gap to a held-out slice; the reports are saved \
            next to the model as PATH.history.json.
            """)

    @OptionGroup var corpus: CorpusOptions

    @Option(help: "Hidden units (embedding dimensions).") var hidden = 128
    @Option(help: "Passes over the training reviews.") var epochs = 20
    @Option(help: "Seed of every random choice (initial weights, batch order, sampling, held-out slice).") var seed: UInt64 = 0
    @Option(name: .customLong("cd-k"), help: "Gibbs steps per update (CD-k, or PCD-k with --pcd).") var cdK = 1
    @Flag(help: "Persistent contrastive divergence: chains persist across updates.") var pcd = false
    @Option(help: "Reviews per mini-batch.") var batchSize = 100
    @Option(help: "Learning rate.") var learningRate: Float = 0.05
    @Option(help: "L2 weight cost on W.") var weightDecay: Float = 2e-4
    @Option(help: "Desired mean activation of each hidden unit (e.g. 0.1); none by default.") var sparsityTarget: Float?
    @Option(help: "Strength of the sparsity penalty.") var sparsityCost: Float = 0.1
    @Option(help: "Keep at most this many words, those in the most reviews.") var maxFeatures = 5000
    @Option(help: "Drop words in fewer reviews than this (a count like 2, or a fraction like 0.001).") var minDf = "2"
    @Option(help: "Drop words in more reviews than this (a count, or a fraction like 0.5).") var maxDf = "1.0"
    @Option(help: "Words never used: 'english' (a built-in function-word list) or a file with one word per line.") var stopWords: String?
    @OptionGroup var tokenizer: TokenizerFlags
    @Option(help: "Fraction of reviews held out to monitor over-fitting (free-energy gap).") var heldOut = 0.1
    @Option(help: "Threads of the tokenizer and of the per-epoch evaluation (default: all processors); the updates themselves run on one, so that every count gives the same model.") var threads: Int?
    @Flag(help: "Print the training report as JSON on standard output.") var json = false
    @Option(name: .shortAndLong, help: "Where to write the model.") var output: String
    @OptionGroup var protection: OutputProtection

    func validate() throws {
        if hidden < 1 { throw ValidationError("--hidden must be at least 1.") }
        if epochs < 1 { throw ValidationError("--epochs must be at least 1.") }
        if cdK < 1 { throw ValidationError("--cd-k must be at least 1 (CD-k needs k ≥ 1 Gibbs steps).") }
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1.") }
        if !(learningRate > 0) { throw ValidationError("--learning-rate must be positive.") }
        if weightDecay < 0 { throw ValidationError("--weight-decay cannot be negative.") }
        if let target = sparsityTarget, !(target > 0 && target < 1) {
            throw ValidationError("--sparsity-target must lie strictly between 0 and 1.")
        }
        if maxFeatures < 1 { throw ValidationError("--max-features must be at least 1.") }
        if DocumentFrequencyBound(parsing: minDf) == nil || DocumentFrequencyBound(parsing: maxDf) == nil {
            throw ValidationError("--min-df and --max-df take a count (5) or a fraction between 0 and 1 (0.5).")
        }
        if !(heldOut >= 0 && heldOut < 1) { throw ValidationError("--held-out must be a fraction in [0, 1).") }
        try OptionLimits.requireThreads(threads)
        try OptionLimits.require(maxFeatures, in: 1...10_000_000, "--max-features")
        try OptionLimits.require(epochs, in: 1...1_000_000, "--epochs")
        try OptionLimits.require(cdK, in: 1...10_000, "--cd-k")
        try OptionLimits.require(batchSize, in: 1...1_000_000, "--batch-size")
        if !(learningRate.isFinite && weightDecay.isFinite && sparsityCost.isFinite && sparsityCost >= 0) {
            throw ValidationError("--learning-rate, --weight-decay and --sparsity-cost must be finite numbers (--sparsity-cost 0 or more).")
        }
        // The trainer holds W, its velocity and its gradient (3 × V × H floats) and six batch ×
        // (V or H) buffers; V is at most --max-features. Refused here, before the corpus is read
        // (--hidden 100000000 aborted in the allocation).
        let v = Double(maxFeatures), h = Double(hidden), b = Double(batchSize)
        try OptionLimits.requireMemory(4 * (3 * v * h + 6 * b * (v + h)),
                                       for: "--hidden \(hidden) with up to --max-features \(maxFeatures) words and --batch-size \(batchSize)",
                                       fix: "lower --hidden, --max-features or --batch-size")
        try OptionLimits.require(hidden, in: 1...1_000_000, "--hidden")
    }

    func run() throws {
        try reportingFailures {
            if let threads { BLASControl.setThreads(threads) }
            let inputs = corpus.paths + (stopWords.map { [$0] } ?? [])
            try protection.check(output, as: .rbmModel, inputs: inputs)
            try protection.check(output + ".history.json", as: .trainingHistory, inputs: inputs)
            let reviews = try corpus.loadReviews()
            let stopWordSet = try stopWords.map { name throws(CorpusError) in try BagOfWordsOptions.stopWords(named: name) } ?? []
            let options = RBMTrainingOptions(hiddenCount: hidden, epochs: epochs, batchSize: batchSize,
                                             learningRate: learningRate,
                                             sampler: pcd ? .persistent(k: cdK) : .contrastiveDivergence(k: cdK),
                                             weightDecay: weightDecay, sparsityTarget: sparsityTarget,
                                             sparsityCost: sparsityCost, seed: seed)
            let pipeline = ReviewEmbeddingTraining(
                tokenization: tokenizer.tokenization,
                bagOfWords: BagOfWordsOptions(maxFeatures: maxFeatures,
                                              minDocumentFrequency: DocumentFrequencyBound(parsing: minDf)!,
                                              maxDocumentFrequency: DocumentFrequencyBound(parsing: maxDf)!,
                                              stopWords: stopWordSet),
                rbm: options, heldOutFraction: heldOut, threads: ThreadCount(threads))
            if !json {
                print("\(reviews.count) reviews, H = \(hidden), \(options.sampler), \(epochs) epochs")
                print("epoch  seconds  recon-MSE  PL(sklearn)  F(train)  F(held-out)     gap")
            }
            let provenance = Provenance(corpus: corpus.paths.isEmpty ? ["-"] : corpus.paths, command: recordedCommand())
            let result = try pipeline.train(reviews.map(\.text), provenance: provenance) { report in
                if !json {
                    print(String(format: "%5ld  %7.2f  %9.5f  %11.2f  %8.2f  %11.2f  %6.3f", report.epoch, report.seconds,
                                 report.reconstructionError, report.pseudoLogLikelihood, report.freeEnergyTrain,
                                 report.freeEnergyHeldOut ?? .nan, report.freeEnergyGap ?? .nan))
                } else if standardErrorIsTerminal {
                    printError("epoch \(report.epoch)/\(epochs) done (\(String(format: "%.1f", report.seconds)) s)")
                }
            }
            let (model, bag) = (result.model, result.features.bag)
            if !json {
                print("\(result.trainingRows.count) training reviews, \(result.heldOutRows.count) held out, V = \(bag.count) words")
            }
            var metadata = result.features.metadata
            metadata["training"] = "\(options.sampler), epochs \(epochs), batch \(batchSize), lr \(learningRate), weight cost \(weightDecay), seed \(seed)"
            try model.save(to: output, metadata: metadata)
            let report = RBMTrainingReport(model: output, training: result, sampler: options.sampler)
            try AtomicFile.write(try ReportJSON.encoder().encode(report.epochs), to: output + ".history.json")
            if json {
                print(try ReportJSON.line(report), terminator: "")
            } else {
                print(String(format: "hidden units: %.1f %% dead (mean P(h) < 0.01), %.1f %% saturated (> 0.99)",
                             100 * report.deadFraction, 100 * report.saturatedFraction))
                print("wrote \(output) and \(output).history.json")
            }
        }
    }
}
