import Foundation
import PackagePlugin

/// Embeds the seed graph (`seeds/*.dl`) into the KnowledgeGraph module at build time, so an
/// installed `kg` answers from any directory with no files beside it.
@main
struct SeedEmbedderPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let seeds = context.package.directoryURL.appending(path: "seeds")
        let files = ((try? FileManager.default.contentsOfDirectory(at: seeds, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "dl" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSeeds.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) seed files",
                executable: try context.tool(named: "SeedEmbedder").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output])
        ]
    }
}
