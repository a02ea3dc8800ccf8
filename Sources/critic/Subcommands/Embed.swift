import ArgumentParser
import CriticKit

/// `critic embed`: one vector per review from a trained model.
struct Embed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Write review embeddings P(h=1|v), one row per review in corpus order.",
        discussion: """
            The format follows the output name: NAME.npy (float32, numpy.load), NAME.csv, or NAME.tsv / \
            a folder for TensorFlow's embedding projector (vectors plus critic/id metadata).
            """)

    @Option(name: .shortAndLong, help: "A model written by `critic rbm train` (default: the RBM in models/).") var model = DefaultModels.rbmPath
    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var tokenizer: TokenizerFlags
    @Option(name: .shortAndLong, help: "Output: .npy, .csv, .tsv or a folder.") var output: String
    @OptionGroup var protection: OutputProtection

    func run() throws {
        try reportingFailures {
            try protection.check(output, as: .embeddings, inputs: corpus.paths + [model])
            if output.lowercased().hasSuffix(".tsv") {
                try protection.check(String(output.dropLast(4)) + "-metadata.tsv", as: .projectorMetadata, inputs: corpus.paths + [model])
            }
            let (rbm, features, _) = try withFlagHints { try ModelSource(path: model).rbm(requested: tokenizer.request) }
            let reviews = try corpus.loadReviews()
            let data = try features.matrix(reviews.map(\.text))
            let embeddings = try rbm.transform(data)
            let written = try EmbeddingFile.write(embeddings, rows: data.rowCount, dimensions: rbm.hiddenCount,
                                                  labels: reviews.map { ($0.critic, $0.id) }, to: output)
            print("\(data.rowCount) reviews × \(rbm.hiddenCount) dimensions → \(written.joined(separator: ", "))")
        }
    }
}
