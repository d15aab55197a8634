import KGFormats

/// A parsed command line.
public struct CommandLineOptions: Sendable {
    public enum Command: String, Sendable {
        case repl, run, query, check, export, site, source, coverage, explain, help
    }

    public var command: Command = .repl
    /// FILEs of run/check, or the query text of `query`.
    public var arguments: [String] = []
    public var useSeeds = true
    public var seedsDirectory: String?
    /// `--docs DIR`: the folder with the user's copy of the source documents (`kg source`,
    /// `:source`, `:why`, `kg coverage`, `kg site`, `kg check`).
    public var docsDirectory: String?
    public var dataFiles: [String] = []
    public var baseIRI: String?
    public var format: AnswerFormat?
    public var exportFormat: String?
    public var maxFacts: Int?
    public var timeout: Double?
    public var outputPath: String?
    public var derived = false
    public var around: String?
    public var depth = 1
    /// `kg COMMAND --help`: which command's help to show.
    public var helpTopic: String?
    public var showVersion = false
    /// `kg explain --no-times`: counts only, so the output is the same on every run.
    public var explainWithoutTimes = false

    /// Parses `arguments` (without the program name).
    public static func parse(_ arguments: [String]) throws -> CommandLineOptions {
        var options = CommandLineOptions()
        var rest = arguments[...]
        if let first = rest.first, !first.hasPrefix("-") {
            guard let command = Command(rawValue: first), command != .repl else {
                throw UsageError("unknown command '\(first)'; the commands are run, query, check, explain, export, site, source and coverage (kg --help lists them)")
            }
            options.command = command
            rest = rest.dropFirst()
        }
        func value(_ flag: String) throws -> String {
            guard let v = rest.first else { throw UsageError("option \(flag) needs a value") }
            rest = rest.dropFirst()
            return v
        }
        var onlyArguments = false
        while let arg = rest.first {
            rest = rest.dropFirst()
            if onlyArguments || !arg.hasPrefix("-") || arg == "-" {
                options.arguments.append(arg)
                continue
            }
            switch arg {
            case "--": onlyArguments = true
            case "-h", "--help":
                switch options.command {
                case .help, .repl: options.helpTopic = options.arguments.first
                default: options.helpTopic = options.command.rawValue
                }
                options.command = .help
            case "--version": options.showVersion = true
            case "--no-seeds": options.useSeeds = false
            case "--seeds": options.seedsDirectory = try value(arg)
            case "--docs": options.docsDirectory = try value(arg)
            case "--data": options.dataFiles.append(try value(arg))
            case "--base": options.baseIRI = try value(arg)
            case "--format":
                let f = try value(arg)
                if options.command == .export {
                    guard ["nt", "nq", "ttl", "dot"].contains(f) else {
                        throw UsageError("unknown export format '\(f)'; use nt, nq, ttl or dot")
                    }
                    options.exportFormat = f
                } else {
                    guard let format = AnswerFormat(rawValue: f) else {
                        throw UsageError("unknown format '\(f)'; use table, csv, tsv or json")
                    }
                    options.format = format
                }
            case "--max-facts":
                let v = try value(arg)
                guard let n = Int(v), n > 0 else { throw UsageError("--max-facts needs a positive whole number, not '\(v)'") }
                options.maxFacts = n
            case "--timeout":
                let v = try value(arg)
                guard let s = Double(v), s > 0 else { throw UsageError("--timeout needs a positive number of seconds, not '\(v)'") }
                options.timeout = s
            case "-o", "--output": options.outputPath = try value(arg)
            case "--derived": options.derived = true
            case "--no-times":
                guard options.command == .explain else { throw UsageError("--no-times applies only to kg explain") }
                options.explainWithoutTimes = true
            case "--around": options.around = try value(arg)
            case "--depth":
                let v = try value(arg)
                guard let n = Int(v), n >= 0 else { throw UsageError("--depth needs a whole number, not '\(v)'") }
                options.depth = n
            default:
                if let eq = arg.firstIndex(of: "="), arg.hasPrefix("--") {
                    rest = [String(arg[..<eq]), String(arg[arg.index(after: eq)...])] + rest
                    continue
                }
                throw UsageError("unknown option '\(arg)' (kg --help lists the options)")
            }
        }
        if options.command == .help && options.helpTopic == nil { options.helpTopic = options.arguments.first }
        try options.validate()
        return options
    }

    private func validate() throws {
        switch command {
        case .run, .check, .explain:
            if arguments.isEmpty && dataFiles.isEmpty { throw UsageError("kg \(command.rawValue) needs at least one FILE") }
        case .query:
            if arguments.count != 1 { throw UsageError("kg query takes one QUERY argument, in quotes: kg query '?- member_of(S, csm).'") }
        case .export:
            if exportFormat == nil { throw UsageError("kg export needs --format nt|nq|ttl|dot") }
            if !arguments.isEmpty { throw UsageError("kg export takes no FILE arguments; use --data FILE to add data") }
        case .repl:
            if !arguments.isEmpty { throw UsageError("unexpected argument '\(arguments[0])'; did you mean kg run \(arguments[0])?") }
        case .site:
            if arguments.count != 1 { throw UsageError("kg site takes exactly one DIR argument: kg site DIR") }
        case .source:
            if arguments.isEmpty { throw UsageError("kg source needs a SOURCE id: kg source src_doc003_session_4 --docs DIR") }
        case .coverage:
            if docsDirectory == nil { throw UsageError("kg coverage needs --docs DIR, the folder with your copy of the source documents") }
            if !arguments.isEmpty { throw UsageError("kg coverage takes no arguments; it measures every document of the graph") }
            if format == .csv { throw UsageError("kg coverage prints text (the default), tsv or json, not csv") }
        case .help: break
        }
    }
}
