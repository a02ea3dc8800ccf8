import CriticSupport
import Foundation
import Testing
@testable import CriticRBM
import CriticCorpus

/// Acceptance 2: AIS against exact enumeration, from two bases, and parity with `rbm_ref.py`.
@Suite struct EvaluationTests {
    /// A small trained model (V = 120, H = 16) and its data.
    static let trained: (model: BernoulliRBM, data: BinaryMatrix) = {
        let (data, _) = syntheticCorpus(documents: 600, vocabulary: 120, classes: 4, seed: 5)
        let options = RBMTrainingOptions(hiddenCount: 16, epochs: 15, batchSize: 20, learningRate: 0.1, seed: 1)
        let model = try! BernoulliRBM.fit(data, options: options).model
        return (model, data)
    }()

    @Test func aisAgreesWithExactEnumerationOnATrainedModel() throws {
        let (model, data) = Self.trained
        let exact = try model.exactLogPartition()
        let report = model.estimateLogPartition(data: data, runs: 100, temperatures: 4_000, seed: 3)
        #expect(abs(report.logPartition - exact) < 0.5, "AIS \(report.logPartition) vs exact \(exact)")
        #expect(report.logPartition == max(report.baseRate.logPartition, report.uniform.logPartition))
        #expect(report.baseRate.lower <= report.baseRate.logPartition && report.baseRate.logPartition <= report.baseRate.upper)
        #expect(!report.disagrees)
        // The average log-likelihood beats the independent-words model the RBM started from.
        let baseRate = BernoulliRBM(visibleCount: 120, hiddenCount: 1, weights: [Float](repeating: 0, count: 120),
                                    visibleBias: BernoulliRBM.baseRateBiases(data), hiddenBias: [0])
        let independent = baseRate.averageLogLikelihood(data, logPartition: try baseRate.exactLogPartition())
        #expect(model.averageLogLikelihood(data, logPartition: exact) > independent + 1)
    }

    @Test func aisIsExactForTheBaseModelItself() {
        // With W = 0 and b = b_A every importance weight is 1: log Ẑ = log Z_A exactly.
        let bias: [Float] = (0..<50).map { Float($0 % 7) - 3 }
        let model = BernoulliRBM(visibleCount: 50, hiddenCount: 8, weights: [Float](repeating: 0, count: 400),
                                 visibleBias: bias, hiddenBias: [Float](repeating: 0, count: 8))
        var generator = SeededGenerator(seed: 1)
        let estimate = model.annealedImportanceSampling(baseVisibleBias: bias, runs: 20, temperatures: 200,
                                                        generator: &generator)
        #expect(abs(estimate.logPartition - (try! model.exactLogPartition())) < 1e-4)
        #expect(abs(estimate.effectiveSampleSize - 20) < 1e-6)
    }

    @Test func twoBasesCatchASaturatedModel() throws {
        // A model whose mass sits far from the data's marginals: every unit strongly coupled, the
        // data nearly empty. The base-rate chains start in the wrong place.
        let (v, h) = (60, 12)
        let model = BernoulliRBM(visibleCount: v, hiddenCount: h, weights: [Float](repeating: 0.6, count: v * h),
                                 visibleBias: [Float](repeating: -3.5, count: v),
                                 hiddenBias: [Float](repeating: -18, count: h))
        let sparseData = BinaryMatrix(rows: (0..<200).map { [$0 % v] }, columnCount: v)
        let exact = try model.exactLogPartition()
        let report = model.estimateLogPartition(data: sparseData, runs: 100, temperatures: 3_000, seed: 4)
        #expect(abs(report.logPartition - exact) < 1, "two-base AIS \(report.logPartition) vs exact \(exact)")
        #expect(report.disagrees, "the base-rate run should visibly miss the mode here")
        print("saturated model: exact \(exact), base-rate \(report.baseRate.logPartition), uniform \(report.uniform.logPartition)")
    }

    @Test func sameSeedSameEstimate() {
        let (model, data) = Self.trained
        let first = model.estimateLogPartition(data: data, runs: 10, temperatures: 300, seed: 8)
        let second = model.estimateLogPartition(data: data, runs: 10, temperatures: 300, seed: 8)
        #expect(first.logPartition == second.logPartition)
    }

    @Test func exactEvaluationRefusesWideModels() {
        let model = BernoulliRBM(visibleCount: 30, hiddenCount: 25, weights: [Float](repeating: 0, count: 750),
                                 visibleBias: [Float](repeating: 0, count: 30), hiddenBias: [Float](repeating: 0, count: 25))
        #expect(throws: RBMError.tooLargeForExactEvaluation(units: 25)) { try model.exactLogPartition() }
    }
}

/// Parity with the independent numpy reference, when a Python with numpy and scipy is at hand.
@Suite struct ReferenceParityTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let script = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/bench/rbm_ref.py")
    static let python: String? = {
        let candidates = [NSHomeDirectory() + "/benchenv/bin/python"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    // Runs only where ../shared/bench/rbm_ref.py and ~/benchenv (numpy, scipy) exist; the Swift-only
    // tests above check the same quantities against brute-force enumeration.
    @Test(.enabled(if: python != nil && FileManager.default.fileExists(atPath: script.path)))
    func freeEnergyAndExactLogZMatchRbmRef() throws {
        let (model, data) = EvaluationTests.trained
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rbm-parity-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let params = folder.appendingPathComponent("params.npz").path
        let matrix = folder.appendingPathComponent("data.npz").path
        let output = folder.appendingPathComponent("result.json").path
        try AtomicFile.write(NumPyFile.encodeParameters(model), to: params)
        try AtomicFile.write(NumPyFile.encodeCSR(data), to: matrix)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python!)
        process.arguments = [Self.script.path, "eval", "--params", params, "--data", matrix, "--exact", "--out", output]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "rbm_ref.py failed")
        let result = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as! [String: Any]
        let referenceFreeEnergy = result["mean_free_energy_train"] as! Double
        let referenceLogZ = result["logZ_exact"] as! Double
        let freeEnergy = model.freeEnergies(data).reduce(0, +) / Double(data.rowCount)
        let logZ = try model.exactLogPartition()
        #expect(abs(freeEnergy - referenceFreeEnergy) <= 1e-5 * abs(referenceFreeEnergy))
        #expect(abs(logZ - referenceLogZ) <= 1e-5 * abs(referenceLogZ))
        print("rbm_ref parity: mean F \(freeEnergy) vs \(referenceFreeEnergy); log Z \(logZ) vs \(referenceLogZ)")
    }
}
