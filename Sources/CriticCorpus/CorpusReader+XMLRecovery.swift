#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--recover` for XML: the document is cut into review elements by a byte scanner, and each is
/// parsed alone with libxml2's recovery (XML_PARSE_RECOVER), so that one broken review (a bare
/// `&`, a missing end tag) costs at most that review, and a dump with no root element (a bare
/// sequence of reviews) reads in full. libxml2's streaming reader cannot do this: it stops at
/// the first error whatever its options.
extension CorpusReader {
    static func readXMLRecovering(_ source: ByteSource, plan: XMLEncodingPlan, mapping: XMLFieldMapping,
                                  keep: (Review) throws(CorpusError) -> Void,
                                  report: inout CorpusReadReport) throws(CorpusError) {
        var scanner = XMLFragmentScanner(source: source, reviewElement: mapping.reviewElement)
        let path = source.displayPath
        while let fragment = try scanner.next() {
            let startPosition = SourcePosition(path: path, line: fragment.line)
            guard !fragment.tooLong else {
                report.skipped.append(.init(position: startPosition, reason: "the review runs over \(XMLFragmentScanner.maximumReviewBytes >> 20) MB (a missing </\(mapping.reviewElement)>?)"))
                continue
            }
            // The document's XML declaration and DOCTYPE go before each review, so that its
            // encoding and internal entities apply (and entity bombs are caught as usual).
            var text = scanner.prolog
            if !text.isEmpty { text.append(0x0A) }
            let prologLines = text.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            text += fragment.bytes
            let fragmentParse = text.withUnsafeBufferPointer { bytes in
                XMLRecoveredFragment(bytes: bytes, url: path, encoding: plan.libxml2Encoding)
            }
            func place(_ line: Int, _ column: Int) -> (Int, Int) {
                guard line > prologLines else { return (line, column) }
                let placed = fragment.line + line - prologLines - 1
                return (placed, line == prologLines + 1 ? column + fragment.column - 1 : column)
            }
            let limits = fragmentParse.sink.issues.filter(\.isResourceLimit)
            if let limit = limits.first(where: \.isInDocument) ?? limits.first {
                let (line, column) = place(limit.line, limit.column)
                throw CorpusError.unsafeXML(path: path, line: line, column: column, message: limit.message)
            }
            let errors = fragmentParse.sink.issues.filter(\.isError)
            guard let cursor = fragmentParse.cursor() else {
                let why = errors.first.map { ": \($0.message)" } ?? ""
                report.skipped.append(.init(position: startPosition, reason: "libxml2 could not recover the review\(why)"))
                continue
            }
            var assembler = XMLReviewAssembler(mapping: mapping, path: path)
            assembler.placeLine = { place($0, 1).0 }
            var outcome: XMLReviewAssembler.Outcome?
            while cursor.read() == 1 {
                if let finished = assembler.handle(cursor) { outcome = finished; break }
            }
            guard let outcome = outcome ?? assembler.finishOpenReview() else {
                report.skipped.append(.init(position: startPosition, reason: "no <\(mapping.reviewElement)> element survived recovery"))
                continue
            }
            if case .review = outcome {
                for issue in errors {
                    let (line, column) = place(issue.line, issue.column)
                    report.recovered.append("\(path):\(line):\(column): \(issue.message)")
                }
            }
            switch outcome {
            case .review(let review): try keep(review)
            case .skip(let skip): report.skipped.append(skip)
            }
        }
    }
}

/// Cuts an XML byte stream into the byte ranges of its review elements, without parsing: it
/// skips comments, CDATA sections and processing instructions, keeps the XML declaration and
/// DOCTYPE (the prolog), and ends a review at its end tag, at the start of the next review (a
/// missing end tag) or at the end of the input. Works on any ASCII-compatible encoding.
struct XMLFragmentScanner {
    struct Fragment {
        var bytes: [UInt8]
        var line: Int
        var column: Int
        /// Longer than `maximumReviewBytes`: skipped, its bytes dropped.
        var tooLong: Bool
    }

