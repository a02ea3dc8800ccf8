import ArgumentParser
import CriticKit
import CriticSupport
import Foundation

/// `critic correct`: the review meant, given the review typed (a noisy-channel corrector).
struct Correct: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correct the typos of a review: the likeliest review meant under the critic's model and a typing-error model.",
        discussion: """
        Each word may stand for itself or for a vocabulary word close in spelling (within 2 edits \
        for a word the model does not know, 1 edit for a word it knows: real-word errors); the \
        reading chosen maximises ln P(review | model) + Σ ln P(typed word | word meant) (noisy \
        channel, Kernighan, Church & Gale 1990): for a word the model does not know, one fixed cost \
        per deletion, insertion, substitution or transposition; for a known word, one chance in a \
        hundred of a slip, shared among the words one edit away (Mays, Damerau & Mercer 1991). \
        Several words of a review can change. Printed, best first: the gain in \
        nats (the score lost if the word is put back), the position (1 = first word), the word typed \
        and its correction, and the corrected review.
        """)

    @Argument(help: "The review to correct.")
    var text: String

    @OptionGroup var source: GenerationModelOptions

    @Option(help: "At most this many corrections to print.")
    var top = 5

    @Option(help: "Hypotheses kept after each word (a wider beam searches more readings).")
    var beam = 16

    @Flag(help: "JSON lines: one object per correction (position, original, replacement, gain, text).")
    var json = false

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1.") }
        try OptionLimits.require(top, in: 1...10_000, "--top")
        try OptionLimits.require(beam, in: 1...1_000, "--beam")
    }

    /// One line of `--json`.
    struct CorrectionReport: Codable {
        /// 1 = the first word.
        var position: Int
        var original: String
        var replacement: String
        /// Nats.
        var gain: Double
        /// The whole review, corrected.
        var text: String
    }

    func run() throws {
        try reportingFailures {
            let loaded = try source.load()
            let corrector = NoisyChannelCorrector(model: loaded.model, options: CorrectionOptions(beamWidth: beam))
            let tokens = try loaded.tokenize(text)
            let result = corrector.correct(tokens)
            let corrected = source.detokenizer.detokenize(result.tokens)
            let output = BufferedOutput()
            if !json { output.write("gain\tposition\toriginal\treplacement\ttext\n") }
            for correction in result.corrections.prefix(top) {
                if json {
                    output.write(try ReportJSON.line(CorrectionReport(position: correction.position + 1, original: correction.original,
                                                                        replacement: correction.replacement, gain: correction.gain,
                                                                        text: corrected)))
                } else {
                    output.write("+\(formatLog(correction.gain))\t\(correction.position + 1)\t\(correction.original)\t\(correction.replacement)\t\(corrected)\n")
                }
            }
            if result.corrections.isEmpty && !json { printError("no correction: the review as typed is its likeliest reading") }
            output.flush()
        }
    }
}
