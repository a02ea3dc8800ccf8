import CriticCorpus
import CriticLM
import CriticSupport

/// What an evaluation reports as it goes (for a progress line).
public struct EvaluationProgress: Sendable {
    /// Folds finished, and how many there are.
    public var foldsDone: Int
    public var folds: Int
    /// The last finished fold's accuracy.
    public var lastAccuracy: Double
}

extension AuthorshipTraining {
    /// k-fold cross-validation: review i of critic c (its i-th review in corpus order) is tested
    /// in fold i mod k, so folds are reproducible and comparable across tools.
    ///
    /// Nothing of a test fold reaches its models: the vocabulary (and so `<unk>`), the pooled
    /// background, the counts and the priors of fold f come from the other folds only.
    ///
    /// Counting is done once: each (critic, fold) is counted over an indexing vocabulary of the
    /// whole corpus, and the training counts of fold f are the critic's total minus fold f
    /// (counts are additive), then moved onto fold f's vocabulary (`NGramCounts.remapped`).
    /// Kneser–Ney's continuation counts are not additive; the estimator derives them from the
    /// subtracted tables.
    ///
    /// - Complexity: O(total tokens · order) counting, then per fold O(distinct n-grams) for the
    ///   subtraction and remapping, one estimation per critic, and O(test tokens · critics) scoring.
    public func crossValidate(_ corpus: LabelledCorpus, folds k: Int, usePrior: Bool = true,
                              progress: ((EvaluationProgress) -> Void)? = nil) throws -> EvaluationReport {
        let critics = corpus.criticNames
        guard critics.count >= 2 else { throw AuthorshipError.tooFewCritics(found: critics) }
        guard k >= 2 else { throw AuthorshipError.invalidFolds(folds: k, reason: "cross-validation needs at least 2 folds") }
        let criticIndex = Dictionary(uniqueKeysWithValues: critics.enumerated().map { ($0.element, $0.offset) })
        let labels = corpus.critics.map { criticIndex[$0]! }
        let positions = corpus.indexWithinCritic
        let fold = positions.map { $0 % k }
        var reviewsPerCritic = [Int](repeating: 0, count: critics.count)
        for label in labels { reviewsPerCritic[label] += 1 }
        if let smallest = reviewsPerCritic.indices.min(by: { reviewsPerCritic[$0] < reviewsPerCritic[$1] }), reviewsPerCritic[smallest] < k {
            throw AuthorshipError.invalidFolds(folds: k, reason: "critic '\(critics[smallest])' has only \(reviewsPerCritic[smallest]) reviews, so some fold would train without it; use \(Swift.max(2, reviewsPerCritic[smallest])) folds or fewer, or drop that critic")
        }

        // An indexing device only: never given to a model.
        let indexing = Vocabulary(counting: corpus.tokens, minCount: 1)
        let encoded = corpus.tokens.map { indexing.encode($0) }
        var groups = [[[WordID]]](repeating: [], count: critics.count * k)
        for (review, words) in encoded.enumerated() { groups[labels[review] * k + fold[review]].append(words) }
        let order = self.order
        let partCounts = try Parallel.map(groups, threads: threads) { try NGramCounts.counting($0, order: order, threads: .fixed(1)) }
        var totals: [NGramCounts] = []
        for critic in critics.indices {
            var total = try NGramCounts(order: order)
            for f in 0..<k { total.merge(partCounts[critic * k + f]) }
            totals.append(total)
        }

        var foldStatistics = [WordStatistics](repeating: WordStatistics(critics: critics.count, words: indexing.count), count: k)
        var seen = [Bool](repeating: false, count: indexing.count)
        for (review, words) in encoded.enumerated() { foldStatistics[fold[review]].add(words, critic: labels[review], seen: &seen) }
        var totalStatistics = WordStatistics(critics: critics.count, words: indexing.count)
        for statistics in foldStatistics { totalStatistics.merge(statistics) }

        var reports: [ClassificationMetrics] = []
        var overall = ClassificationMetrics(critics: critics)
        var warnings: [String] = []
        for f in 0..<k {
            let training = critics.indices.map { critic in
                var counts = totals[critic]
                counts.subtract(partCounts[critic * k + f])
                return counts
            }
            // The fold's vocabulary, from its training reviews only.
            var statistics = totalStatistics
            statistics.subtract(foldStatistics[f])
            let (vocabulary, map) = statistics.sharedVocabulary(indexing, minCount: minCount, minReviews: minReviews)
            let remapped = try Parallel.map(training, threads: threads) { $0.remapped(map) }
            let trainingReviews = critics.indices.map { reviewsPerCritic[$0] - groups[$0 * k + f].count }
            let result = try estimate(critics: critics, counts: remapped, reviewCounts: trainingReviews, vocabulary: vocabulary)
            for warning in result.warnings where !warnings.contains(warning) { warnings.append(warning) }

            let testReviews = encoded.indices.filter { fold[$0] == f }
            let model = result.model
            let predictions = try Parallel.map(testReviews, threads: threads) { review in
                model.predict(encoded: encoded[review].map { map[Int($0)] }, usePrior: usePrior)
            }
            var metrics = ClassificationMetrics(critics: critics)
            for (review, predicted) in zip(testReviews, predictions) { metrics.record(truth: labels[review], predicted: predicted) }
            overall.merge(metrics)
            reports.append(metrics)
            progress?(EvaluationProgress(foldsDone: f + 1, folds: k, lastAccuracy: metrics.accuracy))
        }
        return EvaluationReport(folds: reports, overall: overall, warnings: warnings, crossValidationFolds: k)
    }
}

extension AuthorshipModel {
    /// Evaluates this model on a labelled test corpus (an explicit train/test split). Every test
    /// critic must have a model.
    public func evaluate(_ test: LabelledCorpus, usePrior: Bool = true, threads: ThreadCount = .all) throws -> EvaluationReport {
        let index = Dictionary(uniqueKeysWithValues: critics.enumerated().map { ($0.element, $0.offset) })
        for critic in test.criticNames where index[critic] == nil {
            throw AuthorshipError.criticUnseenInTraining(critic, known: critics)
        }
        let predictions = try Parallel.map(Array(test.tokens.indices), threads: threads) { review in
            self.predict(encoded: self.encode(test.tokens[review]), usePrior: usePrior)
        }
        var metrics = ClassificationMetrics(critics: critics)
        for (review, predicted) in predictions.enumerated() { metrics.record(truth: index[test.critics[review]]!, predicted: predicted) }
        return EvaluationReport(folds: [metrics], overall: metrics, warnings: [], crossValidationFolds: nil)
    }
}

extension AuthorshipTraining {
    /// An explicit train/test split: trains on `training`, tests on `test`. The warnings of
    /// training (tiny critics, discount fallbacks) go into the report.
    ///
    /// - Complexity: one training on `training`, then O(test tokens · critics) scoring.
    public func evaluateSplit(training: LabelledCorpus, test: LabelledCorpus, usePrior: Bool = true) throws -> EvaluationReport {
        let trained = try train(tokens: training.tokens, critics: training.critics)
        guard trained.model.critics.count >= 2 else { throw AuthorshipError.tooFewCritics(found: trained.model.critics) }
        var report = try trained.model.evaluate(test, usePrior: usePrior, threads: threads)
        report.warnings = trained.warnings
        return report
    }
}
