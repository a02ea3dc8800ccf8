import ArgumentParser
import CriticKit

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
                let known = try vocabulary.map { path throws(CorpusError) in try Vocabulary.load(from: path) }
                var stats = CorpusStatistics()
                var batch: [Review] = []
                var progress = ProgressLine()
                let options = tokenizer.tokenizerOptions
                func flush() throws(CorpusError) {
                    guard !batch.isEmpty else { return }
                    let tokens = try Tokenizer.tokenize(batch.map(\.text), options: options, threads: threads)
                    for (review, reviewTokens) in zip(batch, tokens) { stats.add(review, reviewTokens, known) }
                    batch.removeAll(keepingCapacity: true)
                    progress.update("\(stats.reviews) reviews, \(stats.tokens) tokens")
                }
                let report = try corpus.forEachReview { review throws(CorpusError) in
                    batch.append(review)
                    if batch.count >= 2048 { try flush() }
                }
                try flush()
                progress.clear()
                let output = BufferedOutput()
                output.write(json ? stats.json(report: report, vocabulary: vocabulary)
                                  : stats.text(report: report, vocabulary: vocabulary))
                output.flush()
            }
        }
    }
}

/// The running figures of `critic corpus stats`.
struct CorpusStatistics {
    struct PerCritic {
        var reviews = 0
        var tokens = 0
    }

    var reviews = 0
    var tokens = 0
    var types = Set<String>()
    var outOfVocabulary = 0
    /// Per critic, in order of first appearance ("" = reviews without a critic).
    var perCritic: [String: PerCritic] = [:]
    var criticOrder: [String] = []

    mutating func add(_ review: Review, _ reviewTokens: [String], _ vocabulary: Vocabulary?) {
        reviews += 1
        tokens += reviewTokens.count
        for token in reviewTokens { types.insert(token) }
        if let vocabulary {
            for token in reviewTokens where !vocabulary.contains(token) { outOfVocabulary += 1 }
        }
        let key = review.critic ?? ""
        if perCritic[key] == nil { criticOrder.append(key) }
        perCritic[key, default: PerCritic()].reviews += 1
        perCritic[key, default: PerCritic()].tokens += reviewTokens.count
    }

    static let criticsShown = 25

    var critics: Int { criticOrder.filter { !$0.isEmpty }.count }
    var oovRate: Double { tokens == 0 ? 0 : Double(outOfVocabulary) / Double(tokens) }

    func text(report: CorpusReadReport, vocabulary: String?) -> String {
        var lines: [String] = []
        for input in report.inputs { lines.append("input: \(input.path) (\(input.format.rawValue), \(input.read) reviews)") }
        lines.append("critics: \(critics)")
        lines.append("reviews: \(reviews)")
        lines.append("skipped: \(report.skipped.count)")
        lines.append("tokens: \(tokens)")
        lines.append("types: \(types.count)")
        if let vocabulary {
            lines.append("oov rate: \(String(format: "%.4f", oovRate)) (\(outOfVocabulary) of \(tokens) tokens outside \(vocabulary))")
        }
        if !criticOrder.isEmpty {
            // Dumps with thousands of occasional reviewers: the most prolific critics, the rest in --json.
            let shown = criticOrder.count <= Self.criticsShown ? criticOrder
                : Array(criticOrder.enumerated().sorted {
                    let (a, b) = (perCritic[$0.element]!.reviews, perCritic[$1.element]!.reviews)
                    return a != b ? a > b : $0.offset < $1.offset
                }.prefix(Self.criticsShown).map(\.element))
            lines.append("per critic (reviews, tokens, tokens per review)"
                         + (shown.count < criticOrder.count ? ", the \(shown.count) with most reviews (all with --json):" : ":"))
            let width = min(40, shown.map { max($0.count, 6) }.max() ?? 6)
            for critic in shown {
                let figures = perCritic[critic]!
                let name = critic.isEmpty ? "(none)" : critic
                let perReview = figures.reviews == 0 ? 0 : Double(figures.tokens) / Double(figures.reviews)
                lines.append("  " + name.padding(toLength: max(width, name.count), withPad: " ", startingAt: 0)
                             + "  \(figures.reviews)  \(figures.tokens)  \(String(format: "%.1f", perReview))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func json(report: CorpusReadReport, vocabulary: String?) -> String {
        var fields: [String] = []
        fields.append("\"critics\":\(critics)")
        fields.append("\"reviews\":\(reviews)")
        fields.append("\"skipped\":\(report.skipped.count)")
        fields.append("\"skippedLines\":[" + report.skipped.map { jsonString($0.description) }.joined(separator: ",") + "]")
        fields.append("\"tokens\":\(tokens)")
        fields.append("\"types\":\(types.count)")
        if let vocabulary {
            fields.append("\"vocabulary\":\(jsonString(vocabulary))")
            fields.append("\"oovTokens\":\(outOfVocabulary)")
            fields.append("\"oovRate\":\(oovRate)")
        }
        let critics = criticOrder.map { critic -> String in
            let figures = perCritic[critic]!
            return "{\"critic\":\(critic.isEmpty ? "null" : jsonString(critic)),\"reviews\":\(figures.reviews),\"tokens\":\(figures.tokens)}"
        }
        fields.append("\"perCritic\":[" + critics.joined(separator: ",") + "]")
        let inputs = report.inputs.map {
            "{\"path\":\(jsonString($0.path)),\"format\":\(jsonString($0.format.rawValue)),\"reviews\":\($0.read)}"
        }
        fields.append("\"inputs\":[" + inputs.joined(separator: ",") + "]")
        return "{" + fields.joined(separator: ",") + "}\n"
    }
}
