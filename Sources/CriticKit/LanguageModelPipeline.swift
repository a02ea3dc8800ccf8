import CriticCorpus
import CriticLM
import CriticSupport
import Foundation

/// Which estimator `critic train` uses.
public enum EstimatorKind: String, Sendable, CaseIterable {
    /// Interpolated modified Kneser–Ney (the default; KenLM lmplz's estimator).
    case mkn
    /// Add-k (Laplace when k = 1).
    case addk
    /// Maximum likelihood, unsmoothed.
    case mle
}

/// Everything that decides a trained model, so that `train` and the authorship pipeline train
/// the same way.
public struct LanguageModelTraining: Sendable {
    public var order: Int
    public var estimator: EstimatorKind
    /// k of add-k.
    public var k: Double
    /// Words seen fewer times map to `<unk>` (only when the vocabulary is built here).
    public var minCount: Int
    /// Threads for counting and estimating.
    public var threads: ThreadCount

    public init(order: Int = 3, estimator: EstimatorKind = .mkn, k: Double = 1, minCount: Int = 1, threads: ThreadCount = .all) {
        self.order = order
        self.estimator = estimator
        self.k = k
        self.minCount = minCount
        self.threads = threads
    }

    public var makeEstimator: any Estimator {
        switch estimator {
        case .mkn: return KneserNeyEstimator(threads: threads)
        case .addk: return AddKEstimator(k: k)
        case .mle: return MLEEstimator()
        }
    }

    /// One model from token sequences, over the vocabulary they make (first-appearance order,
    /// `minCount` cut-off).
    public func train(_ sequences: [[String]]) throws(LanguageModelError) -> Estimate {
        let vocabulary = Vocabulary(counting: sequences, minCount: minCount)
        return try train(encoded: sequences.map { vocabulary.encode($0) }, vocabulary: vocabulary)
    }

    /// One model from pre-tokenized texts (tokens separated by spaces or tabs, as KenLM reads
    /// them), interned from their bytes: the fast path of `critic train --pretokenized`.
    public func train(pretokenized texts: [String]) throws(LanguageModelError) -> Estimate {
        let (vocabulary, sequences) = PretokenizedText.encode(lines: texts, minCount: minCount)
        return try train(encoded: sequences, vocabulary: vocabulary)
    }

    /// One model from review texts tokenized as `tokenization` says, with its `ModelRecord`
    /// (tokenization, vocabulary policy, provenance with the review count) attached: what
    /// `critic train --single-model` writes. Whitespace tokenization takes the byte-interning fast
    /// path of `train(pretokenized:)`.
    public func train(_ texts: [String], tokenization: Tokenization, provenance: Provenance) throws -> Estimate {
        var estimate: Estimate
        switch tokenization {
        case .whitespace: estimate = try train(pretokenized: texts)
        case .icu: estimate = try train(tokenization.tokenize(texts, threads: threads))
        }
        var provenance = provenance
        provenance.reviews = texts.count
        if provenance.critickitVersion.isEmpty { provenance.critickitVersion = criticKitVersion }
        estimate.model.record = ModelRecord(tokenization: tokenization, vocabulary: VocabularyPolicy(minCount: minCount),
                                            provenance: provenance)
        return estimate
    }

    /// One model from sequences already encoded with `vocabulary` (a vocabulary shared by several
    /// models, as the authorship classifier needs).
    public func train(encoded sequences: [[WordID]], vocabulary: Vocabulary) throws(LanguageModelError) -> Estimate {
        let counts = try NGramCounts.counting(sequences, order: order, threads: threads)
        return try makeEstimator.estimate(counts, vocabulary: vocabulary)
    }
}

/// A model file: the binary format (recognized by its magic bytes) or ARPA text (recognized by
/// `\data\` on its first non-blank line). Anything else — a folder, an empty file, random bytes —
/// is named for what it is, not reported as a malformed ARPA file.
public func loadLanguageModel(from path: String) throws(LanguageModelError) -> NGramModel {
    let bytes: [UInt8]
    switch InputFile.read(path) {
    case .success(let read): bytes = read
    case .failure(let problem) where problem.kind == .folder:
        throw .io(path: path, message: "is a folder without a manifest.json, so neither an authorship bundle nor a model file (give a bundle folder, a .lm file written by `critic train`, or an ARPA file)")
    case .failure(let problem):
        throw .io(path: path, message: "\(problem) (give a model file written by `critic train`, or an ARPA file)")
    }
    if bytes.starts(with: NGramModel.binaryMagic) { return try NGramModel(binary: bytes, path: path) }
    let start = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A } ?? bytes.endIndex
    let firstLine = bytes[start...].prefix { $0 != 0x0A }
    if String(decoding: firstLine, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "\\data\\" {
        return try NGramModel.parseARPA(bytes, path: path)
    }
    throw .corruptModel(path: path, reason: bytes.isEmpty ? "the file is empty, so neither a critic binary model nor an ARPA file"
        : "neither a critic binary model (no CRITICLM magic at its start) nor an ARPA file (no \\data\\ on its first line)")
}

/// Writes `model` as ARPA text when `path` ends in `.arpa`, else in the binary format; atomically.
public func saveLanguageModel(_ model: NGramModel, to path: String) throws(LanguageModelError) {
    if path.lowercased().hasSuffix(".arpa") {
        try model.writeARPA(to: path)
    } else {
        try model.save(to: path)
    }
}
