import Foundation

// Writes a Swift file holding the given seed files as string literals:
//   SeedEmbedder OUTPUT.swift seeds/a.dl seeds/b.dl ...
// Run by SeedEmbedderPlugin at build time; not part of the kg binary.

/// A Swift string literal with every character that needs it escaped.
func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: SeedEmbedder OUTPUT.swift FILE...\n".utf8))
    exit(2)
}
var source = """
// Generated at build time by SeedEmbedderPlugin from seeds/*.dl. Do not edit.

/// The seed graph's files, embedded in the binary: (file name, text), in name order.
enum EmbeddedSeeds {
    static let files: [(name: String, text: String)] = [

"""
for path in arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("SeedEmbedder: cannot read \(path)\n".utf8))
        exit(1)
    }
    let name = URL(fileURLWithPath: path).lastPathComponent
    source += "        (\(literal(name)), \(literal(String(decoding: data, as: UTF8.self)))),\n"
}
source += "    ]\n}\n"
do {
    try source.write(toFile: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("SeedEmbedder: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
