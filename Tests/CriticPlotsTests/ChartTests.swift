import Foundation
import Testing
import CriticKit
@testable import CriticPlots

/// Seeded data shaped like the demo's: RBM curves, clusters of embeddings, a confusion matrix.
enum ChartSamples {
    struct Random {
        var state: UInt64
        mutating func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Double(state >> 11) + 0.5) / Double(1 << 53)
        }
        /// Box–Muller.
        mutating func normal() -> Double {
            (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
        }
    }

    static let critics = ["Dennis Schwartz", "James Berardinelli", "Scott Renshaw", "Steve Rhodes", "Roger Ebert"]

    static func trainingCurves(epochs: Int = 20, seed: UInt64 = 1) -> LineChart {
        var random = Random(state: seed)
        let error = (1...epochs).map { 0.03 + 0.12 * exp(-Double($0) / 5) + 0.002 * random.normal() }
        let pll = (1...epochs).map { -210 + 80 * (1 - exp(-Double($0) / 4)) + 1.5 * random.normal() }
        let gap = (1...epochs).map { 0.4 + 0.15 * Double($0) + 0.1 * random.normal() }
        return LineChart.rbmTrainingCurves(reconstructionError: error, pseudoLogLikelihood: pll, freeEnergyGap: gap)
    }

    static func clusters(perCluster: Int = 60, seed: UInt64 = 2) -> ScatterPlot {
        var random = Random(state: seed)
        var x: [Double] = [], y: [Double] = [], labels: [String] = [], titles: [String] = []
        for (index, critic) in critics.enumerated() {
            let angle = 2 * Double.pi * Double(index) / Double(critics.count)
            for review in 0..<perCluster {
                x.append(3 * cos(angle) + random.normal())
                y.append(2 * sin(angle) + 0.8 * random.normal())
                labels.append(critic)
                titles.append("\(critic) — review \(review)")
            }
        }
        return ScatterPlot(title: "Review embeddings (PCA of RBM hidden units)", xLabel: "PC1 (23.4% of variance)",
                           yLabel: "PC2 (11.2% of variance)", x: x, y: y, labels: labels, titles: titles)
    }

    static func confusion() -> ConfusionMatrixChart {
        let counts = [
            [180, 12, 5, 3, 0],
            [9, 231, 14, 6, 1],
            [4, 18, 140, 17, 2],
            [6, 10, 21, 310, 7],
            [0, 2, 1, 9, 47],
        ]
        return ConfusionMatrixChart(title: "Authorship", labels: critics, counts: counts)
    }
}

@Suite struct LineChartTests {
    @Test func onePanelPerMetricWithTitlesAndWellFormedXML() {
        let chart = ChartSamples.trainingCurves()
        let parsed = parseSVG(chart.svg())
        #expect(parsed.error == nil)
        #expect(chart.panels.count == 3)
        #expect(parsed.count("polyline") == 3)
        for title in ["RBM training", "Reconstruction error", "Pseudo-log-likelihood", "Free-energy gap"] {
            #expect(parsed.texts.contains(title))
        }
        #expect(parsed.texts.filter { $0 == "epoch" }.count == 3)
        // 20 markers per panel, each with a tooltip; plus the document's title.
        #expect(parsed.count("circle") == 60)
        #expect(parsed.titles.contains("reconstruction error, epoch 1: \(SVGFormat.significant(chart.panels[0].series[0].y[0]))"))
        // One series per panel: the panel titles say what each curve is, no legend.
        #expect(!parsed.texts.contains("reconstruction error"))
    }

    @Test func missingEpochsLeaveAGap() {
        let values = [5, 4, .nan, 3, 2.5, 2, .infinity, 1.9]
        let chart = LineChart(title: "gaps", panels: [.init(title: "loss", series: [.init(name: "loss", values: values)])])
        let parsed = parseSVG(chart.svg())
        #expect(parsed.error == nil)
        // Runs: [5, 4], [3, 2.5, 2], [1.9] — a lone point is a marker only.
        #expect(parsed.count("polyline") == 2)
        #expect(parsed.count("circle") == 6)
    }

