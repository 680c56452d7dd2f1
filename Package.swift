// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PreventKit",
    products: [
        // Public products first.
        .library(
            name: "PreventKit",
            targets: [
                "LinearAlgebra", "Statistics", "DataTables", "Spatial", "StudyProtocol", "Randomisation", "Reporting",
                "EnrolmentRegister", "TrialAnalysis", "GeneralisedLinearModels", "SurvivalAnalysis", "OffenceOutcomes",
                "PowerAnalysis", "DisclosureControl", "RiskScoring", "RiskModels", "StudySimulation", "StudyReport",
                "AllocationService", "RegisterPostgreSQL",
            ]
        ),
        .library(name: "Spatial", targets: ["Spatial"]),
        .executable(name: "prevent", targets: ["PreventCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
    ],
    targets: [
        // Command-line tool: a thin layer over the libraries.
        .executableTarget(
            name: "PreventCLI",
            dependencies: [
                "LinearAlgebra", "Statistics", "DataTables", "Spatial", "StudyProtocol", "Randomisation", "Reporting",
                "EnrolmentRegister", "TrialAnalysis", "GeneralisedLinearModels", "SurvivalAnalysis", "OffenceOutcomes",
                "PowerAnalysis", "DisclosureControl", "RiskScoring", "RiskModels", "StudySimulation", "StudyReport",
                "AllocationService", "RegisterPostgreSQL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The shared spatial module: geometry, coordinates, grids and hotspots. It depends on no
        // trial module, so other tools can use it alone.
        .target(name: "Spatial", dependencies: ["Statistics", "DataTables"]),

        // Trials: the study protocol (YAML), allocation schemes and design replay, and reports.
        .target(name: "StudyProtocol", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "Randomisation", dependencies: ["StudyProtocol", "DataTables", "LinearAlgebra", "Statistics", "Reporting"]),
        .target(name: "Reporting"),

        // Outcome analysis: arm-versus-control effects with robust and cluster-robust inference.
        .target(name: "TrialAnalysis", dependencies: ["LinearAlgebra", "Statistics", "DataTables", "Reporting"]),
        // Binary and count outcomes: logistic, Poisson and negative binomial regression with sandwich errors.
        .target(name: "GeneralisedLinearModels", dependencies: ["LinearAlgebra", "Statistics", "DataTables", "Reporting", "TrialAnalysis"]),
        // Time to first offence: Kaplan-Meier, log-rank and Cox proportional hazards.
        .target(name: "SurvivalAnalysis", dependencies: ["LinearAlgebra", "Statistics", "DataTables", "Reporting", "TrialAnalysis"]),
        // Outcomes from offence records: follow-up windows, crime harm, time to first offence.
        .target(name: "OffenceOutcomes", dependencies: ["DataTables", "Statistics", "Reporting", "TrialAnalysis"]),
        // Power, minimum detectable effect and sample size, analytic and by simulation of the design.
        .target(name: "PowerAnalysis", dependencies: ["LinearAlgebra", "Statistics", "Randomisation", "StudyProtocol", "TrialAnalysis"]),

        // Risk scoring on pathway factors, with hotspot context, and the fitted risk models.
        .target(
            name: "RiskScoring",
            dependencies: ["StudyProtocol", "DataTables", "Spatial", "Statistics", "Reporting", "DisclosureControl", "RiskModels"]
        ),
        .target(name: "RiskModels", dependencies: ["LinearAlgebra", "Statistics"]),
        // Statistical disclosure control for published tables: suppression, rounding, secondary suppression.
        .target(name: "DisclosureControl"),

        // The trickle-flow enrolment register: SQLite (GRDB), the study secret and the audit
        // trail (swift-crypto), allocating through Randomisation.
        .target(
            name: "EnrolmentRegister",
            dependencies: [
                "Randomisation", "StudyProtocol", "DataTables",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // A register on PostgreSQL, for trials that span several forces: same schema and audit chain.
        .target(
            name: "RegisterPostgreSQL",
            dependencies: ["EnrolmentRegister", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // The allocation service: the register behind a web console and JSON API (Hummingbird).
        .target(
            name: "AllocationService",
            dependencies: [
                "EnrolmentRegister", "RegisterPostgreSQL", "StudyProtocol", "Randomisation", "DisclosureControl", "Reporting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // The whole workflow: synthetic studies from a seed, and the study report (HTML and notebook).
        .target(
            name: "StudySimulation",
            dependencies: ["StudyProtocol", "Randomisation", "DataTables", "Spatial", "Statistics", "RiskScoring"]
        ),
        .target(
            name: "StudyReport",
            dependencies: [
                "LinearAlgebra", "Statistics", "DataTables", "Spatial", "StudyProtocol", "Randomisation", "Reporting",
                "EnrolmentRegister", "TrialAnalysis", "GeneralisedLinearModels", "SurvivalAnalysis", "OffenceOutcomes",
                "PowerAnalysis", "DisclosureControl", "RiskScoring", "RiskModels",
            ]
        ),

        // Pure-Swift foundations.
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
        .testTarget(name: "PreventCLITests", dependencies: ["PreventCLI"], exclude: ["ReferenceScripts"]),
        .testTarget(name: "SpatialTests", dependencies: ["Spatial"], resources: [.copy("Fixtures")]),
        .testTarget(name: "StudyProtocolTests", dependencies: ["StudyProtocol"]),
        .testTarget(name: "RandomisationTests", dependencies: ["Randomisation", "StudyProtocol", "DataTables", "Statistics"], exclude: ["ReferenceScripts"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting"]),
        .testTarget(
            name: "TrialAnalysisTests",
            dependencies: ["TrialAnalysis", "DataTables", "LinearAlgebra", "Randomisation", "StudyProtocol"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "EnrolmentRegisterTests",
            dependencies: [
                "EnrolmentRegister", "StudyProtocol", "Randomisation",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "GeneralisedLinearModelsTests",
            dependencies: ["GeneralisedLinearModels", "TrialAnalysis", "DataTables", "LinearAlgebra"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SurvivalAnalysisTests",
            dependencies: ["SurvivalAnalysis", "TrialAnalysis", "DataTables", "LinearAlgebra"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "OffenceOutcomesTests", dependencies: ["OffenceOutcomes", "DataTables", "TrialAnalysis"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "PowerAnalysisTests",
            dependencies: ["PowerAnalysis", "Statistics", "TrialAnalysis", "Randomisation", "StudyProtocol"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "DisclosureControlTests", dependencies: ["DisclosureControl"]),
        .testTarget(
            name: "RiskScoringTests",
            dependencies: ["RiskScoring", "StudyProtocol", "DataTables", "Spatial", "DisclosureControl"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "RiskModelsTests", dependencies: ["RiskModels", "LinearAlgebra"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "StudySimulationTests",
            dependencies: [
                "StudySimulation", "StudyProtocol", "Randomisation", "DataTables", "Spatial", "RiskScoring", "TrialAnalysis",
                "LinearAlgebra",
                "GeneralisedLinearModels", "SurvivalAnalysis", "OffenceOutcomes",
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "StudyReportTests", dependencies: ["StudyReport", "StudySimulation"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "AllocationServiceTests",
            dependencies: [
                "AllocationService", "EnrolmentRegister", "StudyProtocol",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["Browser"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "RegisterPostgreSQLTests", dependencies: ["RegisterPostgreSQL", "EnrolmentRegister", "StudyProtocol"]),
        .testTarget(name: "PreventKitTests", dependencies: ["LinearAlgebra", "Statistics", "DataTables"]),
    ]
)
