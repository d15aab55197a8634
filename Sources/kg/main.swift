import Foundation
import KGCommandLine

// kg: everything lives in KGCommandLine so it can be tested in-process.
exit(CommandRunner.main(Array(CommandLine.arguments.dropFirst())).rawValue)
