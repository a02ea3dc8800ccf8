import Foundation

/// What every model file records about how it was made: the tokenization of its training text,
/// the vocabulary policy, and where it came from. Binary language models carry it in their
/// metadata section, authorship bundles in their manifest, RBM files in their metadata; the same
/// JSON in all three (snake_case keys).
public struct ModelRecord: Codable, Sendable, Hashable {
    /// How review text became tokens.
    public var tokenization: Tokenization
    /// How tokens became vocabulary words.
    public var vocabulary: VocabularyPolicy
    /// Where the model came from.
    public var provenance: Provenance

    public init(tokenization: Tokenization, vocabulary: VocabularyPolicy = VocabularyPolicy(),
                provenance: Provenance = Provenance()) {
        self.tokenization = tokenization
        self.vocabulary = vocabulary
        self.provenance = provenance
    }

    /// The record as compact JSON with sorted keys (the same bytes for the same record).
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Every field is a string, integer, Bool or a nested record of them: encoding cannot fail.
        return (try? [UInt8](encoder.encode(self))) ?? []
    }

    /// Decodes `encoded()` bytes; nil with the decoder's reason when they are not a record.
    public static func decode(_ bytes: [UInt8]) -> Result<ModelRecord, DecodingFailure> {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return .success(try decoder.decode(ModelRecord.self, from: Data(bytes)))
        } catch {
            return .failure(DecodingFailure(reason: "\(error)"))
        }
    }

    /// Why record bytes did not decode.
    public struct DecodingFailure: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }
}

/// The vocabulary rule: words seen fewer than `minCount` times in the training text become
/// `unknownToken`.
public struct VocabularyPolicy: Codable, Sendable, Hashable {
    public var minCount: Int
    public var unknownToken: String

    public init(minCount: Int = 1, unknownToken: String = Vocabulary.unknownToken) {
        self.minCount = minCount
        self.unknownToken = unknownToken
    }
}

/// Facts about the training run, for people (nothing reads them back to decide anything).
public struct Provenance: Codable, Sendable, Hashable {
    /// The corpus paths as given (`-` for standard input).
    public var corpus: [String]
    /// Reviews read for training.
    public var reviews: Int
    /// The toolkit version that wrote the model.
    public var critickitVersion: String
    /// The command and the options that decided the model, e.g. `["train", "--order", "3"]`.
    public var command: [String]

    public init(corpus: [String] = [], reviews: Int = 0, critickitVersion: String = "", command: [String] = []) {
        self.corpus = corpus
        self.reviews = reviews
        self.critickitVersion = critickitVersion
        self.command = command
    }
}
