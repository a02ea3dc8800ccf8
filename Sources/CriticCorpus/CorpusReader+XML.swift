/// XML dumps: streamed with libxml2's reader; with `recover`, review by review with libxml2's
/// recovery (see `XMLFragmentScanner`).
extension CorpusReader {
    static func readXML(_ source: ByteSource, options: CorpusReadOptions, emit: Emit,
                        report: inout CorpusReadReport) throws(CorpusError) {
        let plan = try XMLEncodingPlan(source: source, encoding: options.encoding)
        source.validatesUTF8 = plan.validatesUTF8
        var withoutCritic: [Int] = []
        func keep(_ review: Review) throws(CorpusError) {
            if review.critic == nil && options.xml.critic != nil { withoutCritic.append(review.source?.line ?? 0) }
            try emit(review)
        }
        if options.recover {
            try readXMLRecovering(source, plan: plan, mapping: options.xml, keep: keep, report: &report)
        } else {
            let reader = try XMLNodeReader(streaming: source, url: source.displayPath, encoding: plan.libxml2Encoding)
            var assembler = XMLReviewAssembler(mapping: options.xml, path: source.displayPath)
            while true {
                let status = reader.read()
                if status == 1 {
                    switch assembler.handle(reader) {
                    case .review(let review): try keep(review)
                    case .skip(let skip): report.skipped.append(skip)
                    case nil: break
                    }
                    continue
                }
                if let failure = reader.inputFailure { throw failure }
                if status == 0 && reader.sink.firstError == nil { break }
                guard let issue = reader.sink.firstError else {
                    throw CorpusError.malformedXML(path: source.displayPath, line: reader.line, column: 0,
                                                   message: "libxml2 stopped without saying why")
                }
                if issue.isResourceLimit {
                    throw CorpusError.unsafeXML(path: source.displayPath, line: issue.line, column: issue.column,
                                                message: issue.message)
                }
                throw CorpusError.malformedXML(path: source.displayPath, line: issue.line, column: issue.column,
                                               message: issue.message)
            }
            for issue in reader.sink.issues where !issue.isError {
                report.warnings.append("\(source.displayPath):\(issue.line):\(issue.column): \(issue.message)")
            }
        }
        if !withoutCritic.isEmpty {
            let lines = withoutCritic.prefix(10).map(String.init).joined(separator: ", ")
            report.warnings.append("\(source.displayPath): \(withoutCritic.count) review\(withoutCritic.count == 1 ? " has" : "s have") no critic (kept with none; lines \(lines)\(withoutCritic.count > 10 ? ", …" : ""))")
        }
    }
}

/// Which encoding libxml2 is told, and whether we check UTF-8 ourselves (to report invalid
/// bytes as `file:line: invalid UTF-8 at byte N` like every other format).
struct XMLEncodingPlan {
    var libxml2Encoding: String?
    var validatesUTF8: Bool

    init(source: ByteSource, encoding: String?) throws(CorpusError) {
        if let encoding {
            guard ICU.canonicalEncodingName(encoding) != nil else { throw CorpusError.unknownEncoding(name: encoding) }
            libxml2Encoding = encoding
            validatesUTF8 = ICU.isUTF8(encoding)
            return
        }
        libxml2Encoding = nil
        let head = try source.peek(1024)
        // UTF-16 and UTF-32 (byte-order marks, or "<" encoded in two or four bytes) are left to libxml2.
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0x00, 0x00])
            || head.starts(with: [0x3C, 0x00]) || head.starts(with: [0x00, 0x3C]) {
            validatesUTF8 = false
            return
        }
        validatesUTF8 = true
        // An XML declaration naming another encoding: libxml2 decodes it.
        var text = head[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        guard text.starts(with: Array("<?xml".utf8)), let end = text.firstIndex(of: UInt8(ascii: ">")) else { return }
        let declaration = String(decoding: text[..<end], as: UTF8.self)
        guard let range = declaration.range(of: "encoding") else { return }
        let rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return }
        let name = rest.dropFirst().prefix { $0 != quote }
        if !ICU.isUTF8(String(name)) { validatesUTF8 = false }
    }
}

