import ArgumentParser
import CriticKit
import Foundation

/// The model that generate, complete, fill and correct use, and how their text becomes its tokens.
///
/// `--model` names an authorship bundle (one model per critic, chosen with `--critic`; its own
/// tokenization is used, whatever the flags say, since the text must be tokenized as the critics'
/// reviews were), or a single model file (binary or ARPA), whose text is tokenized as the flags say.
struct GenerationModelOptions: ParsableArguments {
    @Option(name: [.short, .customLong("model")], help: ArgumentHelp("An authorship bundle (choose the critic with --critic), a model file written by `critic train`, or any ARPA file.", valueName: "path"))
    var model = ModelBundle.defaultPath

    @Option(help: ArgumentHelp("The critic whose model to use, from the authorship bundle.", valueName: "name"))
    var critic: String?

    @Flag(help: "The text is already tokenized: split on spaces only, skipping ICU (for a single model trained with --pretokenized; a bundle knows its own tokenization).")
    var pretokenized = false

    @OptionGroup var tokenizer: TokenizerFlags

    @Flag(help: "Upper-case the first word of each sentence and the pronoun i in the printed text.")
    var capitalize = false

    /// The model, and how to turn text into its tokens.
    struct Loaded {
        var model: NGramModel
        var tokenize: (String) throws -> [String]
    }

    func load() throws -> Loaded {
        if ModelBundle.isBundle(at: model) {
            let bundle = try ModelBundle.load(from: model)
            guard let critic else { throw AuthorshipError.criticRequired(path: model, known: bundle.model.critics) }
            let tokenization = bundle.tokenization
            return Loaded(model: try bundle.model.model(critic: critic), tokenize: { text in try tokenization.tokenize(text) })
        }
        if critic != nil {
            throw ValidationError("--critic selects a model inside an authorship bundle, and \(model) is a single model file; drop --critic or give a bundle.")
        }
        let pretokenized = pretokenized, options = tokenizer.tokenizerOptions
        return Loaded(model: try loadLanguageModel(from: model), tokenize: { text in
            pretokenized ? splitPretokenized(text) : try Tokenizer(options: options).tokenize(text)
        })
    }

    var detokenizer: Detokenizer { Detokenizer(capitalizeSentences: capitalize) }
}

/// `-12.3456` for a log probability, "-inf" when zero probability.
func formatLog(_ value: Double) -> String {
    value.isFinite ? String(format: "%.4f", value) : (value < 0 ? "-inf" : "inf")
}
