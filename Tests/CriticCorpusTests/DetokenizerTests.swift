import CriticSupport
import Testing
import CriticCorpus

@Suite struct DetokenizerTests {
    let plain = Detokenizer()

    @Test func punctuationAndCliticsStickToTheWordBefore() {
        #expect(plain.detokenize(["the", "film", ",", "however", ",", "is", "long", "."]) == "the film, however, is long.")
        #expect(plain.detokenize(["is", "it", "good", "?", "yes", "!", "no", ";", "maybe", ":", "fine"]) == "is it good? yes! no; maybe: fine")
        #expect(plain.detokenize(["it", "does", "n't", "work", ",", "and", "it", "'s", "long"]) == "it doesn't work, and it's long")
        #expect(plain.detokenize(["it's", "a", "100", "%", "bore", "..."]) == "it's a 100% bore...")
    }

    @Test func bracketsAndQuotes() {
        #expect(plain.detokenize(["a", "film", "(", "sort", "of", ")", "indeed"]) == "a film (sort of) indeed")
        // straight quotes alternate: opening, then closing
        #expect(plain.detokenize(["he", "said", "\"", "your", "geyser's", "a", "geezer", ",", "\"", "and", "left"])
                == "he said \"your geyser's a geezer,\" and left")
        #expect(plain.detokenize(["“", "wow", "”", "she", "said"]) == "“wow” she said")
        #expect(plain.detokenize(["a", "car", "--", "maybe", "more"]) == "a car -- maybe more")
    }

    @Test func edgesAndCapitalisation() {
        #expect(plain.detokenize([]) == "")
        #expect(plain.detokenize([",", "starts", "oddly"]) == ", starts oddly")
        #expect(plain.detokenize(["(", "aside", ")"]) == "(aside)")
        let capitalised = Detokenizer(capitalizeSentences: true)
        #expect(capitalised.detokenize(["the", "film", "is", "long", ".", "i", "liked", "it", "!", "\"", "wow", "\"", "said", "i'm"])
                == "The film is long. I liked it! \"Wow\" said I'm")
        #expect(capitalised.detokenize(["3", "stars", ".", "(", "seen", "twice", ")"]) == "3 stars. (Seen twice)")
    }
}

@Suite struct SeededGeneratorTests {
    @Test func sameSeedSameStreamOtherSeedOtherStream() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let first = (0..<100).map { _ in a.next() }
        #expect(first == (0..<100).map { _ in b.next() })
        #expect(first != (0..<100).map { _ in c.next() })
        #expect(Set(first).count == 100)
    }

    /// xoshiro256** from a state set by SplitMix64(0): the first outputs, computed independently
    /// from the reference C code's arithmetic (Blackman & Vigna).
    @Test func matchesTheReferenceAlgorithm() {
        var state: UInt64 = 0
        func splitMix() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var s = [splitMix(), splitMix(), splitMix(), splitMix()]
        func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
        func reference() -> UInt64 {
            let result = rotl(s[1] &* 5, 7) &* 9
            let t = s[1] << 17
            s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
            return result
        }
        var generator = SeededGenerator(seed: 0)
        for _ in 0..<1000 { #expect(generator.next() == reference()) }
    }

    @Test func boundedIntegersAreUniformAndUnitDoublesInRange() {
        var generator = SeededGenerator(seed: 5)
        var counts = [Int](repeating: 0, count: 7)
        let draws = 70_000
        for _ in 0..<draws { counts[generator.nextInt(below: 7)] += 1 }
        // χ² with 6 degrees of freedom: 22.46 is the 0.001 critical value
        let chiSquare = counts.reduce(0.0) { $0 + pow2(Double($1) - 10_000) / 10_000 }
        #expect(chiSquare < 22.46, "χ² = \(chiSquare)")
        for _ in 0..<10_000 {
            let u = generator.nextUnitDouble()
            #expect(u >= 0 && u < 1)
        }
        var split = generator.split()
        #expect(split.next() != generator.next())
    }

    private func pow2(_ x: Double) -> Double { x * x }
}
