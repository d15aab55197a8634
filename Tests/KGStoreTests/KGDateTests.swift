import Testing
@testable import KGStore

@Suite struct KGDateTests {
    @Test(arguments: [
        ("2024-10-10", 2024, 10, 10),
        ("2018-05", 2018, 5, 0),
        ("2024-02-29", 2024, 2, 29),   // divisible by 4
        ("2000-02-29", 2000, 2, 29),   // divisible by 400
        ("2023-02-28", 2023, 2, 28),
        ("2023-12-31", 2023, 12, 31),
        ("2023-04-30", 2023, 4, 30),
        ("0001-01-01", 1, 1, 1),
    ])
    func parsesValidDates(text: String, year: Int, month: Int, day: Int) throws {
        let d = try #require(KGDate(iso: text))
        #expect(Int(d.year) == year)
        #expect(Int(d.month) == month)
        #expect(Int(d.day) == day)
        #expect(d.hasDay == (day != 0))
        #expect(d.description == text)
    }

    @Test(arguments: [
        "2023-02-29",   // not a leap year
        "1900-02-29",   // divisible by 100 but not by 400
        "2024-02-30",
        "2024-04-31",
        "2024-06-31",
        "2024-09-31",
        "2024-11-31",
        "2024-01-32",
        "2024-13",
        "2024-00",
        "2024-13-01",
        "2024-01-00",
        "2024-1-01",
        "24-01-01",
        "2024-01-1",
        "2024",
        "2024-01-01-01",
        "",
        "abcd-01",
        "2024-0a",
    ])
    func rejectsInvalidDates(text: String) {
        #expect(KGDate(iso: text) == nil)
    }

    @Test func descriptionPadsFields() {
        #expect(KGDate(year: 987, month: 3, day: 4).description == "0987-03-04")
        #expect(KGDate(year: 2018, month: 5).description == "2018-05")
    }

    @Test func datesOrderChronologicallyWithMonthBeforeItsFirstDay() throws {
        let texts = ["2017-12-31", "2018-05", "2018-05-01", "2018-05-02", "2018-05-31", "2018-06", "2019-01-01"]
        let dates = try texts.map { try #require(KGDate(iso: $0)) }
        for i in dates.indices {
            for j in dates.indices {
                #expect((dates[i] < dates[j]) == (i < j), "\(texts[i]) vs \(texts[j])")
            }
        }
    }
}
