import Foundation
import Testing
import CriticSupport

struct AtomicFileTests {
    struct Refusal: Error {}

    /// A fresh folder, removed at the end of the test.
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func names(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    /// The PID of a process that has exited.
    static func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func writesAndReplacesWholeFiles() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var random = SeededGenerator(seed: 11)
        let path = folder + "/out.bin"
        for _ in 0..<5 {
            let bytes = Data((0..<random.nextInt(below: 5000)).map { _ in UInt8(random.nextInt(below: 256)) })
            try AtomicFile.write(bytes, to: path)
            #expect(FileManager.default.contents(atPath: path) == bytes)
            #expect(try Self.names(folder) == ["out.bin"])
        }
    }

    @Test func aFailedCheckLeavesTheOldFileAndNoTemporary() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/model"
        try AtomicFile.write(Data("old".utf8), to: path)
        #expect(throws: FileOutputError.self) {
            try AtomicFile.write(Data("new".utf8), to: path) { _ in throw Refusal() }
        }
        #expect(FileManager.default.contents(atPath: path) == Data("old".utf8))
        #expect(try Self.names(folder) == ["model"])
    }

    @Test func aFolderThatThrowsWhileFillingLeavesNoTemporary() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/b.bundle"
        try AtomicFile.writeFolder(at: path) { try Data("1".utf8).write(to: URL(fileURLWithPath: $0 + "/manifest.json")) }
        #expect(throws: Refusal.self) {
            try AtomicFile.writeFolder(at: path) { temporary in
                try Data("2".utf8).write(to: URL(fileURLWithPath: temporary + "/manifest.json"))
                throw Refusal()
            }
        }
        #expect(try Self.names(folder) == ["b.bundle"])
        #expect(FileManager.default.contents(atPath: path + "/manifest.json") == Data("1".utf8))
        // A successful write swaps the folder whole: nothing of the old one is left.
        try AtomicFile.writeFolder(at: path) { try Data("3".utf8).write(to: URL(fileURLWithPath: $0 + "/other")) }
        #expect(try Self.names(path) == ["other"])
        #expect(try Self.names(folder) == ["b.bundle"])
    }

    @Test func missingParentFoldersAreCreated() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try AtomicFile.write(Data("x".utf8), to: folder + "/a/b/c.txt")
        try AtomicFile.writeFolder(at: folder + "/d/e.bundle") { _ in }
        #expect(FileManager.default.fileExists(atPath: folder + "/a/b/c.txt"))
        #expect(FileManager.default.fileExists(atPath: folder + "/d/e.bundle"))
    }

    @Test func staleTemporariesOfDeadProcessesAreRemovedByTheNextWrite() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dead = try Self.deadProcessID()
        let live = ProcessInfo.processInfo.processIdentifier
        let staleFile = ".m.lm.critic-tmp-\(dead)-1a2b", staleFolder = ".b.bundle.critic-tmp-\(dead)-ff"
        let ours = ".x.critic-tmp-\(live)-9", unrelated = ".hidden-notes"
        for name in [staleFile, ours, unrelated] { _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("t".utf8)) }
        try FileManager.default.createDirectory(atPath: folder + "/" + staleFolder + "/critics", withIntermediateDirectories: true)
        try AtomicFile.write(Data("new".utf8), to: folder + "/other.lm")
        #expect(try Self.names(folder) == [ours, unrelated, "other.lm"].sorted())
    }

    @Test func foreignFilesAndInputsAreRefusedUnlessForced() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ours = folder + "/m.lm", foreign = folder + "/notes.txt", corpus = folder + "/corpus"
        try AtomicFile.write(Data("CRITICLM....".utf8), to: ours)
        try AtomicFile.write(Data("my notes".utf8), to: foreign)
        try AtomicFile.write(Data("a review".utf8), to: corpus + "/ada.txt")
        let isModel: (String) -> Bool = { OutputTarget.file($0, startsWith: Data("CRITICLM".utf8)) }
        try OutputTarget.check(folder + "/new.lm", kind: "a model", recognises: isModel, inputs: [corpus], force: false)
        try OutputTarget.check(ours, kind: "a model", recognises: isModel, inputs: [corpus], force: false)
        #expect(throws: FileOutputError.foreign(path: foreign, expected: "a model")) {
            try OutputTarget.check(foreign, kind: "a model", recognises: isModel, inputs: [], force: false)
        }
        #expect(throws: FileOutputError.isInput(path: corpus, input: corpus + "/ada.txt")) {
            try OutputTarget.check(corpus, kind: "a model", recognises: { _ in true }, inputs: [corpus + "/ada.txt"], force: false)
        }
        #expect(throws: FileOutputError.isInput(path: ours, input: ours)) {
            try OutputTarget.check(ours, kind: "a model", recognises: isModel, inputs: [ours], force: false)
        }
        try OutputTarget.check(foreign, kind: "a model", recognises: isModel, inputs: [foreign], force: true)
        #expect(FileOutputError.foreign(path: foreign, expected: "a model").description.hasPrefix(foreign + ": "))
    }
}
