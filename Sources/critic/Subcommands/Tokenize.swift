import ArgumentParser
import CriticKit
import CriticSupport

/// `critic tokenize`: reviews in, tokens out, streaming (a batch of reviews is tokenized in
/// parallel and printed in order before the next batch is read, so memory stays flat).
struct Tokenize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tokenize reviews: one review per line, tokens separated by spaces (or JSON lines).")

    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var tokenizer: TokenizerFlags

    @Flag(help: "Print one JSON object per review: {\"critic\": …, \"id\": …, \"tokens\": […]}.")
    var json = false

    @Option(help: "Worker threads (default: every processor).")
    var threads: Int?

    @Option(help: "Reviews tokenized together before printing.")
    var batchSize = 2048

    func validate() throws {
        try OptionLimits.requireThreads(threads)
        try OptionLimits.require(batchSize, in: 1...10_000_000, "--batch-size")
    }

    func run() throws {
        try reportingFailures {
            let output = BufferedOutput()
            var lines = JSONLinesWriter(output)
            let tokenization = tokenizer.tokenization
            var batch: [Review] = []
            var progress = ProgressLine()
            var done = 0
            func flush() throws(CorpusError) {
                guard !batch.isEmpty else { return }
                let tokens = try tokenization.tokenize(batch.map(\.text), threads: ThreadCount(threads))
                for (review, reviewTokens) in zip(batch, tokens) {
                    if json {
                        lines.write(TokenizedReview(review, tokens: reviewTokens))
                    } else {
                        output.write(reviewTokens.joined(separator: " "))
                        output.write(0x0A)
                    }
                }
                done += batch.count
                batch.removeAll(keepingCapacity: true)
                progress.update("tokenized \(done) reviews")
            }
            try corpus.forEachReview { review throws(CorpusError) in
                batch.append(review)
                if batch.count >= batchSize { try flush() }
            }
            try flush()
            output.flush()
            try lines.finish()
            progress.clear()
        }
    }
}
