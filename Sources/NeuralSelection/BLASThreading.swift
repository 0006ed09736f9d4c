import COpenBLAS

/// OpenBLAS runs single-threaded in DarkScan. Its threaded sgemm splits the sums of a product in a
/// way that depends on the thread count, so results would change with the machine (the project
/// requires the same bits for a seed whatever the thread count), and for the network's matrices
/// (a few thousand rows by at most 64 columns) its threads cost more than they save: one cross-entropy
/// epoch on 780k events took 1.45 s with two OpenBLAS threads and 0.75 s with one on the 2-core
/// machine. Parallelism belongs to the callers (structured concurrency over masses and samples).
enum BLASThreading {
    /// Sets OpenBLAS to one thread, once per process (a process-wide setting of the library).
    static let singleThreaded: Void = { openblas_set_num_threads(1) }()
}
