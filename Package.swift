// swift-tools-version: 6.0
import PackageDescription

// kg: a knowledge graph of the Americas' regional consultative processes on migration,
// with its own Datalog. Modules follow the pipeline; dependencies point one way:
// KGStore ← KGLanguage ← KGAnalysis ← KGEngine ← KGFormats ← KnowledgeGraph ← KGServer ← KGCommandLine ← kg.
// No package dependencies: the Swift toolchain alone.
/// Linker flags for a kg binary that carries its own Swift runtime and Foundation. The
/// modules were compiled against the shared libraries, whose autolink entries name only
/// those, so Foundation's static parts are listed here, in a group (they refer to each other).
let staticRuntime = ["-static-stdlib", "-Xlinker", "--start-group"]
    + ["Foundation", "FoundationEssentials", "FoundationInternationalization", "CoreFoundation", "_FoundationICU",
       "_FoundationCShims", "_FoundationCollections"].map { "-l" + $0 }
    + ["-Xlinker", "--end-group"]

let package = Package(
    name: "kg",
    products: [
        .executable(name: "kg", targets: ["kg"]),
        .library(name: "KnowledgeGraph", targets: ["KnowledgeGraph"]),
    ],
    targets: [
        // The store and the engine hold their per-tuple state in storage owned by one object;
        // dynamic exclusivity checks there cost 13-20 % (shared/bench/SWIFT-NOTES.md).
        .target(name: "KGStore", swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .target(name: "KGLanguage", dependencies: ["KGStore"]),
        .target(name: "KGAnalysis", dependencies: ["KGLanguage", "KGStore"]),
        .target(
            name: "KGEngine", dependencies: ["KGAnalysis", "KGLanguage", "KGStore"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .target(name: "KGFormats", dependencies: ["KGEngine", "KGStore", "KGLanguage"]),
        .target(
            name: "KnowledgeGraph",
            dependencies: ["KGFormats", "KGEngine", "KGAnalysis", "KGLanguage", "KGStore"],
            plugins: ["SeedEmbedderPlugin"]),
        .target(name: "KGServer", dependencies: ["KnowledgeGraph", "KGFormats", "KGEngine", "KGLanguage", "KGStore"]),
        .target(name: "KGCommandLine", dependencies: ["KnowledgeGraph", "KGServer"]),
        // Release builds link the Swift runtime and Foundation statically: the dynamic
        // libraries cost some 12 MiB of resident memory before kg reads anything (their
        // relocated pages) and half of a small query's 80 ms (BENCHMARKS.md).
        .executableTarget(
            name: "kg", dependencies: ["KGCommandLine"],
            linkerSettings: [.unsafeFlags(staticRuntime, .when(configuration: .release))]),
        .executableTarget(name: "SeedEmbedder"),
        .plugin(name: "SeedEmbedderPlugin", capability: .buildTool(), dependencies: ["SeedEmbedder"]),
        // Helpers shared by the test targets (not part of kg).
        .target(name: "KGTestSupport", path: "Tests/KGTestSupport"),
        .testTarget(name: "KGStoreTests", dependencies: ["KGStore", "KGTestSupport"]),
        .testTarget(name: "KGLanguageTests", dependencies: ["KGLanguage"]),
        .testTarget(name: "KGAnalysisTests", dependencies: ["KGAnalysis"]),
        .testTarget(name: "KGEngineTests", dependencies: ["KGEngine", "KnowledgeGraph", "KGTestSupport"]),
        .testTarget(name: "KGFormatsTests", dependencies: ["KGFormats", "KnowledgeGraph"]),
        .testTarget(name: "KnowledgeGraphTests", dependencies: ["KnowledgeGraph", "KGStore", "KGLanguage"]),
        .testTarget(
            name: "KGCommandLineTests", dependencies: ["KGCommandLine", "KnowledgeGraph", "kg", "KGTestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "KGServerTests", dependencies: ["KGServer", "KnowledgeGraph", "KGEngine", "KGTestSupport"]),
    ]
)
