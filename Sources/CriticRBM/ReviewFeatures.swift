import CriticCorpus
import CriticSupport
import Foundation

/// From review texts to the binary bag-of-words matrix an RBM reads: tokenization, then
/// presence of each vocabulary term. The model's `ModelRecord` (tokenization, provenance)
/// travels with it as file metadata, so that `critic embed` tokenizes new reviews exactly as
/// training did.
public struct ReviewFeatures: Sendable {
    /// How the training reviews were tokenized and where they came from.
    public var record: ModelRecord
    public var bag: BagOfWords

    /// The metadata key under which the record is stored (as JSON).
    public static let recordKey = "record"

    public init(record: ModelRecord, bag: BagOfWords) {
        self.record = record
        self.bag = bag
    }

    public var tokenization: Tokenization { record.tokenization }

    /// Tokenizes `texts` and chooses the vocabulary from them.
    public init(fitting texts: [String], record: ModelRecord, options: BagOfWordsOptions,
                threads: ThreadCount = .all) throws(CorpusError) {
        let documents = try record.tokenization.tokenize(texts, threads: threads)
        self.init(record: record, bag: BagOfWords(fitting: documents, options: options))
    }

    /// The presence matrix of `texts` over this vocabulary.
    public func matrix(_ texts: [String], threads: ThreadCount = .all) throws(CorpusError) -> BinaryMatrix {
        bag.matrix(try record.tokenization.tokenize(texts, threads: threads))
    }

    /// The record as model-file metadata.
    public var metadata: [String: String] {
        [Self.recordKey: String(decoding: record.encoded(), as: UTF8.self)]
    }

    /// The features of a loaded model: its terms and the record in its metadata. Files written
    /// before the record existed keep ICU options as `tokenizer.*` strings; those still load.
    public init(model: BernoulliRBM, metadata: [String: String], path: String) throws(RBMError) {
        guard !model.terms.isEmpty else {
            throw RBMError.corruptModel(path: path, reason: "the model has no vocabulary, so reviews cannot be turned into its input")
        }
        if let json = metadata[Self.recordKey] {
            switch ModelRecord.decode(Array(json.utf8)) {
            case .success(let record): self.init(record: record, bag: BagOfWords(terms: model.terms))
            case .failure(let failure): throw RBMError.corruptModel(path: path, reason: "its record does not decode: \(failure)")
            }
            return
        }
        func flag(_ key: String, _ fallback: Bool) throws(RBMError) -> Bool {
            guard let text = metadata[key] else { return fallback }
            guard let value = Bool(text) else { throw RBMError.corruptModel(path: path, reason: "\(key) is '\(text)'") }
            return value
        }
        var options = TokenizerOptions()
        options.keepPunctuation = try flag("tokenizer.keepPunctuation", options.keepPunctuation)
        options.caseFolding = try flag("tokenizer.caseFolding", options.caseFolding)
        options.nfkc = try flag("tokenizer.nfkc", options.nfkc)
        if let numbers = metadata["tokenizer.numbers"], numbers.hasPrefix("class:") {
            options.numbers = .classToken(String(numbers.dropFirst(6)))
        }
        options.locale = metadata["tokenizer.locale"] ?? ""
        self.init(record: ModelRecord(tokenization: .icu(options)), bag: BagOfWords(terms: model.terms))
    }
}
