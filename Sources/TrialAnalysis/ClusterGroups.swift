import LinearAlgebra

/// The rows of each cluster, clusters numbered in order of first appearance.
struct ClusterGroups: Sendable {
    /// For each cluster, its rows in increasing order.
    let rows: [[Int]]
    /// For each row, its cluster's number.
    let clusterOfRow: [Int]

    init(_ identifiers: [Int]) {
        var number: [Int: Int] = [:]
        var rows: [[Int]] = []
        var clusterOfRow = [Int](repeating: 0, count: identifiers.count)
        for (row, identifier) in identifiers.enumerated() {
            let cluster: Int
            if let known = number[identifier] {
                cluster = known
            } else {
                cluster = rows.count
                number[identifier] = cluster
                rows.append([])
            }
            rows[cluster].append(row)
            clusterOfRow[row] = cluster
        }
        self.rows = rows
        self.clusterOfRow = clusterOfRow
    }

    /// The number of clusters S.
    var count: Int { rows.count }

    /// The S × K matrix whose row s is Σᵢ∈ₛ eᵢ xᵢᵀ: the clusters' score sums, in one pass per
    /// column over contiguous storage.
    func sums(of x: Matrix, weightedBy e: Vector) -> Matrix {
        let n = x.rows, k = x.columns, s = count
        var result = Matrix(rows: s, columns: k)
        x.withUnsafeBufferPointer { x in
            e.withUnsafeBufferPointer { e in
                result.withUnsafeMutableBufferPointer { u in
                    for j in 0 ..< k {
                        for i in 0 ..< n { u[j * s + clusterOfRow[i]] += x[j * n + i] * e[i] }
                    }
                }
            }
        }
        return result
    }
}

extension Matrix {
    /// The rows at `indices`, in that order.
    func selectingRows(_ indices: [Int]) -> Matrix {
        let m = indices.count, n = rows, k = columns
        var result = Matrix(rows: m, columns: k)
        withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for j in 0 ..< k {
                    for (r, i) in indices.enumerated() { target[j * m + r] = source[j * n + i] }
                }
            }
        }
        return result
    }
}
