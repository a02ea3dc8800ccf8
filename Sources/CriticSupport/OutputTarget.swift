import Foundation

/// Whether an output may be written at a path: a new path, or an output of the same kind that
/// critic wrote before (recognised by its signature or manifest); never anything else, and never
/// an input of the same run, unless the caller forces it. Checked before the work that makes the
/// output, so that a refusal costs nothing.
public enum OutputTarget {
    /// Throws unless `path` may receive an output of kind `kind`.
    ///
    /// - Parameters:
    ///   - kind: what the output is, for the message ("an authorship bundle").
    ///   - recognises: whether what is at a path is such an output, written by critic.
    ///   - inputs: the paths the run reads; the output may be none of them nor hold one.
    ///   - force: replace whatever is there.
    public static func check(_ path: String, kind: String, recognises: (String) -> Bool, inputs: [String],
                             force: Bool) throws(FileOutputError) {
        if force { return }
        let output = resolved(path)
        for input in inputs where input != "-" {
            let resolvedInput = resolved(input)
            if resolvedInput == output || resolvedInput.hasPrefix(output + "/") {
                throw .isInput(path: path, input: input)
            }
        }
        guard FileManager.default.fileExists(atPath: path) else { return }
        if !recognises(path) { throw .foreign(path: path, expected: kind) }
    }

    /// Whether the file at `path` starts with `signature`.
    public static func file(_ path: String, startsWith signature: Data) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: signature.count)) == signature
    }

    /// The first `count` bytes of the regular file at `path` (nil for a folder or unreadable).
    public static func head(of path: String, count: Int) -> Data? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
              let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: count)) ?? Data()
    }

    private static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
