import KGStore

/// `timeline.html`: the meetings on a time axis, in chronological order.
///
/// Meetings are the entities under the top class `meeting` and anything with a
/// `start_date`. The drawing has one row per meeting: dated meetings (by `start_date`, then
/// `end_date`) as a mark at their dates, then meetings known only by year (`in_year/2`) as a
/// faint bar across the year. Below it the same meetings as tables, and the meetings with no
/// date at all listed apart.
enum TimelinePage {
    static let width = 960.0
    static let rowHeight = 22.0
    static let axisHeight = 34.0

    static func meetings(_ model: SiteModel) -> [Term] {
        let all = model.entities.filter { model.isA($0, "meeting") || model.chronology.start[$0] != nil }
        return model.chronology.sorted(all, tieOrder: model.sortedByName(all))
    }

    static func render(model: SiteModel) -> String {
        let ctx = PageContext(model: model, root: "")
        let chronology = model.chronology
        let ordered = meetings(model)
        var dated: [Term] = [], byYear: [Term] = [], undated: [Term] = []
        for m in ordered {
            switch chronology.when(m) {
            case .dated: dated.append(m)
            case .years: byYear.append(m)
            case .undated: undated.append(m)
            }
        }
        let t = ctx.t
        var main = "<h1>\(t("Timeline of meetings"))</h1>\n"
        main += "<p>\(t("%1 meetings: %2 with dates, %3 known only by year, %4 without a date.", ordered.count, dated.count, byYear.count, undated.count))</p>\n"
        main += axis(dated: dated, byYear: byYear, ctx: ctx)

        if !dated.isEmpty {
            var body = "<table class=\"facts timeline\">\n<thead><tr><th>\(t("When"))</th><th>\(t("Meeting"))</th><th>\(t("Class"))</th><th>\(t("Where"))</th></tr></thead>\n<tbody>\n"
            for m in dated {
                body += "<tr data-start=\"\(chronology.start[m].map { "\($0)" } ?? "")\" data-entity=\"\(HTML.escape(EntityNames.idText(m)))\"><td class=\"when\">\(HTML.escape(chronology.text(m)))</td>"
                body += "<td>\(ctx.link(m))\(chronology.planned.contains(m) ? " <span class=\"badge\">\(ctx.t("planned"))</span>" : "")</td>"
                body += "<td>\(classes(m, ctx))</td><td>\(places(m, ctx))</td></tr>\n"
            }
            main += EntityPage.section(t("Meetings with dates"), body + "</tbody>\n</table>\n")
        }
        if !byYear.isEmpty {
            var body = "<table class=\"facts timeline\">\n<thead><tr><th>\(t("Year"))</th><th>\(t("Meeting"))</th><th>\(t("Class"))</th><th>\(t("Where"))</th></tr></thead>\n<tbody>\n"
            for m in byYear {
                body += "<tr data-year=\"\(chronology.years[m]?.first.map { String($0) } ?? "")\" data-entity=\"\(HTML.escape(EntityNames.idText(m)))\"><td class=\"when\">\(HTML.escape(chronology.text(m)))</td>"
                body += "<td>\(ctx.link(m))\(chronology.planned.contains(m) ? " <span class=\"badge\">\(ctx.t("planned"))</span>" : "")</td>"
                body += "<td>\(classes(m, ctx))</td><td>\(places(m, ctx))</td></tr>\n"
            }
            main += EntityPage.section(t("Meetings known only by year"), body + "</tbody>\n</table>\n")
        }
        if !undated.isEmpty {
            var body = "<ul class=\"entities undated\">\n"
            for m in model.sortedByName(undated) {
                body += "<li data-entity=\"\(HTML.escape(EntityNames.idText(m)))\">\(ctx.link(m)) <span class=\"id\">\(classes(m, ctx))</span>\(chronology.planned.contains(m) ? " <span class=\"badge\">\(ctx.t("planned"))</span>" : "")</li>\n"
            }
            main += EntityPage.section(t("Meetings without a date"), body + "</ul>\n")
        }
        return HTML.page(title: t("Timeline"), ctx: ctx, path: "timeline.html", main: main)
    }

    static func classes(_ m: Term, _ ctx: PageContext) -> String {
        (ctx.model.classes.types[m] ?? []).map { ctx.link($0) }.joined(separator: ", ")
    }

    static func places(_ m: Term, _ ctx: PageContext) -> String {
        let facts = ctx.model.facts(ctx.model.outgoing[m]).filter { ["held_in", "host_country"].contains($0.name) && $0.arguments[1].isNode }
        var seen = Set<Term>()
        return facts.map { $0.arguments[1] }.filter { seen.insert($0).inserted }.map { ctx.link($0) }.joined(separator: ", ")
    }

    /// The position of a date as a fractional year (month precision: the month's start).
    static func yearPosition(_ d: KGDate) -> Double {
        let dayOfYear = Double(Int(d.month) - 1) * 30.5 + Double(max(Int(d.day), 1) - 1)
        return Double(d.year) + dayOfYear / 366
    }

    /// The SVG time axis: years along the top, one row per meeting.
    static func axis(dated: [Term], byYear: [Term], ctx: PageContext) -> String {
        let chronology = ctx.model.chronology
        var years: [Int] = []
        for m in dated {
            guard let start = chronology.start[m] else { continue }
            years.append(Int(start.year))
            if let e = chronology.end[m] { years.append(Int(e.year)) }
        }
        for m in byYear { years += chronology.years[m] ?? [] }
        guard let first = years.min(), let last = years.max() else { return "" }
        let left = 20.0, right = width - 20
        let span = Double(last + 1 - first)
        func x(_ position: Double) -> Double { left + (position - Double(first)) / span * (right - left) }
        let rowCount = dated.count + byYear.count + (byYear.isEmpty ? 0 : 1)
        let height = axisHeight + Double(rowCount) * rowHeight + 12
        let f = NeighbourhoodSVG.f

        var svg = "<figure class=\"axis\">\n<svg class=\"timeline-axis\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(ctx.t("Meetings on a time axis, %1 to %2", first, last))\">\n"
        for year in first...(last + 1) {
            let xp = x(Double(year))
            svg += "<line class=\"grid\" x1=\"\(f(xp))\" y1=\"\(f(axisHeight - 8))\" x2=\"\(f(xp))\" y2=\"\(f(height - 6))\"/>\n"
            if year <= last {
                svg += "<text class=\"year\" x=\"\(f(x(Double(year) + 0.5)))\" y=\"\(f(axisHeight - 14))\" text-anchor=\"middle\">\(year)</text>\n"
            }
        }
        var row = 0
        // The label goes right of the mark, or left of it in the right part of the axis.
        func label(_ m: Term, from x1: Double, to x2: Double, y: Double, suffix: String) -> String {
            let text = HTML.escape(HTML.shorten(ctx.names.display(m), 60) + suffix)
            let leftSide = (x1 + x2) / 2 > left + (right - left) * 0.6
            return "<text x=\"\(f(leftSide ? x1 - 9 : x2 + 9))\" y=\"\(f(y + 4))\" text-anchor=\"\(leftSide ? "end" : "start")\">\(text)</text>"
        }
        for m in dated {
            let y = axisHeight + Double(row) * rowHeight + rowHeight / 2
            guard let s = chronology.start[m] else { continue }
            let e = chronology.end[m] ?? s
            let x1 = x(yearPosition(s)), x2 = max(x(yearPosition(e)), x1)
            let colour = chronology.planned.contains(m) ? "#ffffff" : ClassStyle.of(top: .entity("meeting")).colour
            svg += "<a href=\"\(ctx.href(m))\"><title>\(HTML.escape(ctx.names.display(m) + ", " + chronology.text(m)))</title>"
            svg += "<rect class=\"mark\" x=\"\(f(x1 - 5))\" y=\"\(f(y - 5))\" width=\"\(f(x2 - x1 + 10))\" height=\"10\" rx=\"5\" fill=\"\(colour)\"/>"
            svg += label(m, from: x1, to: x2, y: y, suffix: " · " + chronology.text(m)) + "</a>\n"
            row += 1
        }
        if !byYear.isEmpty {
            let y = axisHeight + Double(row) * rowHeight + rowHeight / 2
            svg += "<text class=\"group\" x=\"\(f(left))\" y=\"\(f(y + 4))\">\(ctx.t("Known only by year"))</text>\n"
            row += 1
            for m in byYear {
                let y = axisHeight + Double(row) * rowHeight + rowHeight / 2
                let ys = chronology.years[m] ?? []
                let x1 = x(Double(ys.first!)) + 2, x2 = x(Double(ys.last! + 1)) - 2
                svg += "<a href=\"\(ctx.href(m))\"><title>\(HTML.escape(ctx.names.display(m) + ", " + chronology.text(m)))</title>"
                svg += "<rect class=\"yearbar\" x=\"\(f(x1))\" y=\"\(f(y - 4))\" width=\"\(f(x2 - x1))\" height=\"8\" rx=\"4\"/>"
                svg += label(m, from: x1, to: x2, y: y, suffix: " · " + chronology.text(m)) + "</a>\n"
                row += 1
            }
        }
        return svg + "</svg>\n<figcaption>\(ctx.t("Filled marks: meetings held; hollow marks: planned meetings; faint bars: meetings known only by year. Each mark links to the meeting's page."))</figcaption>\n</figure>\n"
    }
}
