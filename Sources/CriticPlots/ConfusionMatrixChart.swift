import Foundation

/// An authorship confusion matrix as a heatmap: row = true critic, column = predicted critic, the
/// count and the row share in every cell, cells shaded by their share of the row (so a critic with
/// few reviews reads as clearly as one with many), the accuracy in the title.
///
/// Column labels turn 45° when they are wider than a cell; the text in each cell is black or
/// white, whichever contrasts more with the cell (WCAG 2 contrast ratio).
public struct ConfusionMatrixChart: Sendable {
    /// Prefix of the title; the chart adds the accuracy.
    public var title: String
    /// One name per class, in row (and column) order.
    public var labels: [String]
    /// `counts[t][p]`: reviews by critic `t` attributed to critic `p`.
    public var counts: [[Int]]
    public var xLabel: String = "predicted critic"
    public var yLabel: String = "true critic"
    /// Side of a cell in pixels; `nil` chooses one that fits the largest count.
    public var cellSize: Double?

    public init(title: String, labels: [String], counts: [[Int]]) {
        precondition(!labels.isEmpty, "a confusion matrix needs at least one class")
        precondition(counts.count == labels.count && counts.allSatisfy { $0.count == labels.count },
                     "counts must be \(labels.count)×\(labels.count), one row and one column per label")
        precondition(counts.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "counts cannot be negative")
        self.title = title
        self.labels = labels
        self.counts = counts
    }

    /// Correct attributions over all attributions; `nil` when the matrix is empty.
    public var accuracy: Double? {
        let total = counts.joined().reduce(0, +)
        guard total > 0 else { return nil }
        return Double(labels.indices.reduce(0) { $0 + counts[$1][$1] }) / Double(total)
    }

    /// The full title: "… — accuracy 87.3% (873 of 1,000)".
    public var fullTitle: String {
        let total = counts.joined().reduce(0, +)
        guard let accuracy else { return "\(title) — no reviews" }
        let correct = labels.indices.reduce(0) { $0 + counts[$1][$1] }
        return "\(title) — accuracy \(SVGFormat.percent(accuracy)) (\(SVGFormat.grouped(correct)) of \(SVGFormat.grouped(total)))"
    }

    static let titleFontSize = 16.0
    static let labelFontSize = 12.0
    static let countFontSize = 14.0
    static let shareFontSize = 10.5
    static let margin = 14.0
    /// Referenced by the colour bar; a name unlikely to clash when several charts share a page.
    static let gradientID = "criticconfusion-blues"

