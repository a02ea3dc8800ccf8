import ArgumentParser
import Foundation
import Testing
@testable import critic

/// Pins the `--help` text of every subcommand: a change to any option shows up as a diff of
/// Tests/CriticCLITests/Help/*.txt. Regenerate them deliberately with
/// `CRITIC_UPDATE_HELP=1 swift test --filter HelpTests`.
@Suite struct HelpTests {
    /// Every command reachable from the root, with its path ("critic rbm train").
    static let commands: [(path: [String], type: ParsableCommand.Type)] = {
        var result: [(path: [String], type: ParsableCommand.Type)] = []
        func visit(_ type: ParsableCommand.Type, _ path: [String]) {
            result.append((path, type))
            for child in type.configuration.subcommands {
                visit(child, path + [child._commandName])
            }
        }
        visit(Critic.self, ["critic"])
        return result
    }()

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Help")

    @Test(arguments: commands.map(\.path))
    func helpIsPinned(_ path: [String]) throws {
        let type = Self.commands.first { $0.path == path }!.type
        let help = Critic.helpMessage(for: type, columns: 100) + "\n"
        let file = Self.folder.appendingPathComponent(path.joined(separator: "-") + ".txt")
        if ProcessInfo.processInfo.environment["CRITIC_UPDATE_HELP"] != nil {
            try help.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let pinned = try? String(contentsOf: file, encoding: .utf8)
        #expect(pinned != nil, "no pinned help for `\(path.joined(separator: " "))`: run CRITIC_UPDATE_HELP=1 swift test --filter HelpTests")
        #expect(help == pinned, "the help of `\(path.joined(separator: " "))` changed; if intended, regenerate the pinned files")
    }

    /// "Complete" help: an abstract for every command and a description for every option and argument.
    @Test(arguments: commands.map(\.path))
    func everyOptionIsDescribed(_ path: [String]) throws {
        let type = Self.commands.first { $0.path == path }!.type
        #expect(!type.configuration.abstract.isEmpty, "`\(path.joined(separator: " "))` has no abstract")
        let help = Critic.helpMessage(for: type, columns: 200)
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var inSection = false
        for (index, line) in lines.enumerated() {
            if line.hasSuffix(":") && !line.hasPrefix(" ") {
                inSection = line == "OPTIONS:" || line == "ARGUMENTS:"
                continue
            }
            guard inSection, line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
            // An entry is "  -n, --name <value> ...   description"; a long label puts the
            // description on the next line, indented.
            let entry = line.dropFirst(2)
            var rest = Substring(entry)
            while let word = rest.split(separator: " ", maxSplits: 1).first,
                  word.hasPrefix("-") || word.hasPrefix("<") || word == "..." {
                rest = rest.dropFirst(word.count).drop(while: { $0 == " " })
            }
            let hasInlineText = !rest.trimmingCharacters(in: .whitespaces).isEmpty
            let nextIsDescription = index + 1 < lines.count && lines[index + 1].hasPrefix("      ")
            #expect(hasInlineText || nextIsDescription,
                    "`\(path.joined(separator: " "))`: \(entry.trimmingCharacters(in: .whitespaces)) has no description")
        }
    }
}
