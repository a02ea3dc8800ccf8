import ArgumentParser
import CriticKit
import Foundation

/// `critic classify`: which critic wrote this review?
struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank the critics of an authorship bundle for each review.",
        discussion: """
        Reviews come from the text arguments (one review each), else from --file (one review per \
        line), else from standard input (one review per line). They are tokenized as the bundle's \
        corpus was. For each review: the critics ranked by log-likelihood plus log prior, with the \
        log-likelihood ln P(review | critic), the average log-probability per token, and the \
        posterior P(critic | review).
        """)

    @Argument(help: "Review texts (none: --file or standard input).")
    var texts: [String] = []

    @Option(name: .customLong("file"), help: ArgumentHelp("A file of reviews, one per line (repeatable).", valueName: "path"))
    var files: [String] = []

    @Option(name: [.short, .customLong("model")], help: ArgumentHelp("The authorship bundle (written by `critic train` on a labelled corpus).", valueName: "path"))
    var model = ModelBundle.defaultPath

    @OptionGroup var tokenizer: TokenizerFlags

    @Flag(name: .customLong("no-prior"), help: "Uniform critic priors instead of the training review counts.")
    var noPrior = false

    @Flag(help: "List the tokens and n-grams whose log-probabilities differ most between the top two critics.")
    var explain = false

    @Option(help: "How many tokens --explain lists.")
    var explainCount = 10

    @Option(help: "Show only the best N critics (default: all).")
    var top: Int?

    @Flag(help: "Print one JSON object per review (JSON lines) on stdout.")
    var json = false

    func validate() throws {
        if explainCount < 1 { throw ValidationError("--explain-count must be at least 1.") }
        if let top, top < 1 { throw ValidationError("--top must be at least 1.") }
        if !texts.isEmpty && !files.isEmpty { throw ValidationError("Give review texts or --file, not both.") }
    }

    func run() throws {
        try reportingFailures {
            let (bundle, tokenization) = try withFlagHints { try ModelSource(path: model).bundle(requested: tokenizer.request) }
            let authorship = bundle.model
            var reviews = texts
            if reviews.isEmpty {
                let paths = files.isEmpty ? ["-"] : files
                for path in paths {
                    let reader = CorpusReader(path: path, options: CorpusReadOptions(format: .lines))
                    _ = try reader.forEach { reviews.append($0.text) }
                }
            }
            let tokens = try tokenization.tokenize(reviews)
            let output = BufferedOutput()
            let encoder = ReportJSON.encoder()
            for (index, reviewTokens) in tokens.enumerated() {
                let classified = authorship.classifiedReview(index + 1, tokens: reviewTokens, usePrior: !noPrior,
                                                             top: top, explain: explain ? explainCount : nil)
                output.write(json ? try ReportJSON.line(classified, using: encoder) : Self.text(classified))
            }
            output.flush()
        }
    }

    static func text(_ classified: ClassifiedReview) -> String {
        var lines = ["review \(classified.review): \(classified.tokens) tokens, \(classified.oov) unknown — \(classified.best)"]
        let width = Swift.max(6, classified.ranking.map(\.critic.count).max() ?? 0)
        lines.append("  " + EvaluationFormatting.pad("critic", width, left: true) + "  log-likelihood  avg log-prob  posterior")
        for score in classified.ranking {
            lines.append("  " + EvaluationFormatting.pad(score.critic, width, left: true)
                         + EvaluationFormatting.pad(String(format: "%.3f", score.logLikelihood), 16)
                         + EvaluationFormatting.pad(String(format: "%.4f", score.averageLogProbability), 14)
                         + EvaluationFormatting.pad(String(format: "%.6f", score.posterior), 11))
        }
        if let explanation = classified.explanation, !explanation.tokens.isEmpty {
            lines.append("  tokens that moved the decision most (ln P \(explanation.first) − ln P \(explanation.second)):")
            for item in explanation.tokens {
                lines.append("    " + EvaluationFormatting.pad(String(format: "%+.3f", item.difference), 8) + "  " + item.ngram.joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
