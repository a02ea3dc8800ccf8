import ArgumentParser
import CriticKit
import Foundation

/// The model that generate, complete, fill and correct use, and how their text becomes its tokens
/// (tokenize it as the model's corpus was tokenized for `critic train`).
struct GenerationModelOptions: ParsableArguments {
    @Option(name: [.short, .customLong("model")], help: ArgumentHelp("The model: a file written by `critic train` (binary), or any ARPA file (KenLM, SRILM).", valueName: "path"))
    var model: String

    @Flag(help: "The text is already tokenized: split on spaces only, skipping ICU (as for a model trained with --pretokenized).")
    var pretokenized = false

    @OptionGroup var tokenizer: TokenizerFlags

    @Flag(help: "Upper-case the first word of each sentence and the pronoun i in the printed text.")
    var capitalize = false

    /// The model, and how to turn text into its tokens (as its corpus was tokenized).
    struct Loaded {
        var model: NGramModel
        var tokenize: (String) throws -> [String]
    }

    func load() throws -> Loaded {
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

/// A JSON number, or null for ±∞ and NaN.
func jsonNumber(_ value: Double) -> String { value.isFinite ? "\(value)" : "null" }
