/// Everything that can go wrong while reading or tokenizing a corpus.
///
/// Each message names the cause, where it happened (file, line, column) and the likely fix.
public enum CorpusError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A path that does not exist.
    case missingFile(path: String)
    /// A folder whose layout matches none of the supported formats.
    case unknownLayout(path: String, reason: String)
    /// A corpus that holds no reviews at all.
    case emptyCorpus(path: String)
    /// Bytes that are not valid UTF-8; `byteOffset` counts from the start of the file.
    case invalidUTF8(path: String, line: Int, byteOffset: Int)
    /// Bytes that the requested encoding cannot decode.
    case undecodable(path: String, line: Int, byteOffset: Int, encoding: String)
    /// An encoding name that ICU does not know.
    case unknownEncoding(name: String)
    /// XML that libxml2 rejected.
    case malformedXML(path: String, line: Int, column: Int, message: String)
    /// XML that would cost unbounded time or memory: entity amplification ("billion laughs"),
    /// nesting deeper than libxml2's limit of 256, a huge text node. Refused even when recovering.
    case unsafeXML(path: String, line: Int, column: Int, message: String)
    /// A TSV line without a tab between critic and text.
    case malformedTSV(path: String, line: Int, message: String)
    /// Parallel files of the scale-dataset layout that do not line up.
    case misalignedFiles(path: String, expected: Int, found: Int, other: String)
    /// A failure reported by ICU (code is ICU's UErrorCode).
    case icu(operation: String, code: Int32, name: String)
    /// Any other I/O failure.
    case io(path: String, message: String)
    /// A vocabulary file that is truncated or not ours.
    case corruptVocabulary(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingFile(let path):
            return "\(path): no such file or folder (check the path)"
        case .unknownLayout(let path, let reason):
            return "\(path): unknown corpus layout: \(reason) (name its format: per-critic-files, scaledata, folder-per-critic, tsv, xml or lines)"
        case .emptyCorpus(let path):
            return "\(path): the corpus holds no reviews (check that the files are not empty and that the format named matches the layout)"
        case .invalidUTF8(let path, let line, let byteOffset):
            return "\(path):\(line): invalid UTF-8 at byte \(byteOffset) (the file may be in another encoding, such as windows-1252)"
        case .undecodable(let path, let line, let byteOffset, let encoding):
            return "\(path):\(line): byte \(byteOffset) cannot be decoded as \(encoding) (the file is in another encoding)"
        case .unknownEncoding(let name):
            return "unknown encoding '\(name)' (use an ICU converter name such as windows-1252, ISO-8859-1, Shift_JIS)"
        case .malformedXML(let path, let line, let column, let message):
            return "\(path):\(line):\(column): \(message) (a recovering read keeps every review that can be saved)"
        case .unsafeXML(let path, let line, let column, let message):
            return "\(path):\(line):\(column): \(message): the document expands entities exponentially or nests too deeply, and is refused for safety (remove the entity declarations or flatten the document)"
        case .malformedTSV(let path, let line, let message):
            return "\(path):\(line): \(message) (TSV lines are critic<TAB>text or critic<TAB>id<TAB>text, or as --tsv-columns maps them; --recover skips such lines)"
        case .misalignedFiles(let path, let expected, let found, let other):
            return "\(path): \(other) has \(found) lines but the reviews file has \(expected) (the scale-dataset files must be parallel)"
        case .icu(let operation, let code, let name):
            return "ICU failed in \(operation): \(name) (\(code))"
        case .io(let path, let message):
            return "\(path): \(message)"
        case .corruptVocabulary(let path, let reason):
            return "\(path): not a valid vocabulary file: \(reason) (write it again with the same version of critic)"
        }
    }
}
