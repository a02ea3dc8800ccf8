// swift-tools-version: 6.0
//
// CriticKit: trigram language models, authorship attribution and RBM embeddings for studying how
// critics write. The module graph; arrows go one way, downwards:
//
//     critic (executable)
//       └─ CriticKit: pipelines across modules (authorship bundles, default models, demo's plots)
//            ├─ CriticCorpus: reviews, readers, tokenization, vocabulary, bags of words
//            ├─ CriticLM: n-gram counts, estimators, models, ARPA and binary model files
//            ├─ CriticRBM: Bernoulli RBM, training, evaluation, model and embedding files
//            ├─ CriticLinearAlgebra: the BLAS wrapper and PCA
//            └─ CriticPlots: SVG charts
//                 └─ CriticSupport: seeded generator, parallel-for, atomic writes, .npy encoder
//                      └─ C modules: CICU, CLibXML2 (under CriticCorpus), CBLAS (under
//                         CriticLinearAlgebra), CFileSystem (under CriticSupport), each imported
//                         with `internal import` by one file, so no C type is public.
//
// CriticLM and CriticRBM use CriticCorpus (vocabulary, tokens); CriticRBM uses CriticLinearAlgebra.
// Why a CriticLinearAlgebra module: PCA is general linear algebra over the same BLAS calls as the
// RBM, and neither the RBM nor the plots should own it; keeping CBLAS under one small module also
// keeps the one file that imports it next to the only code that needs it.
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
        .library(name: "CriticLinearAlgebra", targets: ["CriticLinearAlgebra"]),
        .library(name: "CriticPlots", targets: ["CriticPlots"]),
        .library(name: "CriticSupport", targets: ["CriticSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: Public modules
        .executableTarget(
            name: "critic",
            dependencies: [
                "CriticKit",
                "CriticSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(
            name: "CriticKit",
            dependencies: ["CriticCorpus", "CriticLM", "CriticRBM", "CriticLinearAlgebra", "CriticPlots", "CriticSupport"]),
        .target(
            name: "CriticCorpus",
            dependencies: ["CriticSupport", "CICU", "CLibXML2"]),
        .target(
            name: "CriticLM",
            dependencies: ["CriticCorpus", "CriticSupport"]),
        .target(
            name: "CriticRBM",
            dependencies: ["CriticCorpus", "CriticLinearAlgebra", "CriticSupport"]),
        .target(
            name: "CriticLinearAlgebra",
            dependencies: ["CriticSupport", "CBLAS"]),
        .target(
            name: "CriticPlots",
            dependencies: ["CriticSupport"]),
        .target(
            name: "CriticSupport",
            dependencies: ["CFileSystem"]),

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
        // renameat2 (swapping a folder into place in one step), which Swift's Glibc cannot import.
        .target(name: "CFileSystem"),

        // MARK: Benchmarks (run in release mode: `make bench`)
        .executableTarget(
            name: "critic-bench",
            dependencies: ["CriticKit", "CriticSupport"],
            path: "Benchmarks",
            exclude: ["rbm_compare.sh", "rbm_reference.py", "correction_compare.sh", "spell_reference.py"]),

        // MARK: Tests
        .testTarget(name: "CriticSupportTests", dependencies: ["CriticSupport"]),
        .testTarget(name: "CriticCorpusTests", dependencies: ["CriticCorpus", "CriticSupport"]),
        .testTarget(name: "CriticLMTests", dependencies: ["CriticLM", "CriticSupport"]),
        .testTarget(name: "CriticRBMTests", dependencies: ["CriticRBM", "CriticSupport"]),
        .testTarget(name: "CriticLinearAlgebraTests", dependencies: ["CriticLinearAlgebra", "CriticSupport"]),
        // The gallery and projection cases draw the demo's real pictures (scaledata, PCA), which
        // CriticKit prepares; the rest test the charts alone.
        .testTarget(name: "CriticPlotsTests", dependencies: ["CriticPlots", "CriticKit"]),
        .testTarget(name: "CriticKitTests", dependencies: ["CriticKit", "CriticSupport"]),
        .testTarget(name: "CriticCLITests", dependencies: ["critic", "CriticKit"]),
    ]
)
