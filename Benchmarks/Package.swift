// swift-tools-version:6.0
// Benchmarks live in their own package so that their dependencies never reach users.
// Build and run in release mode: `swift run -c release preventkit-bench --help`.
import PackageDescription

let package = Package(
    name: "PreventKitBenchmarks",
    dependencies: [
        .package(name: "PreventKit", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .executableTarget(
            name: "preventkit-bench",
            dependencies: [
                .product(name: "PreventKit", package: "PreventKit"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/PreventKitBenchmarks"
        ),
    ]
)
