import ArgumentParser
import CriticKit
import Foundation

/// The model that generate, complete, fill and correct use, and how their text becomes its tokens.
///
/// `--model` names an authorship bundle (one model per critic, chosen with `--critic`) or a single
/// model file (binary or ARPA). Text is tokenized as the model's record says (a bundle's manifest,
/// a binary model's metadata); tokenizer flags that contradict it are an error, and a model that
/// records nothing (ARPA) is tokenized as the flags say.
struct GenerationModelOptions: ParsableArguments {
    @OptionGroup var path: ModelPathOption

    @OptionGroup var tokenizer: TokenizerFlags

    @Flag(help: "Upper-case the first word of each sentence and the pronoun i in the printed text.")
    var capitalize = false

    /// The model, and how to turn text into its tokens.
    struct Loaded {
        var model: NGramModel
        var tokenization: Tokenization
        /// The bundle the model came from (nil for a single model file).
        var bundle: ModelBundle?
        var critic: String?
        /// A bundle's background model B and its weight λ: classification scores with
        /// (1 − λ)·P_critic + λ·P_B, and so does generation unless `--own-model-only` (nil for a
        /// single model file, or a bundle trained without a background).
        var background: (model: NGramModel, weight: Double)?
        private let tokenizer: TextTokenizer

        init(_ selection: ModelSource.LanguageModelSelection) throws {
            model = selection.model
            tokenization = selection.tokenization
            bundle = selection.bundle
            critic = selection.critic
            background = selection.bundle.flatMap { bundle in
                bundle.model.backgroundModel.map { (model: $0, weight: bundle.model.backgroundWeight) }
            }
            tokenizer = try selection.tokenization.makeTokenizer()
        }

        /// The tokens of `text`, as the model's training text was tokenized.
        func tokenize(_ text: String) throws -> [String] { try tokenizer.tokenize(text) }
    }

    func load() throws -> Loaded {
        try Loaded(path.languageModel(tokenizer))
    }

    var detokenizer: Detokenizer { Detokenizer(capitalizeSentences: capitalize) }
}

/// `-12.3456` for a log probability, "-inf" when zero probability.
func formatLog(_ value: Double) -> String {
    value.isFinite ? String(format: "%.4f", value) : (value < 0 ? "-inf" : "inf")
}
