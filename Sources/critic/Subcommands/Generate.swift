import ArgumentParser
import CriticKit
import CriticSupport
import Foundation

/// `critic generate`: reviews drawn from a model, seeded.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate reviews with a model: start at <s>, draw word after word until </s>.",
        discussion: """
        Words are drawn from exactly the distribution the model scores with (backoff included), \
        never <unk> or <s>; the same --seed gives the same reviews. --temperature, --top-k and \
        --top-p reshape the distribution (a temperature other than 1 without --top-k weighs every \
        word of the vocabulary at each step: slower). One review per line, detokenized; --json \
        prints one object per review with its tokens and ln probability under the model. From an \
        authorship bundle, words are drawn from the critic's model mixed with the bundle's background \
        model of every critic, (1 − λ)·P_critic + λ·P_background, the mixture classification scores \
        with; --own-model-only draws from the critic's model alone.
        """)

    @OptionGroup var source: GenerationModelOptions

    @Option(name: [.customShort("n"), .customLong("count")], help: "How many reviews to generate.")
    var count = 5

    @Option(help: "Seed of the draws: the same seed, model and options give the same reviews.")
    var seed: UInt64 = 42

    @Option(help: "Below 1 sharper (towards the most likely words), above 1 flatter.")
    var temperature = 1.0

    @Option(name: .customLong("top-k"), help: "Draw only among the K most likely next words.")
    var topK: Int?

    @Option(name: .customLong("top-p"), help: "Draw only among the most likely next words holding this share of the probability (nucleus sampling).")
    var topP: Double?

    @Option(name: .customLong("max-words"), help: "Stop a review after this many words if </s> has not come.")
    var maxWords = 200

    @Option(help: "The words each review starts with (tokenized as the model's corpus).")
    var prefix: String?

    @Flag(help: "Draw from the critic's own model only, not mixed with the bundle's background model.")
    var ownModelOnly = false

    @Flag(help: "One JSON object per review: text, tokens, log_probability (ln), ended.")
    var json = false

    /// One line of `--json`.
    struct ReviewReport: Codable {
        var text: String
        var tokens: [String]
        /// ln P under the model drawn from (the mixture, unless --own-model-only); null when zero.
        var logProbability: Double?
        var ended: Bool
    }

    func validate() throws {
        try OptionLimits.require(count, in: 0...1_000_000, "-n/--count")
        if !(temperature > 0 && temperature.isFinite) { throw ValidationError("--temperature must be a positive number, such as 0.7 or 1.2.") }
        if let topK, topK < 1 { throw ValidationError("--top-k must be at least 1.") }
        if let topP, !(topP > 0 && topP <= 1) { throw ValidationError("--top-p must be in (0, 1], such as 0.9.") }
        try OptionLimits.require(maxWords, in: 1...100_000, "--max-words")
    }

    func run() throws {
        try reportingFailures {
            let loaded = try source.load()
            let model = loaded.model
            let index = SuccessorIndex(model: model)
            let mixture = ownModelOnly ? nil : loaded.background.map {
                InterpolatedSampler(own: index, background: SuccessorIndex(model: $0.model), backgroundWeight: $0.weight)
            }
            let prefixTokens = try prefix.map(loaded.tokenize) ?? []
            let prefixIDs = model.vocabulary.encode(prefixTokens)
            let options = SamplingOptions(temperature: temperature, topK: topK, topP: topP)
            var generator = SeededGenerator(seed: seed)
            let output = BufferedOutput()
            let detokenizer = source.detokenizer
            let encoder = ReportJSON.encoder()
            for _ in 0..<count {
                let review = mixture?.generate(prefix: prefixIDs, maxWords: maxWords, options: options, using: &generator)
                    ?? index.generate(prefix: prefixIDs, maxWords: maxWords, options: options, using: &generator)
                let tokens = prefixTokens + model.vocabulary.decode(review.words)
                let text = detokenizer.detokenize(tokens)
                if json {
                    output.write(try ReportJSON.line(ReviewReport(text: text, tokens: tokens, logProbability: finite(review.logProbability),
                                                                    ended: review.ended)))
                } else {
                    output.write(text + (review.ended ? "" : " …") + "\n")
                }
            }
            output.flush()
        }
    }
}
