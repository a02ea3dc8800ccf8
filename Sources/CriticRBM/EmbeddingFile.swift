import CriticCorpus
import CriticSupport
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
        let vectors = { (separator: String) in Data(delimited(embeddings, rows: rows, dimensions: dimensions, separator: separator).utf8) }
        var metadata = "critic\tid\n"
        for label in labels { metadata += clean(label.critic ?? "") + "\t" + clean(label.id) + "\n" }
        do throws(FileOutputError) {
            switch format(for: path) {
            case .npy:
                try AtomicFile.write(NumPyFile.encode(.float32(embeddings, shape: [rows, dimensions])), to: path)
                return [path]
            case .csv:
                try AtomicFile.write(vectors(","), to: path)
                return [path]
            case .projector where path.lowercased().hasSuffix(".tsv"):
                let metadataPath = String(path.dropLast(4)) + "-metadata.tsv"
                try AtomicFile.write(vectors("\t"), to: path)
                try AtomicFile.write(Data(metadata.utf8), to: metadataPath)
                return [path, metadataPath]
            case .projector:
                // The pair is written as one folder, so that vectors and metadata always match.
                do {
                    try AtomicFile.writeFolder(at: path) { folder in
                        try Data(vectors("\t")).write(to: URL(fileURLWithPath: folder).appendingPathComponent("vectors.tsv"))
                        try Data(metadata.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent("metadata.tsv"))
                    }
                } catch let error as FileOutputError {
                    throw error
                } catch {
                    throw .io(path: path, message: "cannot write into the folder: \(error.localizedDescription)")
                }
                return [(path as NSString).appendingPathComponent("vectors.tsv"), (path as NSString).appendingPathComponent("metadata.tsv")]
            }
        } catch {
            throw .io(path: path, message: "cannot write the embeddings: \(error.reason)")
        }
    }

    /// Whether `path` holds embeddings as `write` writes them: a `.npy` array, rows of numbers
    /// (`.csv`, `.tsv`), or a folder holding just the projector pair.
    public static func isEmbeddingOutput(at path: String) -> Bool {
        switch format(for: path) {
        case .npy:
            return OutputTarget.file(path, startsWith: Data([0x93] + Array("NUMPY".utf8)))
        case .csv:
            return holdsRowsOfNumbers(path, separator: ",")
        case .projector where path.lowercased().hasSuffix(".tsv"):
            return holdsRowsOfNumbers(path, separator: "\t")
        case .projector:
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return Set(names) == ["vectors.tsv", "metadata.tsv"]
                && holdsRowsOfNumbers((path as NSString).appendingPathComponent("vectors.tsv"), separator: "\t")
        }
    }

    /// Whether the file's first lines (up to 64 KB) are rows of numbers separated by `separator`.
    static func holdsRowsOfNumbers(_ path: String, separator: Character) -> Bool {
        guard let head = OutputTarget.head(of: path, count: 1 << 16) else { return false }
        var lines = String(decoding: head, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if head.count == 1 << 16 { lines.removeLast() }  // possibly cut short
        let rows = lines.filter { !$0.isEmpty }
        return !rows.isEmpty && rows.allSatisfy { row in row.split(separator: separator).allSatisfy { Float($0) != nil } }
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