/// Turns the node stream of a document into reviews, following an `XMLFieldMapping`.
struct XMLReviewAssembler {
    enum Outcome {
        case review(Review)
        case skip(CorpusReadReport.Skip)
    }

    enum Field: Hashable { case critic, id, text, title, rating }

    let mapping: XMLFieldMapping
    let path: String
    /// Maps a line of the parsed text to a line and column of the file (fragments parsed alone).
    var placeLine: (Int) -> Int = { $0 }
    private let reviewName: [CChar]
    private var childFields: [String: [Field]] = [:]
    private var attributeFields: [(name: String, field: Field)] = []
    private var inReview = false
    private var reviewDepth = 0
    private var reviewLine = 0
    private var values: [Field: String] = [:]
    private var openFields: [Field] = []
    private var fieldDepth = 0
    private var buffer = ""

    init(mapping: XMLFieldMapping, path: String) {
        self.mapping = mapping
        self.path = path
        reviewName = Array(mapping.reviewElement.utf8CString)
        let locations: [(Field, XMLFieldMapping.Location?)] = [
            (.critic, mapping.critic), (.id, mapping.id), (.text, mapping.text), (.title, mapping.title),
            (.rating, mapping.rating),
        ]
        for case let (field, location?) in locations {
            switch location {
            case .child(let name): childFields[name, default: []].append(field)
            case .attribute(let name): attributeFields.append((name, field))
            }
        }
    }

    /// Feeds the node under the cursor; returns a review (or a skip) when one ends.
    mutating func handle(_ node: XMLNodeReader) -> Outcome? {
        switch node.nodeType {
        case .element:
            if !inReview {
                guard node.localNameIs(reviewName) else { return nil }
                inReview = true
                reviewDepth = node.depth
                reviewLine = placeLine(node.line)
                values = [:]
                for (name, field) in attributeFields {
                    if let value = node.attribute(name) { values[field] = value }
                }
                return node.isEmptyElement ? finish() : nil
            }
            guard openFields.isEmpty, node.depth == reviewDepth + 1, let name = node.localName,
                  let fields = childFields[name] else { return nil }
            if node.isEmptyElement {
                for field in fields where values[field] == nil { values[field] = "" }
                return nil
            }
            openFields = fields
            fieldDepth = node.depth
            buffer = ""
            return nil
        case .text, .cdata, .whitespace, .significantWhitespace:
            if !openFields.isEmpty { node.appendValue(to: &buffer) }
            return nil
        case .endElement:
            guard inReview else { return nil }
            if !openFields.isEmpty {
                if node.depth == fieldDepth {
                    for field in openFields {
                        // A field repeated in one review: its values are joined by a line break.
                        if let earlier = values[field], !earlier.isEmpty { values[field] = earlier + "\n" + buffer }
                        else { values[field] = buffer }
                    }
                    openFields = []
                }
                return nil
            }
            return node.depth == reviewDepth ? finish() : nil
        case .entityReference, .other:
            return nil
        }
    }

    /// Ends a review element that the document (or the recovery) left open.
    mutating func finishOpenReview() -> Outcome? {
        guard inReview else { return nil }
        if !openFields.isEmpty {
            for field in openFields { values[field] = (values[field].map { $0 + "\n" } ?? "") + buffer }
            openFields = []
        }
        return finish()
    }

    private mutating func finish() -> Outcome {
        inReview = false
        let position = SourcePosition(path: path, line: reviewLine)
        guard let text = values[.text] else {
            let name = mapping.text.description
            return .skip(.init(position: position, reason: "the review has no \(name.hasPrefix("@") ? "attribute \(name)" : "<\(name)> element")"))
        }
        var fields: [String: String] = [:]
        if let title = values[.title]?.trimmingWhiteSpace(), !title.isEmpty { fields["title"] = title }
        if let rating = values[.rating]?.trimmingWhiteSpace(), !rating.isEmpty { fields["rating"] = rating }
        let critic = values[.critic]?.trimmingWhiteSpace()
        let id = values[.id]?.trimmingWhiteSpace()
        return .review(Review(critic: critic?.isEmpty == false ? critic : nil,
                              id: id?.isEmpty == false ? id! : String(reviewLine),
                              text: text.trimmingWhiteSpace(), fields: fields, source: position))
    }
}
