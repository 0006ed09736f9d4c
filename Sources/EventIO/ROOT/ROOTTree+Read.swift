import Foundation

extension ROOTTree {
    /// The names of the branches DarkScan can read (basic types, fixed and variable-length arrays).
    public var readableBranchNames: [String] {
        branches.filter { $0.unsupportedReason == nil }.map(\.name)
    }

    /// Reads the branches `names` (all branches when nil) into columns, in the order asked for.
    ///
    /// Only the baskets of these branches are read. Baskets are read and decompressed in
    /// parallel (a task group keeping at most `maxConcurrency` baskets in flight, by default one
    /// per core), then each branch's baskets are decoded from big-endian into one contiguous array.
    ///
    /// - Throws: `.objectNotFound` for an unknown branch, `.unsupportedContent` naming the branch
    ///   and its type for one that is not of a basic type, and `.malformedFile`, `.truncatedFile` or
    ///   `.compressionFailed` naming the basket and byte for a damaged file.
    public func read(_ names: [String]? = nil, maxConcurrency: Int? = nil) async throws(EventIOError) -> [ROOTColumn] {
        var selected: [ROOTBranch] = []
        for name in names ?? branches.map(\.name) {
            let branch = try branch(name)
            if let reason = branch.unsupportedReason {
                throw .unsupportedContent(path: file.path, format: "ROOT", place: "branch '\(branch.name)' of tree '\(path)'",
                                          reason: "branch '\(branch.name)' (\(branch.typeDescription)) is \(reason)")
            }
            selected.append(branch)
        }
        let jobs = selected.indices.flatMap { b in selected[b].baskets.indices.map { (b, $0) } }
        let limit = max(1, maxConcurrency ?? ProcessInfo.processInfo.activeProcessorCount)
        var payloads: [[ROOTBasketPayload?]] = selected.map { Array(repeating: nil, count: $0.baskets.count) }
        var remaining = selected.map(\.baskets.count)
        var columns = [ROOTColumn?](repeating: nil, count: selected.count)
        // Branches without free baskets are complete at once.
        for (b, branch) in selected.enumerated() where remaining[b] == 0 { columns[b] = try assemble(branch, branch.embedded) }
        do {
            try await withThrowingTaskGroup(of: (Int, Int, ROOTBasketPayload).self) { group in
                var next = 0
                func submit() {
                    let (b, k) = jobs[next]
                    let branch = selected[b]
                    group.addTask { (b, k, try self.loadBasket(of: branch, k)) }
                    next += 1
                }
                while next < jobs.count && next < limit { submit() }
                while let (b, k, payload) = try await group.next() {
                    payloads[b][k] = payload
                    if next < jobs.count { submit() }
                    remaining[b] -= 1
                    if remaining[b] == 0 {
                        // Decode the branch as soon as its last basket is in, and free its baskets.
                        columns[b] = try assemble(selected[b], payloads[b].compactMap { $0 } + selected[b].embedded)
                        payloads[b] = []
                    }
                }
            }
        } catch let error as EventIOError {
            throw error
        } catch {
            throw .io(path: file.path, operation: "read baskets (\(error))", code: ECANCELED)
        }
        return columns.compactMap { $0 }
    }
}
