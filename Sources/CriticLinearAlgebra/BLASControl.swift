/// OpenBLAS's thread count, for fair per-core comparisons (`--threads 1`) and for the CLI.
public enum BLASControl {
    /// Limits OpenBLAS to `count` threads.
    public static func setThreads(_ count: Int) { BLAS.setThreads(max(1, count)) }
    /// The number of threads OpenBLAS uses now.
    public static var threads: Int { BLAS.threads }
}
