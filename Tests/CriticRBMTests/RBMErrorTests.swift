import Testing
@testable import CriticRBM

@Suite struct RBMErrorTests {
    @Test func shapeMismatchSaysWhatToDo() {
        let message = RBMError.shapeMismatch(expected: 5, found: 4, what: "reviews.npy").description
        #expect(message.contains("expected 5 columns, found 4"))
    }
}
