import Testing
@testable import CriticLM

@Suite struct LanguageModelErrorTests {
    @Test func messagesNameTheFileAndTheFix() {
        let message = LanguageModelError.malformedARPA(path: "m.arpa", line: 7, message: "expected \\data\\").description
        #expect(message.hasPrefix("m.arpa:7: "))
        #expect(message.contains("ARPA"))
    }
}
