import Foundation
import Testing
import CriticKit
@testable import CriticPlots

@Suite struct SVGDocumentTests {
    @Test func escapesMarkupAndReplacesCharactersXMLForbids() {
        #expect(SVGFormat.escape("a<b & \"c\" 'd' >") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos; &gt;")
        #expect(SVGFormat.escape("bell\u{07}, nul\u{00}, ok\ttab") == "bell\u{FFFD}, nul\u{FFFD}, ok\ttab")
        #expect(SVGFormat.escape("\u{FFFE}é") == "\u{FFFD}é")
    }

    @Test func numbersAreShortAndLocaleFree() {
        #expect(SVGFormat.number(0) == "0")
        #expect(SVGFormat.number(-0.0) == "0")
        #expect(SVGFormat.number(-0.001) == "0")
        #expect(SVGFormat.number(12.5) == "12.5")
        #expect(SVGFormat.number(3) == "3")
        #expect(SVGFormat.number(-0.25) == "-0.25")
        #expect(SVGFormat.number(0.1 + 0.2) == "0.3")
        #expect(SVGFormat.number(1_234_567.891) == "1234567.89")
        #expect(SVGFormat.number(0.004999) == "0")
        #expect(SVGFormat.number(0.005001) == "0.01")
        #expect(SVGFormat.number(2.675, decimals: 0) == "3")
        #expect(SVGFormat.number(0.0625, decimals: 4) == "0.0625")
        #expect(SVGFormat.number(-7.5, decimals: 0) == "-8")
    }

    @Test func groupsThousandsAndFormatsPercentages() {
        #expect(SVGFormat.grouped(0) == "0")
        #expect(SVGFormat.grouped(999) == "999")
        #expect(SVGFormat.grouped(5_006) == "5,006")
        #expect(SVGFormat.grouped(1_234_567) == "1,234,567")
        #expect(SVGFormat.percent(0.873) == "87.3%")
        #expect(SVGFormat.percent(1) == "100.0%")
        #expect(SVGFormat.percent(0) == "0.0%")
    }

    @Test func hostileTextSurvivesARoundTripThroughAnXMLParser() {
        let nasty = "Siskel & Ebert <b>\"two thumbs\"</b> 'up' \u{01}]]>"
        var document = SVGDocument(width: 100, height: 50, title: nasty)
        document.append(.text(nasty, x: 1, y: 2, size: 10))
        document.append(.rect(x: 0, y: 0, width: 10, height: 10, fill: "#000000", title: nasty))
        document.append(SVGElement(name: "g", attributes: [("data-note", nasty)]))
        let parsed = parseSVG(document.render())
        #expect(parsed.error == nil)
        let expected = nasty.replacingOccurrences(of: "\u{01}", with: "\u{FFFD}")
        #expect(parsed.texts == [expected])
        #expect(parsed.titles == [expected, expected])
        #expect(parsed.elements.first { $0.name == "g" }?.attributes["data-note"] == expected)
        #expect(parsed.rootAttributes["viewBox"] == "0 0 100 50")
    }

    @Test func rotatedTextTurnsAboutItsAnchor() {
        let element = SVGElement.text("label", x: 10.5, y: 20, size: 12, anchor: .end, rotation: -45)
        let attributes = Dictionary(uniqueKeysWithValues: element.attributes.map { ($0.name, $0.value) })
        #expect(attributes["transform"] == "rotate(-45 10.5 20)")
        #expect(attributes["text-anchor"] == "end")
    }

    @Test func writesAtomicallyAndCreatesMissingFolders() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("svg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let document = SVGDocument(width: 10, height: 10, elements: [.circle(cx: 5, cy: 5, r: 2, fill: "#E69F00")])
        let url = folder.appendingPathComponent("dot.svg")
        try document.write(to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == document.render())
        // Writing again replaces the file whole; nothing else is left in the folder.
        try document.write(to: url)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["dot.svg"])

