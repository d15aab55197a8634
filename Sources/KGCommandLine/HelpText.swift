/// The text of `kg --help` and `kg COMMAND --help`.
enum HelpText {
    static let common = """
    Options:
      --no-seeds          start from an empty graph instead of the seed graph
      --seeds DIR         load the .dl files of DIR as the seed graph instead of the embedded one
      --data FILE         load more facts and rules (.dl) or RDF (.nt, .nq, .ttl); repeatable
      --docs DIR          the folder with your copy of the source documents: kg source, :source and :why
                          print the cited lines from it, kg site shows them, kg check checks line ranges
      --base IRI          the base for relative IRIs in RDF input
      --format FORMAT     answers as table, csv, tsv or json (default: table on a terminal, tsv otherwise)
      --max-facts N       stop an evaluation that derives more than N facts (default 20000000)
      --timeout SECONDS   stop an evaluation that runs longer than this
      -h, --help          show help (kg COMMAND --help for one command)
      --version           show the version
    """

    static let overview = """
    kg: a knowledge graph of the Americas' regional consultative processes on migration
    (CRM and CSM), with a Datalog query language.

    Usage:
      kg [OPTIONS]                  the REPL, on the seed graph
      kg run [OPTIONS] FILE...      load the files and print the answers of their queries, in order
      kg query [OPTIONS] 'QUERY'    answer one query, e.g. kg query '?- member_of(S, csm).'
      kg check [OPTIONS] FILE...    report every error and warning in the files; run no query
      kg explain [OPTIONS] FILE...  show how kg evaluates the files: strata, join orders, indexes,
                                    rows in and out and time per step
      kg export --format nt|nq|ttl|dot [OPTIONS]
                                    write the graph as N-Triples, N-Quads, Turtle or Graphviz
      kg site [OPTIONS] DIR         write the graph as a static HTML site (opens offline) into DIR
      kg source [OPTIONS] SRC...    a source's document, heading and lines (their text with --docs DIR)
      kg coverage --docs DIR [OPTIONS]
                                    per document, the share of its lines the facts cite, and the
                                    uncited lines that carry a name, a date or a figure

    \(common)

    Exit status: 0 ok, 1 an error in the program or data, 2 a usage error.
    The language is described in docs/LANGUAGE.md.
    """

    static func forCommand(_ name: String?) -> String? {
        switch name {
        case nil, "help": return overview
        case "run": return """
            Usage: kg run [OPTIONS] FILE...

            Loads the seed graph (unless --no-seeds), the --data files and the FILEs as one
            program, then prints the answers of every query (?- ...) in the files, in order.
            Errors and warnings go to standard error as file:line:col with the line and a caret.

            \(common)
            """
        case "query": return """
            Usage: kg query [OPTIONS] 'QUERY'

            Answers one query against the seed graph (and any --data files). The leading '?-'
            and the final '.' may be left out: kg query 'member_of(S, csm)'. Facts and rules
            may come before the query, each ending with '.':
              kg query 'r(X) :- member_of(X, csm). ?- r(X).'
            Options after the body shape the answer:
              kg query 'practice_count(S, N), type(S, state) :order -N :limit 5'
            (:select V, ...  :order V, -V, ...  :limit N  :offset M; see docs/LANGUAGE.md).

            \(common)
            """
        case "check": return """
            Usage: kg check [OPTIONS] FILE...

            Parses and analyses the files (with the seed graph unless --no-seeds) and prints every
            error and warning: syntax, unsafe variables, arity mismatches, negation or aggregation
            through recursion, unknown predicates, and facts whose arguments break the classes
            declared with @pred. Runs no query. Exit status 1 when there is an error; otherwise
            the last line on standard error sums up what was checked, as in
              kg check: checked 2 files (120 facts, 4 rules, 3 queries): no warnings

            Citations: a line_range must be whole numbers 1 <= First <= Last; a passage holds at
            most 25 lines; a fact cited to a section of more than 25 lines (and to nothing smaller)
            is a warning. With --docs DIR, every line_range must lie within its document's file in
            DIR, and every document's file must be there.

            \(common)
            """
        case "explain": return """
            Usage: kg explain [--no-times] [OPTIONS] FILE...

            Loads the seed graph (unless --no-seeds), the --data files and the FILEs as kg run
            does, then evaluates every rule and answers the files' queries with step counters on,
            and prints how, as tables: the strata in the order evaluated; for each rule (each
            branch of a ';', each semi-naive variant of a recursive one) its literals in the join
            order chosen, the relation and index each step probes, the rows that came in and went
            out, and the time spent in the step itself, with a body aggregate's inner steps under
            it; then the same for each query. Answers are not printed.
              --no-times          leave out the times, so the output is the same on every run

            Counting and timing every step makes this run slower than kg run; compare the steps'
            times with each other. In the REPL, :plan QUERY explains one query.

            \(common)
            """
        case "export": return """
            Usage: kg export --format nt|nq|ttl|dot [-o FILE] [--derived] [--around ENTITY] [--depth N] [OPTIONS]

            Writes the graph: N-Triples, N-Quads (sources as graph names), Turtle, or Graphviz.
              -o, --output FILE   write to FILE (atomically) instead of standard output
              --derived           include derived facts, not only stated ones
              --around ENTITY     (dot) only the neighbourhood of ENTITY
              --depth N           (dot) how many steps around ENTITY (default 1)

            \(common)
            """
        case "site": return """
            Usage: kg site [OPTIONS] DIR

            Writes the graph (the seed graph and any --data files, with derived facts) as a static
            HTML site into DIR: index.html (entities by class), timeline.html (meetings on a time
            axis), states.html, one page per entity with its neighbourhood drawn and every fact's
            sources linked, and a search box that works offline. Open DIR/index.html in a browser;
            no server is needed. DIR is replaced as a whole (built beside it, then renamed into
            place); an existing DIR must be empty or an earlier kg site.

            Facts the curators inferred (cited to a curator_inference) are marked inferred. With
            --docs DOCS, each entity page also shows the passages its facts cite, read from your
            copy of the documents (the text is escaped and kept in the pages: nothing is fetched).

            \(common)
            """
        case "source": return source
        case "coverage": return coverage
        default: return nil
        }
    }

    static let source = """
        Usage: kg source [OPTIONS] SRC...

        Shows where the words of each source SRC are: the document's file and name, the heading
        of its section and its lines (passage_of -> section_of -> the document's source_file,
        line_range). With --docs DIR, the folder holding your copy of the documents, it prints
        those lines with their numbers; without it, the lines are named, not printed. For a
        curator inference it prints "inferred by the curators from ...: <note>" and the lines of
        each passage it was inferred from. The REPL's :source SRC does the same.

        Exit status 1 when a source is unknown (the nearest ids are suggested), names no lines,
        or its lines cannot be read: the folder or the file missing, not UTF-8, or a range past
        the file's end.

        \(common)
        """

    static let coverage = """
        Usage: kg coverage --docs DIR [--format tsv|json] [OPTIONS]

        For each document of the graph (each source_file), in DIR: the share of its non-blank
        lines that some stated fact cites (a line is cited when it lies in the line_range of a
        passage or section a fact is cited to; facts about the sources themselves and curator
        inferences cite nothing), and the uncited lines that carry a name, a date or a figure
        (a digit, a month name, a word in capitals, or a capitalised word that does not start a
        sentence), with their line numbers. The text report cuts lines at 200 characters;
        --format tsv and --format json give the whole lines, for programs.

        Exit status 1 when DIR or one of the documents' files is missing or unreadable.

        \(common)
        """
}
