import ArgumentParser
import CriticKit

/// `critic perplexity`: one figure for a corpus.
struct Perplexity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Perplexity of a model on a corpus, with KenLM query's conventions.",
        discussion: """
        Each review is wrapped in <s> … </s>; every word and </s> is predicted. "Excluding OOV" \
        leaves out the predictions of words outside the model's vocabulary.
        """)

    @OptionGroup var model: ModelPathOption
    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var tokens: ModelTokenFlags

    @Flag(help: "Print {\"perplexity\": …, \"perplexity_excluding_oov\": …, \"tokens\": …, \"oov\": …, …} on stdout.")
    var json = false

    func run() throws {
        try reportingFailures {
            let selection = try model.languageModel(tokens.tokenizer)
            let languageModel = selection.model
            let (_, sequences) = try tokens.reviewsAndTokens(corpus, tokenization: selection.tokenization)
            let report = languageModel.perplexity(sequences.map { languageModel.vocabulary.encode($0) })
            let output = BufferedOutput()
            if json {
                output.write(try ReportJSON.line(report))
            } else {
                output.write("perplexity\t\(report.perplexity)\nperplexity_excluding_oov\t\(report.perplexityExcludingOOV)\n")
                output.write("tokens\t\(report.tokens)\noov\t\(report.oov)\nreviews\t\(report.sequences)\nlog10_probability\t\(report.log10Probability)\n")
            }
            output.flush()
        }
    }
}
