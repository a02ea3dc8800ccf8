import ArgumentParser
import CriticKit
import Foundation

/// `critic fill`: the words that best fill a blank, judged by the whole review.
struct Fill: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill the blank (___) of a review with its most likely words, using the words on both sides.",
        discussion: """
        Every word of the vocabulary is tried in the blank and the whole review is scored; the \
        words are ranked by that score. Printed: rank, word, P(word | both sides) (the review's \
        probability normalised over all the words tried), and the review's ln probability.
        """)

    @Argument(help: "A review with one blank: two or more underscores, such as \"the movie ___ amazing\".")
    var text: String

    @OptionGroup var source: GenerationModelOptions

    @Option(help: "How many words to print.")
    var top = 10

    @Flag(help: "JSON lines: one object per word.")
    var json = false

    /// The text before and after the blank.
    var parts: (left: String, right: String) {
        get throws {
            let pieces = text.split(separator: /_{2,}/, omittingEmptySubsequences: false)
            guard pieces.count == 2 else {
                throw ValidationError(pieces.count == 1 ? "the text has no blank: mark the missing word with ___ (three underscores)."
                                                        : "the text has \(pieces.count - 1) blanks: fill one at a time (leave a single ___).")
            }
            return (String(pieces[0]), String(pieces[1]))
        }
    }

    func validate() throws {
        try OptionLimits.require(top, in: 1...10_000, "--top")
        _ = try parts
    }

    func run() throws {
        try reportingFailures {
            let loaded = try source.load()
            let model = loaded.model
            let (leftText, rightText) = try parts
            let left = try loaded.tokenize(leftText), right = try loaded.tokenize(rightText)
            let candidates = model.fill(left: model.vocabulary.encode(left), right: model.vocabulary.encode(right), top: top)
            let output = BufferedOutput()
            let encoder = ReportJSON.encoder()
            if !json { output.write("rank\tword\tprobability\treview_ln_probability\ttext\n") }
            for (rank, candidate) in candidates.enumerated() {
                let filled = FillReport(rank: rank + 1, candidate, left: left, right: right,
                                        vocabulary: model.vocabulary, detokenizer: source.detokenizer)
                output.write(json ? try ReportJSON.line(filled, using: encoder)
                                  : "\(filled.rank)\t\(filled.word)\t\(String(format: "%.4f", filled.probability))\t\(formatLog(filled.reviewLogProbability))\t\(filled.text)\n")
            }
            output.flush()
        }
    }
}
