import ArgumentParser
import CriticKit

extension EstimatorKind: ExpressibleByArgument {}

/// How reviews become the tokens a language model sees; shared by train, score and perplexity.
struct ModelTokenFlags: ParsableArguments {
    @Flag(help: "The text is already tokenized: split on spaces only, skipping ICU (to compare with KenLM on identical tokens).")
    var pretokenized = false

    @OptionGroup var tokenizer: TokenizerFlags

    @Option(help: "Worker threads (default: every processor).")
    var threads: Int?

    func validate() throws {
        try OptionLimits.requireThreads(threads)
    }

    /// Reads every review of the corpus and tokenizes it.
    func reviewsAndTokens(_ corpus: CorpusOptions) throws -> (reviews: [Review], tokens: [[String]]) {
        var reviews: [Review] = []
        try corpus.forEachReview { reviews.append($0) }
        let tokens = try tokenizeReviews(reviews, pretokenized: pretokenized, options: tokenizer.tokenizerOptions, threads: threads)
        return (reviews, tokens)
    }
}

/// A model given to score or perplexity: a model file, or one critic's model in a bundle.
struct ModelPathOption: ParsableArguments {
    @Option(name: [.short, .customLong("model")], help: ArgumentHelp("The model: a file written by `critic train` (binary), any ARPA file (KenLM, SRILM), or an authorship bundle with --critic.", valueName: "path"))
    var model: String = ModelBundle.defaultPath

    @Option(help: "In an authorship bundle, the critic whose model to use.")
    var critic: String?

    /// The model file, or the `--critic` model of a bundle.
    func load() throws -> NGramModel {
        if ModelBundle.isBundle(at: model) { return try ModelBundle.languageModel(at: model, critic: critic) }
        if critic != nil {
            throw ValidationError("--critic selects a model inside an authorship bundle, and \(model) is a single model file; drop --critic or give a bundle.")
        }
        return try loadLanguageModel(from: model)
    }
}
