import Foundation

/// The toolkit's one way to write an output file or folder: a reader, or a run killed at any
/// moment, sees the old output or the new one, never a mixture, and never an empty path.
///
/// Steps: the output's folder is created if missing (for every kind of output alike); the
/// temporaries a dead process left in it are removed; the new output is written into a
/// temporary sibling (`.NAME.critic-tmp-PID-RANDOM`) and flushed to the disk; `validate` reads
/// it back (a model that does not load never replaces a good one); then it takes the output's
/// place in one rename (a folder is swapped with the old folder, which is then removed). On an
/// error, SIGINT or SIGTERM the temporary is removed.
public enum AtomicFile {
    /// Writes `data` to `path` (see the type's documentation for the steps).
    ///
    /// - Parameter validate: given the temporary's path once it is on disk; an error it throws
    ///   leaves `path` untouched and is reported as `FileOutputError.invalid`.
    /// - Complexity: O(data.count), plus what `validate` costs.
    public static func write(_ data: Data, to path: String,
                             validate: ((String) throws -> Void)? = nil) throws(FileOutputError) {
        let (target, temporary) = try prepare(path, isFolder: false)
        do throws(FileOutputError) {
            try FileSystem.createFile(temporary, data: data)
            try check(temporary, target: path, validate)
            try replace(target, with: temporary, isFolder: false)
        } catch {
            Temporaries.discard(temporary)
            throw error
        }
        Temporaries.unregister(temporary)
    }

    /// Writes the folder `path`: `fill` writes its contents into the (empty, existing) folder
    /// whose path it is given; every file is then flushed, `validate` runs, and the folder takes
    /// `path`'s place.
    ///
    /// - Throws: what `fill` throws, unchanged; `FileOutputError` for the file system and the check.
    public static func writeFolder(at path: String, validate: ((String) throws -> Void)? = nil,
                                   _ fill: (String) throws -> Void) throws {
        let (target, temporary) = try prepare(path, isFolder: true)
        do {
            try fill(temporary)
            flushTree(temporary)
            try check(temporary, target: path, validate)
            try replace(target, with: temporary, isFolder: true)
        } catch {
            Temporaries.discard(temporary)
            throw error
        }
    }

    /// The output's standardized path and a registered temporary beside it (for a folder, the
    /// temporary folder is created).
    private static func prepare(_ path: String, isFolder: Bool) throws(FileOutputError) -> (target: String, temporary: String) {
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let folder = target.deletingLastPathComponent().path
        let temporary = (folder as NSString).appendingPathComponent(Temporaries.name(for: target.lastPathComponent))
        try Temporaries.register(temporary) { () throws(FileOutputError) in
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .io(path: path, message: "cannot create the folder \(folder): \(error.localizedDescription)")
            }
            if isFolder {
                do {
                    try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: false)
                } catch {
                    throw .io(path: path, message: "cannot create a folder beside it: \(error.localizedDescription)")
                }
            }
        }
        Temporaries.removeStale(in: folder)
        return (target.path, temporary)
    }

    private static func check(_ temporary: String, target: String, _ validate: ((String) throws -> Void)?) throws(FileOutputError) {
        guard let validate else { return }
        do {
            try validate(temporary)
        } catch {
            throw .invalid(path: target, reason: "it does not read back (\(error))")
        }
    }

    /// Puts `temporary` at `target` in one step; what was at `target` is gone afterwards.
    private static func replace(_ target: String, with temporary: String, isFolder: Bool) throws(FileOutputError) {
        var targetIsFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: target, isDirectory: &targetIsFolder)
        if exists && isFolder && targetIsFolder.boolValue {
            // The old folder ends up under the temporary's name, which is removed next (or, if
            // the process dies first, by the next write into this folder).
            try FileSystem.exchange(temporary, target)
            try? FileManager.default.removeItem(atPath: temporary)
        } else {
            // rename(2) replaces a file, not a folder, nor a folder by a file: a different kind
            // at `target` goes first (only reached when the caller chose to replace it).
            if exists && (isFolder || targetIsFolder.boolValue) {
                do {
                    try FileManager.default.removeItem(atPath: target)
                } catch {
                    throw .io(path: target, message: "cannot remove what is there: \(error.localizedDescription)")
                }
            }
            try FileSystem.rename(temporary, to: target)
        }
        FileSystem.flush((target as NSString).deletingLastPathComponent)
        Temporaries.unregister(temporary)
    }

    /// Flushes every file under `folder`, then the folders themselves.
    private static func flushTree(_ folder: String) {
        if let enumerator = FileManager.default.enumerator(atPath: folder) {
            for case let relative as String in enumerator {
                FileSystem.flush((folder as NSString).appendingPathComponent(relative))
            }
        }
        FileSystem.flush(folder)
    }
}
