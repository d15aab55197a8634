import Foundation

/// Case and accent folding for `fold/2` and `like/2`: "Perú", "PERU" and "peru" all fold to
/// "peru". Decomposes to canonical form and drops combining marks, then lowercases — plain
/// Unicode data, no locale, so the result is the same on every machine.
public enum TextFolding {
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            out.append(scalar)
        }
        return String(out).lowercased()
    }
}
