import ArgumentParser
import CriticKit
import Foundation

/// `critic correct`: single-word changes that make a noisy review more likely.
struct Correct: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Propose the single-word substitutions that most raise a review's probability (correct a noisy review).",
        discussion: """
        Every word of the review is replaced in turn by every word of the vocabulary and the whole \
        review rescored. Printed, best first: the gain in ln probability, the position (1 = first \
        word), the word replaced and its replacement, and the corrected review. Out-of-vocabulary \
        words are scored as <unk>, so replacing a misspelling is usually the first proposal.
        """)

    @Argument(help: "The review to correct.")
    var text: String

    @OptionGroup var source: GenerationModelOptions

    @Option(help: "How many substitutions to print.")
    var top = 5

    @Option(help: "Worker threads (default: every processor).")
    var threads: Int?

    @Flag(help: "JSON lines: one object per substitution.")
    var json = false

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1.") }
        try OptionLimits.requireThreads(threads)
        try OptionLimits.require(top, in: 1...10_000, "--top")
    }

    func run() throws {
        try reportingFailures {
            let loaded = try source.load()
            let model = loaded.model
            let tokens = try loaded.tokenize(text)
            let ids = model.vocabulary.encode(tokens)
            let substitutions = model.corrections(of: ids, top: top, threads: threads ?? 0)
            let output = BufferedOutput()
            if !json { output.write("gain\tposition\toriginal\treplacement\ttext\n") }
            for substitution in substitutions {
                var corrected = tokens
                let replacement = model.vocabulary[substitution.replacement]
                corrected[substitution.position] = replacement
                let text = source.detokenizer.detokenize(corrected)
                if json {
                    output.write("{\"gain\":\(jsonNumber(substitution.logProbabilityGain)),\"position\":\(substitution.position + 1),"
                                 + "\"original\":\(jsonString(tokens[substitution.position])),\"replacement\":\(jsonString(replacement)),\"text\":\(jsonString(text))}\n")
                } else {
                    output.write("+\(formatLog(substitution.logProbabilityGain))\t\(substitution.position + 1)\t\(tokens[substitution.position])\t\(replacement)\t\(text)\n")
                }
            }
            if substitutions.isEmpty && !json { printError("no single-word substitution makes this review more likely") }
            output.flush()
        }
    }
}