        // Missing folders are created, as for every output; a folder that cannot be made fails.
        let missing = folder.appendingPathComponent("no/such/folder/dot.svg")
        try document.write(to: missing)
        #expect(try String(contentsOf: missing, encoding: .utf8) == document.render())
        let underAFile = url.appendingPathComponent("dot.svg")
        #expect {
            try document.write(to: underAFile)
        } throws: { error in
            guard case .cannotWrite(let path, _) = error as? PlotError else { return false }
            return path == underAFile.path && "\(error)".contains("check that the folder exists")
        }
    }
}

@Suite struct NiceScaleTests {
    @Test func handPickedRanges() {
        let unit = NiceScale(minimum: 0.13, maximum: 0.87)
        #expect(unit.step == 0.2)
        #expect(unit.lower == 0 && unit.upper == 1)
        #expect(unit.ticks.map(unit.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])

        let epochs = NiceScale(minimum: 1, maximum: 20, maxTicks: 6, integerSteps: true)
        #expect(epochs.step == 5)
        #expect(epochs.ticks == [0, 5, 10, 15, 20])
        #expect(epochs.ticks.map(epochs.label) == ["0", "5", "10", "15", "20"])

        let few = NiceScale(minimum: 1, maximum: 3, integerSteps: true)
        #expect(few.step == 1)
        #expect(few.ticks == [1, 2, 3])

        let negative = NiceScale(minimum: -143.9, maximum: -128.6)
        #expect(negative.step == 5)
        #expect(negative.ticks.first == -145 && negative.ticks.last == -125)
        #expect(negative.label(-145) == "\u{2212}145")

        let huge = NiceScale(minimum: -4e5, maximum: 2.1e6, maxTicks: 8)
        #expect(huge.ticks.map(huge.label) == ["\u{2212}500,000", "0", "500,000", "1,000,000", "1,500,000", "2,000,000", "2,500,000"])

        let small = NiceScale(minimum: 0.012, maximum: 0.031)
        #expect(small.step == 0.005)
        #expect(small.label(small.ticks[0]) == "0.010")
        #expect(small.ticks.map(small.label).last == "0.035")
    }

    @Test func degenerateAndNonFiniteRanges() {
        let one = NiceScale(minimum: 5, maximum: 5)
        #expect(one.lower < 5 && one.upper > 5)
        let zero = NiceScale(minimum: 0, maximum: 0)
        #expect(zero.lower <= -1 && zero.upper >= 1)
        let nan = NiceScale(minimum: .nan, maximum: 3)
        #expect(nan.lower == 0 && nan.upper == 1)
        let reversed = NiceScale(minimum: 10, maximum: 0)
        #expect(reversed.lower == 0 && reversed.upper == 10)
    }

    @Test func niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(NiceScale.niceStep(atLeast: 0.148) == 0.2)
        #expect(NiceScale.niceStep(atLeast: 3) == 5)
        #expect(NiceScale.niceStep(atLeast: 5) == 5)
        #expect(NiceScale.niceStep(atLeast: 5.01) == 10)
        #expect(NiceScale.niceStep(atLeast: 1) == 1)
        #expect(NiceScale.niceStep(atLeast: 0.0007) == 0.001)
    }

    /// Over many seeded random ranges: the axis covers the data, ends on ticks, respects the tick
    /// budget (3 at least, for ranges across zero), steps by 1-2-5, labels every tick differently.
    @Test func propertiesOverRandomRanges() {
        var state: UInt64 = 20_260_123
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<2_000 {
            let magnitude = pow(10, uniform() * 12 - 6)
            let a = (uniform() * 2 - 1) * magnitude, b = (uniform() * 2 - 1) * magnitude
            let maxTicks = 2 + Int(uniform() * 9)
            let scale = NiceScale(minimum: a, maximum: b, maxTicks: maxTicks)
            #expect(scale.lower <= min(a, b) && scale.upper >= max(a, b))
            #expect(scale.ticks.count >= 2 && scale.ticks.count <= max(maxTicks, 3))
            #expect(scale.ticks.first == scale.lower && scale.ticks.last == scale.upper)
            let mantissa = scale.step / pow(10, log10(scale.step).rounded(.down))
            #expect([1.0, 2, 5].contains { abs(mantissa - $0) < 1e-9 })
            let labels = scale.ticks.map(scale.label)
            #expect(Set(labels).count == labels.count, "labels \(labels) for step \(scale.step)")
        }
    }
}
