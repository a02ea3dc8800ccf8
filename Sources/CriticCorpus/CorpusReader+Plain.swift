import Foundation

/// The plain-text formats: lines, one file per critic, the scale dataset, a folder per critic, TSV.
extension CorpusReader {
    typealias Emit = (Review) throws(CorpusError) -> Void

    /// One review per non-blank line. The id is the line number, prefixed for a named critic
    /// as `<critic>-NNN` (padded to three digits: ids sort like lines and match the XML form of
    /// corpora/, where `jolene-ray-001` is line 1 of `jolene-ray.txt`).
    static func readLines(_ source: ByteSource, critic: String?, options: CorpusReadOptions,
                          emit: Emit) throws(CorpusError) {
        let lines = try LineReader(source: source, encoding: options.encoding)
        while true {
            let number = lines.lineNumber
            guard let line = try lines.next() else { break }
            if line.allSatisfy(\.isWhitespace) { continue }
            let id = critic.map { "\($0)-" + String(repeating: "0", count: max(0, 3 - String(number).count)) + String(number) }
                ?? String(number)
            try emit(Review(critic: critic, id: id, text: line,
                            source: SourcePosition(path: source.displayPath, line: number)))
        }
    }

    /// `<critic>.txt` files in a folder, one review per line. Other files — a README.md, an
    /// editor's backup `ada.txt~`, `notes.txt.orig` — are skipped and named in the report's
    /// warnings (they used to become critics, or merge into one).
    static func readPerCriticFiles(_ folder: String, options: CorpusReadOptions, emit: Emit,
                                   report: inout CorpusReadReport) throws(CorpusError) {
        let entries = try listFolder(folder).filter { !$0.isFolder }
        let files = entries.filter { ($0.name as NSString).pathExtension == "txt" && $0.name.count > 4 }
        let skipped = entries.filter { entry in !files.contains { $0.path == entry.path } }
        if !skipped.isEmpty {
            let listed = skipped.prefix(10).map(\.name).joined(separator: ", ") + (skipped.count > 10 ? ", …" : "")
            report.warnings.append("\(folder): skipped \(skipped.count) file\(skipped.count == 1 ? "" : "s") not named <critic>.txt: \(listed)")
        }
        guard !files.isEmpty else {
            throw CorpusError.unknownLayout(path: folder, reason: "per-critic-files needs <critic>.txt files in the folder\(skipped.isEmpty ? "" : ", and it holds none (only \(skipped.prefix(3).map(\.name).joined(separator: ", ")))")")
        }
        for file in files {
            let critic = (file.name as NSString).deletingPathExtension
            try readLines(ByteSource(path: file.path), critic: critic, options: options, emit: emit)
        }
    }

    /// Pang & Lee's scale dataset: `<root>/<Critic>/subj.<Critic>` with parallel `id.<Critic>`
    /// and `rating.<Critic>` (each optional; without ids, the id is the line number).
    static func readScaledata(_ root: String, options: CorpusReadOptions, emit: Emit,
                              report: inout CorpusReadReport) throws(CorpusError) {
        var critics: [(folder: String, critic: String)] = []
        func subjFiles(_ folder: String) throws(CorpusError) -> [(String, String)] {
            try listFolder(folder).filter { !$0.isFolder && $0.name.hasPrefix("subj.") }
                .map { (folder, String($0.name.dropFirst("subj.".count))) }
        }
        critics += try subjFiles(root)
        for entry in try listFolder(root) where entry.isFolder {
            critics += try subjFiles(entry.path)
        }
        guard !critics.isEmpty else {
            throw CorpusError.unknownLayout(path: root, reason: "no <Critic>/subj.<Critic> file was found")
        }
        for (folder, critic) in critics {
            let subjPath = (folder as NSString).appendingPathComponent("subj." + critic)
            let reviews = try LineReader(path: subjPath, encoding: options.encoding)
            let ids = try parallelFile(folder, "id." + critic, options)
            let ratings = try parallelFile(folder, "rating." + critic, options)
            while true {
                let number = reviews.lineNumber
                let text = try reviews.next()
                let id = try ids?.next()
                let rating = try ratings?.next()
                if text == nil && id == nil && rating == nil { break }
                if text == nil || (ids != nil && id == nil) || (ratings != nil && rating == nil) {
                    let reviewTotal = number - 1 + (text == nil ? 0 : 1 + (try count(reviews)))
                    if let ids {
                        let total = number - 1 + (id == nil ? 0 : 1 + (try count(ids)))
                        if total != reviewTotal {
                            throw CorpusError.misalignedFiles(path: subjPath, expected: reviewTotal, found: total,
                                                              other: "id." + critic)
                        }
                    }
                    if let ratings {
                        let total = number - 1 + (rating == nil ? 0 : 1 + (try count(ratings)))
                        if total != reviewTotal {
                            throw CorpusError.misalignedFiles(path: subjPath, expected: reviewTotal, found: total,
                                                              other: "rating." + critic)
                        }
                    }
                }
                guard let text else { break }
                var fields: [String: String] = [:]
                if let rating { fields["rating"] = rating.trimmingWhiteSpace() }
                let position = SourcePosition(path: subjPath, line: number)
                if text.allSatisfy(\.isWhitespace) {
                    report.skipped.append(.init(position: position, reason: "empty review"))
                    continue
                }
                let identifier = id.map { $0.trimmingWhiteSpace() }.flatMap { $0.isEmpty ? nil : $0 } ?? String(number)
                try emit(Review(critic: critic, id: identifier, text: text, fields: fields, source: position))
            }
        }
    }

