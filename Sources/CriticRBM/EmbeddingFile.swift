import CriticCorpus
import Foundation

/// Writes review embeddings (one row of P(h=1|v) per review, in corpus order) in the format the
/// output name asks for:
///
/// - `*.npy`: a float32 N×H array (`numpy.load`);
/// - `*.csv`: one comma-separated row per review, no header;
/// - `*.tsv` or a folder: TensorFlow's embedding-projector pair, vectors (tab-separated, no
///   header) and metadata (`critic<TAB>id`, with a header line). For a folder they are
///   `vectors.tsv` and `metadata.tsv` inside it; for `NAME.tsv`, `NAME.tsv` and `NAME-metadata.tsv`.
public enum EmbeddingFile {
    public enum Format: Sendable, Equatable { case npy, csv, projector }

    /// The format named by `path`'s extension; anything else is treated as a folder.
    public static func format(for path: String) -> Format {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "npy": return .npy
        case "csv": return .csv
        default: return .projector
        }
    }

    /// Writes `embeddings` (rows×dimensions, row-major) and returns the paths written.
    /// `labels` gives (critic, id) per row for the projector metadata.
    @discardableResult
    public static func write(_ embeddings: [Float], rows: Int, dimensions: Int, labels: [(critic: String?, id: String)],
                             to path: String) throws(RBMError) -> [String] {
        precondition(embeddings.count == rows * dimensions && labels.count == rows, "one label and one row per review")
        switch format(for: path) {
        case .npy:
            try NumPyFile.write(NumPyFile.encode(.float32(embeddings, shape: [rows, dimensions])), to: path)
            return [path]
        case .csv:
            try NumPyFile.write(Data(delimited(embeddings, rows: rows, dimensions: dimensions, separator: ",").utf8), to: path)
            return [path]
        case .projector:
            let vectorsPath: String, metadataPath: String
            if path.lowercased().hasSuffix(".tsv") {
                vectorsPath = path
                metadataPath = String(path.dropLast(4)) + "-metadata.tsv"
            } else {
                do {
                    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                } catch {
                    throw RBMError.io(path: path, message: "cannot create the folder: \(error.localizedDescription)")
                }
                vectorsPath = (path as NSString).appendingPathComponent("vectors.tsv")
                metadataPath = (path as NSString).appendingPathComponent("metadata.tsv")
            }
            var metadata = "critic\tid\n"
            for label in labels { metadata += clean(label.critic ?? "") + "\t" + clean(label.id) + "\n" }
            try NumPyFile.write(Data(delimited(embeddings, rows: rows, dimensions: dimensions, separator: "\t").utf8),
                                to: vectorsPath)
            try NumPyFile.write(Data(metadata.utf8), to: metadataPath)
            return [vectorsPath, metadataPath]
        }
    }

    static func delimited(_ values: [Float], rows: Int, dimensions: Int, separator: String) -> String {
        var text = ""
        text.reserveCapacity(rows * dimensions * 11)
        for r in 0..<rows {
            for j in 0..<dimensions {
                if j > 0 { text += separator }
                text += String(values[r * dimensions + j])  // shortest form that reads back to the same Float
            }
            text += "\n"
        }
        return text
    }

    /// Tabs and newlines would break the projector's TSV; they become spaces.
    static func clean(_ field: String) -> String {
        String(field.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
