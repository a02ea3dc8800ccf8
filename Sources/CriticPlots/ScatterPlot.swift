import Foundation

/// Points in the plane coloured by category — review embeddings projected on two principal
/// components, one colour per critic — with a legend, axis labels and optional tooltips.
///
/// Categories get Okabe–Ito colours and, redundantly, different marker shapes, so that they stay
/// apart in grey-scale print and for every common colour-vision deficiency. Markers are
/// translucent and drawn in a fixed pseudo-random order rather than category by category, so that
/// where categories overlap none of them hides the others (and the bytes stay the same).
public struct ScatterPlot: Sendable {
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        /// Index into `categories`.
        public var category: Int
        /// Hover text (a review id, say); `nil` for none.
        public var title: String?

        public init(x: Double, y: Double, category: Int, title: String? = nil) {
            self.x = x
            self.y = y
            self.category = category
            self.title = title
        }
    }

    /// Marker shapes, cycled with the colours.
    public enum Marker: CaseIterable, Sendable {
        case circle, square, triangle, diamond, invertedTriangle
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var categories: [String]
    public var points: [Point]
    /// Size of the plotting area, in pixels.
    public var plotWidth: Double = 560
    public var plotHeight: Double = 440
    public var markerRadius: Double = 3.5
    public var markerOpacity: Double = 0.65

    public init(title: String, xLabel: String, yLabel: String, categories: [String], points: [Point]) {
        for point in points {
            precondition(categories.indices.contains(point.category),
                         "point category \(point.category) is outside the \(categories.count) categories")
        }
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.categories = categories
        self.points = points
    }

    /// Points from parallel arrays; categories are the distinct `labels` in sorted order, so the
    /// same critics get the same colours in every chart.
    public init(title: String, xLabel: String, yLabel: String, x: [Double], y: [Double], labels: [String],
                titles: [String]? = nil) {
        precondition(x.count == y.count && x.count == labels.count, "x, y and labels must have one entry per point")
        precondition(titles == nil || titles!.count == x.count, "titles must have one entry per point")
        let categories = Array(Set(labels)).sorted()
        let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        let points = x.indices.map { Point(x: x[$0], y: y[$0], category: index[labels[$0]]!, title: titles?[$0]) }
        self.init(title: title, xLabel: xLabel, yLabel: yLabel, categories: categories, points: points)
    }

    static func marker(_ category: Int) -> Marker { Marker.allCases[category % Marker.allCases.count] }

    /// One marker centred at (x, y) with "radius" r (shapes are scaled to similar areas).
    static func markerElement(_ marker: Marker, x: Double, y: Double, r: Double, fill: String, opacity: Double,
                              title: String?) -> SVGElement {
        let stroke = "#FFFFFF", strokeWidth = 0.5
        switch marker {
        case .circle:
            return .circle(cx: x, cy: y, r: r, fill: fill, fillOpacity: opacity, stroke: stroke,
                           strokeWidth: strokeWidth, title: title)
        case .square:
            let s = r * 0.886 // same area as the circle
            return .polygon([(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)], fill: fill,
                            fillOpacity: opacity, stroke: stroke, strokeWidth: strokeWidth, title: title)
        case .triangle, .invertedTriangle:
            let s = r * 1.35, flip = marker == .triangle ? 1.0 : -1.0
            return .polygon([(x, y - s * flip), (x + s * 0.866, y + s * 0.5 * flip), (x - s * 0.866, y + s * 0.5 * flip)],
                            fill: fill, fillOpacity: opacity, stroke: stroke, strokeWidth: strokeWidth, title: title)
        case .diamond:
            let s = r * 1.25
            return .polygon([(x, y - s), (x + s, y), (x, y + s), (x - s, y)], fill: fill, fillOpacity: opacity,
                            stroke: stroke, strokeWidth: strokeWidth, title: title)
        }
    }

    static let titleFontSize = 16.0
    static let legendFontSize = 12.0
    static let margin = 14.0

    /// The chart as an SVG document. Points with a non-finite coordinate are left out (and
    /// counted in the legend's note).
    ///
    /// - Complexity: O(n log n) for n points (the drawing order is a sort).
    public func document() -> SVGDocument {
        let drawn = points.filter { $0.x.isFinite && $0.y.isFinite }
        let xScale = NiceScale(minimum: drawn.map(\.x).min() ?? 0, maximum: drawn.map(\.x).max() ?? 1, maxTicks: 8)
        let yScale = NiceScale(minimum: drawn.map(\.y).min() ?? 0, maximum: drawn.map(\.y).max() ?? 1, maxTicks: 8)
        var countPerCategory = Array(repeating: 0, count: categories.count)
        for point in drawn { countPerCategory[point.category] += 1 }

        let legendEntries = categories.enumerated().map { "\($1) (\(SVGFormat.grouped(countPerCategory[$0])))" }
        let omitted = points.count - drawn.count
        let omittedNote = omitted > 0 ? "\(SVGFormat.grouped(omitted)) not finite, left out" : nil
        let legendWidth = max(18 + (legendEntries.map { TextMetrics.width($0, size: Self.legendFontSize) }.max() ?? 0),
                              omittedNote.map { TextMetrics.width($0, size: Self.legendFontSize - 1) } ?? 0)
        let left = Self.margin + PlotAxes.leftMargin(y: yScale, yLabel: yLabel)
        let titleTop = Self.margin + Self.titleFontSize + 14
        let area = PlotArea(left: left, top: titleTop, width: plotWidth, height: plotHeight)
        let legendLeft = area.right + max(PlotAxes.rightOverhang(x: xScale), 0) + 18
        let contentWidth = legendLeft + legendWidth + Self.margin
        let titleWidth = TextMetrics.width(title, size: Self.titleFontSize, bold: true) + 2 * Self.margin
        let pageWidth = max(contentWidth, titleWidth)
        let legendRowHeight = Self.legendFontSize + 8
        let legendHeight = Double(categories.count + (omitted > 0 ? 1 : 0)) * legendRowHeight
        let pageHeight = max(area.bottom + PlotAxes.bottomMargin(xLabel: xLabel),
                             area.top + legendHeight) + Self.margin

        var document = SVGDocument(width: pageWidth, height: pageHeight, title: title)
        document.append(.text(title, x: pageWidth / 2, y: Self.margin + Self.titleFontSize, size: Self.titleFontSize,
                              anchor: .middle, bold: true))
        document.append(contentsOf: PlotAxes.draw(in: area, x: xScale, y: yScale, xLabel: xLabel, yLabel: yLabel))

        // SplitMix64 of the point's index: a permutation that depends on nothing but the index.
        func drawKey(_ index: Int) -> UInt64 {
            var z = UInt64(truncatingIfNeeded: index) &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let order = drawn.indices.sorted { (drawKey($0), $0) < (drawKey($1), $1) }
        var markers: [SVGElement] = []
        markers.reserveCapacity(drawn.count)
        for index in order {
            let point = drawn[index]
            markers.append(Self.markerElement(Self.marker(point.category),
                                              x: xScale.position(point.x, from: area.left, to: area.right),
                                              y: yScale.position(point.y, from: area.bottom, to: area.top),
                                              r: markerRadius, fill: Palette.categorical(point.category),
                                              opacity: markerOpacity, title: point.title))
        }
        document.append(.group(markers))

        var legend: [SVGElement] = []
        for (index, entry) in legendEntries.enumerated() {
            let y = area.top + Double(index) * legendRowHeight + legendRowHeight / 2
            legend.append(Self.markerElement(Self.marker(index), x: legendLeft + 7, y: y, r: 5,
                                             fill: Palette.categorical(index), opacity: 1, title: nil))
            legend.append(.text(entry, x: legendLeft + 18, y: y + Self.legendFontSize * 0.35,
                                size: Self.legendFontSize, fill: PlotAxes.textColor))
        }
        if let omittedNote {
            let y = area.top + Double(categories.count) * legendRowHeight + legendRowHeight / 2
            legend.append(.text(omittedNote, x: legendLeft,
                                y: y + Self.legendFontSize * 0.35, size: Self.legendFontSize - 1, fill: PlotAxes.axisColor))
        }
        document.append(.group(legend))
        return document
    }

    /// The chart as SVG text.
    public func svg() -> String { document().render() }

    /// Writes the chart atomically to `url`.
    public func write(to url: URL) throws { try document().write(to: url) }
}
