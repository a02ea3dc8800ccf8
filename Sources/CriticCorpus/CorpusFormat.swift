import Foundation

/// The layouts a corpus can come in.
///
/// | format | layout | critic | id |
/// |---|---|---|---|
/// | `lines` | one text file, one review per line | nil | line number |
/// | `perCriticFiles` | a folder of `<critic>.txt` files, one review per line | file name | `<critic>-NNN` (line number) |
/// | `scaledata` | Pang & Lee's scale dataset: `<root>/<Critic>/subj.<Critic>`, with parallel `id.<Critic>` and `rating.<Critic>` | `<Critic>` | `id.<Critic>` |
/// | `folderPerCritic` | `<root>/<Critic>/**/<id>.txt`, one review per file (lines joined with "\n") | folder name | file name |
/// | `tsv` | `critic<TAB>text` or `critic<TAB>id<TAB>text` per line | column 1 | column 2 or line number |
/// | `xml` | `<reviews><review critic="…" id="…"><text>…</text></review></reviews>`, or any schema through `XMLFieldMapping` | mapped | mapped or line number |
public enum CorpusFormat: String, Sendable, CaseIterable {
    case lines
    case perCriticFiles = "per-critic-files"
    case scaledata
    case folderPerCritic = "folder-per-critic"
    case tsv
    case xml

    /// Guesses the format of `path`. Standard input ("-") has no path to look at: this returns
    /// `.lines` for it, and `CorpusReader` detects it from its first bytes with `detect(content:)`.
    ///
    /// Folders: one holding `subj.*` files, or whose subfolders do, is the scale dataset; one
    /// holding only subfolders is a folder per critic; one holding files is one file per critic.
    /// Files: `.tsv` is TSV, `.xml` (or content starting with `<`) is XML, anything else is one
    /// review per line.
    public static func detect(path: String) throws(CorpusError) -> CorpusFormat {
        var isFolder: ObjCBool = false
        guard path != "-" else { return .lines }
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CorpusError.missingFile(path: path)
        }
        if isFolder.boolValue { return try detectFolder(path) }
        switch (path as NSString).pathExtension.lowercased() {
        case "tsv": return .tsv
        case "xml": return .xml
        default:
            let source = try ByteSource(path: path)
            return detect(content: try source.peek(4096))
        }
    }

    /// Guesses the format of a single input from its first bytes: markup is XML, a tab on the
    /// first line is TSV, anything else is one review per line.
    public static func detect(content: [UInt8]) -> CorpusFormat {
        var bytes = content[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { return .xml }
        let firstVisible = bytes.first { !(($0 == 0x20) || ($0 >= 0x09 && $0 <= 0x0D)) }
        if firstVisible == UInt8(ascii: "<") { return .xml }
        let firstLine = bytes.prefix { $0 != 0x0A }
        if firstLine.contains(0x09) { return .tsv }
        return .lines
    }

    static func detectFolder(_ path: String) throws(CorpusError) -> CorpusFormat {
        let entries = try listFolder(path)
        if entries.isEmpty {
            throw CorpusError.unknownLayout(path: path, reason: "the folder is empty")
        }
        let folders = entries.filter(\.isFolder)
        let files = entries.filter { !$0.isFolder }
        if files.contains(where: { $0.name.hasPrefix("subj.") }) { return .scaledata }
        for folder in folders {
            let inner = (try? listFolder(folder.path)) ?? []
            if inner.contains(where: { !$0.isFolder && $0.name.hasPrefix("subj.") }) { return .scaledata }
        }
        if !folders.isEmpty && files.isEmpty { return .folderPerCritic }
        if folders.isEmpty { return .perCriticFiles }
        throw CorpusError.unknownLayout(
            path: path, reason: "it mixes files (\(files[0].name)) and folders (\(folders[0].name))")
    }
}

/// One visible entry of a folder (names starting with "." are ignored).
struct FolderEntry {
    var name: String
    var path: String
    var isFolder: Bool
}

/// The visible entries of `path`, sorted by name (numerically when every name starts with digits,
/// so that 2.txt comes before 10.txt).
func listFolder(_ path: String) throws(CorpusError) -> [FolderEntry] {
    let names: [String]
    do {
        names = try FileManager.default.contentsOfDirectory(atPath: path)
    } catch {
        throw CorpusError.io(path: path, message: "cannot list the folder: \(error.localizedDescription)")
    }
    var entries: [FolderEntry] = []
    for name in names where !name.hasPrefix(".") {
        let full = (path as NSString).appendingPathComponent(name)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder) else { continue }
        entries.append(FolderEntry(name: name, path: full, isFolder: isFolder.boolValue))
    }
    return sortedByName(entries, name: \.name)
}

/// Sorts by name, numerically when every name starts with a number ("2.txt" < "10.txt"), else by
/// UTF-8 bytes (locale-independent, so that every machine reads files in the same order).
func sortedByName<T>(_ items: [T], name: (T) -> String) -> [T] {
    let keys = items.map { item -> (number: UInt64?, name: String) in
        let text = name(item)
        return (UInt64(text.prefix { $0.isASCII && $0.isNumber }), text)
    }
    let numeric = !keys.isEmpty && keys.allSatisfy { $0.number != nil }
    return zip(items, keys).sorted { lhs, rhs in
        if numeric, lhs.1.number! != rhs.1.number! { return lhs.1.number! < rhs.1.number! }
        return Array(lhs.1.name.utf8).lexicographicallyPrecedes(Array(rhs.1.name.utf8))
    }.map(\.0)
}
