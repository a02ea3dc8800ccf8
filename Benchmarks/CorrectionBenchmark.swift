import CriticSupport
// Correction, fill and completion on held-out scaledata reviews of each critic (issue 16).
//
// Per critic: a seeded 90 / 10 split of his reviews; a modified Kneser–Ney trigram model of the 90 %.
// On each held-out review, seeded:
//   - typo: one word of ≥ 4 letters that the model knows gets one edit (deletion, insertion,
//     substitution, transposition, in turn) whose result is out of the vocabulary; success when
//     `NoisyChannelCorrector` puts the word back at that position;
//   - real-word: one such word is replaced by a vocabulary word one edit away ("from" → "form");
//     success when a correction lands at that position (and, reported too, restores the word);
//   - clean: the review as written; every correction is a false alarm;
//   - fill: one known word is masked; `fill` (both sides, whole review) against the successor
//     index's next words after the left context alone, top-1 and top-5;
//   - completion: greedy, no repeated trigram, from the first two words of the review;
//   - the real-word trade-off: detection against false alarms for α = 0.99 (default), 0.95, 0.9.
// Latency: `correct` on a 300-word review of held-out text with three typos, the model and index
// loaded, median of 21 runs.
//
// With CRITIC_BENCH_EXPORT=folder it also writes each critic's training text (train.<critic>.txt),
// every case (cases.tsv) and our answers, for Benchmarks/spell_reference.py to run symspellpy and
// pyspellchecker on the same cases with dictionaries counted from the same training text
// (Benchmarks/correction_compare.sh runs both).
import CriticCorpus
import CriticLM
import Foundation

enum CorrectionBenchmark {
    enum Edit: Int, CaseIterable {
        case deletion, insertion, substitution, transposition
        var name: String { ["deletion", "insertion", "substitution", "transposition"][rawValue] }
    }

    struct Case {
        var critic: String
        var kind: String  // typo, real-word
        var edit: Edit
        var position: Int
        var truth: String
        var typed: String
        var tokens: [String]  // the review as typed
        var ours: String = ""  // our word at the position after correction
        var flagged = false   // a correction at the position
        var falseAlarms = 0   // corrections elsewhere
    }

    static let letters = Array("abcdefghijklmnopqrstuvwxyz")

