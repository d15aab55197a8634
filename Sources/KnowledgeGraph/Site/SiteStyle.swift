/// `style.css`: the one stylesheet of the site (no web fonts, nothing fetched).
enum SiteStyle {
    static var css: String {
        var out = base + SitePassages.css
        // One colour chip per top class, the same colours as the drawings and Graphviz.
        for (name, style) in ClassStyle.ordered {
            out += ".c-\(name)::before, .chip.c-\(name) { background: \(style.colour); }\n"
        }
        out += ".c-other::before, .chip.c-other { background: \(ClassStyle.other.colour); }\n"
        out += "a.e.c-class::before { display: none; }\n.chip.c-class { border-radius: 2px; background: #eef1f5; }\n"
        return out
    }

    static let base = """
    :root { --ink: #1d2430; --muted: #5b6575; --line: #dde2ea; --accent: #1f5fa8; --bg: #ffffff; --soft: #f5f7fa; }
    * { box-sizing: border-box; }
    html { font-size: 15px; }
    body { margin: 0; color: var(--ink); background: var(--bg); font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; line-height: 1.45; }
    a { color: var(--accent); text-decoration: none; }
    a:hover { text-decoration: underline; }
    code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
    header.top { position: sticky; top: 0; z-index: 10; display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; padding: 0.6rem 1.5rem; background: #17324f; color: #fff; }
    header.top a { color: #fff; }
    .brand { font-weight: 700; font-size: 1.1rem; }
    .brand span { font-weight: 400; opacity: 0.8; margin-left: 0.3rem; }
    header.top nav a { margin-right: 1rem; opacity: 0.9; }
    .search { position: relative; margin-left: auto; }
    #kg-search { width: 22rem; max-width: 70vw; padding: 0.35rem 0.6rem; border: 0; border-radius: 4px; font-size: 0.95rem; }
    #kg-results { position: absolute; right: 0; top: 2.2rem; width: 30rem; max-width: 92vw; max-height: 70vh; overflow-y: auto; margin: 0; padding: 0.3rem 0; list-style: none; background: #fff; color: var(--ink); border: 1px solid var(--line); border-radius: 4px; box-shadow: 0 6px 20px rgba(0,0,0,0.18); }
    #kg-results li { padding: 0.3rem 0.8rem; }
    #kg-results li a { color: var(--accent); display: block; }
    #kg-results .meta { display: block; color: var(--muted); font-size: 0.82rem; }
    #kg-results .none { color: var(--muted); }
    main { max-width: 72rem; margin: 0 auto; padding: 1.2rem 1.5rem 2rem; }
    footer { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 2rem; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); }
    h1 { font-size: 1.7rem; margin: 0.2rem 0 0.3rem; line-height: 1.2; }
    h2 { font-size: 1.25rem; margin: 1.8rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 1px solid var(--line); }
    h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
    h4, h5, h6 { font-size: 0.98rem; margin: 1rem 0 0.3rem; }
    .lead { max-width: 52rem; }
    .kind { margin: 0; color: var(--muted); font-size: 0.9rem; }
    .es { margin: 0 0 0.2rem; color: var(--muted); font-style: italic; }
    .ident { margin: 0.2rem 0 0; color: var(--muted); }
    .when { white-space: nowrap; }
    .badge { display: inline-block; padding: 0 0.4rem; border-radius: 3px; background: #fff3cd; color: #7a5b00; font-size: 0.8rem; }
    .chip { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; border: 1px solid #8895a7; margin-right: 0.45rem; vertical-align: 0.05em; }
    a.e::before { content: ""; display: inline-block; width: 0.55em; height: 0.55em; border-radius: 50%; border: 1px solid #9aa5b5; margin-right: 0.3em; vertical-align: 0.08em; }
    table.facts { border-collapse: collapse; width: 100%; margin: 0.4rem 0 0.8rem; font-size: 0.93rem; }
    table.facts th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--line); padding: 0.3rem 0.5rem; }
    table.facts td { vertical-align: top; border-bottom: 1px solid var(--line); padding: 0.3rem 0.5rem; }
    table.facts td.p, span.p { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85rem; color: #6b3d8f; }
    table.facts td.p { width: 13rem; background: var(--soft); }
    td.srcs { width: 16rem; }
    td.num, span.num { font-variant-numeric: tabular-nums; }
    .srcs a.src, .srcs span.src { display: inline-block; margin: 0 0.3rem 0.1rem 0; padding: 0 0.3rem; border-radius: 3px; background: #eef3fa; font-size: 0.78rem; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
    .derived { display: inline-block; padding: 0 0.35rem; border-radius: 3px; background: #e8f5e9; color: #2e6b32; font-size: 0.78rem; }
    .nosrc { color: var(--muted); font-size: 0.8rem; }
    .lang { color: var(--muted); font-size: 0.75rem; border: 1px solid var(--line); border-radius: 3px; padding: 0 0.2rem; }
    ul.notes li { margin-bottom: 0.4rem; }
    ul.entities { columns: 3 18rem; column-gap: 2rem; list-style: none; padding-left: 0; margin: 0.3rem 0 0.6rem; }
    ul.entities li { break-inside: avoid; margin-bottom: 0.15rem; }
    .acr, .id, .count { color: var(--muted); font-size: 0.82rem; }
    .count::before { content: "("; } .count::after { content: ")"; }
    .subclasses { margin-left: 1.2rem; padding-left: 0.8rem; border-left: 2px solid var(--line); }
    nav.toc ul { columns: 3 14rem; list-style: none; padding-left: 0; }
    figure { margin: 1rem 0; }
    figure.neighbourhood { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem; background: #fcfdfe; }
    figcaption { color: var(--muted); font-size: 0.85rem; text-align: center; }
    svg.hood, svg.timeline-axis { width: 100%; height: auto; display: block; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
    svg.hood line { stroke: #9aa3af; stroke-width: 1.2; }
    svg.hood circle { stroke: #5b6575; stroke-width: 1; }
    svg.hood circle.centre { stroke: #17324f; stroke-width: 3; }
    svg.hood text { fill: var(--ink); }
    svg.hood text.n { font-size: 12.5px; fill: var(--accent); }
    svg.hood text.pr { font-size: 10px; fill: #6b3d8f; }
    svg.hood text.c { font-size: 14px; font-weight: 700; paint-order: stroke; stroke: #fff; stroke-width: 5px; stroke-linejoin: round; }
    svg.hood text.more, svg.hood text.lg { font-size: 11px; fill: var(--muted); }
    svg.hood a:hover text.n { text-decoration: underline; }
    svg.timeline-axis text { font-size: 11.5px; fill: var(--ink); }
    svg.timeline-axis a text { fill: var(--accent); }
    svg.timeline-axis text.year { font-size: 12px; font-weight: 600; fill: var(--muted); }
    svg.timeline-axis text.group { font-weight: 600; fill: var(--muted); }
    svg.timeline-axis line.grid { stroke: #e3e7ee; stroke-width: 1; }
    svg.timeline-axis rect.mark { stroke: #a0661b; stroke-width: 1.2; }
    svg.timeline-axis rect.yearbar { fill: #fdbf6f; opacity: 0.45; stroke: #c98a34; stroke-dasharray: 3 2; }
    details.derived-facts { margin-top: 1.8rem; border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.9rem; background: var(--soft); }
    details.derived-facts summary { cursor: pointer; font-weight: 600; }
    .hierarchy { color: var(--muted); }
    @media print { header.top .search { display: none; } }

    """
}
