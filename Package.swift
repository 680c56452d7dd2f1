// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PreventKit",
    products: [
        // Public products first.
        .library(name: "PreventKit", targets: ["LinearAlgebra", "Statistics", "DataTables"]),
        .executable(name: "prevent", targets: ["PreventCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Command-line tool: a thin layer over the libraries.
        .executableTarget(
            name: "PreventCLI",
            dependencies: [
                "LinearAlgebra", "Statistics", "DataTables",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Pure-Swift libraries.
        .target(name: "Statistics"),
        .target(name: "DataTables"),

        // Dense linear algebra on OpenBLAS + LAPACKE: the only importer of CLinearAlgebra.
        .target(name: "LinearAlgebra", dependencies: ["CLinearAlgebra"]),

        // Implementation detail: the C interface to OpenBLAS and LAPACKE.
        .systemLibrary(
            name: "CLinearAlgebra",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),

        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"], exclude: ["ReferenceScripts"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DataTablesTests", dependencies: ["DataTables"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PreventCLITests", dependencies: ["PreventCLI"]),
        .testTarget(name: "PreventKitTests", dependencies: ["LinearAlgebra", "Statistics", "DataTables"]),
    ]
)
