import CriticSupport
import Foundation

/// A standalone SVG 1.1 picture: a canvas of `width` × `height` user units (pixels) holding
/// `elements` in painting order (later elements are drawn on top).
///
/// Rendering is a pure function of the value: attributes keep the order they were given in and
/// numbers go through `SVGFormat.number`, so the same data always gives the same bytes.
public struct SVGDocument: Sendable, Equatable {
    public var width: Double
    public var height: Double
    /// The picture's accessible name, written as the root `<title>` (viewers show it as a tooltip).
    public var title: String?
    public var elements: [SVGElement]
    /// Inherited by every text element unless it says otherwise.
    public var fontFamily: String

    /// The fonts the charts' label layout is measured for (`TextMetrics`): DejaVu Sans first
    /// (Debian's default sans, what rsvg-convert uses), then fonts of similar width.
    public static let defaultFontFamily = "DejaVu Sans, Verdana, Geneva, sans-serif"

    public init(width: Double, height: Double, title: String? = nil, elements: [SVGElement] = [],
                fontFamily: String = SVGDocument.defaultFontFamily) {
        precondition(width > 0 && height > 0 && width.isFinite && height.isFinite,
                     "an SVG canvas needs a finite positive size, got \(width)×\(height)")
        self.width = width
        self.height = height
        self.title = title
        self.elements = elements
        self.fontFamily = fontFamily
    }

    public mutating func append(_ element: SVGElement) { elements.append(element) }
    public mutating func append(contentsOf elements: [SVGElement]) { self.elements.append(contentsOf: elements) }

    /// The document as UTF-8 XML text, with an XML declaration and one element per line.
    ///
    /// - Complexity: O(total size of the elements).
    public func render() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let w = SVGFormat.number(width), h = SVGFormat.number(height)
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(w)\" height=\"\(h)\""
        out += " viewBox=\"0 0 \(w) \(h)\" font-family=\"\(SVGFormat.escape(fontFamily))\">\n"
        if let title {
            out += "  <title>\(SVGFormat.escape(title))</title>\n"
        }
        // A white page: without it viewers with dark backgrounds show black text on black.
        out += "  <rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>\n"
        for element in elements {
            element.render(into: &out, depth: 1)
        }
        out += "</svg>\n"
        return out
    }

    /// Writes the document with `AtomicFile`, so that a reader never sees half a picture and a
    /// failed write leaves any previous file in place.
    public func write(to url: URL) throws {
        try SVGDocument.writeAtomically(render(), to: url)
    }

    static func writeAtomically(_ text: String, to url: URL) throws {
        do {
            try AtomicFile.write(Data(text.utf8), to: url.path)
        } catch {
            throw PlotError.cannotWrite(path: url.path, reason: error.reason)
        }
    }
}

/// One SVG element: a name, attributes in the order given, children and text content.
///
/// The static constructors cover what the charts draw; `init(name:attributes:children:text:)`
/// writes anything else. Attribute values and text are escaped when rendered.
public struct SVGElement: Sendable, Equatable {
    public var name: String
    /// (name, value) pairs, rendered in this order.
    public var attributes: [(name: String, value: String)]
    public var children: [SVGElement]
    public var text: String?

    public init(name: String, attributes: [(name: String, value: String)] = [],
                children: [SVGElement] = [], text: String? = nil) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    public static func == (lhs: SVGElement, rhs: SVGElement) -> Bool {
        lhs.name == rhs.name && lhs.children == rhs.children && lhs.text == rhs.text
            && lhs.attributes.count == rhs.attributes.count
            && zip(lhs.attributes, rhs.attributes).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    func render(into out: inout String, depth: Int) {
        let indent = String(repeating: "  ", count: depth)
        out += indent + "<" + name
        for attribute in attributes {
            out += " \(attribute.name)=\"\(SVGFormat.escape(attribute.value))\""
        }
        if children.isEmpty && text == nil {
            out += "/>\n"
            return
        }
        out += ">"
        if let text { out += SVGFormat.escape(text) }
        if !children.isEmpty {
            out += "\n"
            for child in children { child.render(into: &out, depth: depth + 1) }
            out += indent
        }
        out += "</\(name)>\n"
    }
}

/// Text produced for SVG output: escaping and deterministic numbers.
public enum SVGFormat {
    /// `value` with at most `decimals` decimals, trailing zeros and a negative zero removed
    /// ("12.5", "3", "-0.25"). Independent of the locale, so the bytes never vary.
    ///
    /// Values beyond ±1e15 are written in Swift's shortest round-trip form instead.
    public static func number(_ value: Double, decimals: Int = 2) -> String {
        precondition(value.isFinite, "SVG coordinates must be finite, got \(value)")
        precondition((0...12).contains(decimals), "decimals must be in 0...12")
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded()
        guard abs(scaled) < 9.0e15 else { return "\(value)" }
        var units = Int64(scaled)
        if units == 0 { return "0" }
        let negative = units < 0
        units = abs(units)
        var digits = String(units)
        if decimals > 0 {
            if digits.count <= decimals {
                digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
            }
            let split = digits.index(digits.endIndex, offsetBy: -decimals)
            var fraction = digits[split...]
            while fraction.last == "0" { fraction = fraction.dropLast() }
            digits = String(digits[..<split]) + (fraction.isEmpty ? "" : "." + fraction)
        }
        return (negative ? "-" : "") + digits
    }

    /// Escapes the five XML special characters and replaces characters that XML 1.0 forbids
    /// (control characters other than tab, newline and carriage return; U+FFFE, U+FFFF) with
    /// U+FFFD, so any review text or critic name can go into a label or a tooltip.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A list of points for `points="…"` attributes: "x,y x,y …".
    static func points(_ points: [(x: Double, y: Double)]) -> String {
        points.map { number($0.x) + "," + number($0.y) }.joined(separator: " ")
    }
}

/// Errors of the plotting layer.
public enum PlotError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The picture could not be written (missing folder, no permission, full disk).
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write the picture: \(reason) (check that the folder exists and is writable)"
        }
    }
}
