import CriticCorpus
import CriticSupport

/// How well a trained RBM models a corpus (`critic rbm eval`): the average log-likelihood per
/// review, log p(v) = −F(v) − log Z, with log Z exact or estimated by AIS, and the monitors
/// (free energy, pseudo-log-likelihood, reconstruction error, hidden-unit activity).
public struct RBMEvaluationReport: Sendable, Equatable, Codable {
    /// The model as the caller named it (a path).
    public var model: String
    public var reviews: Int
    public var visible: Int
    public var hidden: Int
    /// Mean F(v) over the reviews.
    @NullIfNonFinite public var meanFreeEnergy: Double
    /// Mean stochastic pseudo-log-likelihood (scikit-learn's `score_samples`).
    @NullIfNonFinite public var pseudoLogLikelihood: Double
    /// Mean squared error of one mean-field reconstruction.
    @NullIfNonFinite public var reconstructionError: Double
    /// Shares of hidden units with mean P(h=1|v) below 0.01 and above 0.99.
    @NullIfNonFinite public var deadFraction: Double
    @NullIfNonFinite public var saturatedFraction: Double
    /// log Z used: exact, or the larger AIS estimate.
    @NullIfNonFinite public var logPartition: Double
    /// Whether `logPartition` was enumerated (else AIS).
    public var exact: Bool
    /// Both AIS estimates; `nil` (left out) when exact.
    public var ais: AISReport?
    /// −mean F(v) − log Z, in nats.
    @NullIfNonFinite public var averageLogLikelihood: Double
}

extension BernoulliRBM {
    /// Evaluates the model on `data` (one binary bag of words per review). `exact` enumerates
    /// the smaller layer (at most 24 units); otherwise AIS runs `aisRuns` chains over
    /// `aisTemperatures` inverse temperatures from two bases. `seed` seeds AIS and the
    /// pseudo-likelihood's random bits.
    ///
    /// - Complexity: O(rows · V · H) for the monitors, plus O(2^min(V,H) · max(V,H)) exact or
    ///   O(runs · temperatures · V · H) by AIS.
    public func evaluate(_ data: BinaryMatrix, model name: String, exact: Bool, aisRuns: Int = 100,
                         aisTemperatures: Int = 14_500, seed: UInt64 = 0) throws(RBMError) -> RBMEvaluationReport {
        let freeEnergy = freeEnergies(data).reduce(0, +) / Double(data.rowCount)
        var generator = SeededGenerator(seed: seed)
        let pseudo = stochasticPseudoLogLikelihood(data, generator: &generator)
        let activity = hiddenUnitActivity(data)
        let ais = exact ? nil : estimateLogPartition(data: data, runs: aisRuns, temperatures: aisTemperatures, seed: seed)
        let logZ: Double
        if let ais { logZ = ais.logPartition } else { logZ = try exactLogPartition() }
        return RBMEvaluationReport(
            model: name, reviews: data.rowCount, visible: visibleCount, hidden: hiddenCount,
            meanFreeEnergy: freeEnergy, pseudoLogLikelihood: pseudo.reduce(0, +) / Double(pseudo.count),
            reconstructionError: reconstructionError(data), deadFraction: activity.dead,
            saturatedFraction: activity.saturated, logPartition: logZ, exact: exact, ais: ais,
            averageLogLikelihood: -freeEnergy - logZ)
    }
}
