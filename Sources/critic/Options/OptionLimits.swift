import ArgumentParser
import Foundation

/// Range and memory checks shared by the commands' `validate()`: every numeric option is finite
/// and within a range where the run can finish, and an option that implies an allocation is
/// refused before it is made when the machine cannot hold it.
enum OptionLimits {
    /// Most worker threads any option accepts (far above any machine's processors).
    static let maximumThreads = 1024

    static func require<T: Comparable>(_ value: T, in range: ClosedRange<T>, _ option: String, _ fix: String = "") throws {
        guard range.contains(value) else {
            throw ValidationError("\(option) must be between \(range.lowerBound) and \(range.upperBound), not \(value)\(fix.isEmpty ? "" : "; \(fix)").")
        }
    }

    static func requireThreads(_ threads: Int?, _ option: String = "--threads") throws {
        if let threads { try require(threads, in: 1...maximumThreads, option) }
    }

    /// Refuses an option whose implied memory, `bytes`, exceeds the machine's physical memory
    /// (in `validate()`: exit 64 with the usage).
    static func requireMemory(_ bytes: Double, for what: String, fix: String) throws {
        if let message = memoryShortfall(bytes, for: what, fix: fix) { throw ValidationError(message) }
    }

    /// The same check once a model is loaded and its shape known (in `run()`: exit 1).
    static func requireMemoryAtRun(_ bytes: Double, for what: String, fix: String) throws {
        if let message = memoryShortfall(bytes, for: what, fix: fix) { throw InsufficientMemory(description: message) }
    }

    struct InsufficientMemory: Error, CustomStringConvertible { let description: String }

    private static func memoryShortfall(_ bytes: Double, for what: String, fix: String) -> String? {
        let available = Double(ProcessInfo.processInfo.physicalMemory)
        guard bytes.isFinite, bytes <= available else {
            return "\(what) needs \(gigabytes(bytes)), this machine has \(gigabytes(available)); \(fix)."
        }
        return nil
    }

    static func gigabytes(_ bytes: Double) -> String {
        let value = bytes / 1_073_741_824
        return value >= 100 ? String(format: "%.0f GB", value) : String(format: "%.1f GB", value)
    }
}
