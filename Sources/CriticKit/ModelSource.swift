import CriticCorpus
import CriticLM
import CriticRBM
import Foundation

/// What a command's `--model PATH [--critic NAME]` names, resolved in one place for every command
/// that reads a model: the model, and the tokenization its text must go through.
///
/// The tokenization comes from the model's `ModelRecord` (a bundle's manifest, a binary model's
/// metadata section, an RBM file's metadata). Settings the user said are checked against it:
/// agreeing is fine, contradicting is a `TokenizationConflict` — text tokenized differently from
/// the training reviews would be scored by the wrong model, silently. A model that records nothing
/// (ARPA text, a version-1 binary file) is tokenized as the request says.
public struct ModelSource: Sendable {
    public var path: String
    /// In an authorship bundle, the critic whose model to use.
    public var critic: String?

    public init(path: String, critic: String? = nil) {
        self.path = path
        self.critic = critic
    }

    /// What is at `path`.
    public enum Kind: Sendable, Equatable {
        case bundle, binaryLanguageModel, arpa, rbm
    }

    /// The kind of model at `path`, from its layout or magic bytes.
    public func kind() throws(ModelSourceError) -> Kind {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .missing(path: path) }
        if isFolder.boolValue {
            guard ModelBundle.isBundle(at: path) else { throw .folderIsNotABundle(path: path) }
            return .bundle
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: path) }
        let head = handle.readData(ofLength: 8)
        try? handle.close()
        if head == Data(NGramModel.magic) { return .binaryLanguageModel }
        if head == BernoulliRBM.fileMagic { return .rbm }
        return .arpa
    }

    /// A language model with the tokenization that reads text for it.
    public struct LanguageModelSelection: Sendable {
        public var model: NGramModel
        public var tokenization: Tokenization
        /// The bundle the model came from (nil for a single model file).
        public var bundle: ModelBundle?
        /// The critic chosen in the bundle.
        public var critic: String?
    }

    /// One critic's model of a bundle (`critic` required), or a single model file (binary or
    /// ARPA; `critic` must then be nil). For score, perplexity, generate, complete, fill, correct.
    public func languageModel(requested: TokenizationRequest = TokenizationRequest()) throws -> LanguageModelSelection {
        switch try kind() {
        case .bundle:
            let bundle = try ModelBundle.load(from: path)
            guard let critic else { throw AuthorshipError.criticRequired(path: path, known: bundle.model.critics) }
            let model = try bundle.model.model(critic: critic)
            return LanguageModelSelection(model: model, tokenization: try resolve(requested, bundle.record.tokenization),
                                          bundle: bundle, critic: critic)
        case .rbm:
            throw ModelSourceError.wrongKind(path: path, found: "an RBM model", expected: "a language model or an authorship bundle")
        case .binaryLanguageModel, .arpa:
            if critic != nil { throw ModelSourceError.criticOfSingleModel(path: path) }
            let model = try loadLanguageModel(from: path)
            return LanguageModelSelection(model: model, tokenization: try resolve(requested, model.record?.tokenization),
                                          bundle: nil, critic: nil)
        }
    }

    /// An authorship bundle (for classify and eval) with the tokenization that reads text for it.
    public func bundle(requested: TokenizationRequest = TokenizationRequest()) throws -> (bundle: ModelBundle, tokenization: Tokenization) {
        guard try kind() == .bundle else {
            throw ModelSourceError.wrongKind(path: path, found: "is a file", expected: "an authorship bundle (a folder trained from a labelled corpus)")
        }
        let bundle = try ModelBundle.load(from: path)
        return (bundle, try resolve(requested, bundle.record.tokenization))
    }

    /// An RBM with the features (record and bag of words) that turn reviews into its input.
    public func rbm(requested: TokenizationRequest = TokenizationRequest()) throws
        -> (model: BernoulliRBM, features: ReviewFeatures, metadata: [String: String]) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw ModelSourceError.missing(path: path) }
        guard !isFolder.boolValue else {
            throw ModelSourceError.wrongKind(path: path, found: "is a folder", expected: "an RBM model file written by rbm train")
        }
        // Anything else is for the RBM loader to judge: it names what is wrong with the file.
        let (model, metadata) = try BernoulliRBM.load(from: path)
        var features = try ReviewFeatures(model: model, metadata: metadata, path: path)
        features.record.tokenization = try resolve(requested, features.record.tokenization)
        return (model, features, metadata)
    }

    private func resolve(_ requested: TokenizationRequest, _ recorded: Tokenization?) throws(ModelSourceError) -> Tokenization {
        do {
            return try requested.resolve(against: recorded)
        } catch {
            throw .tokenizationConflict(path: path, conflict: error)
        }
    }
}

/// Why `--model` could not be resolved. Messages are in the library's terms; the CLI adds the
/// flag to use.
public enum ModelSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String)
    /// A folder without a bundle manifest.
    case folderIsNotABundle(path: String)
    /// A critic was chosen, but the path is one model, not a bundle.
    case criticOfSingleModel(path: String)
    case wrongKind(path: String, found: String, expected: String)
    case tokenizationConflict(path: String, conflict: TokenizationConflict)

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): no such model file or bundle (check the path, or train a model first)"
        case .unreadable(let path):
            return "\(path): the model file cannot be read (check its permissions)"
        case .folderIsNotABundle(let path):
            return "\(path): is a folder, but not an authorship bundle (it has no manifest.json); give a model file or a bundle folder"
        case .criticOfSingleModel(let path):
            return "\(path): a critic was chosen, but this is a single model file, not an authorship bundle"
        case .wrongKind(let path, let found, let expected):
            return "\(path): \(found.hasPrefix("is ") ? found : "holds " + found), but this needs \(expected)"
        case .tokenizationConflict(let path, let conflict):
            return "\(path): \(conflict)"
        }
    }
}
