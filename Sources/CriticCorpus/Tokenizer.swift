import Dispatch

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
    private let breaker: ICUWordBreaker

    public init(options: TokenizerOptions = .default) throws(CorpusError) {
        self.options = options
        self.breaker = try ICUWordBreaker(locale: options.locale)
    }

    /// The tokens of `text`, in order.
    ///
    /// - Complexity: O(n) in the length of the text.
    public func tokenize(_ text: String) throws(CorpusError) -> [String] {
        var tokens: [String] = []
        try forEachToken(in: text) { tokens.append($0) }
        return tokens
    }

    /// Calls `body` with each token of `text`, in order, without building an array.
    public func forEachToken(in text: String, _ body: (String) -> Void) throws(CorpusError) {
        var normalized = try normalize(text)
        let keepPunctuation = options.keepPunctuation
        let numbers = options.numbers
        var failure: CorpusError?
        normalized.withUTF8 { bytes in
            do throws(CorpusError) {
                try breaker.forEachSegment(bytes) { start, end, rule in
                    // ICU rule status ranges: 0–99 none (spaces, punctuation, symbols),
                    // 100–199 numbers, 200–299 letters, 300–399 kana, 400–499 ideographs.
                    if rule < 100 {
                        guard keepPunctuation, !Tokenizer.isWhitespace(bytes, start, end) else { return }
                    } else if rule < 200, case .classToken(let token) = numbers {
                        body(token)
                        return
                    }
                    body(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// The raw boundaries ICU reports for `text` (byte offsets, including 0 and the end), with no
    /// normalization and no filtering. Used by the UAX #29 conformance test.
    public func rawBoundaries(_ text: String) throws(CorpusError) -> [Int] {
        var text = text
        var boundaries = [0]
        var failure: CorpusError?
        text.withUTF8 { bytes in
            do throws(CorpusError) {
                try breaker.forEachSegment(bytes) { _, end, _ in boundaries.append(end) }
            } catch { failure = error }
        }
        if let failure { throw failure }
        return text.utf8.isEmpty ? [0] : boundaries
    }

    /// NFKC and case folding. ASCII text (most of it, in English reviews) takes a fast path:
    /// NFKC leaves ASCII unchanged and case folding is plain lower-casing there.
    private func normalize(_ text: String) throws(CorpusError) -> String {
        guard options.nfkc || options.caseFolding else { return text }
        var isASCII = true
        var hasUpper = false
        for byte in text.utf8 {
            if byte >= 0x80 { isASCII = false; break }
            if byte &- 0x41 < 26 { hasUpper = true }
        }
        if isASCII {
            guard options.caseFolding, hasUpper else { return text }
            return String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
                var index = 0
                for byte in text.utf8 {
                    buffer[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte
                    index += 1
                }
                return index
            }
        }
        switch (options.nfkc, options.caseFolding) {
        case (true, true): return try ICU.normalize(text, .nfkcCaseFold)
        case (true, false): return try ICU.normalize(text, .nfkc)
        default: return try ICU.normalize(text, .caseFold)
        }
    }

    private static func isWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        // Fast path for ASCII white space; otherwise decode and ask Unicode.
        var allASCII = true
        for i in start..<end {
            let byte = bytes[i]
            if byte >= 0x80 { allASCII = false; break }
            if !(byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)) { return false }
        }
        if allASCII { return true }
        let segment = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        return segment.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }
}

extension Tokenizer {
    /// Tokenizes many texts in parallel (one tokenizer per worker), preserving order.
    ///
    /// - Parameter threads: workers to use; `nil` uses every active processor.
    public static func tokenize(_ texts: [String], options: TokenizerOptions = .default,
                                threads: Int? = nil) throws(CorpusError) -> [[String]] {
        let workers = max(1, min(threads ?? ProcessInfoLite.activeProcessorCount, texts.count))
        if workers == 1 {
            let tokenizer = try Tokenizer(options: options)
            var result: [[String]] = []
            result.reserveCapacity(texts.count)
            for text in texts { result.append(try tokenizer.tokenize(text)) }
            return result
        }
        let results = UnsafeMutableBufferPointer<[String]>.allocate(capacity: texts.count)
        results.initialize(repeating: [])
        defer { results.deinitialize(); results.deallocate() }
        let failures = LockedBox<CorpusError?>(nil)
        // Contiguous blocks keep each worker's writes apart; small blocks balance the load.
        let blockSize = max(1, min(256, texts.count / (workers * 8)))
        let blocks = (texts.count + blockSize - 1) / blockSize
        let next = AtomicCounter()
        nonisolated(unsafe) let output = results
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            do throws(CorpusError) {
                let tokenizer = try Tokenizer(options: options)
                while true {
                    let block = next.increment()
                    if block >= blocks { break }
                    for index in (block * blockSize)..<min(texts.count, (block + 1) * blockSize) {
                        output[index] = try tokenizer.tokenize(texts[index])
                    }
                }
            } catch {
                failures.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let failure = failures.withLock({ $0 }) { throw failure }
        return Array(results)
    }
}
