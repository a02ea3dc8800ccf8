// swift-tools-version: 6.0
//
// CriticKit: trigram language models and RBM embeddings for studying how critics write.
// Arrows go one way: critic → CriticKit → {CriticCorpus, CriticLM, CriticRBM} → C modules.
import PackageDescription

let package = Package(
    name: "CriticKit",
    platforms: [.macOS(.v14)],
    products: [
        // MARK: Public products
        .executable(name: "critic", targets: ["critic"]),
        .library(name: "CriticKit", targets: ["CriticKit"]),
        .library(name: "CriticCorpus", targets: ["CriticCorpus"]),
        .library(name: "CriticLM", targets: ["CriticLM"]),
        .library(name: "CriticRBM", targets: ["CriticRBM"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: Public modules
        .target(
            name: "CriticCorpus",
            dependencies: ["CICU", "CLibXML2"]),
        .target(
            name: "CriticLM",
            dependencies: ["CriticCorpus"]),
        .target(
            name: "CriticRBM",
            dependencies: ["CriticCorpus", "CBLAS"]),
        .target(
            name: "CriticKit",
            dependencies: ["CriticCorpus", "CriticLM", "CriticRBM"]),
        .executableTarget(
            name: "critic",
            dependencies: [
                "CriticKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: Implementation details (C bridges)
        .target(
            name: "CICU",
            linkerSettings: [
                .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
            ]),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),

        // MARK: Benchmarks (run in release mode: `make bench`)
        .executableTarget(
            name: "critic-bench",
            dependencies: ["CriticKit"],
            path: "Benchmarks",
            exclude: ["rbm_compare.sh", "rbm_reference.py", "correction_compare.sh", "spell_reference.py"]),

        // MARK: Tests
        .testTarget(name: "CriticCorpusTests", dependencies: ["CriticCorpus"]),
        .testTarget(name: "CriticLMTests", dependencies: ["CriticLM"]),
        .testTarget(name: "CriticRBMTests", dependencies: ["CriticRBM"]),
        .testTarget(name: "CriticKitTests", dependencies: ["CriticKit"]),
        .testTarget(name: "CriticCLITests", dependencies: ["critic", "CriticKit"]),
    ]
)
