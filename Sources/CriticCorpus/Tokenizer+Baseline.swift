extension Tokenizer {
    /// ICU's word breaker alone over `text` (no normalization, no filtering, no tokens): the
    /// number of segments that do not start with ASCII white space.
    ///
    /// This is the floor the tokenizer's own cost is measured against (the `tokenizer` benchmark
    /// reports the pipeline's overhead over it); it uses the same iterator as `tokenize`.
    ///
    /// - Complexity: O(n) in the length of the text.
    public func rawSegmentCount(_ text: UnsafeBufferPointer<UInt8>) throws(CorpusError) -> Int {
        try breaker.countSegments(text)
    }
}
