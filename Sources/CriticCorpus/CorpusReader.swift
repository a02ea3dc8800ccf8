import Foundation

/// Reads reviews from corpora in any `CorpusFormat`, one review at a time.
///
/// Line formats and XML are streamed: memory depends on the longest review, not on the size of
/// the input. Paths are read in order; "-" is standard input (lines, TSV or XML, told apart by
/// content). Every review carries its `source` position.
///
/// ```swift
/// let reader = CorpusReader(paths: ["../shared/data/scaledata/scaledata"])
/// let report = try reader.forEach { review in print(review.critic ?? "-", review.id) }
/// print(report.summary())
/// ```
public struct CorpusReader: Sendable {
    public var paths: [String]
    public var options: CorpusReadOptions

    public init(paths: [String], options: CorpusReadOptions = CorpusReadOptions()) {
        self.paths = paths
        self.options = options
    }

    public init(path: String, options: CorpusReadOptions = CorpusReadOptions()) {
        self.init(paths: [path], options: options)
    }

    /// Calls `body` with every review, in input order, and returns what was read and skipped.
    ///
    /// An input that yields no review at all throws `CorpusError.emptyCorpus`.
    /// - Complexity: O(input size); memory O(longest review) except for `perPath` bookkeeping.
    @discardableResult
    public func forEach(_ body: (Review) throws(CorpusError) -> Void) throws(CorpusError) -> CorpusReadReport {
        var report = CorpusReadReport()
        for path in paths {
            let readBefore = report.read
            let skippedBefore = report.skipped.count
            var emitted = 0
            func emit(_ review: Review) throws(CorpusError) {
                emitted += 1
                try body(review)
            }
            let format = try readOne(path: path, emit: emit, report: &report)
            report.read = readBefore + emitted
            if emitted == 0 && report.skipped.count == skippedBefore {
                throw CorpusError.emptyCorpus(path: path == "-" ? "<stdin>" : path)
            }
            report.inputs.append(.init(path: path, format: format, read: emitted))
        }
        return report
    }

    /// Every review in memory, with the report. Prefer `forEach` for large corpora.
    public func readAll() throws(CorpusError) -> (reviews: [Review], report: CorpusReadReport) {
        var reviews: [Review] = []
        let report = try forEach { reviews.append($0) }
        return (reviews, report)
    }

    private func readOne(path: String, emit: (Review) throws(CorpusError) -> Void,
                         report: inout CorpusReadReport) throws(CorpusError) -> CorpusFormat {
        if path == "-" {
            let source = try ByteSource(path: "-")
            var format = CorpusFormat.lines
            if let forced = options.format { format = forced } else { format = CorpusFormat.detect(content: try source.peek(4096)) }
            switch format {
            case .lines: try Self.readLines(source, critic: nil, options: options, emit: emit)
            case .tsv: try Self.readTSV(source, options: options, emit: emit, report: &report)
            case .xml: try Self.readXML(source, options: options, emit: emit, report: &report)
            case .perCriticFiles, .scaledata, .folderPerCritic:
                throw CorpusError.unknownLayout(
                    path: "<stdin>", reason: "standard input holds one stream, not the folders of \(format.rawValue)")
            }
            return format
        }
        var format = CorpusFormat.lines
        if let forced = options.format { format = forced } else { format = try CorpusFormat.detect(path: path) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CorpusError.missingFile(path: path)
        }
        let needsFolder = [.perCriticFiles, .scaledata, .folderPerCritic].contains(format)
        if needsFolder != isFolder.boolValue {
            throw CorpusError.unknownLayout(
                path: path, reason: needsFolder ? "\(format.rawValue) needs a folder, and this is a file"
                    : "\(format.rawValue) needs a file, and this is a folder")
        }
        switch format {
        case .lines: try Self.readLines(ByteSource(path: path), critic: nil, options: options, emit: emit)
        case .tsv: try Self.readTSV(ByteSource(path: path), options: options, emit: emit, report: &report)
        case .xml: try Self.readXML(ByteSource(path: path), options: options, emit: emit, report: &report)
        case .perCriticFiles: try Self.readPerCriticFiles(path, options: options, emit: emit, report: &report)
        case .scaledata: try Self.readScaledata(path, options: options, emit: emit, report: &report)
        case .folderPerCritic: try Self.readFolderPerCritic(path, options: options, emit: emit, report: &report)
        }
        return format
    }
}

extension StringProtocol {
    /// The text without white space (spaces, tabs, line breaks) at either end.
    func trimmingWhiteSpace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
