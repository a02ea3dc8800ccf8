import Dispatch
import Foundation
import CriticSupport

/// How the tokenizer treats what ICU's word-break rules find.
public struct TokenizerOptions: Sendable, Hashable {
    /// What to do with number tokens.
    public enum Numbers: Sendable, Hashable {
        /// Keep each number as its own token ("1999").
        case keep
        /// Map every number to one class token (e.g. "<num>").
        case classToken(String)
    }

    /// Keep punctuation tokens ("!", "--", "…"). On by default: punctuation is style, and style
    /// is authorship.
    public var keepPunctuation: Bool
    /// Full Unicode case folding (on by default).
    public var caseFolding: Bool
    /// NFKC normalization before segmentation (on by default).
    public var nfkc: Bool
    /// Numbers kept or mapped to a class token.
    public var numbers: Numbers
    /// ICU locale for the break iterator ("" = root, which already has the CJK and Thai dictionaries).
    public var locale: String

    public init(keepPunctuation: Bool = true, caseFolding: Bool = true, nfkc: Bool = true,
                numbers: Numbers = .keep, locale: String = "") {
        self.keepPunctuation = keepPunctuation
        self.caseFolding = caseFolding
        self.nfkc = nfkc
        self.numbers = numbers
        self.locale = locale
    }

    public static let `default` = TokenizerOptions()
}

/// Splits review text into word tokens with ICU4C's word-break rules (UAX #29, with dictionary
/// segmentation for Chinese, Japanese, Thai, Lao, Khmer and Burmese), after NFKC normalization and
/// case folding.
///
/// One ICU iterator is created per tokenizer and reused for every review (no per-review rule
/// compilation). A tokenizer is not thread-safe; `tokenize(_:options:threads:)` runs one per thread.
public final class Tokenizer {
    public let options: TokenizerOptions
    let breaker: ICUWordBreaker
    /// NFKC and/or case folding for non-ASCII text (nil when both are off).
    private let normalizer: ICUNormalizer?
    /// The normalized text of the current review; reused so that steady-state tokenization
    /// allocates nothing but the tokens it returns.
    private var normalized: [UInt8] = []
    /// Tokens of the current review before they are copied into an exactly sized array.
    private var scratch: [String] = []
    /// Strings of recently seen tokens (most tokens repeat), reused instead of decoded again.
    private let strings = TokenStringCache()
    /// The number class token's bytes, when numbers map to one.
    private let numberClass: [UInt8]?

    public init(options: TokenizerOptions = .default) throws(CorpusError) {
        self.options = options
        self.breaker = try ICUWordBreaker(locale: options.locale)
        switch (options.nfkc, options.caseFolding) {
        case (true, true): normalizer = try ICUNormalizer(.nfkcCaseFold)
        case (true, false): normalizer = try ICUNormalizer(.nfkc)
        case (false, true): normalizer = try ICUNormalizer(.caseFold)
        case (false, false): normalizer = nil
        }
        if case .classToken(let token) = options.numbers { numberClass = Array(token.utf8) } else { numberClass = nil }
    }

    /// The tokens of `text`, in order.
    ///
    /// - Complexity: O(n) in the length of the text.
    public func tokenize(_ text: String) throws(CorpusError) -> [String] {
        // A local array: appending to the stored property would pay a dynamic exclusivity check
        // per token.
        var tokens: [String] = []
        swap(&tokens, &scratch)
        defer { tokens.removeAll(keepingCapacity: true); swap(&tokens, &scratch) }
        let cache = strings
        try forEachTokenBytes(in: text) { tokens.append(cache.string($0)) }
        return Array(tokens)
    }

    /// Calls `body` with each token of `text`, in order, without building an array.
    public func forEachToken(in text: String, _ body: (String) -> Void) throws(CorpusError) {
        let cache = strings
        try forEachTokenBytes(in: text) { body(cache.string($0)) }
    }

