import Testing
@testable import CriticKit

@Suite struct CriticKitTests {
    @Test func reExportsTheModules() throws {
        // One import gives the corpus module's types.
        let vocabulary = Vocabulary(tokens: ["film"])
        #expect(vocabulary.id(of: "film") == 3)
        #expect(criticKitVersion.split(separator: ".").count == 3)
    }
}
