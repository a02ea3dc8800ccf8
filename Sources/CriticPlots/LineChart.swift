import Foundation

/// Curves over epochs as small multiples: one panel per metric, each with its own y axis (or one
/// axis shared by all), a common x axis label, nice ticks, a title and — when the panels hold
/// series with different names, such as "training" and "held-out" — one legend for all panels.
///
/// Built for RBM training curves (reconstruction error, pseudo-log-likelihood, free-energy gap),
/// whose scales differ by orders of magnitude and would flatten each other on one axis.
/// All panels share one x axis (the union of their epochs), so that epoch 10 sits at the same
/// place in every panel. Non-finite values (an epoch where a metric was not computed) leave a gap
/// in their curve.
public struct LineChart: Sendable {
    /// One named curve: y values at x positions (epochs).
    public struct Series: Sendable {
        public var name: String
        public var x: [Double]
        public var y: [Double]

        public init(name: String, x: [Double], y: [Double]) {
            precondition(x.count == y.count, "series '\(name)': \(x.count) x values but \(y.count) y values")
            self.name = name
            self.x = x
            self.y = y
        }

        /// Values at epochs `firstEpoch`, `firstEpoch + 1`, ….
        public init(name: String, values: [Double], firstEpoch: Int = 1) {
            self.init(name: name, x: values.indices.map { Double(firstEpoch + $0) }, y: values)
        }
    }

    /// One metric: a titled panel with its y-axis label and its curves.
    public struct Panel: Sendable {
        public var title: String
        public var yLabel: String?
        public var series: [Series]

        public init(title: String, yLabel: String? = nil, series: [Series]) {
            self.title = title
            self.yLabel = yLabel
            self.series = series
        }
    }

    /// Whether each panel scales its y axis to its own data, or all panels share one.
    public enum YAxes: Sendable {
        case separate, shared
    }

    public var title: String
    public var xLabel: String
    public var panels: [Panel]
    public var yAxes: YAxes
    /// Panels per row; `nil` puts up to three side by side.
    public var columns: Int?
    /// Size of each panel's plotting area, in pixels.
    public var panelWidth: Double = 280
    public var panelHeight: Double = 200
    /// Keeps x ticks on whole numbers (epochs).
    public var integerX: Bool = true

    public init(title: String, xLabel: String = "epoch", panels: [Panel], yAxes: YAxes = .separate,
                columns: Int? = nil) {
        precondition(!panels.isEmpty, "a line chart needs at least one panel")
        self.title = title
        self.xLabel = xLabel
        self.panels = panels
        self.yAxes = yAxes
        self.columns = columns
    }

    /// The three RBM training curves, one panel each; pass `nil` for a metric that was not
    /// recorded. Each array holds one value per epoch, from epoch 1; NaN marks an epoch without
    /// a value.
    public static func rbmTrainingCurves(title: String = "RBM training",
                                         reconstructionError: [Double]?,
                                         pseudoLogLikelihood: [Double]?,
                                         freeEnergyGap: [Double]?) -> LineChart {
        var panels: [Panel] = []
        if let reconstructionError {
            panels.append(Panel(title: "Reconstruction error", yLabel: "mean squared error",
                                series: [Series(name: "reconstruction error", values: reconstructionError)]))
        }
        if let pseudoLogLikelihood {
            panels.append(Panel(title: "Pseudo-log-likelihood", yLabel: "nats per review",
                                series: [Series(name: "pseudo-log-likelihood", values: pseudoLogLikelihood)]))
        }
        if let freeEnergyGap {
            panels.append(Panel(title: "Free-energy gap", yLabel: "held-out − training (nats)",
                                series: [Series(name: "free-energy gap", values: freeEnergyGap)]))
        }
        return LineChart(title: title, panels: panels)
    }

    // MARK: Layout

    static let titleFontSize = 16.0
    static let panelTitleFontSize = 13.0
    static let legendFontSize = 12.0
    static let margin = 14.0

    /// Distinct series names in order of first appearance; each gets one colour in every panel.
    var seriesNames: [String] {
        var seen = Set<String>(), names: [String] = []
        for panel in panels {
            for series in panel.series where seen.insert(series.name).inserted { names.append(series.name) }
        }
        return names
    }

    /// A legend is drawn when some panel holds two curves: otherwise the panel titles say it all.
    var showsLegend: Bool { panels.contains { $0.series.count > 1 } }

    private func finitePoints(_ series: Series) -> [(x: Double, y: Double)] {
        zip(series.x, series.y).filter { $0.0.isFinite && $0.1.isFinite }.map { (x: $0.0, y: $0.1) }
    }

    private func scales() -> (x: NiceScale, y: [NiceScale]) {
        let all = panels.flatMap { $0.series.flatMap(finitePoints) }
        let xs = all.map(\.x)
        let x = NiceScale(minimum: xs.min() ?? 0, maximum: xs.max() ?? 1, maxTicks: 6, integerSteps: integerX)
        func yScale(_ ys: [Double]) -> NiceScale {
            NiceScale(minimum: ys.min() ?? 0, maximum: ys.max() ?? 1, maxTicks: 6)
        }
        switch yAxes {
        case .shared:
            let shared = yScale(all.map(\.y))
            return (x, Array(repeating: shared, count: panels.count))
        case .separate:
            return (x, panels.map { yScale($0.series.flatMap(finitePoints).map(\.y)) })
        }
    }