    private static func parallelFile(_ folder: String, _ name: String,
                                     _ options: CorpusReadOptions) throws(CorpusError) -> LineReader? {
        let path = (folder as NSString).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try LineReader(path: path, encoding: options.encoding)
    }

    /// Lines left in `reader`.
    private static func count(_ reader: LineReader) throws(CorpusError) -> Int {
        var lines = 0
        while try reader.next() != nil { lines += 1 }
        return lines
    }

    /// `<root>/<Critic>/**/<id>.<ext>`: one review per file, its lines joined with "\n".
    static func readFolderPerCritic(_ root: String, options: CorpusReadOptions, emit: Emit,
                                    report: inout CorpusReadReport) throws(CorpusError) {
        let entries = try listFolder(root)
        for loose in entries where !loose.isFolder {
            report.warnings.append("\(loose.path): ignored (folder-per-critic reads files inside the critics' folders)")
        }
        let critics = entries.filter(\.isFolder)
        guard !critics.isEmpty else {
            throw CorpusError.unknownLayout(path: root, reason: "folder-per-critic needs one folder per critic")
        }
        for critic in critics {
            try forEachFile(in: critic.path) { file throws(CorpusError) in
                let lines = try LineReader(path: file.path, encoding: options.encoding)
                var paragraphs: [String] = []
                while let line = try lines.next() { paragraphs.append(line) }
                while paragraphs.last?.allSatisfy(\.isWhitespace) == true { paragraphs.removeLast() }
                let position = SourcePosition(path: file.path, line: 1)
                guard !paragraphs.isEmpty else {
                    report.skipped.append(.init(position: position, reason: "empty file"))
                    return
                }
                try emit(Review(critic: critic.name, id: (file.name as NSString).deletingPathExtension,
                                text: paragraphs.joined(separator: "\n"), source: position))
            }
        }
    }

    /// Every visible file under `folder`, depth first, each folder's entries in name order.
    private static func forEachFile(in folder: String,
                                    _ body: (FolderEntry) throws(CorpusError) -> Void) throws(CorpusError) {
        for entry in try listFolder(folder) {
            if entry.isFolder { try forEachFile(in: entry.path, body) } else { try body(entry) }
        }
    }

    /// `critic<TAB>text` or `critic<TAB>id<TAB>text` per line, with an optional header line
    /// naming those columns (which then fixes the layout for every line), or the columns of
    /// `options.tsvColumns`. A line with any other number of columns is an error naming the line
    /// (skipped and reported with `recover`): a tab inside a text is never folded into it. An
    /// empty critic column means no critic; an empty id column, the line number.
    static func readTSV(_ source: ByteSource, options: CorpusReadOptions, emit: Emit,
                        report: inout CorpusReadReport) throws(CorpusError) {
        let lines = try LineReader(source: source, encoding: options.encoding)
        var layout = options.tsvColumns
        let mappedBy = options.tsvColumns == nil ? "the header" : "--tsv-columns"
        var withoutCritic = 0
        var isFirstLine = true
        while true {
            let number = lines.lineNumber
            guard let line = try lines.next() else { break }
            if line.allSatisfy(\.isWhitespace) { continue }
            let tabs = line.utf8.lazy.filter { $0 == 0x09 }.count
            let position = SourcePosition(path: source.displayPath, line: number)
            func malformed(_ message: String) throws(CorpusError) {
                if options.recover {
                    report.skipped.append(.init(position: position, reason: message))
                } else {
                    throw CorpusError.malformedTSV(path: source.displayPath, line: number, message: message)
                }
            }
            // Splitting a line of 10,000 tabs would cost nothing much, but it is refused anyway.
            let columns = tabs < TSVColumns.maximumColumns
                ? line.split(separator: "\t", omittingEmptySubsequences: false) : []
            if isFirstLine {
                isFirstLine = false
                let names = columns.map { $0.trimmingWhiteSpace().lowercased() }
                if let mapped = layout {
                    if mapped.isHeader(names) { continue }
                } else if TSVColumns.criticText.isHeader(names) {
                    layout = .criticText; continue
                } else if TSVColumns.criticIDText.isHeader(names) {
                    layout = .criticIDText; continue
                }
            }
            let lineLayout: TSVColumns
            if let layout {
                guard columns.count == layout.columns.count else {
                    try malformed("\(tabs + 1) columns where \(mappedBy) names \(layout.columns.count) (\(layout)); is there a tab inside a text?")
                    continue
                }
                lineLayout = layout
            } else {
                switch columns.count {
                case 1: try malformed("no tab between critic and text"); continue
                case 2: lineLayout = .criticText
                case 3: lineLayout = .criticIDText
                default:
                    try malformed("\(tabs + 1) columns where 2 or 3 are expected; is there a tab inside a text?")
                    continue
                }
            }
            let critic = lineLayout.column(of: .critic).map { columns[$0].trimmingWhiteSpace() } ?? ""
            let id = lineLayout.column(of: .id).map { columns[$0].trimmingWhiteSpace() } ?? ""
            let text = String(columns[lineLayout.column(of: .text)!])
            if critic.isEmpty && lineLayout.column(of: .critic) != nil { withoutCritic += 1 }
            try emit(Review(critic: critic.isEmpty ? nil : critic, id: id.isEmpty ? String(number) : id, text: text,
                            source: position))
        }
        if withoutCritic > 0 {
            report.warnings.append("\(source.displayPath): \(withoutCritic) review\(withoutCritic == 1 ? " has" : "s have") no critic")
        }
    }
}
