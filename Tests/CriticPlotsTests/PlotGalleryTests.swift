import Foundation
import Testing
import CriticKit
@testable import CriticPlots

/// Writes one of each chart (and, with the shared data, a real projection of the scale dataset)
/// and has rsvg-convert render them: each must render to a PNG without a single warning.
///
/// Set CRITIC_PLOT_GALLERY=/some/folder to keep the SVGs and PNGs and look at them.
@Suite struct PlotGalleryTests {
    static let rsvgConvert = "/usr/bin/rsvg-convert"

    static func galleryFolder() throws -> (url: URL, keep: Bool) {
        if let path = ProcessInfo.processInfo.environment["CRITIC_PLOT_GALLERY"], !path.isEmpty {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return (url, true)
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("critic-plots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return (url, false)
    }

    /// Renders `svg` to a PNG beside it; returns rsvg-convert's exit status and everything it printed.
    static func render(_ svg: URL) throws -> (status: Int32, messages: String, png: URL) {
        let png = svg.deletingPathExtension().appendingPathExtension("png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: rsvgConvert)
        process.arguments = ["-o", png.path, svg.path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), png)
    }

    static func check(_ named: [(String, SVGDocument)]) throws {
        let (folder, keep) = try galleryFolder()
        defer { if !keep { try? FileManager.default.removeItem(at: folder) } }
        for (name, document) in named {
            let url = folder.appendingPathComponent(name + ".svg")
            try document.write(to: url)
            let parsed = parseSVG(try String(contentsOf: url, encoding: .utf8))
            #expect(parsed.error == nil, "\(name): \(parsed.error ?? "")")
            guard FileManager.default.isExecutableFile(atPath: rsvgConvert) else {
                print("note: \(rsvgConvert) is missing (apt-get install librsvg2-bin); \(name).svg was only parsed")
                continue
            }
            let (status, messages, png) = try render(url)
            #expect(status == 0, "\(name): rsvg-convert exited with \(status): \(messages)")
            #expect(messages.isEmpty, "\(name): rsvg-convert said: \(messages)")
            let size = (try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
            #expect(size > 1_000, "\(name): the PNG holds \(size) bytes")
        }
        if keep { print("charts written to \(folder.path)") }
    }

    @Test func syntheticChartsRenderWithoutWarnings() throws {
        var heldOut = ChartSamples.trainingCurves()
        heldOut.title = "RBM training: training and held-out"
        heldOut.panels[0].series.append(.init(name: "held-out",
                                              values: heldOut.panels[0].series[0].y.map { $0 * 1.08 + 0.004 }))
        heldOut.panels[0].series[0].name = "training"
        try Self.check([
            ("training-curves", ChartSamples.trainingCurves().document()),
            ("training-curves-two-series", heldOut.document()),
            ("embeddings-scatter", ChartSamples.clusters().document()),
            ("confusion-matrix", ChartSamples.confusion().document()),
            ("confusion-matrix-short-labels",
             ConfusionMatrixChart(title: "Authorship (2 critics)", labels: ["A", "B"], counts: [[40, 10], [3, 47]]).document()),
        ])
    }

    /// Awkward inputs: long runs, flat and huge values, gaps, wrapped panels, more categories than
    /// colours, markup in names, empty rows and five-digit counts.
    @Test func awkwardChartsRenderWithoutWarnings() throws {
        var random = ChartSamples.Random(state: 99)
        let long = (0..<300).map { 2e6 * exp(-Double($0) / 80) + 4e4 * random.normal() }
        var gappy = (0..<30).map { sin(Double($0) / 4) }
        gappy[7] = .nan
        gappy[20...23] = [.nan, .nan, .nan, .nan]
        let curves = LineChart(title: "Edge cases: 300 epochs, a flat metric, gaps, huge values", panels: [
            .init(title: "Huge values", yLabel: "energy", series: [.init(name: "long", values: long)]),
            .init(title: "Flat", series: [.init(name: "flat", values: Array(repeating: -3.25, count: 12))]),
            .init(title: "Gaps", series: [.init(name: "gappy", values: gappy), .init(name: "one point", values: [0.5])]),
            .init(title: "No data", series: [.init(name: "none", values: [.nan, .nan])]),
        ], columns: 2)

        let names = (0..<10).map { "Critic <\($0)> & \"friends\"" }
        var points: [ScatterPlot.Point] = []
        for category in 0..<10 {
            for _ in 0..<(category == 9 ? 1 : 40) {
                points.append(.init(x: Double(category) + random.normal() * 0.4, y: random.normal() * 1e-4, category: category,
                                    title: "point of \(names[category])"))
            }
        }
        let scatter = ScatterPlot(title: "Ten categories, tiny y values", xLabel: "PC1", yLabel: "PC2",
                                  categories: names, points: points)

        let labels = ["Siskel & Ebert", "A very long critic name indeed", "Kael", "Sarris", "Agee", "Farber", "Ebert", "Rosenbaum"]
        var counts = (0..<8).map { t in (0..<8).map { p in t == p ? 12_345 - 1_000 * t : (t * 7 + p * 3) % 50 } }
        counts[5] = Array(repeating: 0, count: 8)
        let confusion = ConfusionMatrixChart(title: "Eight critics", labels: labels, counts: counts)
        try Self.check([
            ("edge-curves", curves.document()),
            ("edge-scatter", scatter.document()),
            ("edge-confusion", confusion.document()),
        ])
    }

    /// The scale dataset's 5,006 reviews as presence vectors over the 1,000 words found in most
    /// reviews, projected on their first two principal components and coloured by critic.
    @Test(.enabled(if: plotTestsHaveScaledata, "needs ../shared/data/scaledata next to the package"))
    func scaledataProjectionRenders() throws {
        let reviews = try loadScaledataForPlots()
        var documentFrequency: [Substring: Int] = [:]
        for review in reviews {
            for word in Set(review.tokens) { documentFrequency[word, default: 0] += 1 }
        }
        let words = documentFrequency.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(1_000).map(\.key)
        let column = Dictionary(uniqueKeysWithValues: words.enumerated().map { ($1, $0) })
        let d = words.count
        var matrix = [Float](repeating: 0, count: reviews.count * d)
        for (row, review) in reviews.enumerated() {
            for word in review.tokens { if let c = column[word] { matrix[row * d + c] = 1 } }
        }
        let (chart, pca) = try ScatterPlot.principalComponents(
            of: matrix, rows: reviews.count, dimensions: d, critics: reviews.map(\.critic),
            titles: reviews.map { "\($0.critic), review \($0.id)" },
            title: "Scale dataset: 5,006 reviews, word presence projected by PCA", seed: 42)
        #expect(pca.converged)
        // numpy.linalg.eigh on the same matrix's covariance: 4.2865603 and 3.0457373 (total 93.083144).
        #expect(abs(pca.explainedVariance[0] - 4.2865603) < 1e-4 && abs(pca.explainedVariance[1] - 3.0457373) < 1e-4)
        #expect(chart.xLabel == "principal component 1 (4.6% of variance)")
        #expect(chart.points.count == 5_006)
        #expect(chart.categories == ["Dennis Schwartz", "James Berardinelli", "Scott Renshaw", "Steve Rhodes"])
        try Self.check([("scaledata-pca", chart.document())])
    }
}