    /// The chart as an SVG document.
    ///
    /// - Complexity: O(k²) for k classes.
    public func document() -> SVGDocument {
        let k = labels.count
        let rowTotals = counts.map { $0.reduce(0, +) }
        let countTexts = counts.map { $0.map(SVGFormat.grouped) }
        let widestCount = countTexts.joined().map { TextMetrics.width($0, size: Self.countFontSize, bold: true) }.max() ?? 0
        let cell = cellSize ?? max(64, widestCount + 14)
        let showsShare = cell >= 48

        let labelWidths = labels.map { TextMetrics.width($0, size: Self.labelFontSize) }
        let widestLabel = labelWidths.max() ?? 0
        let rotated = widestLabel > cell - 8
        let diagonal = 0.7071

        // Left: y-axis label, row labels, and room for the first rotated column label.
        let rowLabelRoom = widestLabel + 10
        var gridLeft = Self.margin + Self.labelFontSize + 10 + rowLabelRoom
        if rotated {
            gridLeft = max(gridLeft, Self.margin + labelWidths[0] * diagonal - cell / 2 + Self.labelFontSize)
        }
        let gridTop = Self.margin + Self.titleFontSize + 16
        let gridSize = Double(k) * cell
        let gridRight = gridLeft + gridSize, gridBottom = gridTop + gridSize
        let columnLabelHeight = rotated ? (widestLabel + Self.labelFontSize) * diagonal : Self.labelFontSize
        let xLabelBaseline = gridBottom + 8 + columnLabelHeight + 12 + Self.labelFontSize * 0.8

        // Right: the colour bar, its tick labels and its caption.
        let barLeft = gridRight + 22, barWidth = 14.0
        let barTicks = [0.0, 0.25, 0.5, 0.75, 1.0]
        let barLabelWidth = TextMetrics.width("100%", size: PlotAxes.tickFontSize)
        let captionX = barLeft + barWidth + 6 + barLabelWidth + 10 + PlotAxes.labelFontSize * 0.8
        let contentRight = captionX + 6 + Self.margin
        let fullTitle = self.fullTitle
        let titleWidth = TextMetrics.width(fullTitle, size: Self.titleFontSize, bold: true) + 2 * Self.margin
        let pageWidth = max(contentRight, titleWidth)
        let pageHeight = xLabelBaseline + Self.margin

        var document = SVGDocument(width: pageWidth, height: pageHeight, title: fullTitle)
        document.append(.text(fullTitle, x: pageWidth / 2, y: Self.margin + Self.titleFontSize,
                              size: Self.titleFontSize, anchor: .middle, bold: true))

        var cells: [SVGElement] = []
        for t in 0..<k {
            for p in 0..<k {
                let share = rowTotals[t] > 0 ? Double(counts[t][p]) / Double(rowTotals[t]) : 0
                let rgb = Palette.sequentialRGB(share)
                let x = gridLeft + Double(p) * cell, y = gridTop + Double(t) * cell
                // A few misattributions among thousands would round to "0.0%", which reads as none.
                let shareText = rowTotals[t] == 0 ? "—"
                    : counts[t][p] > 0 && share < 0.0005 ? "<0.1%" : SVGFormat.percent(share)
                cells.append(.rect(x: x, y: y, width: cell, height: cell, fill: Palette.hex(rgb), stroke: "#FFFFFF",
                                   strokeWidth: 1,
                                   title: "true \(labels[t]), predicted \(labels[p]): \(countTexts[t][p]) (\(shareText) of \(labels[t])'s reviews)"))
                let ink = Palette.textColor(onLuminance: Palette.relativeLuminance(rgb))
                let cx = x + cell / 2, cy = y + cell / 2
                if showsShare {
                    cells.append(.text(countTexts[t][p], x: cx, y: cy - 2, size: Self.countFontSize, anchor: .middle,
                                       bold: t == p, fill: ink))
                    cells.append(.text(shareText, x: cx, y: cy + 14, size: Self.shareFontSize, anchor: .middle, fill: ink))
                } else {
                    cells.append(.text(countTexts[t][p], x: cx, y: cy + Self.countFontSize * 0.35,
                                       size: Self.countFontSize, anchor: .middle, bold: t == p, fill: ink))
                }
            }
        }
        var body: [SVGElement] = [.group(cells)]

        var axes: [SVGElement] = []
        for (index, label) in labels.enumerated() {
            let center = Double(index) * cell + cell / 2
            axes.append(.text(label, x: gridLeft - 8, y: gridTop + center + Self.labelFontSize * 0.35,
                              size: Self.labelFontSize, anchor: .end, fill: PlotAxes.textColor))
            if rotated {
                axes.append(.text(label, x: gridLeft + center + Self.labelFontSize * 0.3, y: gridBottom + 10,
                                  size: Self.labelFontSize, anchor: .end, fill: PlotAxes.textColor, rotation: -45))
            } else {
                axes.append(.text(label, x: gridLeft + center, y: gridBottom + 8 + Self.labelFontSize * 0.8,
                                  size: Self.labelFontSize, anchor: .middle, fill: PlotAxes.textColor))
            }
        }
        axes.append(.text(xLabel, x: gridLeft + gridSize / 2, y: xLabelBaseline, size: PlotAxes.labelFontSize,
                          anchor: .middle, bold: true, fill: PlotAxes.textColor))
        axes.append(.text(yLabel, x: Self.margin + PlotAxes.labelFontSize * 0.8, y: gridTop + gridSize / 2,
                          size: PlotAxes.labelFontSize, anchor: .middle, bold: true, fill: PlotAxes.textColor,
                          rotation: -90))
        body.append(.group(axes))

        // The colour bar: 0% of the row at the bottom, 100% at the top.
        let stops = (0..<Palette.blues.count).map { index -> SVGElement in
            let fraction = Double(index) / Double(Palette.blues.count - 1)
            return SVGElement(name: "stop", attributes: [("offset", SVGFormat.number(fraction, decimals: 4)),
                                                         ("stop-color", Palette.hex(Palette.blues[index]))])
        }
        let gradient = SVGElement(name: "linearGradient",
                                  attributes: [("id", Self.gradientID), ("x1", "0"), ("y1", "1"), ("x2", "0"), ("y2", "0")],
                                  children: stops)
        var bar: [SVGElement] = [SVGElement(name: "defs", children: [gradient])]
        bar.append(.rect(x: barLeft, y: gridTop, width: barWidth, height: gridSize, fill: "url(#\(Self.gradientID))",
                         stroke: PlotAxes.axisColor, strokeWidth: 0.5))
        for tick in barTicks {
            let y = gridBottom - tick * gridSize
            bar.append(.line(x1: barLeft + barWidth, y1: y, x2: barLeft + barWidth + 4, y2: y, stroke: PlotAxes.axisColor))
            bar.append(.text(SVGFormat.number(tick * 100, decimals: 0) + "%", x: barLeft + barWidth + 6,
                             y: y + PlotAxes.tickFontSize * 0.35, size: PlotAxes.tickFontSize, fill: PlotAxes.textColor))
        }
        let longCaption = "share of the true critic’s reviews"
        let caption = TextMetrics.width(longCaption, size: PlotAxes.labelFontSize) <= gridSize ? longCaption : "share of row"
        bar.append(.text(caption, x: captionX, y: gridTop + gridSize / 2,
                         size: PlotAxes.labelFontSize, anchor: .middle, fill: PlotAxes.textColor, rotation: -90))
        body.append(.group(bar))
        // Under a title wider than the matrix, centre the matrix rather than leave it on the left.
        let shift = (pageWidth - contentRight) / 2
        document.append(.group(body, attributes: shift > 0.5 ? [("transform", "translate(\(SVGFormat.number(shift)) 0)")] : []))
        return document
    }

    /// The chart as SVG text.
    public func svg() -> String { document().render() }

    /// Writes the chart atomically to `url`.
    public func write(to url: URL) throws { try document().write(to: url) }
}
