import ArgumentParser
import CriticKit
import CriticSupport

/// `critic corpus …`: looking at corpora before modelling them.
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Inspect corpora.",
        subcommands: [Stats.self])

    /// `critic corpus stats`: critics, reviews, tokens, types, tokens per critic, OOV rate.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count critics, reviews, tokens and types (per critic too), and the OOV rate against a vocabulary.")

        @OptionGroup var corpus: CorpusOptions
        @OptionGroup var tokenizer: TokenizerFlags

        @Option(help: "A vocabulary file (written by critic); reports the share of tokens outside it.")
        var vocabulary: String?

        @Flag(help: "Print the figures as one JSON object on stdout.")
        var json = false

        @Option(help: "Worker threads (default: every processor).")
        var threads: Int?

        func validate() throws {
            try OptionLimits.requireThreads(threads)
        }

        func run() throws {
            try reportingFailures {
                let known = try vocabulary.map { path throws(CorpusError) in (name: path, words: try Vocabulary.load(from: path)) }
                var tally = CorpusStatistics.Tally(vocabulary: known)
                var batch: [Review] = []
                var progress = ProgressLine()
                let tokenization = tokenizer.tokenization
                func flush() throws(CorpusError) {
                    guard !batch.isEmpty else { return }
                    let tokens = try tokenization.tokenize(batch.map(\.text), threads: ThreadCount(threads))
                    for (review, reviewTokens) in zip(batch, tokens) { tally.add(review, tokens: reviewTokens) }
                    batch.removeAll(keepingCapacity: true)
                    progress.update("\(tally.counted.reviews) reviews, \(tally.counted.tokens) tokens")
                }
                let report = try corpus.forEachReview { review throws(CorpusError) in
                    batch.append(review)
                    if batch.count >= 2048 { try flush() }
                }
                try flush()
                progress.clear()
                let statistics = tally.statistics(read: report)
                let output = BufferedOutput()
                output.write(json ? try ReportJSON.line(statistics) : Self.text(statistics))
                output.flush()
            }
        }

        /// Critics listed in the text (the rest only in --json).
        static let criticsShown = 25

        static func text(_ statistics: CorpusStatistics) -> String {
            var lines: [String] = []
            for input in statistics.inputs { lines.append("input: \(input.path) (\(input.format), \(input.reviews) reviews)") }
            lines.append("critics: \(statistics.critics)")
            lines.append("reviews: \(statistics.reviews)")
            lines.append("skipped: \(statistics.skipped)")
            lines.append("tokens: \(statistics.tokens)")
            lines.append("types: \(statistics.types)")
            if let vocabulary = statistics.vocabulary, let oovTokens = statistics.oovTokens, let oovRate = statistics.oovRate {
                lines.append("oov rate: \(String(format: "%.4f", oovRate)) (\(oovTokens) of \(statistics.tokens) tokens outside \(vocabulary))")
            }
            if !statistics.perCritic.isEmpty {
                let shown = statistics.mostProlificCritics(criticsShown)
                lines.append("per critic (reviews, tokens, tokens per review)"
                             + (shown.count < statistics.perCritic.count ? ", the \(shown.count) with most reviews (all with --json):" : ":"))
                let names = shown.map { $0.critic ?? "(none)" }
                let width = min(40, names.map { max($0.count, 6) }.max() ?? 6)
                for (name, figures) in zip(names, shown) {
                    lines.append("  " + name.padding(toLength: max(width, name.count), withPad: " ", startingAt: 0)
                                 + "  \(figures.reviews)  \(figures.tokens)  \(String(format: "%.1f", figures.tokensPerReview))")
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
