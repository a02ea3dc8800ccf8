/// Classification figures over a set of predictions: accuracy, per-critic precision, recall and
/// F1, macro-F1 and the confusion matrix.
///
/// Precision of critic c = (reviews correctly given to c) / (reviews given to c), recall = the
/// same over the reviews c wrote, F1 their harmonic mean (0 when both are 0), macro-F1 the
/// unweighted mean of F1 over the critics that appear in the truth or the predictions (as
/// scikit-learn's `f1_score(average="macro")`).
public struct ClassificationMetrics: Sendable, Equatable {
    /// Row and column labels of `confusion`.
    public var critics: [String]
    /// `confusion[t][p]`: reviews by `critics[t]` classified as `critics[p]`.
    public var confusion: [[Int]]

    public init(critics: [String]) {
        self.critics = critics
        confusion = Array(repeating: Array(repeating: 0, count: critics.count), count: critics.count)
    }

    /// Records one prediction (indexes into `critics`).
    public mutating func record(truth: Int, predicted: Int) { confusion[truth][predicted] += 1 }

    public mutating func merge(_ other: ClassificationMetrics) {
        precondition(other.critics == critics, "merging metrics over different critics")
        for t in critics.indices { for p in critics.indices { confusion[t][p] += other.confusion[t][p] } }
    }

    public var total: Int { confusion.reduce(0) { $0 + $1.reduce(0, +) } }
    public var correct: Int { critics.indices.reduce(0) { $0 + confusion[$1][$1] } }
    /// Fraction of reviews given to their critic (0 when there are none).
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    public struct PerCritic: Sendable, Equatable, Codable {
        public var critic: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Reviews by this critic.
        public var support: Int
    }

    public var perCritic: [PerCritic] {
        critics.indices.map { c in
            let truePositives = Double(confusion[c][c])
            let predicted = Double(critics.indices.reduce(0) { $0 + confusion[$1][c] })
            let support = confusion[c].reduce(0, +)
            let precision = predicted > 0 ? truePositives / predicted : 0
            let recall = support > 0 ? truePositives / Double(support) : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            return PerCritic(critic: critics[c], precision: precision, recall: recall, f1: f1, support: support)
        }
    }

    /// Mean F1 over the critics present in the truth or the predictions.
    public var macroF1: Double {
        let present = perCritic.enumerated().filter { c, figures in
            figures.support > 0 || critics.indices.contains { confusion[$0][c] > 0 }
        }
        return present.isEmpty ? 0 : present.reduce(0) { $0 + $1.element.f1 } / Double(present.count)
    }
}

/// The result of `critic eval`: every fold's figures and the figures over all folds.
///
/// Its JSON holds the derived figures (accuracy, macro-F1, per-critic precision/recall/F1, fold
/// means) beside the confusion matrices they come from; reading it back keeps the matrices, the
/// critics, the warnings, `k` and `seconds`, from which every figure follows again.
public struct EvaluationReport: Sendable, Codable {
    /// Per fold (one entry for an explicit train/test split).
    public var folds: [ClassificationMetrics]
    /// Over all test predictions of all folds.
    public var overall: ClassificationMetrics
    /// Training warnings (tiny critics, discount fallbacks), each once.
    public var warnings: [String]
    /// K of K-fold cross-validation; `nil` for a train/test split.
    public var crossValidationFolds: Int?
    /// Wall-clock time of the whole evaluation, when the caller measured it.
    public var seconds: Double?

    /// Unweighted mean of the folds' accuracies.
    public var meanFoldAccuracy: Double { folds.reduce(0) { $0 + $1.accuracy } / Double(Swift.max(folds.count, 1)) }
    /// Unweighted mean of the folds' macro-F1.
    public var meanFoldMacroF1: Double { folds.reduce(0) { $0 + $1.macroF1 } / Double(Swift.max(folds.count, 1)) }

    init(folds: [ClassificationMetrics], overall: ClassificationMetrics, warnings: [String], crossValidationFolds: Int?) {
        self.folds = folds
        self.overall = overall
        self.warnings = warnings
        self.crossValidationFolds = crossValidationFolds
    }

    enum CodingKeys: String, CodingKey {
        case mode, k, reviews, accuracy, macroF1, meanFoldAccuracy, meanFoldMacroF1, critics, confusion, perCritic, folds
        case warnings, seconds
    }

    /// One fold's line of the JSON.
    struct Fold: Codable {
        var fold: Int
        var reviews: Int
        var accuracy: Double
        var macroF1: Double
        var confusion: [[Int]]
    }

    /// `mode` is "cross-validation" (with `k`) or "split".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(crossValidationFolds == nil ? "split" : "cross-validation", forKey: .mode)
        try container.encodeIfPresent(crossValidationFolds, forKey: .k)
        try container.encode(overall.total, forKey: .reviews)
        try container.encode(overall.accuracy, forKey: .accuracy)
        try container.encode(overall.macroF1, forKey: .macroF1)
        try container.encode(meanFoldAccuracy, forKey: .meanFoldAccuracy)
        try container.encode(meanFoldMacroF1, forKey: .meanFoldMacroF1)
        try container.encode(overall.critics, forKey: .critics)
        try container.encode(overall.confusion, forKey: .confusion)
        try container.encode(overall.perCritic, forKey: .perCritic)
        try container.encode(folds.enumerated().map { index, fold in
            Fold(fold: index, reviews: fold.total, accuracy: fold.accuracy, macroF1: fold.macroF1, confusion: fold.confusion)
        }, forKey: .folds)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(seconds.map { NullIfNonFinite(wrappedValue: $0) }, forKey: .seconds)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let critics = try container.decode([String].self, forKey: .critics)
        overall = ClassificationMetrics(critics: critics)
        overall.confusion = try container.decode([[Int]].self, forKey: .confusion)
        folds = try container.decode([Fold].self, forKey: .folds).map { fold in
            var metrics = ClassificationMetrics(critics: critics)
            metrics.confusion = fold.confusion
            return metrics
        }
        warnings = try container.decode([String].self, forKey: .warnings)
        crossValidationFolds = try container.decodeIfPresent(Int.self, forKey: .k)
        seconds = try container.decodeIfPresent(NullIfNonFinite.self, forKey: .seconds)?.wrappedValue
    }
}
