import Foundation

/// A rectangle of the page, in pixels (y grows downwards).
struct PlotArea: Sendable {
    var left: Double, top: Double, width: Double, height: Double
    var right: Double { left + width }
    var bottom: Double { top + height }
}

/// Axes, grid and tick labels around a plot area: shared by the line chart's panels and the
/// scatter plot, so they look alike.
enum PlotAxes {
    static let tickFontSize = 11.0
    static let labelFontSize = 12.0
    static let tickLength = 4.0
    static let gridColor = "#E6E6E6"
    static let axisColor = "#888888"
    static let textColor = "#333333"

    /// Room left of the plot area for y tick labels and, if any, the rotated y-axis label.
    static func leftMargin(y: NiceScale, yLabel: String?) -> Double {
        let widest = y.ticks.map { TextMetrics.width(y.label($0), size: tickFontSize) }.max() ?? 0
        return tickLength + 4 + widest + (yLabel == nil ? 6 : 10 + labelFontSize + 4)
    }

    /// Room below the plot area for x tick labels and, if any, the x-axis label.
    static func bottomMargin(xLabel: String?) -> Double {
        tickLength + 4 + tickFontSize + (xLabel == nil ? 4 : 10 + labelFontSize + 2)
    }

    /// How far the last x tick label reaches right of the plot area (half its width).
    static func rightOverhang(x: NiceScale) -> Double {
        guard let last = x.ticks.last else { return 0 }
        return TextMetrics.width(x.label(last), size: tickFontSize) / 2
    }

    /// Grid lines, the frame, ticks, tick labels and axis labels. Draw the data after these.
    static func draw(in area: PlotArea, x: NiceScale, y: NiceScale, xLabel: String?, yLabel: String?) -> [SVGElement] {
        var grid: [SVGElement] = []
        var labels: [SVGElement] = []
        for tick in x.ticks {
            let px = x.position(tick, from: area.left, to: area.right)
            grid.append(.line(x1: px, y1: area.top, x2: px, y2: area.bottom, stroke: gridColor))
            grid.append(.line(x1: px, y1: area.bottom, x2: px, y2: area.bottom + tickLength, stroke: axisColor))
            labels.append(.text(x.label(tick), x: px, y: area.bottom + tickLength + 3 + tickFontSize * 0.8,
                                size: tickFontSize, anchor: .middle, fill: textColor))
        }
        var widestYLabel = 0.0
        for tick in y.ticks {
            let py = y.position(tick, from: area.bottom, to: area.top)
            grid.append(.line(x1: area.left, y1: py, x2: area.right, y2: py, stroke: gridColor))
            grid.append(.line(x1: area.left - tickLength, y1: py, x2: area.left, y2: py, stroke: axisColor))
            let text = y.label(tick)
            widestYLabel = max(widestYLabel, TextMetrics.width(text, size: tickFontSize))
            labels.append(.text(text, x: area.left - tickLength - 4, y: py + tickFontSize * 0.35,
                                size: tickFontSize, anchor: .end, fill: textColor))
        }
        var elements = grid
        elements.append(.rect(x: area.left, y: area.top, width: area.width, height: area.height,
                              fill: "none", stroke: axisColor))
        elements += labels
        if let xLabel {
            elements.append(.text(xLabel, x: area.left + area.width / 2,
                                  y: area.bottom + tickLength + 3 + tickFontSize + 10 + labelFontSize * 0.8,
                                  size: labelFontSize, anchor: .middle, fill: textColor))
        }
        if let yLabel {
            let px = area.left - tickLength - 4 - widestYLabel - 10
            elements.append(.text(yLabel, x: px, y: area.top + area.height / 2, size: labelFontSize,
                                  anchor: .middle, fill: textColor, rotation: -90))
        }
        return elements
    }
}

extension SVGFormat {
    /// `value` with `digits` significant digits for tooltips ("0.1235", "1.235e+04"); C's `%g`,
    /// which Foundation formats without regard to the locale.
    static func significant(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return "\(value)" }
        let text = String(format: "%.\(digits)g", value)
        return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }

    /// An integer with thousands separators ("5,006").
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "\u{2212}" : "") + out
    }

    /// A fraction as a percentage with `decimals` decimals ("87.3%").
    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        number(fraction * 100, decimals: decimals).replacingOccurrences(of: "-", with: "\u{2212}")
            .appendingDecimalsIfNeeded(decimals) + "%"
    }
}

private extension String {
    /// "87" → "87.0" when one decimal is asked for, so that percentages line up.
    func appendingDecimalsIfNeeded(_ decimals: Int) -> String {
        guard decimals > 0 else { return self }
        if let dot = firstIndex(of: ".") {
            let shown = distance(from: dot, to: endIndex) - 1
            return self + String(repeating: "0", count: max(0, decimals - shown))
        }
        return self + "." + String(repeating: "0", count: decimals)
    }
}
