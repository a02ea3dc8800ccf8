// The only file that imports CLibXML2. libxml2's errors become XMLIssue values here, and its
// reader and tree pointers never leave this file.
internal import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One diagnostic from libxml2, with the place it points at.
struct XMLIssue: Sendable, Equatable {
    var code: Int32
    var line: Int
    var column: Int
    var message: String
    /// An error (or fatal error) rather than a warning.
    var isError: Bool
    /// The place is in the document itself, not inside an entity's replacement text (libxml2
    /// reports those with line 1 of the entity).
    var isInDocument: Bool

    /// Errors with which libxml2 stops parsing even in recovery mode, because going on would
    /// cost unbounded time or memory: entity amplification ("billion laughs"), nesting deeper
    /// than 256 elements, huge text nodes (XML_PARSE_HUGE stays off), memory exhaustion.
    var isResourceLimit: Bool {
        // XML_ERR_INTERNAL_ERROR is how libxml2 2.9 reports "Excessive depth" and "Huge input lookup".
        [XML_ERR_ENTITY_LOOP, XML_ERR_INTERNAL_ERROR, XML_ERR_NO_MEMORY].contains { Int32($0.rawValue) == code }
    }
}

/// Collects libxml2's structured errors for one parse.
final class XMLIssueSink {
    private(set) var issues: [XMLIssue] = []
    /// Diagnostics kept; a badly broken document can raise one per character.
    let limit = 10_000
    private(set) var dropped = 0

    func append(_ issue: XMLIssue) {
        if issues.count < limit { issues.append(issue) } else { dropped += 1 }
    }

    func removeAll() {
        issues.removeAll(keepingCapacity: true)
        dropped = 0
    }

    /// The issue to show for a failed parse: the first error located in the document itself
    /// (an entity loop is first reported inside the entity, at a meaningless line 1).
    var firstError: XMLIssue? {
        issues.first { $0.isError && $0.isInDocument } ?? issues.first { $0.isError }
    }
}

private func collectIssue(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let context, let error else { return }
    let sink = Unmanaged<XMLIssueSink>.fromOpaque(context).takeUnretainedValue()
    var message = error.pointee.message.map { String(cString: $0) } ?? "unknown XML error"
    while message.last == "\n" || message.last == " " { message.removeLast() }
    message = message.replacingNewlines()
    sink.append(XMLIssue(code: error.pointee.code, line: Int(error.pointee.line), column: Int(error.pointee.int2),
                         message: message, isError: error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue,
                         isInDocument: error.pointee.file != nil))
}

private extension String {
    func replacingNewlines() -> String {
        String(self.map { $0 == "\n" ? " " : $0 })
    }
}

/// What the read callback pulls bytes from; keeps the first read failure for the caller.
private final class XMLInput {
    let source: ByteSource
    var failure: CorpusError?
    init(source: ByteSource) { self.source = source }
}

private func readInput(_ context: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<CChar>?,
                       _ length: Int32) -> Int32 {
    guard let context, let buffer, length > 0 else { return 0 }
    let input = Unmanaged<XMLInput>.fromOpaque(context).takeUnretainedValue()
    do throws(CorpusError) {
        return Int32(try input.source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(length))))
    } catch {
        input.failure = error
        return -1
    }
}

private func closeInput(_ context: UnsafeMutableRawPointer?) -> Int32 { 0 }

/// Node types of libxml2's text reader (xmlReaderTypes).
enum XMLNodeType: Int32 {
    case element = 1, text = 3, cdata = 4, entityReference = 5, whitespace = 13, significantWhitespace = 14,
         endElement = 15
    case other = -1
}

/// A forward-only cursor over XML nodes: libxml2's `xmlTextReader`, either streaming a document
/// (memory independent of its size: nodes are freed as the cursor moves on) or walking a tree
/// already parsed.
///
/// Parser options: `XML_PARSE_NONET` (no network), no `XML_PARSE_NOENT` (entities are not
/// substituted), no `XML_PARSE_DTDLOAD` (no external DTD or entity is ever loaded), no
/// `XML_PARSE_HUGE` (libxml2's limits stay: depth 256, entity amplification, 10 MB text nodes).
final class XMLNodeReader {
    private let reader: OpaquePointer
    private let input: XMLInput?
    let sink: XMLIssueSink

