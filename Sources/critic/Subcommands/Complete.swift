import ArgumentParser
import CriticKit
import Foundation

/// `critic complete`: the most likely continuations of a review's beginning.
struct Complete: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Complete the beginning of a review with its most likely continuation (greedy or beam search).",
        discussion: """
        With --beam 1 (the default), the most likely next word, again and again (greedy); with \
        --beam B, beam search over whole continuations, scored by their ln probability, until </s> \
        or --words words (a cut continuation ends with …). --next K prints instead the K most \
        likely next words with their probabilities.
        """)

    @Argument(help: "The beginning of a review.")
    var text: String

    @OptionGroup var source: GenerationModelOptions

    @Option(help: "At most this many words after the beginning.")
    var words = 20

    @Option(help: "Beam width: 1 is greedy decoding.")
    var beam = 1

    @Option(help: "How many continuations to print (at most --beam).")
    var results = 1

    @Option(help: "Print the K most likely next words with their probabilities instead.")
    var next: Int?

    @Flag(help: "JSON lines: one object per continuation (or per next word).")
    var json = false

    func validate() throws {
        if words < 1 { throw ValidationError("--words must be at least 1.") }
        if beam < 1 { throw ValidationError("--beam must be at least 1.") }
        if results < 1 || results > beam { throw ValidationError("--results must be between 1 and --beam (\(beam)); widen the beam to see more continuations.") }
        if let next, next < 1 { throw ValidationError("--next must be at least 1.") }
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
                let continuations = beam == 1 ? [index.greedyCompletion(of: ids, maxWords: words)]
                    : index.beamSearch(from: ids, maxWords: words, beamWidth: beam, results: results)
                for continuation in continuations {
                    let completed = ContinuationReport(prefix: tokens, continuation, vocabulary: model.vocabulary, detokenizer: source.detokenizer)
                    output.write(json ? try ReportJSON.line(completed, using: encoder)
                                      : "\(formatLog(completed.logProbability))\t\(completed.text)\(completed.ended ? "" : " …")\n")
                }
            }
            output.flush()
        }
    }
}
