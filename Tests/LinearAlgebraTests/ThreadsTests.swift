import Foundation
import Testing
@testable import LinearAlgebra

@Suite("OpenBLAS threads", .serialized)
struct ThreadsTests {
    @Test("The thread count can be read, set and restored")
    func setAndRestore() {
        let original = BLASThreads.count
        #expect(original >= 1)
        BLASThreads.count = 1
        #expect(BLASThreads.count == 1)
        BLASThreads.count = original
        #expect(BLASThreads.count == original)
    }

    @Test("Without OPENBLAS_NUM_THREADS the default is one thread per core",
          .enabled(if: ProcessInfoEnvironment.threadVariablesUnset))
    func defaultIsMachineCores() {
        #expect(BLASThreads.machineCores >= 1)
        #expect(BLASThreads.count == BLASThreads.machineCores)
    }
}

/// Whether the environment overrides OpenBLAS's default thread count.
enum ProcessInfoEnvironment {
    static var threadVariablesUnset: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["OPENBLAS_NUM_THREADS"] == nil && environment["OMP_NUM_THREADS"] == nil
            && environment["GOTO_NUM_THREADS"] == nil
    }
}