    /// Calls `body` with the UTF-8 bytes of each token of `text`, in order, without making
    /// Strings: for consumers that hash, count or intern tokens. The bytes are valid UTF-8 and
    /// valid only during the call.
    ///
    /// - Complexity: O(n) in the length of the text.
    public func forEachTokenBytes(in text: String,
                                  _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws(CorpusError) {
        var text = text
        var failure: CorpusError?
        text.withUTF8 { source in
            do throws(CorpusError) {
                let length = try normalize(source)
                if length < 0 {
                    try forEachTokenBytes(inNormalized: source, body)
                } else {
                    try normalized.withUnsafeBufferPointer { (buffer) throws(CorpusError) in
                        try forEachTokenBytes(inNormalized: UnsafeBufferPointer(rebasing: buffer[..<length]), body)
                    }
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    private func forEachTokenBytes(inNormalized bytes: UnsafeBufferPointer<UInt8>,
                                   _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws(CorpusError) {
        let keepPunctuation = options.keepPunctuation
        // With the default options only white space is dropped, and that needs no rule status.
        let needsRuleStatus = !keepPunctuation || numberClass != nil
        try breaker.forEachSegment(bytes, ruleStatus: needsRuleStatus) { start, end, rule in
            if needsRuleStatus {
                // ICU rule status ranges: 0–99 none (spaces, punctuation, symbols),
                // 100–199 numbers, 200–299 letters, 300–399 kana, 400–499 ideographs.
                if rule < 100 {
                    guard keepPunctuation, !Tokenizer.isWhitespace(bytes, start, end) else { return }
                } else if rule < 200, let numberClass {
                    numberClass.withUnsafeBufferPointer(body)
                    return
                }
            } else if Tokenizer.isWhitespace(bytes, start, end) {
                return
            }
            body(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
    }

    /// The raw boundaries ICU reports for `text` (byte offsets, including 0 and the end), with no
    /// normalization and no filtering. Used by the UAX #29 conformance test.
    public func rawBoundaries(_ text: String) throws(CorpusError) -> [Int] {
        var text = text
        var boundaries = [0]
        var failure: CorpusError?
        text.withUTF8 { bytes in
            do throws(CorpusError) {
                try breaker.forEachSegment(bytes, ruleStatus: false) { _, end, _ in boundaries.append(end) }
            } catch { failure = error }
        }
        if let failure { throw failure }
        return text.utf8.isEmpty ? [0] : boundaries
    }

    /// NFKC and case folding into `normalized`; returns the length written there, or -1 when
    /// `source` is already normal (segment it in place).
    ///
    /// ASCII text (most of it, in English reviews) takes a fast path: NFKC leaves ASCII unchanged
    /// and case folding is plain lower-casing there, done eight bytes at a time.
    private func normalize(_ source: UnsafeBufferPointer<UInt8>) throws(CorpusError) -> Int {
        guard let normalizer else { return -1 }
        if normalized.count < source.count { normalized = [UInt8](repeating: 0, count: source.count + source.count / 4 + 64) }
        let caseFolding = options.caseFolding
        let asciiLength = normalized.withUnsafeMutableBufferPointer { output in
            Tokenizer.lowercaseASCII(source, into: output.baseAddress!, fold: caseFolding)
        }
        if asciiLength == source.count { return caseFolding ? asciiLength : -1 }
        return try normalizer.normalize(source, into: &normalized)
    }

    /// Copies `source` to `output`, lower-casing ASCII letters when `fold` is set, and stops at
    /// the first 8-byte word holding a non-ASCII byte. Returns the number of bytes done (the
    /// whole source when it is ASCII).
    ///
    /// Per byte b < 0x80: b + 0x3F sets the top bit iff b ≥ "A", b + 0x25 sets it iff b > "Z";
    /// their XOR marks the upper-case letters, and the mark shifted to 0x20 lower-cases them.
    @inline(__always)
    private static func lowercaseASCII(_ source: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>,
                                       fold: Bool) -> Int {
        guard let base = source.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let rawOutput = UnsafeMutableRawPointer(output)
        let high: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        while index + 8 <= source.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if word & high != 0 { return index }
            let upper = fold ? ((word &+ 0x3F3F_3F3F_3F3F_3F3F) ^ (word &+ 0x2525_2525_2525_2525)) & high : 0
            rawOutput.storeBytes(of: word | (upper >> 2), toByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < source.count {
            let byte = base[index]
            if byte >= 0x80 { return index }
            output[index] = fold && byte &- 0x41 < 26 ? byte | 0x20 : byte
            index += 1
        }
        return index
    }

    /// Whether every scalar of the segment is white space. Segments almost always start with a
    /// letter, digit or ASCII space, which the first byte settles.
    @inline(__always)
    private static func isWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte >= 0x80 { break }
            if !(byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)) { return false }
            index += 1
        }
        if index == end { return true }
        let rest = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
        return rest.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }
}

extension Tokenizer {
    /// Tokenizes many texts in parallel (one tokenizer per worker), preserving order.
    ///
    /// - Parameter threads: workers to use.
    /// - Complexity: O(total text length), spread over the workers.
    public static func tokenize(_ texts: [String], options: TokenizerOptions = .default,
                                threads: ThreadCount = .all) throws(CorpusError) -> [[String]] {
        // Contiguous blocks keep each worker's writes apart; small blocks balance the load.
        let workers = max(1, min(threads.count, texts.count))
        let blockSize = max(1, min(256, texts.count / (workers * 8)))
        return try Parallel.map(count: texts.count, threads: threads, blockSize: blockSize,
                                makeWorker: { () throws(CorpusError) in try Tokenizer(options: options) }) {
            (tokenizer: inout Tokenizer, index: Int) throws(CorpusError) in try tokenizer.tokenize(texts[index])
        }
    }
}