    @Test func legendAppearsWhenAPanelHoldsSeveralSeries() {
        let panels: [LineChart.Panel] = [
            .init(title: "Reconstruction error", series: [.init(name: "training", values: [3, 2, 1]),
                                                          .init(name: "held-out", values: [3.5, 2.6, 1.8])]),
            .init(title: "Free-energy gap", series: [.init(name: "held-out", values: [0.1, 0.3, 0.6])]),
        ]
        let svg = LineChart(title: "two series", panels: panels).svg()
        let parsed = parseSVG(svg)
        #expect(parsed.error == nil)
        #expect(parsed.texts.contains("training") && parsed.texts.contains("held-out"))
        // "held-out" keeps one colour in both panels.
        let strokes = parsed.elements.filter { $0.name == "polyline" }.compactMap { $0.attributes["stroke"] }
        #expect(strokes == [Palette.categorical(0), Palette.categorical(1), Palette.categorical(1)])
    }

    @Test func sharedAxesGiveEveryPanelTheSameTicks() {
        let panels: [LineChart.Panel] = [
            .init(title: "a", series: [.init(name: "a", values: [1, 2, 3])]),
            .init(title: "b", series: [.init(name: "b", values: [10, 20, 30])]),
        ]
        let separate = parseSVG(LineChart(title: "t", panels: panels, yAxes: .separate).svg())
        let shared = parseSVG(LineChart(title: "t", panels: panels, yAxes: .shared).svg())
        #expect(separate.texts.contains("3.0") && separate.texts.filter { $0 == "30" }.count == 1)
        #expect(!shared.texts.contains("3.0") && shared.texts.filter { $0 == "30" }.count == 2)
    }

    @Test func sameDataSameBytes() {
        #expect(ChartSamples.trainingCurves().svg() == ChartSamples.trainingCurves().svg())
        #expect(ChartSamples.trainingCurves(seed: 1).svg() != ChartSamples.trainingCurves(seed: 2).svg())
    }
}

@Suite struct ScatterPlotTests {
    @Test func everyPointIsDrawnInItsCategorysColourWithItsTooltip() {
        let chart = ChartSamples.clusters()
        let parsed = parseSVG(chart.svg())
        #expect(parsed.error == nil)
        #expect(chart.categories == ChartSamples.critics.sorted())
        // 300 points and 5 legend markers.
        #expect(parsed.count("circle") + parsed.count("polygon") == 305)
        #expect(parsed.titles.filter { $0.contains("— review ") }.count == 300)
        for (index, critic) in chart.categories.enumerated() {
            #expect(parsed.texts.contains("\(critic) (60)"))
            let colour = Palette.categorical(index)
            let marks = parsed.elements.filter { ($0.name == "circle" || $0.name == "polygon") && $0.attributes["fill"] == colour }
            #expect(marks.count == 61)
        }
        #expect(parsed.texts.contains("PC1 (23.4% of variance)"))
    }

    @Test func nonFinitePointsAreLeftOutAndCounted() {
        let chart = ScatterPlot(title: "t", xLabel: "x", yLabel: "y", x: [0, 1, .nan, 2], y: [0, 1, 1, .infinity],
                                labels: ["a", "a", "b", "b"])
        let parsed = parseSVG(chart.svg())
        #expect(parsed.error == nil)
        #expect(parsed.texts.contains("a (2)") && parsed.texts.contains("b (0)"))
        #expect(parsed.texts.contains("2 not finite, left out"))
        #expect(parsed.count("circle") + parsed.count("polygon") == 2 + 2)
    }

    @Test func sameDataSameBytes() {
        #expect(ChartSamples.clusters().svg() == ChartSamples.clusters().svg())
    }

    @Test func okabeItoColoursAreDistinctAndCycle() {
        #expect(Set(Palette.okabeIto).count == 8)
        #expect(Palette.categorical(8) == Palette.categorical(0))
    }
}

@Suite struct ConfusionMatrixChartTests {
    @Test func titleCarriesTheAccuracy() {
        let chart = ConfusionMatrixChart(title: "Authorship", labels: ["a", "b"], counts: [[3, 1], [0, 4]])
        #expect(chart.accuracy == 7.0 / 8.0)
        #expect(chart.fullTitle == "Authorship — accuracy 87.5% (7 of 8)")
        let parsed = parseSVG(chart.svg())
        #expect(parsed.error == nil)
        #expect(parsed.texts.first == "Authorship — accuracy 87.5% (7 of 8)")
        #expect(parsed.texts.contains("75.0%") && parsed.texts.contains("25.0%") && parsed.texts.contains("100.0%"))
        #expect(ConfusionMatrixChart(title: "x", labels: ["a"], counts: [[0]]).fullTitle == "x — no reviews")
        // Rare but real confusions do not round to nothing; an empty row has no shares.
        let rare = parseSVG(ConfusionMatrixChart(title: "t", labels: ["a", "b"], counts: [[9_999, 1], [0, 0]]).svg())
        #expect(rare.texts.contains("<0.1%") && rare.texts.contains("100.0%") && rare.texts.filter { $0 == "—" }.count == 2)
    }

