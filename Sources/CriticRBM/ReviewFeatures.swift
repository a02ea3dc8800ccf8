import CriticCorpus
import CriticSupport
import Foundation

/// From review texts to the binary bag-of-words matrix an RBM reads: ICU tokenization, then
/// presence of each vocabulary term. The tokenizer settings travel with the model (as file
/// metadata), so that `critic embed` tokenizes new reviews exactly as training did.
public struct ReviewFeatures: Sendable {
    public var tokenizerOptions: TokenizerOptions
    public var bag: BagOfWords

    public init(tokenizerOptions: TokenizerOptions, bag: BagOfWords) {
        self.tokenizerOptions = tokenizerOptions
        self.bag = bag
    }

    /// Tokenizes `texts` and chooses the vocabulary from them.
    public init(fitting texts: [String], tokenizerOptions: TokenizerOptions = .default,
                options: BagOfWordsOptions, threads: ThreadCount = .all) throws(CorpusError) {
        let documents = try Tokenizer.tokenize(texts, options: tokenizerOptions, threads: threads)
        self.init(tokenizerOptions: tokenizerOptions, bag: BagOfWords(fitting: documents, options: options))
    }

    /// The presence matrix of `texts` over this vocabulary.
    public func matrix(_ texts: [String], threads: ThreadCount = .all) throws(CorpusError) -> BinaryMatrix {
        bag.matrix(try Tokenizer.tokenize(texts, options: tokenizerOptions, threads: threads))
    }

    /// The tokenizer settings as model-file metadata.
    public var metadata: [String: String] {
        let numbers: String
        switch tokenizerOptions.numbers {
        case .keep: numbers = "keep"
        case .classToken(let token): numbers = "class:" + token
        }
        return ["tokenizer.keepPunctuation": String(tokenizerOptions.keepPunctuation),
                "tokenizer.caseFolding": String(tokenizerOptions.caseFolding),
                "tokenizer.nfkc": String(tokenizerOptions.nfkc),
                "tokenizer.numbers": numbers,
                "tokenizer.locale": tokenizerOptions.locale]
    }

    /// The features of a loaded model: its terms and the tokenizer settings in its metadata.
    public init(model: BernoulliRBM, metadata: [String: String], path: String) throws(RBMError) {
        guard !model.terms.isEmpty else {
            throw RBMError.corruptModel(path: path, reason: "the model has no vocabulary, so reviews cannot be turned into its input")
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
        self.init(tokenizerOptions: options, bag: BagOfWords(terms: model.terms))
    }
}
