import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporaries of the atomic writer that exist right now, removed if the process is stopped
/// by SIGINT or SIGTERM; and those a killed process left behind, recognised by name.
///
/// A temporary of output `NAME` is `.NAME.critic-tmp-PID-RANDOM` in the output's folder. A
/// `kill -9` gives no chance to clean up, so every write first removes the temporaries in its
/// folder whose PID is no longer alive (a PID reused by a live process only delays that).
///
/// Signals use the self-pipe trick: the handler only writes the signal number to a pipe (all a
/// handler may safely do); a dedicated thread reads it, removes the temporaries with ordinary
/// code, then restores the default action and raises the signal again, so the process still
/// ends as killed by it.
enum Temporaries {
    static let marker = ".critic-tmp-"

    /// A fresh temporary name for output `name`, in the same folder.
    static func name(for name: String) -> String {
        ".\(name)\(marker)\(FileSystem.processID)-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }

    /// The PID in a temporary's name, or nil for any other name.
    static func processID(inName name: String) -> Int32? {
        guard name.hasPrefix("."), let range = name.range(of: marker, options: .backwards) else { return nil }
        let parts = name[range.upperBound...].split(separator: "-")
        guard parts.count == 2, let pid = Int32(parts[0]), pid > 0, UInt32(parts[1], radix: 16) != nil else { return nil }
        return pid
    }

    /// Removes the temporaries in `folder` left by processes that are gone.
    static func removeStale(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            guard let pid = processID(inName: name), pid != FileSystem.processID, FileSystem.isDead(pid) else { continue }
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }

    /// Records `path` as live, after `create` has made what the write needs on disk (the folders
    /// on the way, the temporary folder). Both happen under the lock that the signal cleanup
    /// holds until the process ends, so that nothing is created after the cleanup has run.
    static func register(_ path: String, create: () throws(FileOutputError) -> Void) throws(FileOutputError) {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        if !registry.handlersInstalled {
            installHandlers()
            registry.handlersInstalled = true
        }
        try create()
        registry.live.insert(path)
    }

    static func unregister(_ path: String) {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        registry.live.remove(path)
    }

    /// Removes `path` (a file or a folder) and forgets it.
    static func discard(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
        unregister(path)
    }

    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var live: Set<String> = []
        var handlersInstalled = false
    }

    private static let registry = Registry()

    private static func installHandlers() {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { return }
        signalPipe = descriptors[1]
        let reader = descriptors[0]
        let thread = Thread {
            var number: Int32 = 0
            while read(reader, &number, MemoryLayout<Int32>.size) != MemoryLayout<Int32>.size {
                if errno != EINTR { return }
            }
            // The lock is never released: no write may start or create anything from now on.
            registry.lock.lock()
            // Other threads run on meanwhile (one may be removing the same folder, or adding a
            // file to it), so a removal that fails half-way is tried again.
            for path in registry.live {
                for _ in 0..<20 where FileManager.default.fileExists(atPath: path) {
                    try? FileManager.default.removeItem(atPath: path)
                }
            }
            _ = signal(number, SIG_DFL)
            raise(number)
        }
        thread.start()
        for number in [SIGINT, SIGTERM] {
            _ = signal(number) { received in
                var received = received
                _ = write(signalPipe, &received, MemoryLayout<Int32>.size)
            }
        }
    }
}

/// The write end of the signal pipe: set once, before the handlers that read it are installed.
nonisolated(unsafe) private var signalPipe: Int32 = -1