    /// The chart as an SVG document.
    ///
    /// - Complexity: O(total number of points).
    public func document() -> SVGDocument {
        let (xScale, yScales) = scales()
        let columnCount = max(1, min(columns ?? min(panels.count, 3), panels.count))
        let rowCount = (panels.count + columnCount - 1) / columnCount
        let names = seriesNames
        let colorOf = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Palette.categorical($0)) })

        // Every panel gets the same left margin, so that the plot areas line up in a grid.
        let left = zip(panels, yScales).map { PlotAxes.leftMargin(y: $1, yLabel: $0.yLabel) }.max() ?? 0
        let right = PlotAxes.rightOverhang(x: xScale) + 10
        let panelTitleHeight = Self.panelTitleFontSize + 10
        let bottom = PlotAxes.bottomMargin(xLabel: xLabel) + 12
        let widestPanelTitle = panels.map { TextMetrics.width($0.title, size: Self.panelTitleFontSize, bold: true) }.max() ?? 0
        let plotWidth = max(panelWidth, widestPanelTitle)
        let cellWidth = left + plotWidth + right
        let cellHeight = panelTitleHeight + panelHeight + bottom

        // Legend entries are laid out in rows that fit the page width.
        let gridWidth = Double(columnCount) * cellWidth
        let titleWidth = TextMetrics.width(title, size: Self.titleFontSize, bold: true)
        let pageWidth = max(gridWidth, titleWidth) + 2 * Self.margin
        var legendRows: [[(name: String, width: Double)]] = []
        if showsLegend {
            var row: [(name: String, width: Double)] = [], rowWidth = 0.0
            for name in names {
                let width = 28 + TextMetrics.width(name, size: Self.legendFontSize) + 18
                if !row.isEmpty && rowWidth + width > pageWidth - 2 * Self.margin {
                    legendRows.append(row)
                    (row, rowWidth) = ([], 0)
                }
                row.append((name, width))
                rowWidth += width
            }
            if !row.isEmpty { legendRows.append(row) }
        }
        let legendRowHeight = Self.legendFontSize + 8
        let top = Self.margin + Self.titleFontSize + 12 + Double(legendRows.count) * legendRowHeight
            + (legendRows.isEmpty ? 0 : 8)
        let pageHeight = top + Double(rowCount) * cellHeight + Self.margin

        var document = SVGDocument(width: pageWidth, height: pageHeight, title: title)
        document.append(.text(title, x: pageWidth / 2, y: Self.margin + Self.titleFontSize, size: Self.titleFontSize,
                              anchor: .middle, bold: true))
        for (rowIndex, row) in legendRows.enumerated() {
            let rowWidth = row.reduce(0) { $0 + $1.width }
            var x = (pageWidth - rowWidth) / 2
            let y = Self.margin + Self.titleFontSize + 12 + Double(rowIndex) * legendRowHeight + legendRowHeight / 2
            for entry in row {
                let color = colorOf[entry.name] ?? "#000000"
                document.append(.line(x1: x, y1: y, x2: x + 22, y2: y, stroke: color, strokeWidth: 2.5))
                document.append(.circle(cx: x + 11, cy: y, r: 3, fill: color))
                document.append(.text(entry.name, x: x + 28, y: y + Self.legendFontSize * 0.35,
                                      size: Self.legendFontSize, fill: PlotAxes.textColor))
                x += entry.width
            }
        }

        let cellsLeft = (pageWidth - gridWidth) / 2
        for (index, panel) in panels.enumerated() {
            let cellX = cellsLeft + Double(index % columnCount) * cellWidth
            let cellY = top + Double(index / columnCount) * cellHeight
            let area = PlotArea(left: cellX + left, top: cellY + panelTitleHeight, width: plotWidth, height: panelHeight)
            var elements: [SVGElement] = [
                .text(panel.title, x: area.left + area.width / 2, y: cellY + Self.panelTitleFontSize,
                      size: Self.panelTitleFontSize, anchor: .middle, bold: true),
            ]
            let yScale = yScales[index]
            elements += PlotAxes.draw(in: area, x: xScale, y: yScale, xLabel: xLabel, yLabel: panel.yLabel)
            var anyPoint = false
            var markers: [SVGElement] = []
            for series in panel.series {
                let color = colorOf[series.name] ?? "#000000"
                let pointCount = series.y.filter(\.isFinite).count
                // Markers only while they stay distinct dots; a long curve is clearer without them.
                let drawsMarkers = pointCount <= 40
                var run: [(x: Double, y: Double)] = []
                func flush() {
                    if run.count > 1 { elements.append(.polyline(run, stroke: color, strokeWidth: 2)) }
                    run.removeAll()
                }
                for (x, y) in zip(series.x, series.y) {
                    guard x.isFinite, y.isFinite else { flush(); continue }
                    anyPoint = true
                    let point = (x: xScale.position(x, from: area.left, to: area.right),
                                 y: yScale.position(y, from: area.bottom, to: area.top))
                    run.append(point)
                    if drawsMarkers || pointCount == 1 {
                        // Drawn after every line of the panel, so that no curve hides a marker.
                        markers.append(.circle(cx: point.x, cy: point.y, r: 3, fill: color, stroke: "#FFFFFF",
                                               strokeWidth: 0.8,
                                               title: "\(series.name), \(xLabel) \(SVGFormat.significant(x, digits: 6)): \(SVGFormat.significant(y))"))
                    }
                }
                flush()
            }
            elements += markers
            if !anyPoint {
                elements.append(.text("no data", x: area.left + area.width / 2, y: area.top + area.height / 2,
                                      size: PlotAxes.labelFontSize, anchor: .middle, fill: PlotAxes.axisColor))
            }
            document.append(.group(elements))
        }
        return document
    }

    /// The chart as SVG text.
    public func svg() -> String { document().render() }

    /// Writes the chart atomically to `url`.
    public func write(to url: URL) throws { try document().write(to: url) }
}
