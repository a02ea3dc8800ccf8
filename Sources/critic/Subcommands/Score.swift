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
            if !json { output.write("critic\tid\ttokens\toov\tlog10_probability\tperplexity\(perToken ? "\ttoken_scores" : "")\n") }
            var total = PerplexityReport()
            for (review, words) in zip(reviews, sequences) {
                let ids = languageModel.vocabulary.encode(words)
                let report = languageModel.perplexity(of: ids)
                total.merge(report)
                var tokenScores = ""
                if perToken {
                    let scores = languageModel.score(sequence: ids).tokens
                    let names = words + ["</s>"]
                    tokenScores = zip(names, scores).map { name, score in
                        let value = score.logProbability / 2.302585092994046
                        return json ? "[\(jsonString(name)),\(value.isFinite ? "\(value)" : "null"),\(score.isOOV)]" : "\(name)=\(value)"
                    }.joined(separator: json ? "," : " ")
                }
                if json {
                    output.write("{\"critic\":\(review.critic.map(jsonString) ?? "null"),\"id\":\(jsonString(review.id)),"
                                 + "\"tokens\":\(report.tokens),\"oov\":\(report.oov),\"log10_probability\":\(finite(report.log10Probability)),"
                                 + "\"perplexity\":\(finite(report.perplexity))\(perToken ? ",\"token_scores\":[\(tokenScores)]" : "")}\n")
                } else {
                    output.write("\(review.critic ?? "")\t\(review.id)\t\(report.tokens)\t\(report.oov)\t\(report.log10Probability)\t\(report.perplexity)\(perToken ? "\t" + tokenScores : "")\n")
                }
            }
            if json {
                output.write(String(perplexityJSON(total).dropLast()) + ",\"total\":true}\n")
            } else {
                output.write("total\t\t\(total.tokens)\t\(total.oov)\t\(total.log10Probability)\t\(total.perplexity)\n")
            }
            output.flush()
        }
    }

    private func finite(_ value: Double) -> String { value.isFinite ? "\(value)" : "null" }
}
