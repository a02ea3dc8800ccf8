import Foundation
@testable import CriticCorpus

/// A temporary folder for one test's fixture files, removed when the test ends.
final class CorpusTestFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "critickit-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` as UTF-8 to `name` (a relative path; folders are created) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let full = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    func folder(_ name: String) throws -> String {
        let full = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }
}

/// ../shared/data next to the package root (the folder holding Package.swift), when present.
enum CorpusTestData {
    static let root: String = {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data").path
    }()

    static func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

    static func exists(_ relative: String) -> Bool {
        let present = FileManager.default.fileExists(atPath: path(relative))
        if !present { print("note: skipping a test on real data: \(path(relative)) is absent") }
        return present
    }
}

/// Every review of `path` with the report.
func readCorpus(_ path: String, _ options: CorpusReadOptions = CorpusReadOptions()) throws -> ([Review], CorpusReadReport) {
    try CorpusReader(path: path, options: options).readAll()
}

/// The error reading `path` throws, or nil.
func corpusError(_ path: String, _ options: CorpusReadOptions = CorpusReadOptions()) -> CorpusError? {
    do { _ = try readCorpus(path, options); return nil } catch { return error as? CorpusError }
}
