// The number of threads OpenBLAS uses.
//
// OpenBLAS keeps this setting itself; reading and writing it are function calls, so there is no
// Swift global mutable state to protect.

internal import CLinearAlgebra

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The number of threads that OpenBLAS (and so every product and factorisation here) uses.
///
/// OpenBLAS starts with one thread per core unless the environment variable
/// `OPENBLAS_NUM_THREADS` (or `OMP_NUM_THREADS`) says otherwise. Set ``count`` to 1 when the
/// caller already runs many small fits in parallel (randomisation inference, bootstraps): nested
/// threading only adds contention.
public enum BLASThreads {
    /// The number of threads OpenBLAS uses for subsequent calls.
    ///
    /// Setting it calls `openblas_set_num_threads`; set it between computations, not while
    /// another thread is in the middle of a BLAS or LAPACK call. Values above OpenBLAS's
    /// compiled maximum are capped by OpenBLAS.
    ///
    /// - Complexity: O(1) to read; setting may start or stop OpenBLAS worker threads.
    public static var count: Int {
        get { Int(openblas_get_num_threads()) }
        set {
            precondition(newValue >= 1, "openblas_set_num_threads: thread count \(newValue) is below 1")
            openblas_set_num_threads(cInt(newValue, "openblas_set_num_threads"))
        }
    }

    /// The number of processor cores available to this process: OpenBLAS's default.
    public static var machineCores: Int {
        ProcessInfo.processInfo.activeProcessorCount
    }

    /// Sets ``count`` back to one thread per core.
    ///
    /// - Complexity: May start or stop OpenBLAS worker threads.
    public static func useAllCores() {
        count = machineCores
    }
}
