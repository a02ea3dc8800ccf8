#if canImport(Glibc)
import Glibc
private let readBytes = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let readBytes = Darwin.read
#endif

/// Reads a whole input file (a model, a vocabulary) with POSIX calls, after checking that it is
/// one: Foundation's `FileHandle` and `Data(contentsOf:)` trap (`try!`) on a folder on Linux, and
/// `FileManager.contents(atPath:)` says only "nil", so "no such file" hid a folder or a file
/// without read permission.
public enum InputFile {
    /// Why a path cannot be read as a file, in words for a message after the path.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public enum Kind: Sendable, Equatable { case missing, folder, notRegular, unreadable, tooLarge }
        public let kind: Kind
        public let description: String
    }

    /// The bytes of the regular file at `path`, at most `limit` of them.
    /// - Complexity: O(file size).
    public static func read(_ path: String, limit: Int = Int.max) -> Result<[UInt8], Problem> {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let reason = errno == EACCES ? "cannot be reached (permission denied on a folder above it)" : "no such file (check the path)"
            return .failure(Problem(kind: errno == EACCES ? .unreadable : .missing, description: reason))
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(Problem(kind: .folder, description: "is a folder, not a file"))
        default: return .failure(Problem(kind: .notRegular, description: "is not a regular file (a device, pipe or socket)"))
        }
        let size = Int(status.st_size)
        guard size <= limit else {
            return .failure(Problem(kind: .tooLarge, description: "is \(size) bytes, more than the \(limit) this reader accepts"))
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let code = errno
            let reason = code == EACCES ? "cannot be read (permission denied; check its permissions)"
                : "cannot be opened: \(String(cString: strerror(code)))"
            return .failure(Problem(kind: .unreadable, description: reason))
        }
        defer { close(descriptor) }
        // The size from stat is a hint: a file that grows or shrinks while read is read to its end.
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count / 2))) }
            let got = bytes.withUnsafeMutableBytes { readBytes(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(Problem(kind: .unreadable, description: "cannot be read (error \(errno) while reading)"))
            }
            if got == 0 { break }
            filled += got
            guard filled <= limit else {
                return .failure(Problem(kind: .tooLarge, description: "is more than the \(limit) bytes this reader accepts"))
            }
        }
        bytes.removeSubrange(filled...)
        return .success(bytes)
    }
}
