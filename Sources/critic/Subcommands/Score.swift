import ArgumentParser
import CriticKit

/// `critic score`: figures per review, then the total.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score each review with a model: log10 probability, tokens, OOV, perplexity.",
        discussion: """
        One line per review (critic, id, tokens, oov, log10 probability, perplexity, tab-separated, \
        after a header line), then a total line; with --json, one JSON object per review and a last \
        one with "total": true. --per-token adds every token's log10 probability.
        """)

    @OptionGroup var model: ModelPathOption
    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var tokens: ModelTokenFlags

    @Flag(help: "JSON lines instead of TSV.")
    var json = false

    @Flag(help: "Also print each token with its log10 probability (KenLM query's full output).")
    var perToken = false

    func run() throws {
        try reportingFailures {
            let selection = try model.languageModel(tokens.tokenizer)
            let languageModel = selection.model
            let (reviews, sequences) = try tokens.reviewsAndTokens(corpus, tokenization: selection.tokenization)
            let output = BufferedOutput()
            let encoder = ReportJSON.encoder()
            if !json { output.write("critic\tid\ttokens\toov\tlog10_probability\tperplexity\(perToken ? "\ttoken_scores" : "")\n") }
            var total = PerplexityReport()
            for (review, words) in zip(reviews, sequences) {
                let score = languageModel.score(review, tokens: words, perToken: perToken)
                total.merge(score.figures)
                output.write(json ? try ReportJSON.line(score, using: encoder) : Self.text(score))
            }
            output.write(json ? try ReportJSON.line(ScoreTotal(figures: total), using: encoder)
                              : "total\t\t\(total.tokens)\t\(total.oov)\t\(total.log10Probability)\t\(total.perplexity)\n")
            output.flush()
        }
    }

    /// One TSV line: critic, id, tokens, oov, log10 probability, perplexity[, token=log10 …].
    static func text(_ score: ReviewScore) -> String {
        let figures = score.figures
        var line = "\(score.critic ?? "")\t\(score.id)\t\(figures.tokens)\t\(figures.oov)\t\(figures.log10Probability)\t\(figures.perplexity)"
        if let tokens = score.tokenScores {
            line += "\t" + tokens.map { "\($0.token)=\($0.log10Probability)" }.joined(separator: " ")
        }
        return line + "\n"
    }
}
