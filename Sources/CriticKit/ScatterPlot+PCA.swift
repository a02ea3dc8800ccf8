import CriticLinearAlgebra
import CriticPlots

extension ScatterPlot {
    /// Review embeddings projected on their first two principal components, one colour per
    /// critic, each axis labelled with its component's share of the variance.
    ///
    /// - Parameters:
    ///   - embeddings: rows × dimensions, row-major (an RBM's hidden probabilities, say).
    ///   - critics: the critic of each row; colours follow the sorted critic names.
    ///   - titles: optional hover text per row (review ids).
    ///   - seed: seeds the PCA's start vectors (`PCA.fit`).
    /// - Returns: the plot, and the PCA behind it (to report or reuse its axes).
    /// - Throws: `LinearAlgebraError.emptyData` for no rows.
    /// - Complexity: that of `PCA.fit` with two components, plus O(rows log rows) to draw.
    public static func principalComponents(of embeddings: [Float], rows: Int, dimensions: Int, critics: [String],
                                           titles: [String]? = nil, title: String,
                                           seed: UInt64) throws -> (plot: ScatterPlot, pca: PCA) {
        precondition(dimensions >= 2, "a 2-D projection needs at least two dimensions, got \(dimensions)")
        precondition(critics.count == rows, "critics must name one critic per row: \(critics.count) for \(rows) rows")
        let pca = try PCA.fit(embeddings, rows: rows, columns: dimensions, components: 2, seed: seed)
        let projected = try pca.transform(embeddings, rows: rows, columns: dimensions)  // rows × 2
        let ratios = pca.explainedVarianceRatio
        let plot = ScatterPlot(title: title,
                               xLabel: "principal component 1 (\(SVGFormat.percent(ratios[0])) of variance)",
                               yLabel: "principal component 2 (\(SVGFormat.percent(ratios[1])) of variance)",
                               x: (0..<rows).map { Double(projected[2 * $0]) },
                               y: (0..<rows).map { Double(projected[2 * $0 + 1]) },
                               labels: critics, titles: titles)
        return (plot, pca)
    }
}
