// The only file that imports CFileSystem (and the C library's file calls): every system call of
// the atomic writer goes through here, and errno becomes a message in one place.
internal import CFileSystem
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum FileSystem {
    /// The message of the current errno.
    static var lastError: String { String(cString: strerror(errno)) }

    /// Creates `path` (it must not exist) holding `data`, flushed to the disk.
    static func createFile(_ path: String, data: Data) throws(FileOutputError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .io(path: path, message: "cannot create the file: \(lastError)") }
        defer { close(descriptor) }
        var failure: String?
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = lastError
                    return
                }
                offset += written
            }
        }
        if let failure { throw .io(path: path, message: "cannot write: \(failure)") }
        guard fsync(descriptor) == 0 else { throw .io(path: path, message: "cannot flush to disk: \(lastError)") }
    }

    /// Flushes the file or folder at `path` to the disk (a folder: its entries, so that a rename
    /// into it survives a power cut).
    static func flush(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// Renames `source` to `target`, replacing a file at `target` in one step.
    static func rename(_ source: String, to target: String) throws(FileOutputError) {
        guard Foundation.rename(source, target) == 0 else {
            throw .io(path: target, message: "cannot move the new output into place: \(lastError)")
        }
    }

    /// Swaps the two entries in one step: a reader sees the old folder or the new, never neither.
    static func exchange(_ first: String, _ second: String) throws(FileOutputError) {
        guard cfs_exchange(first, second) == 0 else {
            throw .io(path: second, message: "cannot swap the new output into place: \(lastError)")
        }
    }

    /// Whether process `pid` is gone (a live process, even another user's, counts as alive).
    static func isDead(_ pid: Int32) -> Bool { kill(pid, 0) != 0 && errno == ESRCH }

    static var processID: Int32 { getpid() }
}
