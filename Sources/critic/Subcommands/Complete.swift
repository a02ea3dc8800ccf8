import ArgumentParser
import CriticKit
import Foundation

/// `critic complete`: the most likely continuations of a review's beginning.
struct Complete: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Complete the beginning of a review with its most likely continuation (greedy or beam search).",
        discussion: """
        With --beam 1 (the default), the most likely next word, again and again (greedy); with \
        --beam B, beam search over whole continuations, ranked by their ln probability divided by \
        their length (words and </s>) to the power --length-penalty. Either stops at </s> or at \
        --words words (a cut continuation ends with …); </s> is not allowed before --min-words \
        words, and no word may repeat an n-gram of --no-repeat-ngram words already in the text (the \
        loops of a maximum-likelihood decoder). --next K prints instead the K most likely next words \
        with their probabilities. Printed: ln P of the continuation, the score the beam ranks by, the text.
        """)

    @Argument(help: "The beginning of a review.")
    var text: String

    @OptionGroup var source: GenerationModelOptions

    @Option(help: "At most this many words after the beginning.")
    var words = 20

    @Option(help: "At least this many words before the review may end.")
    var minWords = 0

    @Option(name: .customLong("no-repeat-ngram"), help: "No n-gram of this many words occurs twice (0: no constraint).")
    var noRepeatNGram = 3

    @Option(help: "Beams rank by ln P / length^α; α = 0 ranks by ln P, which favours short continuations.")
    var lengthPenalty = 1.0

    @Option(help: "Beam width: 1 is greedy decoding.")
    var beam = 1

    @Option(help: "How many continuations to print (at most --beam).")
    var results = 1

    @Option(help: "Print the K most likely next words with their probabilities instead.")
    var next: Int?

    @Flag(help: "JSON lines: one object per continuation (or per next word).")
    var json = false

    func validate() throws {
        // A beam of B continuations of W words expands B × vocabulary candidates per word: both
        // are bounded so that a run ends (--words 100000000 ran without bound).
        try OptionLimits.require(words, in: 1...10_000, "--words")
        try OptionLimits.require(beam, in: 1...1_000, "--beam", "a wider beam rarely changes the best continuation")
        if minWords < 0 || minWords > words { throw ValidationError("--min-words must be between 0 and --words (\(words)).") }
        if noRepeatNGram < 0 { throw ValidationError("--no-repeat-ngram must be 0 (off) or more, such as 3.") }
        if !(lengthPenalty >= 0 && lengthPenalty.isFinite) { throw ValidationError("--length-penalty must be a number ≥ 0, such as 1.") }
        if results < 1 || results > beam { throw ValidationError("--results must be between 1 and --beam (\(beam)); widen the beam to see more continuations.") }
        if let next { try OptionLimits.require(next, in: 1...100_000, "--next") }
    }

    /// One line of `--json`.
    struct CompletionReport: Codable {
        var text: String
        var continuation: [String]
        /// ln P of the continuation (and `</s>` when ended); null when zero.
        var logProbability: Double?
        /// What the beam ranks by: ln P / length^α.
        var normalisedScore: Double?
        var ended: Bool
    }

    func run() throws {
        try reportingFailures {
            let loaded = try source.load()
            let model = loaded.model
            let index = SuccessorIndex(model: model)
            let tokens = try loaded.tokenize(text)
            let ids = model.vocabulary.encode(tokens)
            let output = BufferedOutput()
            let encoder = ReportJSON.encoder()
            if let next {
                let candidates = index.nextWords(after: ids, count: next)
                if !json { output.write("rank\tword\tprobability\tln_probability\n") }
                for (rank, candidate) in candidates.enumerated() {
                    let word = NextWordReport(rank: rank + 1, candidate, vocabulary: model.vocabulary)
                    output.write(json ? try ReportJSON.line(word, using: encoder)
                                      : "\(word.rank)\t\(word.word)\t\(String(format: "%.4f", word.probability))\t\(formatLog(word.logProbability))\n")
                }
            } else {
                let options = CompletionOptions(maxWords: words, minWords: minWords, beamWidth: beam,
                                                noRepeatNGramSize: noRepeatNGram, lengthPenalty: lengthPenalty)
                let completions = index.complete(ids, options: options, results: results)
                for completion in completions {
                    let continuation = model.vocabulary.decode(completion.words)
                    let full = source.detokenizer.detokenize(tokens + continuation)
                    if json {
                        output.write(try ReportJSON.line(CompletionReport(text: full, continuation: continuation,
                                                                            logProbability: finite(completion.logProbability),
                                                                            normalisedScore: finite(options.normalisedScore(completion)),
                                                                            ended: completion.ended)))
                    } else {
                        output.write("\(formatLog(completion.logProbability))\t\(formatLog(options.normalisedScore(completion)))\t\(full)\(completion.ended ? "" : " …")\n")
                    }
                }
            }
            output.flush()
        }
    }
}
