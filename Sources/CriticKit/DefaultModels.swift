import CriticCorpus
import CriticRBM
import Foundation

/// The models in the repository's `models/` folder: what they are trained from, how, and with
/// which seed. `critic models rebuild` writes them, and a test retrains them and compares bytes,
/// so they cannot go stale unnoticed.
public enum DefaultModels {
    /// The corpus they are trained from, relative to the repository root.
    public static let corpus = "corpora/plain"
    /// Their folder, relative to the repository root.
    public static let folder = "models"
    /// The authorship bundle (one trigram model per critic over one vocabulary).
    public static let authorshipBundle = "authorship.bundle"
    /// The RBM over the sample corpus's bags of words.
    public static let rbm = "rbm.model"
    public static let seed: UInt64 = 42

    /// Default path of the RBM (`models/rbm.model`).
    public static var rbmPath: String { folder + "/" + rbm }

    /// The RBM recipe of the default model and of `critic demo`: 2,000 most frequent words present
    /// in ≥ 2 and ≤ 50 % of reviews, CD-1, mini-batches of 20, one BLAS thread so that the bytes are
    /// the same on every machine.
    public static func rbmTraining(hidden: Int = 32, epochs: Int = 40, seed: UInt64 = seed) -> ReviewEmbeddingTraining {
        ReviewEmbeddingTraining(
            bagOfWords: BagOfWordsOptions(maxFeatures: 2000, minDocumentFrequency: .count(2),
                                          maxDocumentFrequency: .fraction(0.5)),
            rbm: RBMTrainingOptions(hiddenCount: hidden, epochs: epochs, batchSize: 20, learningRate: 0.05, seed: seed),
            heldOutFraction: 0.1, threads: .fixed(1))
    }

    /// What the default models record as their origin (no version: a release alone does not
    /// change their bytes).
    static var provenance: Provenance {
        Provenance(corpus: [corpus], critickitVersion: "-", command: ["models", "rebuild", "--seed", String(seed)])
    }

    /// Trains both default models from the labelled corpus at `corpus` into `folder`.
    public static func train(corpus: String = corpus, into folder: String = folder) throws {
        let (reviews, _) = try CorpusReader(paths: [corpus]).readAll()
        let trained = try BundleTraining(threads: 1).train(reviews, provenance: provenance)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try trained.bundle.save(to: folder + "/" + authorshipBundle)
        let rbm = try rbmTraining().train(reviews.map(\.text), provenance: provenance)
        try rbm.model.save(to: folder + "/" + self.rbm, metadata: rbm.features.metadata)
    }
}