    /// Streams the document in `source`. `encoding` (an encoding name libxml2 knows) overrides
    /// the document's own declaration.
    init(streaming source: ByteSource, url: String, encoding: String?) throws(CorpusError) {
        let input = XMLInput(source: source)
        let options = Int32(XML_PARSE_NONET.rawValue)
        guard let reader = xmlReaderForIO(readInput, closeInput, Unmanaged.passUnretained(input).toOpaque(),
                                          url, encoding, options) else {
            throw CorpusError.io(path: source.displayPath, message: "libxml2 could not start a reader")
        }
        self.reader = reader
        self.input = input
        sink = XMLIssueSink()
        xmlTextReaderSetStructuredErrorHandler(reader, collectIssue, Unmanaged.passUnretained(sink).toOpaque())
    }

    /// Walks a parsed tree (which must outlive the cursor).
    fileprivate init(walking document: xmlDocPtr, sink: XMLIssueSink) {
        reader = xmlReaderWalker(document)
        input = nil
        self.sink = sink
    }

    deinit { xmlFreeTextReader(reader) }

    /// Moves to the next node: 1 on success, 0 at the end, -1 on a parse error (see `sink` and
    /// `inputFailure`).
    func read() -> Int32 { xmlTextReaderRead(reader) }

    /// The failure of our own byte source (invalid UTF-8, I/O), which libxml2 only sees as -1.
    var inputFailure: CorpusError? { input?.failure }

    var nodeType: XMLNodeType { XMLNodeType(rawValue: xmlTextReaderNodeType(reader)) ?? .other }
    var depth: Int { Int(xmlTextReaderDepth(reader)) }
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// Whether the current node's local name is `name` (NUL-terminated UTF-8), without copying.
    func localNameIs(_ name: [CChar]) -> Bool {
        guard let local = xmlTextReaderConstLocalName(reader) else { return false }
        return local.withMemoryRebound(to: CChar.self, capacity: name.count) { strcmp($0, name) == 0 }
    }

    var localName: String? { xmlTextReaderConstLocalName(reader).map { String(cString: $0) } }

    /// The text of a text, CDATA or white-space node.
    var value: String? { xmlTextReaderConstValue(reader).map { String(cString: $0) } }

    /// Appends the current node's text to `text` without an intermediate String.
    func appendValue(to text: inout String) {
        guard let value = xmlTextReaderConstValue(reader) else { return }
        let length = strlen(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self))
        text += String(decoding: UnsafeBufferPointer(start: value, count: length), as: UTF8.self)
    }

    /// The value of an attribute of the current element.
    func attribute(_ name: String) -> String? {
        // Moving to the attribute and back avoids xmlFree, a C global Swift 6 cannot call safely.
        guard xmlTextReaderMoveToAttribute(reader, name) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        return xmlTextReaderConstValue(reader).map { String(cString: $0) }
    }

    /// The line of the current node in its document (libxml2 records it when building the node).
    var line: Int {
        guard let node = xmlTextReaderCurrentNode(reader) else { return Int(xmlTextReaderGetParserLineNumber(reader)) }
        return Int(xmlGetLineNo(node))
    }
}

/// One review element parsed on its own with libxml2's recovery (`XML_PARSE_RECOVER`), used by
/// `--recover`: libxml2's streaming reader gives up at the first error whatever the options, so
/// recovery works review by review, each a small tree freed before the next.
final class XMLRecoveredFragment {
    private let document: xmlDocPtr?
    let sink = XMLIssueSink()

    init(bytes: UnsafeBufferPointer<UInt8>, url: String, encoding: String?) {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        xmlSetStructuredErrorFunc(context, collectIssue)
        document = bytes.withMemoryRebound(to: CChar.self) { chars in
            xmlReadMemory(chars.baseAddress, Int32(chars.count), url, encoding, options)
        }
        xmlSetStructuredErrorFunc(nil, nil)
    }

    deinit { if let document { xmlFreeDoc(document) } }

    /// A cursor over the recovered tree, or nil when nothing could be recovered.
    func cursor() -> XMLNodeReader? {
        guard let document, xmlDocGetRootElement(document) != nil else { return nil }
        return XMLNodeReader(walking: document, sink: sink)
    }
}