    /// A review longer than this is skipped rather than held in memory.
    static let maximumReviewBytes = 32 << 20

    private let source: ByteSource
    private let startTag: [UInt8]
    private let endTag: [UInt8]
    private(set) var prolog: [UInt8] = []
    private var buffer: [UInt8] = []
    private var position = 0
    private var exhausted = false
    private var line = 1
    private var column = 1
    private var sawReview = false
    private var atStart = true

    init(source: ByteSource, reviewElement: String) {
        self.source = source
        startTag = Array("<\(reviewElement)".utf8)
        endTag = Array("</\(reviewElement)".utf8)
    }

    /// The next review element's bytes and where it starts, or nil at the end of the input.
    mutating func next() throws(CorpusError) -> Fragment? {
        if atStart {
            atStart = false
            if try matches([0xEF, 0xBB, 0xBF]) { position += 3 }
        }
        while try ensure(1) {
            if buffer[position] != UInt8(ascii: "<") {
                advanceToMarkup()
                continue
            }
            let begin = position
            if try matches(Array("<!--".utf8)) { try skip(past: Array("-->".utf8)); continue }
            if try matches(Array("<![CDATA[".utf8)) { try skip(past: Array("]]>".utf8)); continue }
            if try matches(Array("<?".utf8)) {
                let offset = dropped + begin
                var isDeclaration = offset == 0 || (offset == 3 && buffer.starts(with: [0xEF, 0xBB, 0xBF]))
                if isDeclaration { isDeclaration = try matches(Array("<?xml".utf8)) }
                try skip(past: Array("?>".utf8))
                if isDeclaration && !sawReview { appendToProlog(begin, startLine: 1) }
                continue
            }
            if try matches(Array("<!DOCTYPE".utf8)) {
                let startLine = line
                try skipDoctype()
                if !sawReview { appendToProlog(begin, startLine: startLine) }
                continue
            }
            if try isReviewStart() {
                sawReview = true
                return try readReview()
            }
            advance(1)
        }
        return nil
    }

    /// Keeps `buffer[begin..<position]` in the prolog, on the line it starts on in the document,
    /// so that libxml2's line numbers inside the prolog are the document's.
    private mutating func appendToProlog(_ begin: Int, startLine: Int) {
        let prologLines = prolog.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        if startLine > prologLines { prolog += [UInt8](repeating: 0x0A, count: startLine - prologLines) }
        prolog += buffer[begin..<position]
    }

    private mutating func readReview() throws(CorpusError) -> Fragment {
        let startLine = line
        let startColumn = column
        // Refills happen mostly inside reviews, where `ensure` keeps everything: drop what
        // precedes this review now, so that the buffer holds about one block plus one review.
        compact(keepingFrom: position)
        var begin = position
        reviewInProgress = true
        defer { reviewInProgress = false }
        func fragment(_ scanner: inout XMLFragmentScanner) -> Fragment {
            let bytes = Array(scanner.buffer[begin..<scanner.position])
            return Fragment(bytes: bytes, line: startLine, column: startColumn, tooLong: false)
        }
        // The start tag, to its '>' (attribute values may hold '>').
        advance(startTag.count)
        var quote: UInt8? = nil
        var inStartTag = true
        while inStartTag, try ensure(1) {
            let byte = buffer[position]
            advance(1)
            if let open = quote { if byte == open { quote = nil }; continue }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { quote = byte; continue }
            if byte == UInt8(ascii: ">") {
                if buffer[position - 2] == UInt8(ascii: "/") { return fragment(&self) }
                inStartTag = false
            }
        }
        while try ensure(1) {
            if position - begin > Self.maximumReviewBytes {
                // Too long to hold: give it up, and resynchronize at the next review start.
                reviewInProgress = false
                compact(keepingFrom: position)
                begin = position
                return Fragment(bytes: [], line: startLine, column: startColumn, tooLong: true)
            }
            if buffer[position] != UInt8(ascii: "<") { advanceToMarkup(); continue }
            if try matches(Array("<!--".utf8)) { try skip(past: Array("-->".utf8)); continue }
            if try matches(Array("<![CDATA[".utf8)) { try skip(past: Array("]]>".utf8)); continue }
            if try isReviewEnd() {
                while try ensure(1), buffer[position] != UInt8(ascii: ">") { advance(1) }
                if try ensure(1) { advance(1) }
                break
            }
            if try isReviewStart() { break }
            advance(1)
        }
        return fragment(&self)
    }

