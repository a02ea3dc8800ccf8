/// Lines of text from a `ByteSource`, decoded to Swift strings one at a time.
///
/// UTF-8 input (the default) is validated; any other encoding is converted by ICU as the bytes
/// stream in. A UTF-8 byte-order mark at the start is dropped; "\r\n" endings lose their "\r".
/// Memory is one block plus the longest line.
final class LineReader {
    let source: ByteSource
    private let converter: ICUConverter?
    private var decoded: [UInt8] = []
    private var start = 0
    /// Where the search for the next newline resumes (bytes before it hold none).
    private var searched = 0
    private var finished = false
    private var atStart = true
    /// Raw bytes consumed so far (the base of converter failure offsets).
    private var rawOffset = 0
    /// Line feeds among those raw bytes (the base of converter failure lines).
    private var rawNewlines = 0
    /// 1-based number of the line `next()` returns next.
    private(set) var lineNumber = 1
    private static let blockSize = 1 << 16

    /// - Parameter encoding: an ICU converter name; nil or a UTF-8 alias means validated UTF-8.
    init(source: ByteSource, encoding: String?) throws(CorpusError) {
        self.source = source
        if let encoding, !ICU.isUTF8(encoding) {
            converter = try ICUConverter(name: encoding)
            source.validatesUTF8 = false
        } else {
            if let encoding, ICU.canonicalEncodingName(encoding) == nil {
                throw CorpusError.unknownEncoding(name: encoding)
            }
            converter = nil
            source.validatesUTF8 = true
        }
    }

    convenience init(path: String, encoding: String?) throws(CorpusError) {
        try self.init(source: ByteSource(path: path), encoding: encoding)
    }

    /// The next line (without its line ending), or nil at the end of the input.
    func next() throws(CorpusError) -> String? {
        while true {
            if let newline = firstNewline() {
                var end = newline
                if end > start && decoded[end - 1] == 0x0D { end -= 1 }
                let line = makeString(start, end)
                start = newline + 1
                lineNumber += 1
                return line
            }
            if finished {
                guard start < decoded.count else { return nil }
                var end = decoded.count
                if decoded[end - 1] == 0x0D { end -= 1 }
                let line = makeString(start, end)
                start = decoded.count
                lineNumber += 1
                return line
            }
            try fill()
        }
    }

    private func firstNewline() -> Int? {
        decoded.withUnsafeBufferPointer { buffer in
            var index = max(start, searched)
            while index < buffer.count {
                if buffer[index] == 0x0A { return index }
                index += 1
            }
            searched = index
            return nil
        }
    }

    private func makeString(_ from: Int, _ to: Int) -> String {
        decoded.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[from..<to]), as: UTF8.self)
        }
    }

    private func fill() throws(CorpusError) {
        if start > 0 {
            decoded.removeFirst(start)
            searched -= start
            start = 0
        }
        var block: [UInt8] = []
        let got = try source.read(appendingTo: &block, maximum: Self.blockSize)
        if got == 0 { finished = true }
        var bytes = block[...]
        if atStart {
            atStart = false
            if converter == nil, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        }
        guard let converter else {
            decoded.append(contentsOf: bytes)
            return
        }
        let failure = bytes.withUnsafeBufferPointer { buffer in
            converter.convertChunk(buffer, flush: finished, into: &decoded)
        }
        if let failure {
            // ICU may hold converted text back in its pivot buffer, so the line is counted in the
            // raw bytes (0x0A is a line feed in every ASCII-compatible encoding).
            let line = rawNewlines + 1 + bytes.prefix(failure.byteOffset).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw CorpusError.undecodable(path: source.displayPath, line: line,
                                          byteOffset: rawOffset + failure.byteOffset, encoding: converter.name)
        }
        rawOffset += got
        rawNewlines += bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
