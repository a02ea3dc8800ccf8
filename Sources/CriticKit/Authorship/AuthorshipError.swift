/// What can go wrong while training, evaluating, saving or loading an authorship model.
///
/// Each message names the cause and the fix.
public enum AuthorshipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A labelled corpus was needed but no review carries a critic.
    case noCritics
    /// Some reviews carry a critic and some do not (the first unlabelled one is named).
    case unlabelledReview(id: String, source: String?)
    /// Classification or cross-validation needs at least two critics.
    case tooFewCritics(found: [String])
    /// A critic asked for that the bundle does not have.
    case unknownCritic(String, known: [String])
    /// A bundle given where one model is needed, without naming a critic.
    case criticRequired(path: String, known: [String])
    /// A test review's critic has no model: it was absent from the training corpus.
    case criticUnseenInTraining(String, known: [String])
    /// More folds than some critic has reviews, or fewer than two.
    case invalidFolds(folds: Int, reason: String)
    /// A bundle folder that is missing, incomplete, or from another version.
    case corruptBundle(path: String, reason: String)
    /// Any other I/O failure.
    case io(path: String, message: String)

    public var description: String {
        switch self {
        case .noCritics:
            return "no review of the corpus names its critic: an authorship model needs a labelled corpus (a folder of <critic>.txt files, the scale dataset, a folder per critic, TSV with a critic column, or XML with a critic element named)"
        case .unlabelledReview(let id, let source):
            return "\(source.map { "\($0): " } ?? "")review \(id) has no critic while others have one: label every review or none (or remove the unlabelled ones)"
        case .tooFewCritics(let found):
            return "authorship needs at least two critics, found \(found.isEmpty ? "none" : found.joined(separator: ", ")) (check the corpus layout or the critic field)"
        case .unknownCritic(let name, let known):
            return "no critic '\(name)' in the bundle; its critics are: \(known.joined(separator: ", "))"
        case .criticRequired(let path, let known):
            return "\(path) is an authorship bundle with one model per critic: choose one of \(known.joined(separator: ", "))"
        case .criticUnseenInTraining(let name, let known):
            return "critic '\(name)' appears in the test corpus but not in training, so there is no model to recognise it; train on a corpus that includes '\(name)' or remove its reviews from the test set (training critics: \(known.joined(separator: ", ")))"
        case .invalidFolds(let folds, let reason):
            return "\(folds) folds: \(reason)"
        case .corruptBundle(let path, let reason):
            return "\(path): not a valid authorship bundle: \(reason) (train it again with `critic train CORPUS -o \(path)`)"
        case .io(let path, let message):
            return "\(path): \(message)"
        }
    }
}
