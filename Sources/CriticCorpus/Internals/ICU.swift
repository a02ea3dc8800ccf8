// The only file that imports CICU. ICU status codes become CorpusError here and nowhere else.
internal import CICU

/// A reusable ICU word-break iterator over UTF-8 bytes.
///
/// Not thread-safe: each thread (each `Tokenizer`) owns one.
final class ICUWordBreaker {
    private let breaker: OpaquePointer

    init(locale: String) throws(CorpusError) {
        var status: Int32 = 0
        guard let breaker = cicu_word_breaker_open(locale, &status), status <= 0 else {
            throw ICU.error("ubrk_open", status)
        }
        self.breaker = breaker
    }

    deinit { cicu_word_breaker_close(breaker) }

    /// The number of segments of `text` that do not start with ASCII white space: ICU's word
    /// breaker alone, without rule statuses, the reference the tokenizer's cost is measured against.
    func countSegments(_ text: UnsafeBufferPointer<UInt8>) throws(CorpusError) -> Int {
        guard let base = text.baseAddress, text.count > 0 else { return 0 }
        var status: Int32 = 0
        base.withMemoryRebound(to: CChar.self, capacity: text.count) { pointer in
            cicu_word_breaker_set_utf8(breaker, pointer, Int64(text.count), &status)
        }
        if status > 0 { throw ICU.error("ubrk_setUText", status) }
        var start = 0
        var count = 0
        while true {
            let end = Int(cicu_word_breaker_next(breaker, nil))
            if end < 0 { break }
            let first = text[start]
            if !(first == 0x20 || (first >= 0x09 && first <= 0x0D)) { count += 1 }
            start = end
        }
        return count
    }

    /// Calls `body(start, end, ruleStatus)` for each segment of `text` (byte offsets).
    /// `text` must stay valid for the duration of the call.
    /// Pass `ruleStatus: false` when the statuses are not needed (the body then receives 0): asking
    /// ICU for them costs about a tenth of the iteration.
    @inline(__always)
    func forEachSegment(_ text: UnsafeBufferPointer<UInt8>, ruleStatus: Bool = true,
                        _ body: (Int, Int, Int32) -> Void) throws(CorpusError) {
        guard let base = text.baseAddress, text.count > 0 else { return }
        var status: Int32 = 0
        base.withMemoryRebound(to: CChar.self, capacity: text.count) { pointer in
            cicu_word_breaker_set_utf8(breaker, pointer, Int64(text.count), &status)
        }
        if status > 0 { throw ICU.error("ubrk_setUText", status) }
        var start = 0
        var rule: Int32 = 0
        while true {
            let end = Int(ruleStatus ? cicu_word_breaker_next(breaker, &rule) : cicu_word_breaker_next(breaker, nil))
            if end < 0 { break }
            body(start, end, rule)
            start = end
        }
    }
}

/// A reusable ICU normalizer (NFKC, case folding or both) writing UTF-8 into a caller's buffer.
///
/// Not thread-safe: it keeps its UTF-16 work buffers between calls.
final class ICUNormalizer {
    private let normalizer: OpaquePointer

    init(_ mode: ICU.Normalization) throws(CorpusError) {
        var status: Int32 = 0
        guard let normalizer = cicu_normalizer_open(mode.cValue, &status), status <= 0 else {
            throw ICU.error("unorm2_getInstance", status)
        }
        self.normalizer = normalizer
    }

    deinit { cicu_normalizer_close(normalizer) }

    /// Writes the normalized form of the UTF-8 `input` at the start of `output` (grown when too
    /// small, never shrunk, so that one buffer serves review after review) and returns its length.
    func normalize(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) throws(CorpusError) -> Int {
        var capacity = input.count + input.count / 4 + 64
        while true {
            if output.count < capacity { output = [UInt8](repeating: 0, count: capacity) }
            var status: Int32 = 0
            let length = input.withMemoryRebound(to: CChar.self) { source in
                output.withUnsafeMutableBufferPointer { dest in
                    dest.withMemoryRebound(to: CChar.self) { dest in
                        cicu_normalizer_normalize_utf8(normalizer, source.baseAddress, Int32(source.count),
                                                       dest.baseAddress, Int32(dest.count), &status)
                    }
                }
            }
            if status == 15 /* U_BUFFER_OVERFLOW_ERROR */ {
                capacity = Int(length) + 64
                continue
            }
            if status > 0 { throw ICU.error("normalize", status) }
            return Int(length)
        }
    }
}