    @Test func cellsAreShadedByRowShareWithContrastingText() {
        // Row a: 1 of 100 correct; row b: all correct. Shading follows the row share, not the count.
        let chart = ConfusionMatrixChart(title: "t", labels: ["a", "b"], counts: [[1, 99], [0, 2]])
        let parsed = parseSVG(chart.svg())
        let cells = parsed.elements.filter { $0.name == "rect" && $0.attributes["stroke"] == "#FFFFFF" }
        #expect(cells.count == 4)
        let fills = cells.compactMap { $0.attributes["fill"] }
        #expect(fills == [Palette.sequential(0.01), Palette.sequential(0.99), Palette.sequential(0), Palette.sequential(1)])
        let texts = parsed.elements.filter { $0.name == "text" }
        let ink = Dictionary(texts.compactMap { element -> (String, String)? in
            guard let x = element.attributes["x"], let y = element.attributes["y"], let fill = element.attributes["fill"] else { return nil }
            return (x + "," + y, fill)
        }, uniquingKeysWith: { first, _ in first })
        #expect(ink.values.contains("#FFFFFF") && ink.values.contains("#000000"))
        #expect(Palette.textColor(onLuminance: Palette.relativeLuminance(Palette.sequentialRGB(1))) == "#FFFFFF")
        #expect(Palette.textColor(onLuminance: Palette.relativeLuminance(Palette.sequentialRGB(0))) == "#000000")
    }

    @Test func longColumnLabelsTurn() {
        let short = parseSVG(ConfusionMatrixChart(title: "t", labels: ["a", "b"], counts: [[1, 0], [0, 1]]).svg())
        #expect(!short.elements.contains { $0.name == "text" && $0.attributes["transform"] != nil && $0.attributes["transform"]!.hasPrefix("rotate(-45") })
        let long = parseSVG(ChartSamples.confusion().svg())
        #expect(long.error == nil)
        let turned = long.elements.filter { $0.name == "text" && ($0.attributes["transform"] ?? "").hasPrefix("rotate(-45") }
        #expect(turned.count == 5)
    }

    @Test func sameDataSameBytes() {
        #expect(ChartSamples.confusion().svg() == ChartSamples.confusion().svg())
    }
}

@Suite struct EmbeddingProjectionTests {
    /// Three critics whose embeddings differ along one direction of a 6-dimensional space: the
    /// first principal component separates them and carries most of the variance.
    @Test func firstComponentSeparatesCriticsThatDifferAlongOneDirection() throws {
        var random = ChartSamples.Random(state: 5)
        let critics = ["Kael", "Sarris", "Agee"]
        let direction: [Double] = [0.5, -0.5, 0.5, 0.5, 0, 0]
        var embeddings: [Float] = [], labels: [String] = []
        for (index, critic) in critics.enumerated() {
            for _ in 0..<50 {
                embeddings += direction.map { Float(Double(index) * 4 * $0 + 0.3 * random.normal()) }
                labels.append(critic)
            }
        }
        let (plot, pca) = try ScatterPlot.principalComponents(of: embeddings, rows: 150, dimensions: 6, critics: labels,
                                                              title: "three critics", seed: 1)
        #expect(pca.componentCount == 2 && plot.points.count == 150)
        #expect(pca.explainedVarianceRatio[0] > 0.9)
        #expect(plot.xLabel.hasPrefix("principal component 1 (9") && plot.xLabel.hasSuffix("% of variance)"))
        // Along PC1 the critics sit in three separate bands, in order (up to the axis' sign).
        let means = plot.categories.indices.map { category in
            plot.points.filter { $0.category == category }.map(\.x).reduce(0, +) / 50
        }
        let byCritic = critics.map { means[plot.categories.firstIndex(of: $0)!] }
        #expect(abs(byCritic[1] - byCritic[0]) > 3 && abs(byCritic[2] - byCritic[1]) > 3)
        #expect((byCritic[1] - byCritic[0]) * (byCritic[2] - byCritic[1]) > 0)
        #expect(parseSVG(plot.svg()).error == nil)
    }
}
