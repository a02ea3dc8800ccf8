// Generation on a trigram model of all of scaledata: greedy and sampling steps through the
// successor index, against the vocabulary scan they replace (measured in the same run), and
// 1,000 generated reviews.
import CriticCorpus
import CriticLM
import CriticSupport
import Foundation

enum GenerationBenchmark {
    /// ../shared/data/scaledata/scaledata next to the package root.
    static var scaledata: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data/scaledata/scaledata")
    }

    /// CPU seconds of this thread spent in `body`: the machine is shared by several developers'
    /// builds, and wall time would measure them too. (Cache contention still shows.)
    static func seconds(_ body: () -> Void) -> Double {
        let start = cpuTime(), wallStart = DispatchTime.now().uptimeNanoseconds
        body()
        lastWall = Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9
        return cpuTime() - start
    }

    nonisolated(unsafe) static var lastWall = 0.0

    static func cpuTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func run() throws {
        guard FileManager.default.fileExists(atPath: scaledata.path) else {
            print("skipped: \(scaledata.path) is absent (the benchmark trains on the scale dataset)")
            return
        }
        // Every review of the four critics, lines as they are, tokens split on spaces.
        var reviews: [[String]] = []
        for critic in try FileManager.default.contentsOfDirectory(atPath: scaledata.path).sorted() {
            let text = try String(contentsOf: scaledata.appendingPathComponent("\(critic)/subj.\(critic)"), encoding: .utf8)
            for line in text.split(separator: "\n") { reviews.append(line.split(separator: " ").map(String.init)) }
        }
        let vocabulary = Vocabulary(counting: reviews)
        let sequences = reviews.map { vocabulary.encode($0) }
        var model: NGramModel!
        let trainTime = try {
            var result: NGramModel!
            let time = try seconds2 { result = try KneserNeyEstimator().estimate(NGramCounts.counting(sequences, order: 3), vocabulary: vocabulary).model }
            model = result
            return time
        }()
        var index: SuccessorIndex!
        let indexTime = seconds { index = SuccessorIndex(model: model) }
        print("model: \(sequences.count) reviews, \(sequences.reduce(0) { $0 + $1.count }) tokens, |V| = \(vocabulary.count), n-grams \(model.ngramCounts); trained in \(format(trainTime)) s, indexed in \(format(indexTime)) s")

        // Contexts met in generation: review prefixes at seeded random positions.
        var generator = SeededGenerator(seed: 7)
        let histories: [[WordID]] = (0..<2000).map { _ in
            let review = sequences[generator.nextInt(below: sequences.count)]
            return [Vocabulary.beginID] + review.prefix(generator.nextInt(below: review.count + 1)).suffix(2)
        }
        var sink: UInt64 = 0
        // Greedy step: the context, then its most likely word.
        let repeats = 50
        let greedy = seconds {
            for _ in 0..<repeats {
                for history in histories { sink &+= UInt64(index.mostLikelyWord(in: index.context(after: history))!.word) }
            }
        } / Double(repeats * histories.count)
        // Sampling step: the context, then a draw.
        let sampling = seconds {
            for _ in 0..<repeats {
                for history in histories { sink &+= UInt64(index.sample(in: index.context(after: history), using: &generator)!) }
            }
        } / Double(repeats * histories.count)
        // References: the vocabulary scan (argmax, and inverse-CDF sampling over every word).
        let scanned = histories.prefix(100)
        let scanArgmax = seconds {
            for history in scanned {
                var best = (-Double.infinity, WordID(0))
                for word in WordID(2)..<WordID(vocabulary.count) {
                    let value = model.log10Probability(of: word, context: history)
                    if value > best.0 { best = (value, word) }
                }
                sink &+= UInt64(best.1)
            }
        } / Double(scanned.count)
        let scanSampling = seconds {
            var weights = [Double](repeating: 0, count: vocabulary.count)
            for history in scanned {
                var total = 0.0
                for word in 2..<vocabulary.count {
                    total += pow(10, model.log10Probability(of: WordID(word), context: history))
                    weights[word] = total
                }
                let u = generator.nextUnitDouble() * total
                sink &+= UInt64(weights.firstIndex { $0 > u } ?? 2)
            }
        } / Double(scanned.count)
        print("greedy step:   \(format(greedy * 1e6)) µs   (vocabulary scan \(format(scanArgmax * 1e6)) µs: \(format(scanArgmax / greedy))× faster)")
        print("sampling step: \(format(sampling * 1e6)) µs   (vocabulary scan \(format(scanSampling * 1e6)) µs: \(format(scanSampling / sampling))× faster)")

        // Reshaped distributions, for the record.
        for (label, options, count) in [("top-k 40", SamplingOptions(topK: 40), 2000), ("top-p 0.9", SamplingOptions(topP: 0.9), 2000),
                                        ("temperature 0.8 (exact, scans)", SamplingOptions(temperature: 0.8), 200)] {
            let time = seconds {
                for history in histories.prefix(count) {
                    sink &+= UInt64(index.sampleNext(in: index.context(after: history), options: options, using: &generator)!)
                }
            } / Double(count)
            print("\(label) step: \(format(time * 1e6)) µs")
        }

        // 1,000 reviews from <s>, seeded.
        var reviewGenerator = SeededGenerator(seed: 42)
        var words = 0, ended = 0
        let thousand = seconds {
            for _ in 0..<1000 {
                let review = index.generate(maxWords: 1000, using: &reviewGenerator)
                words += review.words.count
                ended += review.ended ? 1 : 0
            }
        }
        print("1,000 reviews: \(format(thousand)) s CPU (\(format(lastWall)) s wall), \(words) words (\(format(Double(words) / 1000)) per review, \(ended) ended), \(format(thousand / Double(words + ended) * 1e6)) µs per word; the same words by vocabulary-scan sampling: ~\(format(scanSampling * Double(words + ended))) s (\(format(scanSampling * Double(words + ended) / thousand))×)")
        if sink == 42 { print("") }  // keeps the work observable
    }

    static func seconds2(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func format(_ x: Double) -> String { String(format: x >= 100 ? "%.0f" : x >= 10 ? "%.1f" : "%.2f", x) }
}
