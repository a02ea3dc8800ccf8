import Foundation
#if canImport(FoundationXML)
import FoundationXML // XMLParser lives here on Linux
#endif
import CriticKit
@testable import CriticPlots

/// What Foundation's XMLParser saw in an SVG document: proof that it is well-formed XML, and the
/// decoded text, to compare with what the chart was given.
struct ParsedSVG {
    var elementCounts: [String: Int] = [:]
    /// Decoded content of each <text> element, in document order.
    var texts: [String] = []
    /// Decoded content of each <title> element, in document order.
    var titles: [String] = []
    var rootAttributes: [String: String] = [:]
    /// Attributes of every element, in document order.
    var elements: [(name: String, attributes: [String: String])] = []
    var error: String?

    func count(_ name: String) -> Int { elementCounts[name, default: 0] }
}

final class SVGCollector: NSObject, XMLParserDelegate {
    var result = ParsedSVG()
    private var open: [String] = []
    private var buffer = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        if open.isEmpty { result.rootAttributes = attributes }
        open.append(name)
        buffer = ""
        result.elementCounts[name, default: 0] += 1
        result.elements.append((name, attributes))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { buffer += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { result.texts.append(buffer) }
        if name == "title" { result.titles.append(buffer) }
        buffer = ""
        open.removeLast()
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        result.error = "\(parseError) at \(parser.lineNumber):\(parser.columnNumber)"
    }
}

func parseSVG(_ text: String) -> ParsedSVG {
    let parser = XMLParser(data: Data(text.utf8))
    let collector = SVGCollector()
    parser.delegate = collector
    if !parser.parse() && collector.result.error == nil {
        collector.result.error = "\(parser.parserError.map { "\($0)" } ?? "unknown error") at \(parser.lineNumber):\(parser.columnNumber)"
    }
    return collector.result
}

/// The repository's `shared/` sibling (../shared from the folder holding Package.swift).
let plotTestsSharedData: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/data")

/// The scale dataset's critics and their review files, when the shared data are present.
let plotTestsScaledataCritics = ["Dennis+Schwartz", "James+Berardinelli", "Scott+Renshaw", "Steve+Rhodes"]
let plotTestsHaveScaledata = plotTestsScaledataCritics.allSatisfy {
    FileManager.default.fileExists(atPath: plotTestsSharedData.appendingPathComponent("scaledata/scaledata/\($0)/subj.\($0)").path)
}

/// Every review of the scale dataset as (critic, review id, tokens): the files are lower-cased and
/// already space-tokenized, one review per line, with the ids in the parallel `id.<Critic>` file.
func loadScaledataForPlots() throws -> [(critic: String, id: String, tokens: [Substring])] {
    var reviews: [(critic: String, id: String, tokens: [Substring])] = []
    for critic in plotTestsScaledataCritics {
        let folder = plotTestsSharedData.appendingPathComponent("scaledata/scaledata/\(critic)")
        let text = try String(contentsOf: folder.appendingPathComponent("subj.\(critic)"), encoding: .utf8)
        let ids = try String(contentsOf: folder.appendingPathComponent("id.\(critic)"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        precondition(ids.count == lines.count, "\(critic): \(ids.count) ids for \(lines.count) reviews")
        for (line, id) in zip(lines, ids) {
            reviews.append((critic.replacingOccurrences(of: "+", with: " "), id, line.split(separator: " ")))
        }
    }
    return reviews
}
