import Foundation

/// A value guarded by a lock, for results gathered from `DispatchQueue.concurrentPerform`.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

/// A shared work counter: each call hands out the next index.
final class AtomicCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        let current = value
        value += 1
        return current
    }
}

enum ProcessInfoLite {
    static var activeProcessorCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}
