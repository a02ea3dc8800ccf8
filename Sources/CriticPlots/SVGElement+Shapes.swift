/// Typed constructors for the elements the charts draw. Numbers are formatted by `SVGFormat`.
extension SVGElement {
    /// Where a text's x coordinate sits within the text.
    public enum TextAnchor: String, Sendable {
        case start, middle, end
    }

    /// A rectangle; `title` becomes a hover tooltip.
    public static func rect(x: Double, y: Double, width: Double, height: Double,
                            fill: String, stroke: String? = nil, strokeWidth: Double = 1,
                            title: String? = nil) -> SVGElement {
        var attributes: [(name: String, value: String)] = [
            ("x", SVGFormat.number(x)), ("y", SVGFormat.number(y)),
            ("width", SVGFormat.number(max(0, width))), ("height", SVGFormat.number(max(0, height))),
            ("fill", fill),
        ]
        if let stroke {
            attributes += [("stroke", stroke), ("stroke-width", SVGFormat.number(strokeWidth))]
        }
        return SVGElement(name: "rect", attributes: attributes, children: tooltip(title))
    }

    /// A straight segment; `dash` is an SVG dash array such as "4 3".
    public static func line(x1: Double, y1: Double, x2: Double, y2: Double,
                            stroke: String, strokeWidth: Double = 1, dash: String? = nil) -> SVGElement {
        var attributes: [(name: String, value: String)] = [
            ("x1", SVGFormat.number(x1)), ("y1", SVGFormat.number(y1)),
            ("x2", SVGFormat.number(x2)), ("y2", SVGFormat.number(y2)),
            ("stroke", stroke), ("stroke-width", SVGFormat.number(strokeWidth)),
        ]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        return SVGElement(name: "line", attributes: attributes)
    }

    /// An open path through `points`, not filled.
    public static func polyline(_ points: [(x: Double, y: Double)], stroke: String, strokeWidth: Double = 1.5,
                                dash: String? = nil) -> SVGElement {
        var attributes: [(name: String, value: String)] = [
            ("points", SVGFormat.points(points)), ("fill", "none"),
            ("stroke", stroke), ("stroke-width", SVGFormat.number(strokeWidth)),
            ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
        ]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        return SVGElement(name: "polyline", attributes: attributes)
    }

    /// A closed, filled polygon (markers other than circles).
    public static func polygon(_ points: [(x: Double, y: Double)], fill: String, fillOpacity: Double = 1,
                               stroke: String? = nil, strokeWidth: Double = 1, title: String? = nil) -> SVGElement {
        var attributes: [(name: String, value: String)] = [("points", SVGFormat.points(points)), ("fill", fill)]
        if fillOpacity < 1 { attributes.append(("fill-opacity", SVGFormat.number(fillOpacity))) }
        if let stroke {
            attributes += [("stroke", stroke), ("stroke-width", SVGFormat.number(strokeWidth))]
        }
        return SVGElement(name: "polygon", attributes: attributes, children: tooltip(title))
    }

    /// A filled circle.
    public static func circle(cx: Double, cy: Double, r: Double, fill: String, fillOpacity: Double = 1,
                              stroke: String? = nil, strokeWidth: Double = 1, title: String? = nil) -> SVGElement {
        var attributes: [(name: String, value: String)] = [
            ("cx", SVGFormat.number(cx)), ("cy", SVGFormat.number(cy)), ("r", SVGFormat.number(r)), ("fill", fill),
        ]
        if fillOpacity < 1 { attributes.append(("fill-opacity", SVGFormat.number(fillOpacity))) }
        if let stroke {
            attributes += [("stroke", stroke), ("stroke-width", SVGFormat.number(strokeWidth))]
        }
        return SVGElement(name: "circle", attributes: attributes, children: tooltip(title))
    }

    /// A single line of text whose baseline starts at (x, y); `rotation` (degrees, clockwise) turns
    /// it about that point.
    public static func text(_ content: String, x: Double, y: Double, size: Double,
                            anchor: TextAnchor = .start, bold: Bool = false, fill: String = "#222222",
                            rotation: Double = 0) -> SVGElement {
        var attributes: [(name: String, value: String)] = [
            ("x", SVGFormat.number(x)), ("y", SVGFormat.number(y)), ("font-size", SVGFormat.number(size)),
        ]
        if anchor != .start { attributes.append(("text-anchor", anchor.rawValue)) }
        if bold { attributes.append(("font-weight", "bold")) }
        attributes.append(("fill", fill))
        if rotation != 0 {
            attributes.append(("transform", "rotate(\(SVGFormat.number(rotation)) \(SVGFormat.number(x)) \(SVGFormat.number(y)))"))
        }
        return SVGElement(name: "text", attributes: attributes, text: content)
    }

    /// A group; `id`-free so that several charts can share one page without clashes.
    public static func group(_ children: [SVGElement], attributes: [(name: String, value: String)] = []) -> SVGElement {
        SVGElement(name: "g", attributes: attributes, children: children)
    }

    private static func tooltip(_ title: String?) -> [SVGElement] {
        guard let title else { return [] }
        return [SVGElement(name: "title", text: title)]
    }
}