    private mutating func isReviewStart() throws(CorpusError) -> Bool {
        guard try matches(startTag), try ensure(startTag.count + 1) else { return false }
        let next = buffer[position + startTag.count]
        return next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == UInt8(ascii: ">")
            || next == UInt8(ascii: "/")
    }

    private mutating func isReviewEnd() throws(CorpusError) -> Bool {
        guard try matches(endTag) else { return false }
        var index = position + endTag.count
        while true {
            guard try ensure(index - position + 1) else { return false }
            let byte = buffer[index]
            if byte == UInt8(ascii: ">") { return true }
            if !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D) { return false }
            index += 1
        }
    }

    private mutating func skipDoctype() throws(CorpusError) {
        var bracketDepth = 0
        var quote: UInt8? = nil
        advance(2)
        while try ensure(1) {
            let byte = buffer[position]
            advance(1)
            if let open = quote { if byte == open { quote = nil }; continue }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "["): bracketDepth += 1
            case UInt8(ascii: "]"): bracketDepth -= 1
            case UInt8(ascii: ">") where bracketDepth <= 0: return
            default: break
            }
        }
    }

    private mutating func skip(past pattern: [UInt8]) throws(CorpusError) {
        advance(min(2, pattern.count))
        while try ensure(1) {
            if try matches(pattern) { advance(pattern.count); return }
            advance(1)
        }
    }

    private mutating func matches(_ pattern: [UInt8]) throws(CorpusError) -> Bool {
        guard try ensure(pattern.count) else { return false }
        for (offset, byte) in pattern.enumerated() where buffer[position + offset] != byte { return false }
        return true
    }

    private mutating func advance(_ count: Int) {
        let end = min(buffer.count, position + count)
        var line = self.line
        var column = self.column
        buffer.withUnsafeBufferPointer { bytes in
            for index in position..<max(position, end) {
                let byte = bytes[index]
                if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            }
        }
        self.line = line
        self.column = column
        position = max(position, end)
    }

    /// Moves to the next '<' in the buffered bytes (or to their end).
    private mutating func advanceToMarkup() {
        let next = buffer.withUnsafeBufferPointer { bytes -> Int in
            guard let base = bytes.baseAddress, position < bytes.count else { return bytes.count }
            guard let found = memchr(base + position, 0x3C, bytes.count - position) else { return bytes.count }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        advance(next - position)
    }

    /// Makes sure `count` bytes are available from the position; false at the end of the input.
    private mutating func ensure(_ count: Int) throws(CorpusError) -> Bool {
        while buffer.count - position < count {
            if exhausted { return false }
            if !reviewInProgress { compact(keepingFrom: position) }
            let got = try source.read(appendingTo: &buffer, maximum: 1 << 20)
            if got == 0 { exhausted = true; return buffer.count - position >= count }
        }
        return true
    }

    /// Set while a review's bytes are being gathered, so that `ensure` does not drop them.
    private var reviewInProgress = false
    /// Bytes dropped from the front of `buffer` so far (buffer index + dropped = input offset).
    private var dropped = 0

    private mutating func compact(keepingFrom index: Int) {
        guard index > (1 << 20) else { return }
        buffer.removeFirst(index)
        position -= index
        dropped += index
    }
}
