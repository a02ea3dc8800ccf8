// libFuzzer target: a bundle's manifest.json decoder (JSON → BundleManifest or an error).
@testable import CriticKit
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBundleManifest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? JSONDecoder().decode(BundleManifest.self, from: Data(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
