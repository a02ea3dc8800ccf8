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
            let limit = Swift.min(top ?? authorship.critics.count, authorship.critics.count)
            for (number, reviewTokens) in tokens.enumerated() {
                let words = authorship.encode(reviewTokens)
                let result = authorship.classify(encoded: words, usePrior: !noPrior)
                var explanation: [TokenContribution] = []
                if explain && result.ranking.count >= 2 {
                    let first = authorship.critics.firstIndex(of: result.ranking[0].critic)!
                    let second = authorship.critics.firstIndex(of: result.ranking[1].critic)!
                    explanation = authorship.explain(encoded: words, first: first, second: second, limit: explainCount)
                }
                output.write(json ? Self.json(number, result, limit, explanation) : Self.text(number, result, limit, explanation))
            }
            output.flush()
        }
    }

    static func text(_ number: Int, _ result: AuthorshipClassification, _ limit: Int, _ explanation: [TokenContribution]) -> String {
        var lines = ["review \(number + 1): \(result.predictions - 1) tokens, \(result.oovCount) unknown — \(result.best.critic)"]
        let width = Swift.max(6, result.ranking.map(\.critic.count).max() ?? 0)
        lines.append("  " + EvaluationFormatting.pad("critic", width, left: true) + "  log-likelihood  avg log-prob  posterior")
        for score in result.ranking.prefix(limit) {
            lines.append("  " + EvaluationFormatting.pad(score.critic, width, left: true)
                         + EvaluationFormatting.pad(String(format: "%.3f", score.logLikelihood), 16)
                         + EvaluationFormatting.pad(String(format: "%.4f", score.averageLogProbability), 14)
                         + EvaluationFormatting.pad(String(format: "%.6f", score.posterior), 11))
        }
        if !explanation.isEmpty {
            lines.append("  tokens that moved the decision most (ln P \(result.ranking[0].critic) − ln P \(result.ranking[1].critic)):")
            for item in explanation {
                lines.append("    " + EvaluationFormatting.pad(String(format: "%+.3f", item.difference), 8) + "  " + item.ngram.joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ number: Int, _ result: AuthorshipClassification, _ limit: Int, _ explanation: [TokenContribution]) -> String {
        func number6(_ x: Double) -> String { x.isFinite ? String(format: "%.6f", x) : "null" }
        var fields = ["\"review\":\(number + 1)", "\"tokens\":\(result.predictions - 1)", "\"oov\":\(result.oovCount)",
                      "\"best\":" + jsonString(result.best.critic)]
        fields.append("\"ranking\":[" + result.ranking.prefix(limit).map {
            "{\"critic\":\(jsonString($0.critic)),\"log_likelihood\":\(number6($0.logLikelihood)),\"avg_log_prob\":\(number6($0.averageLogProbability)),\"log_prior\":\(number6($0.logPrior)),\"posterior\":\(number6($0.posterior))}"
        }.joined(separator: ",") + "]")
        if !explanation.isEmpty {
            fields.append("\"explain\":[" + explanation.map {
                "{\"position\":\($0.position),\"ngram\":[\($0.ngram.map(jsonString).joined(separator: ","))],\"log_prob_first\":\(number6($0.logProbabilityFirst)),\"log_prob_second\":\(number6($0.logProbabilitySecond)),\"difference\":\(number6($0.difference))}"
            }.joined(separator: ",") + "]")
        }
        return "{" + fields.joined(separator: ",") + "}\n"
    }
}
