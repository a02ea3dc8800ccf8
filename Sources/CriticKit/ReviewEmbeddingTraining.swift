import CriticCorpus
import CriticRBM
import CriticSupport

/// Reviews → binary bags of words → a Bernoulli RBM, with a seeded held-out slice for Hinton's
/// over-fitting monitor (the free-energy gap). `critic rbm train` and `critic demo` train this way.
///
/// The bag-of-words vocabulary is chosen from the training reviews only, so the held-out slice
/// stays unseen.
public struct ReviewEmbeddingTraining: Sendable {
    /// How review text becomes tokens (recorded in the model file).
    public var tokenization: Tokenization
    public var bagOfWords: BagOfWordsOptions
    public var rbm: RBMTrainingOptions
    /// Fraction of reviews held out (0 keeps every review for training).
    public var heldOutFraction: Double
    /// Tokenizer threads.
    public var threads: ThreadCount

    public init(tokenization: Tokenization = .default, bagOfWords: BagOfWordsOptions = BagOfWordsOptions(),
                rbm: RBMTrainingOptions = RBMTrainingOptions(), heldOutFraction: Double = 0.1, threads: ThreadCount = .all) {
        precondition(heldOutFraction >= 0 && heldOutFraction < 1, "the held-out fraction lies in [0, 1)")
        self.tokenization = tokenization
        self.bagOfWords = bagOfWords
        self.rbm = rbm
        self.heldOutFraction = heldOutFraction
        self.threads = threads
    }

    /// What training produced.
    public struct Result: Sendable {
        public var model: BernoulliRBM
        /// The record (tokenization, provenance) and the bag of words: what turns new reviews into
        /// the model's input.
        public var features: ReviewFeatures
        public var history: [RBMEpochReport]
        /// Row indices (into the input) of the training and held-out reviews, ascending.
        public var trainingRows: [Int]
        public var heldOutRows: [Int]
        /// The bag-of-words matrix of every input review (rows in input order).
        public var matrix: BinaryMatrix
        /// Fractions of hidden units that are dead (mean P(h=1|v) < 0.01) or saturated (> 0.99)
        /// over the training reviews.
        public var deadFraction: Double
        public var saturatedFraction: Double
    }

    /// Trains on `texts`. `provenance` is recorded in the features' record (its review count is
    /// set here); `progress` receives each epoch's report.
    public func train(_ texts: [String], provenance: Provenance = Provenance(),
                      progress: ((RBMEpochReport) -> Void)? = nil) throws -> Result {
        guard !texts.isEmpty else { throw RBMError.emptyData }
        let documents = try tokenization.tokenize(texts, threads: threads)
        // The held-out slice is a seeded choice, independent of the initial weights' stream.
        var generator = SeededGenerator(seed: rbm.seed ^ 0x6865_6C64_6F75_7400)
        let order = generator.permutation(texts.count)
        let heldOutCount = texts.count > 1 ? Int((heldOutFraction * Double(texts.count)).rounded()) : 0
        let heldOutRows = Array(order.prefix(heldOutCount)).sorted()
        let trainingRows = Array(order.dropFirst(heldOutCount)).sorted()
        let bag = BagOfWords(fitting: trainingRows.map { documents[$0] }, options: bagOfWords)
        guard bag.count > 0 else { throw ReviewEmbeddingError.noFeatures(reviews: trainingRows.count) }
        let matrix = bag.matrix(documents)
        let training = matrix.rows(trainingRows)
        let heldOut = heldOutRows.isEmpty ? nil : matrix.rows(heldOutRows)
        let (model, history) = try BernoulliRBM.fit(training, terms: bag.terms, options: rbm, heldOut: heldOut,
                                                    progress: progress)
        let activity = model.hiddenUnitActivity(training)
        return Result(model: model, features: ReviewFeatures(record: record(provenance, reviews: texts.count), bag: bag), history: history,
                      trainingRows: trainingRows, heldOutRows: heldOutRows, matrix: matrix,
                      deadFraction: activity.dead, saturatedFraction: activity.saturated)
    }
}

extension ReviewEmbeddingTraining {
    /// The record of a model trained on `reviews` texts.
    func record(_ provenance: Provenance, reviews: Int) -> ModelRecord {
        var provenance = provenance
        provenance.reviews = reviews
        if provenance.critickitVersion.isEmpty { provenance.critickitVersion = criticKitVersion }
        return ModelRecord(tokenization: tokenization, provenance: provenance)
    }
}

/// A bag-of-words vocabulary that came out empty.
public enum ReviewEmbeddingError: Error, Sendable, Equatable, CustomStringConvertible {
    case noFeatures(reviews: Int)

    public var description: String {
        switch self {
        case .noFeatures(let reviews):
            return "no word passes the document-frequency limits over \(reviews) training reviews (relax the minimum and maximum document frequencies)"
        }
    }
}

/// What `critic rbm train` reports: the model's shape, the sampler, every epoch's monitors and
/// the hidden units' activity at the end.
public struct RBMTrainingReport: Sendable, Equatable, Codable {
    /// Where the model was written, as the caller named it.
    public var model: String
    /// Reviews read (training and held out).
    public var reviews: Int
    public var visible: Int
    public var hidden: Int
    /// "CD-1", "PCD-5", …
    public var sampler: String
    public var epochs: [RBMEpochReport]
    /// Shares of hidden units with mean P(h=1|v) below 0.01 and above 0.99 on the training reviews.
    @NullIfNonFinite public var deadFraction: Double
    @NullIfNonFinite public var saturatedFraction: Double

    public init(model: String, training result: ReviewEmbeddingTraining.Result, sampler: RBMSampler) {
        self.model = model
        reviews = result.matrix.rowCount
        visible = result.features.bag.count
        hidden = result.model.hiddenCount
        self.sampler = sampler.description
        epochs = result.history
        deadFraction = result.deadFraction
        saturatedFraction = result.saturatedFraction
    }
}
