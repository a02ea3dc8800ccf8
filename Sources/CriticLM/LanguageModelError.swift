/// Everything that can go wrong while building, reading or using a language model.
///
/// Each message names the cause, where it happened and the likely fix.
public enum LanguageModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A model file that is not ours, from another version, truncated or corrupted.
    case corruptModel(path: String, reason: String)
    /// An ARPA file that does not parse.
    case malformedARPA(path: String, line: Int, message: String)
    /// Training data with no tokens.
    case emptyTrainingData
    /// An order outside what we support.
    case unsupportedOrder(Int)
    /// Any other I/O failure.
    case io(path: String, message: String)
    /// Counts holding a word id that the vocabulary given to the estimator does not have.
    case vocabularyMismatch(wordID: UInt32, vocabularySize: Int)
    /// An operation that this kind of model cannot do (e.g. ARPA export of an MLE model).
    case unsupported(String)

    public var description: String {
        switch self {
        case .corruptModel(let path, let reason):
            return "\(path): not a valid model file: \(reason) (train it again with `critic train`, or check that the copy is complete)"
        case .malformedARPA(let path, let line, let message):
            return "\(path):\(line): \(message) (is this an ARPA file, as written by KenLM's lmplz or SRILM's ngram-count?)"
        case .emptyTrainingData:
            return "the training data holds no tokens (check the corpus path and its format)"
        case .unsupportedOrder(let order):
            return "order \(order) is not supported (use 1 to 5; 3 is the default)"
        case .io(let path, let message):
            return "\(path): \(message)"
        case .vocabularyMismatch(let wordID, let vocabularySize):
            return "the counts hold word id \(wordID) but the vocabulary has only \(vocabularySize) words (count with the vocabulary you estimate with)"
        case .unsupported(let message):
            return message
        }
    }
}