    static func isPlainWord(_ token: String) -> Bool {
        token.count >= 4 && token.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// A random single edit of `word` of the given type (nil when the type cannot apply).
    static func edit(_ word: String, _ type: Edit, using generator: inout SeededGenerator) -> String? {
        var characters = Array(word)
        switch type {
        case .deletion:
            characters.remove(at: generator.nextInt(below: characters.count))
        case .insertion:
            characters.insert(letters[generator.nextInt(below: 26)], at: generator.nextInt(below: characters.count + 1))
        case .substitution:
            let at = generator.nextInt(below: characters.count)
            let replacement = letters.filter { $0 != characters[at] }
            characters[at] = replacement[generator.nextInt(below: replacement.count)]
        case .transposition:
            let candidates = (0..<(characters.count - 1)).filter { characters[$0] != characters[$0 + 1] }
            guard !candidates.isEmpty else { return nil }
            let at = candidates[generator.nextInt(below: candidates.count)]
            characters.swapAt(at, at + 1)
        }
        return String(characters)
    }

    /// Every distinct single edit of `word` (all four types).
    static func allEdits(_ word: String) -> [(String, Edit)] {
        let characters = Array(word)
        var result: [(String, Edit)] = []
        var seen = Set<String>()
        func add(_ candidate: [Character], _ type: Edit) {
            let text = String(candidate)
            if text != word, seen.insert(text).inserted { result.append((text, type)) }
        }
        for at in characters.indices {
            var c = characters; c.remove(at: at); add(c, .deletion)
        }
        for at in 0...characters.count {
            for letter in letters { var c = characters; c.insert(letter, at: at); add(c, .insertion) }
        }
        for at in characters.indices {
            for letter in letters where letter != characters[at] { var c = characters; c[at] = letter; add(c, .substitution) }
        }
        for at in 0..<(characters.count - 1) where characters[at] != characters[at + 1] {
            var c = characters; c.swapAt(at, at + 1); add(c, .transposition)
        }
        return result
    }

    static func percent(_ part: Int, _ whole: Int) -> String { whole == 0 ? "n/a" : String(format: "%.1f %%", 100 * Double(part) / Double(whole)) }

    static func run() throws {
        let scaledata = GenerationBenchmark.scaledata
        guard FileManager.default.fileExists(atPath: scaledata.path) else {
            print("skipped: \(scaledata.path) is absent (the benchmark uses the scale dataset)")
            return
        }
        let export = ProcessInfo.processInfo.environment["CRITIC_BENCH_EXPORT"].map { URL(fileURLWithPath: $0) }
        if let export { try FileManager.default.createDirectory(at: export, withIntermediateDirectories: true) }
        var cases: [Case] = []
        var fillTotals = (cases: 0, top1: 0, top5: 0, leftTop1: 0, leftTop5: 0)
        var cleanTotals = (reviews: 0, words: 0, alarms: 0, knownWords: 0, knownAlarms: 0)
        var repeatedTrigrams = 0, completions = 0
        var latencies: [Double] = []
        let tradeOffAlphas = [0.99, 0.95, 0.9]
        var tradeOff = Array(repeating: (cases: 0, found: 0, knownWords: 0, alarms: 0), count: tradeOffAlphas.count)
        print("critic                 train  held-out   |V|   index: words  entries  built (s)")
        for critic in try FileManager.default.contentsOfDirectory(atPath: scaledata.path).sorted() {
            let text = try String(contentsOf: scaledata.appendingPathComponent("\(critic)/subj.\(critic)"), encoding: .utf8)
            var reviews = text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
            var generator = SeededGenerator(seed: 16)
            reviews.shuffle(using: &generator)
            let heldOutCount = reviews.count / 10
            let heldOut = Array(reviews.prefix(heldOutCount)), training = Array(reviews.dropFirst(heldOutCount))
            let vocabulary = Vocabulary(counting: training)
            let counts = try NGramCounts.counting(training.map { vocabulary.encode($0) }, order: 3)
            let model = try KneserNeyEstimator().estimate(counts, vocabulary: vocabulary).model
            let start = Date()
            let corrector = NoisyChannelCorrector(model: model)
            let built = Date().timeIntervalSince(start)
            let index = SuccessorIndex(model: model)
            print("\(critic.padding(toLength: 20, withPad: " ", startingAt: 0)) \(String(format: "%7d %9d %6d %13d %8d %10.2f", training.count, heldOut.count, vocabulary.count, corrector.index.wordCount, corrector.index.entryCount, built))")
            if let export {
                try Data(training.map { $0.joined(separator: " ") }.joined(separator: "\n").utf8)
                    .write(to: export.appendingPathComponent("train.\(critic).txt"))
            }
            for (number, review) in heldOut.enumerated() {
                let positions = review.indices.filter { isPlainWord(review[$0]) && vocabulary.contains(review[$0]) }
                guard !positions.isEmpty else { continue }
                // Typo: the edit types in turn, an out-of-vocabulary result.
                let type = Edit(rawValue: number % 4)!
                for _ in 0..<50 {
                    let position = positions[generator.nextInt(below: positions.count)]
                    guard let typed = edit(review[position], type, using: &generator), !vocabulary.contains(typed) else { continue }
                    var tokens = review
                    tokens[position] = typed
                    cases.append(Case(critic: critic, kind: "typo", edit: type, position: position, truth: review[position], typed: typed, tokens: tokens))
                    break
                }
                // Real-word: a vocabulary word one edit away.
                for position in positions.shuffled(using: &generator) {
                    let neighbours = allEdits(review[position]).filter { vocabulary.contains($0.0) && isPlainWord($0.0) }
                    guard !neighbours.isEmpty else { continue }
                    let (typed, type) = neighbours[generator.nextInt(below: neighbours.count)]
                    var tokens = review
                    tokens[position] = typed
                    cases.append(Case(critic: critic, kind: "real-word", edit: type, position: position, truth: review[position], typed: typed, tokens: tokens))
                    break
                }
                // Clean review: false alarms.
                let clean = corrector.correct(review)
                cleanTotals.reviews += 1
                cleanTotals.words += review.count
                cleanTotals.alarms += clean.corrections.count
                cleanTotals.knownWords += review.filter { vocabulary.contains($0) }.count
                cleanTotals.knownAlarms += clean.corrections.filter { vocabulary.contains($0.original) }.count
                // Fill: both sides against the left context alone.
                let masked = positions[generator.nextInt(below: positions.count)]
                let ids = vocabulary.encode(review)
                let left = Array(ids[..<masked]), right = Array(ids[(masked + 1)...])
                let filled = model.fill(left: left, right: right, top: 5).map(\.word)
                let leftOnly = index.nextWords(after: left, count: 5).map(\.word)
                fillTotals.cases += 1
                if filled.first == ids[masked] { fillTotals.top1 += 1 }
                if filled.contains(ids[masked]) { fillTotals.top5 += 1 }
                if leftOnly.first == ids[masked] { fillTotals.leftTop1 += 1 }
                if leftOnly.contains(ids[masked]) { fillTotals.leftTop5 += 1 }
                // Completion from the review's first two words: no repeated trigram.
                if number < 50, review.count >= 2 {
                    let prefix = Array(ids.prefix(2))
                    if let completion = index.complete(prefix, options: CompletionOptions(maxWords: 60)).first {
                        let all = prefix + completion.words
                        var seen = Set<[WordID]>()
                        completions += 1
                        for i in 0..<max(0, all.count - 2) where !seen.insert(Array(all[i..<(i + 3)])).inserted {
                            repeatedTrigrams += 1
                            break
                        }
                    }
                }
            }
            for index in cases.indices where cases[index].critic == critic {
                let result = corrector.correct(cases[index].tokens)
                cases[index].ours = result.tokens[cases[index].position]
                cases[index].flagged = result.corrections.contains { $0.position == cases[index].position }
                cases[index].falseAlarms = result.corrections.filter { $0.position != cases[index].position }.count
            }
            // The real-word trade-off: α = P(a word is typed right), the default 0.99 and lower.
            for (slot, alpha) in tradeOffAlphas.enumerated() {
                let standard = EditModel.standard
                let channel = EditModel(deletion: standard.logProbability(of: .deletion), insertion: standard.logProbability(of: .insertion),
                                        substitution: standard.logProbability(of: .substitution),
                                        transposition: standard.logProbability(of: .transposition), unchangedLogProbability: log(alpha))
                let variant = NoisyChannelCorrector(model: model, index: corrector.index, channel: channel)
                for item in cases where item.critic == critic && item.kind == "real-word" {
                    tradeOff[slot].cases += 1
                    if variant.correct(item.tokens).corrections.contains(where: { $0.position == item.position }) { tradeOff[slot].found += 1 }
                }
                for review in heldOut {
                    tradeOff[slot].knownWords += review.filter { vocabulary.contains($0) }.count
                    tradeOff[slot].alarms += variant.correct(review).corrections.filter { vocabulary.contains($0.original) }.count
                }
            }
            // Latency: 300 words of held-out text, three typos.
            var long = Array(heldOut.joined().prefix(300))
            for position in [40, 150, 260] where position < long.count && isPlainWord(long[position]) {
                long[position] = edit(long[position], .substitution, using: &generator) ?? long[position]
            }
            var times: [Double] = []
            for _ in 0..<21 {
                let t0 = DispatchTime.now().uptimeNanoseconds
                _ = corrector.correct(long)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            }
            latencies.append(times.sorted()[times.count / 2])
        }

        print("")
        print("Typo restored by the top proposal (ours), per critic and edit type:")
        let critics = Array(Set(cases.map(\.critic))).sorted()
        for critic in critics + ["all"] {
            let mine = cases.filter { $0.kind == "typo" && (critic == "all" || $0.critic == critic) }
            let byType = Edit.allCases.map { type in
                let some = mine.filter { $0.edit == type }
                return "\(type.name) \(percent(some.filter { $0.ours == $0.truth }.count, some.count))"
            }
            print("  \(critic.padding(toLength: 20, withPad: " ", startingAt: 0)) \(percent(mine.filter { $0.ours == $0.truth }.count, mine.count)) of \(mine.count)   (\(byType.joined(separator: ", ")))")
        }
        let real = cases.filter { $0.kind == "real-word" }
        print("Real-word substitution (one edit, another vocabulary word):")
        for critic in critics + ["all"] {
            let mine = real.filter { critic == "all" || $0.critic == critic }
            print("  \(critic.padding(toLength: 20, withPad: " ", startingAt: 0)) found at the right position \(percent(mine.filter(\.flagged).count, mine.count)), restored \(percent(mine.filter { $0.ours == $0.truth }.count, mine.count)) of \(mine.count); corrections elsewhere: \(mine.reduce(0) { $0 + $1.falseAlarms })")
        }
        print("Clean held-out reviews: \(cleanTotals.alarms) corrections in \(cleanTotals.reviews) reviews (\(cleanTotals.words) words): "
              + String(format: "%.2f per review, %.3f %% of words", Double(cleanTotals.alarms) / Double(max(cleanTotals.reviews, 1)), 100 * Double(cleanTotals.alarms) / Double(max(cleanTotals.words, 1))))
        print(String(format: "  of which on words the model knows (real-word false alarms): %d, %.3f %% of the %d known words; the rest replace words outside the vocabulary",
                     cleanTotals.knownAlarms, 100 * Double(cleanTotals.knownAlarms) / Double(max(cleanTotals.knownWords, 1)), cleanTotals.knownWords))
        print("Real-word trade-off, α = P(a word is typed right) (the default is 0.99):")
        for (alpha, row) in zip(tradeOffAlphas, tradeOff) {
            print(String(format: "  α = %.2f: found at the right position %@; false alarms on known words of clean reviews %.3f %%",
                         alpha, percent(row.found, row.cases), 100 * Double(row.alarms) / Double(max(row.knownWords, 1))))
        }
        print("Fill, one known word masked in each held-out review (\(fillTotals.cases) reviews):")
        print("  both sides, whole review: top-1 \(percent(fillTotals.top1, fillTotals.cases)), top-5 \(percent(fillTotals.top5, fillTotals.cases))")
        print("  left context only:        top-1 \(percent(fillTotals.leftTop1, fillTotals.cases)), top-5 \(percent(fillTotals.leftTop5, fillTotals.cases))")
        print(String(format: "  difference: top-1 %+.1f points, top-5 %+.1f points",
                     100 * Double(fillTotals.top1 - fillTotals.leftTop1) / Double(max(fillTotals.cases, 1)),
                     100 * Double(fillTotals.top5 - fillTotals.leftTop5) / Double(max(fillTotals.cases, 1))))
        print("Greedy completions (60 words, no repeated trigram) with a repeated trigram: \(repeatedTrigrams) of \(completions)")
        print("correct on a 300-word review, model and index loaded, median of 21: "
              + zip(critics, latencies).map { String(format: "%@ %.1f ms", $0, $1) }.joined(separator: ", "))

        if let export {
            var lines = ["critic\tkind\tedit\tposition\ttruth\ttyped\tours\tflagged\tfalse_alarms\tleft\tright"]
            for item in cases {
                let left = item.tokens[..<item.position].suffix(3).joined(separator: " ")
                let right = item.tokens[(item.position + 1)...].prefix(3).joined(separator: " ")
                lines.append([item.critic, item.kind, item.edit.name, String(item.position), item.truth, item.typed, item.ours,
                              item.flagged ? "1" : "0", String(item.falseAlarms), left, right].joined(separator: "\t"))
            }
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: export.appendingPathComponent("cases.tsv"))
            print("cases and training texts written to \(export.path)")
        }
    }
}
