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
        // A beam of B continuations of W words expands B × vocabulary candidates per word: both
        // are bounded so that a run ends (--words 100000000 ran without bound).
        try OptionLimits.require(words, in: 1...10_000, "--words")
        try OptionLimits.require(beam, in: 1...1_000, "--beam", "a wider beam rarely changes the best continuation")
        if results < 1 || results > beam { throw ValidationError("--results must be between 1 and --beam (\(beam)); widen the beam to see more continuations.") }
        if let next { try OptionLimits.require(next, in: 1...100_000, "--next") }
    }

    func run() throws {
        try reportingFailures {
            let loaded = try source.load()
            let model = loaded.model
            let index = SuccessorIndex(model: model)
            let tokens = try loaded.tokenize(text)
            let ids = model.vocabulary.encode(tokens)
            let output = BufferedOutput()
            if let next {
                let candidates = index.nextWords(after: ids, count: next)
                if !json { output.write("rank\tword\tprobability\tln_probability\n") }
                for (rank, candidate) in candidates.enumerated() {
                    let word = model.vocabulary[candidate.word]
                    if json {
                        output.write("{\"rank\":\(rank + 1),\"word\":\(jsonString(word)),\"probability\":\(jsonNumber(exp(candidate.logProbability))),"
                                     + "\"log_probability\":\(jsonNumber(candidate.logProbability))}\n")
                    } else {
                        output.write("\(rank + 1)\t\(word)\t\(String(format: "%.4f", exp(candidate.logProbability)))\t\(formatLog(candidate.logProbability))\n")
                    }
                }
            } else {
                let completions = beam == 1 ? [index.greedyCompletion(of: ids, maxWords: words)]
                    : index.beamSearch(from: ids, maxWords: words, beamWidth: beam, results: results)
                for completion in completions {
                    let continuation = model.vocabulary.decode(completion.words)
                    let full = source.detokenizer.detokenize(tokens + continuation)
                    if json {
                        output.write("{\"text\":\(jsonString(full)),\"continuation\":[\(continuation.map(jsonString).joined(separator: ","))],"
                                     + "\"log_probability\":\(jsonNumber(completion.logProbability)),\"ended\":\(completion.ended)}\n")
                    } else {
                        output.write("\(formatLog(completion.logProbability))\t\(full)\(completion.ended ? "" : " …")\n")
                    }
                }
            }
            output.flush()
        }
    }
}