/// Stateless ICU helpers.
enum ICU {
    enum Normalization {
        case nfkc, caseFold, nfkcCaseFold
        var cValue: cicu_normalization {
            switch self {
            case .nfkc: CICU_NORMALIZE_NFKC
            case .caseFold: CICU_NORMALIZE_CASEFOLD
            case .nfkcCaseFold: CICU_NORMALIZE_NFKC_CASEFOLD
            }
        }
    }

    static func error(_ operation: String, _ status: Int32) -> CorpusError {
        .icu(operation: operation, code: status, name: String(cString: cicu_error_name(status)))
    }

    /// Normalizes UTF-8 text with ICU (NFKC, full case folding, or both).
    static func normalize(_ text: String, _ mode: Normalization) throws(CorpusError) -> String {
        var source = text
        let result: Result<String, CorpusError> = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { input in
                var capacity = max(64, input.count * 3 + 16)
                while true {
                    var status: Int32 = 0
                    var output = [CChar](repeating: 0, count: capacity)
                    let length = cicu_normalize_utf8(mode.cValue, input.baseAddress, Int32(input.count),
                                                     &output, Int32(capacity), &status)
                    if status == 15 /* U_BUFFER_OVERFLOW_ERROR */ {
                        capacity = Int(length) + 1
                        continue
                    }
                    if status > 0 { return .failure(ICU.error("normalize", status)) }
                    let string = output.withUnsafeBufferPointer { buffer in
                        String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(length))
                            .bindMemory(to: UInt8.self), as: UTF8.self)
                    }
                    return .success(string)
                }
            }
        }
        return try result.get()
    }

    /// ICU's version ("72.1") and the Unicode version of its data ("15.0").
    static var versions: (icu: String, unicode: String) {
        var icu = [CChar](repeating: 0, count: 32)
        var unicode = [CChar](repeating: 0, count: 32)
        icu.withUnsafeMutableBufferPointer { cicu_version($0.baseAddress) }
        unicode.withUnsafeMutableBufferPointer { cicu_unicode_version($0.baseAddress) }
        return (String(cString: icu), String(cString: unicode))
    }
}

/// Streaming conversion from a named charset to UTF-8.
final class ICUConverter {
    private let converter: OpaquePointer
    let name: String

    init(name: String) throws(CorpusError) {
        var status: Int32 = 0
        guard let converter = cicu_converter_open(name, &status), status <= 0 else {
            throw CorpusError.unknownEncoding(name: name)
        }
        self.converter = converter
        self.name = name
    }

    deinit { cicu_converter_close(converter) }

    struct ConversionFailure: Error {
        var byteOffset: Int
        var status: Int32
    }
}

extension ICUConverter {
    /// Converts the next block of a stream to UTF-8, appending to `output`. Set `flush` on the
    /// last block (an empty one is fine). On undecodable input, the output holds what precedes
    /// it and the failure's offset is relative to `input`.
    func convertChunk(_ input: UnsafeBufferPointer<UInt8>, flush: Bool,
                      into output: inout [UInt8]) -> ConversionFailure? {
        var offset = 0
        var chunk = [UInt8](repeating: 0, count: max(1 << 12, input.count * 3 + 16))
        while true {
            var consumed: Int32 = 0
            var status: Int32 = 0
            let remaining = input.count - offset
            let written = chunk.withUnsafeMutableBufferPointer { out in
                out.withMemoryRebound(to: CChar.self) { outChars in
                    input.withMemoryRebound(to: CChar.self) { inChars in
                        cicu_converter_to_utf8(converter, inChars.baseAddress.map { $0 + offset },
                                               Int32(remaining), outChars.baseAddress, Int32(outChars.count),
                                               flush ? 1 : 0, &consumed, &status)
                    }
                }
            }
            output.append(contentsOf: chunk[0..<Int(written)])
            offset += Int(consumed)
            if status == 15 /* U_BUFFER_OVERFLOW_ERROR */ { continue }
            if status > 0 { return ConversionFailure(byteOffset: max(0, offset - 1), status: status) }
            return nil
        }
    }

    /// Starts a new document (forgets partial input of the previous one).
    func reset() { cicu_converter_reset(converter) }
}

extension ICU {
    /// ICU's canonical name for an encoding ("windows-1252" → "ibm-5348_P100-1997"), or nil.
    static func canonicalEncodingName(_ name: String) -> String? {
        var status: Int32 = 0
        guard let canonical = cicu_converter_canonical_name(name, &status), status <= 0 else { return nil }
        return String(cString: canonical)
    }

    /// Whether `name` denotes UTF-8 (then input is validated instead of converted).
    static func isUTF8(_ name: String) -> Bool {
        canonicalEncodingName(name) == "UTF-8"
    }
}
