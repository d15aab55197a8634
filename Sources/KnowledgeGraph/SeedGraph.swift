import Foundation
import KGLanguage

/// The seed graph: the curated facts, schema and rules shipped in `seeds/`, embedded in the
/// binary at build time.
public enum SeedGraph {
    /// The embedded seed files, by name, in load order.
    public static var files: [(name: String, text: String)] { EmbeddedSeeds.files }

    /// The `.dl` files of a seeds folder on disk (`--seeds DIR`), in load order.
    public static func files(inDirectory directory: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        return names.filter { $0.hasSuffix(".dl") }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }
}

extension Session {
    /// Loads the embedded seed graph as one unit.
    public func loadEmbeddedSeeds() -> LoadResult {
        load(texts: SeedGraph.files.map { ("seeds/\($0.name)", $0.text) })
    }
}
