import Customs
import Testing

/// `Plural`: counts read naturally in every message.
struct PluralTests {
    @Test(arguments: [
        (0, "row", "0 rows"), (1, "row", "1 row"), (2, "row", "2 rows"), (-1, "row", "-1 rows"),
        (1, "entry", "1 entry"), (3, "entry", "3 entries"), (2, "directory link", "2 directory links"),
        (2, "key", "2 keys"), (2, "match", "2 matches"), (2, "row group", "2 row groups"),
        (1, "row group", "1 row group"),
    ])
    func countTakesTheNumberItsNounNeeds(count: Int, noun: String, expected: String) {
        #expect(Plural.count(count, noun) == expected)
    }

    @Test func anIrregularPluralIsGiven() {
        #expect(Plural.count(1, "child", plural: "children") == "1 child")
        #expect(Plural.count(2, "child", plural: "children") == "2 children")
        #expect(Plural.count(UInt64(1), "byte") == "1 byte")
        #expect(Plural.word(30, "run") == "runs")
    }

    @Test func aGroupedCountHasThousandsSeparators() {
        #expect(Plural.count(12_345, "line", grouped: true) == "12,345 lines")
        #expect(Plural.count(1, "line", grouped: true) == "1 line")
        #expect(Plural.count(Int64(-1_000), "line", grouped: true) == "-1,000 lines")
        #expect(Plural.number(999) == "999" && Plural.number(1_000_000) == "1,000,000")
    }
}
