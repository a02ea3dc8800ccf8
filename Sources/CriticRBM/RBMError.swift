/// Everything that can go wrong while training, reading or using an RBM.
public enum RBMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A model file that is not ours, from another version, truncated or corrupted.
    case corruptModel(path: String, reason: String)
    /// Input whose shape does not match the model.
    case shapeMismatch(expected: Int, found: Int, what: String)
    /// Training data with no rows.
    case emptyData
    /// Any other I/O failure.
    case io(path: String, message: String)
    /// Exact evaluation asked of a model whose smaller layer is too wide to enumerate.
    case tooLargeForExactEvaluation(units: Int)
    /// A model to be saved holds NaN or infinite parameters: training diverged.
    case nonFiniteParameters(path: String, count: Int, total: Int)

    public var description: String {
        switch self {
        case .corruptModel(let path, let reason):
            return "\(path): not a valid RBM file: \(reason) (train it again with `critic rbm train`, or check that the copy is complete)"
        case .shapeMismatch(let expected, let found, let what):
            return "\(what): expected \(expected) columns, found \(found) (use the vocabulary the model was trained with)"
        case .emptyData:
            return "the training data holds no reviews (check the corpus path and its format)"
        case .io(let path, let message):
            return "\(path): \(message)"
        case .tooLargeForExactEvaluation(let units):
            return "exact log Z would enumerate 2^\(units) states (at most 2^\(BernoulliRBM.exactEnumerationLimit)); estimate it by AIS instead"
        case .nonFiniteParameters(let path, let count, let total):
            return "\(path): not written: \(count) of \(total) parameters are NaN or infinite, so training diverged (train again with a smaller learning rate); any model already there is unchanged"
        }
    }
}
