import KGStore

/// What a state's page adds, and the overview of all states (`states.html`):
/// memberships and presidencies, meetings attended (the derived `attended/2` where the
/// rules define it, else the stated `participated_in/2`), practices it shares (`shared_by/2`)
/// with the other holders of each.
enum StatePage {
    static func memberships(_ state: Term, _ model: SiteModel) -> [SiteFact] {
        model.facts(model.outgoing[state]).filter { $0.name == "member_of" && $0.arguments[1].isNode }
    }

    /// The attendance facts of a state, meetings in chronological order.
    static func attendance(_ state: Term, _ model: SiteModel) -> [SiteFact] {
        let relation = model.facts.contains { $0.name == "attended" } ? "attended" : "participated_in"
        let facts = model.facts(model.outgoing[state]).filter { $0.name == relation && $0.arguments[1].isNode }
        var byMeeting: [Term: SiteFact] = [:]
        for f in facts { byMeeting[f.arguments[1]] = f }
        let order = model.chronology.sorted(Array(byMeeting.keys), tieOrder: model.sortedByName(Array(byMeeting.keys)))
        return order.compactMap { byMeeting[$0] }
    }

    static func practices(_ state: Term, _ model: SiteModel) -> [SiteFact] {
        let facts = model.facts(model.incoming[state]).filter { $0.name == "shared_by" }
        var byPractice: [Term: SiteFact] = [:]
        for f in facts { byPractice[f.arguments[0]] = f }
        return model.sortedByName(Array(byPractice.keys)).compactMap { byPractice[$0] }
    }

    static func sections(_ state: Term, ctx: PageContext) -> String {
        let model = ctx.model
        var out = ""

        let members = ctx.sortedEdges(memberships(state, model), column: 1)
        let presidencies = model.facts(model.mentions[state]).filter {
            $0.name == "pro_tempore_presidency" && $0.arguments.count == 3 && $0.arguments[1] == state
        }
        if !members.isEmpty || !presidencies.isEmpty {
            var body = ctx.edgeTable(members, column: 1, heading: ("", "Body"))
            if !presidencies.isEmpty {
                body += "<h3>\(ctx.t("Presidency pro tempore"))</h3>\n<table class=\"facts\">\n<thead><tr><th>\(ctx.t("Body"))</th><th>\(ctx.t("Year"))</th><th>\(ctx.t("Sources"))</th></tr></thead>\n<tbody>\n"
                for p in presidencies {
                    body += "<tr><td>\(ctx.value(p.arguments[0]))</td><td>\(ctx.value(p.arguments[2]))</td><td class=\"srcs\">\(ctx.sources(p))</td></tr>\n"
                }
                body += "</tbody>\n</table>\n"
            }
            out += EntityPage.section(ctx.t("Memberships"), body)
        }

        let attended = attendance(state, model)
        if !attended.isEmpty {
            var body = "<table class=\"facts meetings\">\n<thead><tr><th>\(ctx.t("When"))</th><th>\(ctx.t("Meeting"))</th><th>\(ctx.t("Sources"))</th></tr></thead>\n<tbody>\n"
            for f in attended {
                let m = f.arguments[1]
                body += "<tr><td class=\"when\">\(HTML.escape(model.chronology.text(m)))</td><td>\(ctx.link(m))</td><td class=\"srcs\">\(ctx.sources(f))</td></tr>\n"
            }
            body += "</tbody>\n</table>\n"
            out += EntityPage.section(ctx.t("Meetings attended (%1)", attended.count), body)
        }

        let shared = practices(state, model)
        if !shared.isEmpty {
            var body = "<table class=\"facts\">\n<thead><tr><th>\(ctx.t("Practice"))</th><th>\(ctx.t("Also shared by"))</th><th>\(ctx.t("Presented in"))</th><th>\(ctx.t("Sources"))</th></tr></thead>\n<tbody>\n"
            for f in shared {
                let practice = f.arguments[0]
                let others = model.facts(model.outgoing[practice]).filter { $0.name == "shared_by" && $0.arguments[1] != state }.map { $0.arguments[1] }
                let sessions = model.facts(model.outgoing[practice]).filter { $0.name == "presented_in" }.map { $0.arguments[1] }
                body += "<tr><td>\(ctx.link(practice))</td><td>\(model.sortedByName(others).map { ctx.link($0) }.joined(separator: ", "))</td>"
                body += "<td>\(model.sortedByName(sessions).map { ctx.link($0) }.joined(separator: ", "))</td><td class=\"srcs\">\(ctx.sources(f))</td></tr>\n"
            }
            body += "</tbody>\n</table>\n"
            out += EntityPage.section(ctx.t("Practices shared (%1)", shared.count), body)
        }
        return out
    }

    /// `states.html`: every state with its memberships and counts.
    static func overview(model: SiteModel) -> String {
        let ctx = PageContext(model: model, root: "")
        let states = model.sortedByName(model.entities.filter { model.isA($0, "state") })
        var main = "<h1>\(ctx.t("States"))</h1>\n<p>\(ctx.t("%1 states. Each name leads to the state's page: memberships, meetings attended, practices shared.", states.count))</p>\n"
        main += "<table class=\"facts\">\n<thead><tr><th>\(ctx.t("State"))</th><th>\(ctx.t("Member of"))</th><th>\(ctx.t("Meetings attended"))</th><th>\(ctx.t("Practices shared"))</th></tr></thead>\n<tbody>\n"
        for s in states {
            let bodies = model.sortedByName(Array(Set(memberships(s, model).map { $0.arguments[1] })))
            main += "<tr><td>\(ctx.link(s))</td><td>\(bodies.map { ctx.link($0, text: model.names.acronyms[$0]?.first?.text ?? model.names.display($0)) }.joined(separator: ", "))</td>"
            main += "<td class=\"num\">\(attendance(s, model).count)</td><td class=\"num\">\(practices(s, model).count)</td></tr>\n"
        }
        main += "</tbody>\n</table>\n"
        return HTML.page(title: ctx.t("States"), ctx: ctx, path: "states.html", main: main)
    }
}
