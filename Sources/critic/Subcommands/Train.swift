import ArgumentParser
import CriticKit

/// `critic train`: a corpus in, one n-gram model out.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train an n-gram language model on a corpus (one model over all its reviews).",
        discussion: """
        Each review is one sequence <s> w1 … wn </s>. The vocabulary is the corpus's words (those \
        seen at least --min-count times; the others become <unk>). The output format follows the \
        extension of --output: .arpa writes ARPA text (log10, loadable by KenLM and SRILM; Kneser–Ney \
        only), anything else the binary model file. Warnings (e.g. discounts replaced by the \
        fallback on tiny data) go to stderr.
        """)

    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var tokens: ModelTokenFlags

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Where to write the model (.arpa: ARPA text; otherwise binary).", valueName: "path"))
    var output: String

    @Option(help: "Highest n-gram order, 1 to 5.")
    var order = 3

    @Option(help: "Estimator: mkn (interpolated modified Kneser–Ney, as KenLM lmplz), addk, or mle.")
    var estimator: EstimatorKind = .mkn

    @Option(help: "k of add-k smoothing (1 = Laplace).")
    var k = 1.0

    @Option(help: "Words seen fewer times than this become <unk>.")
    var minCount = 1

    func validate() throws {
        if !(1...5).contains(order) { throw ValidationError("--order must be 1 to 5 (3 is the default).") }
        if k <= 0 { throw ValidationError("--k must be positive; use --estimator mle for no smoothing.") }
        if minCount < 1 { throw ValidationError("--min-count must be at least 1.") }
        if output.lowercased().hasSuffix(".arpa") && estimator != .mkn {
            throw ValidationError("ARPA output needs --estimator mkn (MLE and add-k models do not back off); write a binary model instead.")
        }
    }

    func run() throws {
        try reportingFailures {
            let training = LanguageModelTraining(order: order, estimator: estimator, k: k, minCount: minCount, threads: tokens.threads)
            let estimate: Estimate
            let reviewCount: Int
            if tokens.pretokenized {
                var texts: [String] = []
                try corpus.forEachReview { texts.append($0.text) }
                reviewCount = texts.count
                estimate = try training.train(pretokenized: texts)
            } else {
                let (_, sequences) = try tokens.reviewsAndTokens(corpus)
                reviewCount = sequences.count
                estimate = try training.train(sequences)
            }
            for warning in estimate.warnings { printError("critic: warning: \(warning)") }
            try saveLanguageModel(estimate.model, to: output)
            let counts = estimate.model.ngramCounts.enumerated().map { "\($0.offset + 1)-grams \($0.element)" }.joined(separator: ", ")
            printError("critic: wrote \(output): \(reviewCount) reviews, vocabulary \(estimate.model.vocabulary.count), \(counts)")
        }
    }
}
